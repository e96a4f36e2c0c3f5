package main

/*
#include "capi.h"
*/
import "C"

import (
	"fmt"
	"time"
	"unsafe"

	"secur32/engine"
)

const (
	bufReadOnly      = 0x80000000 // SECBUFFER_READONLY: never written, so unusable for records
	bufStreamTrailer = 6
	bufStreamHeader  = 7
)

//export gosspi_EncryptMessage
func gosspi_EncryptMessage(ph *C.CtxtHandle, qop C.ULONG, msg *C.SecBufferDesc, seq C.ULONG) (st C.SECURITY_STATUS) {
	if tracing {
		defer traceCall("EncryptMessage", time.Now(), &st, func() string {
			return fmt.Sprintf("ctx=%s qop=%d msg=%s", traceHandle(ph), uint32(qop), traceDesc(msg))
		})
	}
	defer boundary(&st)
	reapOrphans()
	ctx := lookupCtx(ph)
	if ctx == nil {
		return status(engine.StatusInvalidHandle)
	}
	if qop != 0 {
		return status(engine.StatusQOPNotSupported)
	}
	bufs, ok := buffers(msg)
	if !ok || msg == nil {
		return status(engine.StatusInvalidToken)
	}
	var hdr, data, trl *C.SecBuffer
	for i := range bufs {
		b := &bufs[i]
		switch btype(b) {
		case bufStreamHeader:
			if hdr == nil {
				hdr = b
			}
		case bufData:
			if data == nil {
				data = b
			}
		case bufStreamTrailer:
			if trl == nil {
				trl = b
			}
		}
	}
	if hdr == nil || data == nil || trl == nil || hdr.pvBuffer == nil || trl.pvBuffer == nil ||
		(uint32(hdr.BufferType)|uint32(data.BufferType)|uint32(trl.BufferType))&bufReadOnly != 0 ||
		(data.pvBuffer == nil && data.cbBuffer > 0) {
		return status(engine.StatusInvalidToken)
	}
	h, t, s := ctx.Encrypt(bytesOf(hdr), bytesOf(data), bytesOf(trl))
	if s != engine.StatusOK {
		return status(s)
	}
	hdr.cbBuffer = C.ULONG(h)
	trl.cbBuffer = C.ULONG(t)
	return status(engine.StatusOK)
}

//export gosspi_DecryptMessage
func gosspi_DecryptMessage(ph *C.CtxtHandle, msg *C.SecBufferDesc, seq C.ULONG, qop *C.ULONG) (st C.SECURITY_STATUS) {
	if tracing {
		defer traceCall("DecryptMessage", time.Now(), &st, func() string {
			return fmt.Sprintf("ctx=%s msg=%s", traceHandle(ph), traceDesc(msg))
		})
	}
	defer boundary(&st)
	reapOrphans()
	ctx := lookupCtx(ph)
	if ctx == nil {
		return status(engine.StatusInvalidHandle)
	}
	bufs, ok := buffers(msg)
	if !ok || len(bufs) < 4 {
		return status(engine.StatusInvalidToken)
	}
	var data *C.SecBuffer
	var empty []*C.SecBuffer
	for i := range bufs {
		b := &bufs[i]
		switch btype(b) {
		case bufData:
			if data != nil {
				return status(engine.StatusInvalidToken)
			}
			data = b
		case bufEmpty:
			empty = append(empty, b)
		}
	}
	if data == nil || len(empty) < 3 || (data.pvBuffer == nil && data.cbBuffer > 0) {
		return status(engine.StatusInvalidToken)
	}
	if qop != nil {
		*qop = 0
	}
	in := bytesOf(data)
	r := ctx.Decrypt(in)
	switch r.Status {
	case engine.StatusIncompleteMessage:
		data.BufferType = bufMissing
		data.cbBuffer = C.ULONG(r.Missing)
		return status(r.Status)
	case engine.StatusOK, engine.StatusRenegotiate, engine.StatusContextExpiredInfo:
	default:
		return status(r.Status)
	}
	base := unsafe.Pointer(data.pvBuffer)
	total := len(in)
	data.BufferType = bufStreamHeader
	data.cbBuffer = C.ULONG(r.HeaderLen)
	empty[0].BufferType = bufData
	empty[0].pvBuffer = unsafe.Add(base, r.HeaderLen)
	empty[0].cbBuffer = C.ULONG(r.DataLen)
	empty[1].BufferType = bufStreamTrailer
	empty[1].pvBuffer = unsafe.Add(base, r.HeaderLen+r.DataLen)
	empty[1].cbBuffer = C.ULONG(r.RecordLen - r.HeaderLen - r.DataLen)
	if extra := total - r.RecordLen; extra > 0 {
		empty[2].BufferType = bufExtra
		empty[2].pvBuffer = unsafe.Add(base, r.RecordLen)
		empty[2].cbBuffer = C.ULONG(extra)
	}
	return status(r.Status)
}

//export gosspi_ApplyControlToken
func gosspi_ApplyControlToken(ph *C.CtxtHandle, in *C.SecBufferDesc) (st C.SECURITY_STATUS) {
	if tracing {
		defer traceCall("ApplyControlToken", time.Now(), &st, func() string {
			return fmt.Sprintf("ctx=%s in=%s", traceHandle(ph), traceDesc(in))
		})
	}
	defer boundary(&st)
	reapOrphans()
	ctx := lookupCtx(ph)
	if ctx == nil {
		return status(engine.StatusInvalidHandle)
	}
	if in == nil {
		return status(engine.StatusInvalidParameter)
	}
	bufs, ok := buffers(in)
	if !ok || len(bufs) != 1 || btype(&bufs[0]) != bufToken || (bufs[0].pvBuffer == nil && bufs[0].cbBuffer > 0) {
		return status(engine.StatusInvalidToken)
	}
	return status(ctx.ApplyControl(bytesOf(&bufs[0])))
}
