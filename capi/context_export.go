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

const maxBuffers = 1 << 16

// SecBuffer types (sspi.h).
const (
	bufEmpty    = 0
	bufData     = 1
	bufToken    = 2
	bufMissing  = 4
	bufExtra    = 5
	bufAlert    = 17
	bufALPN     = 18
	bufTypeMask = 0x0FFFFFFF
)

// buffers returns the SecBuffer array of d as a Go slice (a view of C
// memory), or ok == false when the descriptor is unusable.
func buffers(d *C.SecBufferDesc) ([]C.SecBuffer, bool) {
	if d == nil {
		return nil, true
	}
	if d.cBuffers == 0 {
		return nil, true
	}
	if d.pBuffers == nil || d.cBuffers > maxBuffers {
		return nil, false
	}
	return unsafe.Slice(d.pBuffers, int(d.cBuffers)), true
}

func btype(b *C.SecBuffer) uint32 { return uint32(b.BufferType) & bufTypeMask }

// bytesOf views a SecBuffer's bytes (C memory, borrowed for the call).
func bytesOf(b *C.SecBuffer) []byte {
	if b.cbBuffer == 0 || b.pvBuffer == nil {
		return nil
	}
	return unsafe.Slice((*byte)(b.pvBuffer), int(b.cbBuffer))
}

// writeOut places out in an output buffer: in a fresh malloc block when
// allocate is set or pvBuffer is NULL, else in the caller's memory (the
// engine has already checked that it fits).
func writeOut(b *C.SecBuffer, out []byte, allocate bool, typ uint32) {
	if b == nil {
		return
	}
	if allocate || b.pvBuffer == nil {
		if len(out) == 0 {
			b.pvBuffer = nil
			b.cbBuffer = 0
			return
		}
		p := C.secur32_alloc(C.size_t(len(out)))
		copy(unsafe.Slice((*byte)(p), len(out)), out)
		b.pvBuffer = p
	} else if len(out) > int(b.cbBuffer) {
		out = nil // cannot happen for handshake output (the engine checked); an alert that does not fit is dropped
	} else if len(out) > 0 {
		copy(unsafe.Slice((*byte)(b.pvBuffer), int(b.cbBuffer)), out)
	}
	b.cbBuffer = C.ULONG(len(out))
	b.BufferType = C.ULONG(typ)
}

