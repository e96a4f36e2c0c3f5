package main

/*
#include "capi.h"
*/
import "C"

import (
	"unsafe"

	"secur32/engine"
)

// Context attribute ids answered here (SECPKG_ATTR_*).
const (
	attrStreamSizes         = 4
	attrApplicationProtocol = 35
	attrConnectionInfo      = 0x5a
)

//export gosspi_QueryContextAttributes
func gosspi_QueryContextAttributes(ph *C.CtxtHandle, attr C.ULONG, buf unsafe.Pointer, wide C.int) (st C.SECURITY_STATUS) {
	defer boundary(&st)
	ctx := lookupCtx(ph)
	if ctx == nil {
		return status(engine.StatusInvalidHandle)
	}
	if buf == nil {
		return status(engine.StatusInvalidParameter)
	}
	switch attr {
	case attrStreamSizes:
		s, ok := ctx.StreamSizes()
		if !ok {
			return status(engine.StatusInvalidHandle)
		}
		out := (*C.SecPkgContext_StreamSizes)(buf)
		out.cbHeader = C.ULONG(s.Header)
		out.cbTrailer = C.ULONG(s.Trailer)
		out.cbMaximumMessage = C.ULONG(s.MaxMessage)
		out.cBuffers = C.ULONG(s.Buffers)
		out.cbBlockSize = C.ULONG(s.BlockSize)
	case attrConnectionInfo:
		ci, ok := ctx.ConnectionInfo()
		if !ok {
			return status(engine.StatusInvalidHandle)
		}
		out := (*C.SecPkgContext_ConnectionInfo)(buf)
		out.dwProtocol = C.DWORD(ci.Protocol)
		out.aiCipher = C.ALG_ID(ci.Cipher)
		out.dwCipherStrength = C.DWORD(ci.CipherStrength)
		out.aiHash = C.ALG_ID(ci.Hash)
		out.dwHashStrength = C.DWORD(ci.HashStrength)
		out.aiExch = C.ALG_ID(ci.Exchange)
		out.dwExchStrength = C.DWORD(ci.ExchStrength)
	case attrApplicationProtocol:
		ap := ctx.ApplicationProtocol()
		out := (*C.SecPkgContext_ApplicationProtocol)(buf)
		*out = C.SecPkgContext_ApplicationProtocol{}
		out.ProtoNegoStatus = C.SEC_APPLICATION_PROTOCOL_NEGOTIATION_STATUS(ap.Status)
		out.ProtoNegoExt = C.SEC_APPLICATION_PROTOCOL_NEGOTIATION_EXT(ap.Ext)
		out.ProtocolIdSize = C.uchar(len(ap.Protocol))
		for i := 0; i < len(ap.Protocol) && i < len(out.ProtocolId); i++ {
			out.ProtocolId[i] = C.uchar(ap.Protocol[i])
		}
	default:
		return status(engine.StatusUnsupportedFunction)
	}
	return status(engine.StatusOK)
}