//export gosspi_Handshake
func gosspi_Handshake(server C.int, phCredential *C.CredHandle, phContext *C.CtxtHandle,
	target unsafe.Pointer, wide C.int, req C.ULONG, pInput *C.SecBufferDesc,
	phNewContext *C.CtxtHandle, pOutput *C.SecBufferDesc, pAttr *C.ULONG, expiry *C.TimeStamp) (st C.SECURITY_STATUS) {
	if tracing {
		defer traceCall(map[C.int]string{0: "InitializeSecurityContext", 1: "AcceptSecurityContext"}[server], time.Now(), &st, func() string {
			return fmt.Sprintf("cred=%s ctx=%s req=0x%x in=%s new=%s out=%s", traceHandle(phCredential), traceHandle(phContext), uint32(req), traceDesc(pInput), traceHandle(phNewContext), traceDesc(pOutput))
		})
	}
	defer boundary(&st)

	thread := uint64(C.secur32_thread_token())
	engine.ReapOrphans(thread)

	// Handles first: the context, or (first call) the credential.
	var ctx *engine.Context
	cred := lookupCred(phCredential)
	if phContext != nil {
		ctx = lookupCtx(phContext)
		if ctx == nil || ctx.IsServer() != (server != 0) {
			return status(engine.StatusInvalidHandle)
		}
	} else {
		if cred == nil {
			return status(engine.StatusInvalidHandle)
		}
		if phNewContext == nil {
			return status(engine.StatusInvalidParameter) // nowhere to put the new context
		}
		if (server != 0 && cred.Use&engine.CredInbound == 0) || (server == 0 && cred.Use&engine.CredOutbound == 0) {
			return status(engine.StatusNoCredentials)
		}
	}

	// Output descriptor: a TOKEN buffer (or the first EMPTY) and an
	// optional ALERT buffer.
	outBufs, ok := buffers(pOutput)
	if !ok || len(outBufs) == 0 {
		return status(engine.StatusInvalidToken)
	}
	var tok, alert *C.SecBuffer
	for i := range outBufs {
		switch btype(&outBufs[i]) {
		case bufToken:
			if tok == nil {
				tok = &outBufs[i]
			}
		case bufAlert:
			if alert == nil {
				alert = &outBufs[i]
			}
		}
	}
	if tok == nil {
		for i := range outBufs {
			if btype(&outBufs[i]) == bufEmpty {
				tok = &outBufs[i]
				break
			}
		}
	}
	if tok == nil {
		return status(engine.StatusInvalidToken)
	}
	allocate := req&engine.IscReqAllocateMemory != 0 // same bit for ASC_REQ_ALLOCATE_MEMORY
	if !allocate && (tok.cbBuffer == 0 || (alert != nil && alert.cbBuffer == 0)) {
		if pAttr != nil {
			*pAttr = engine.AttrsInsufficientMemory
		}
		return status(engine.StatusInsufficientMemory)
	}

	// Input descriptor.
	in := engine.StepInput{ContextReq: uint32(req), OutputLimit: -1, Cred: cred, InputNull: true, Thread: thread}
	if !allocate && tok.pvBuffer != nil {
		in.OutputLimit = int(tok.cbBuffer)
	}
	inBufs, ok := buffers(pInput)
	if !ok {
		return status(engine.StatusInvalidToken)
	}
	var slot *C.SecBuffer // where EXTRA / MISSING go
	var tokenBuf *C.SecBuffer
	for i := range inBufs {
		b := &inBufs[i]
		switch btype(b) {
		case bufToken:
			if tokenBuf == nil {
				if b.pvBuffer == nil && b.cbBuffer > 0 {
					return status(engine.StatusInvalidToken)
				}
				tokenBuf = b
				in.InputNull = false
				in.Token = bytesOf(b)
			}
		case bufEmpty:
			if b.cbBuffer != 0 {
				return status(engine.StatusInvalidToken)
			}
			if slot == nil && tokenBuf != nil {
				slot = b
			}
		case bufALPN:
			protos, s := engine.ParseApplicationProtocols(bytesOf(b))
			if s != engine.StatusOK {
				return status(s)
			}
			in.ALPN, in.HasALPN = protos, true
		}
	}
	in.HasExtraSlot = slot != nil

	newCtx := ctx == nil
	if newCtx {
		if server != 0 {
			ctx = engine.NewServerContext(cred)
		} else {
			name, _ := goString(target, wide)
			ctx = engine.NewClientContext(cred, name)
		}
	}
	res := ctx.Step(in)

	if pAttr != nil {
		*pAttr = C.ULONG(res.Attrs)
	}
	if res.Status == engine.StatusIncompleteMessage {
		if slot != nil {
			slot.BufferType = bufMissing
			slot.cbBuffer = C.ULONG(res.Missing)
		}
		if newCtx {
			ctx.CloseOn(thread)
		}
		return status(res.Status)
	}
	if res.Status == engine.StatusBufferTooSmall && !newCtx {
		return status(res.Status)
	}

	success := res.Status == engine.StatusOK || res.Status == engine.StatusContinueNeeded || res.Status == engine.StatusIncompleteCredsInfo
	if success {
		if newCtx {
			putHandle(phNewContext, ctxTable.Add(ctx))
		} else if phNewContext != nil && res.WriteHandle {
			*phNewContext = *phContext
		}
		writeOut(tok, res.Output, allocate, bufToken)
		if alert != nil {
			writeOut(alert, nil, allocate, bufAlert)
		}
		if extra := len(in.Token) - res.Consumed; extra > 0 && slot != nil && res.Status != engine.StatusIncompleteCredsInfo {
			slot.BufferType = bufExtra
			slot.cbBuffer = C.ULONG(extra)
			slot.pvBuffer = unsafe.Pointer(&in.Token[res.Consumed])
		}
		if expiry != nil {
			v := int64(0)
			if res.Status == engine.StatusOK {
				v = res.Expiry
			}
			C.secur32_set_timestamp(expiry, C.int64_t(v))
		}
		return status(res.Status)
	}

	// Failure: the output token holds the fatal alert (extended errors) or
	// nothing.
	if newCtx {
		ctx.CloseOn(thread)
	}
	if res.Status != engine.StatusBufferTooSmall {
		writeOut(tok, res.Output, allocate, bufToken)
		if alert != nil {
			writeOut(alert, res.Output, allocate, bufAlert)
		}
	}
	return status(res.Status)
}

//export gosspi_DeleteSecurityContext
func gosspi_DeleteSecurityContext(ph *C.CtxtHandle) (st C.SECURITY_STATUS) {
	if tracing {
		defer traceCall("DeleteSecurityContext", time.Now(), &st, func() string {
			return traceHandle(ph)
		})
	}
	defer boundary(&st)
	thread := uint64(C.secur32_thread_token())
	engine.ReapOrphans(thread)
	if ph == nil {
		return status(engine.StatusInvalidHandle)
	}
	ctx, ok := ctxTable.Remove(toHandle(ph))
	if !ok {
		return status(engine.StatusInvalidHandle)
	}
	ctx.CloseOn(thread)
	return status(engine.StatusOK)
}
