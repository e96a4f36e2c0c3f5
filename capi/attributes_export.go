package main

/*
#include "capi.h"
*/
import "C"

import (
	"unicode/utf16"
	"unsafe"

	"secur32/engine"
)

// Context attribute ids answered here (SECPKG_ATTR_*, spec §2.9).
const (
	attrSizes               = 0
	attrLifespan            = 2
	attrStreamSizes         = 4
	attrKeyInfo             = 5
	attrPackageInfo         = 10
	attrFlags               = 14
	attrUniqueBindings      = 25
	attrEndpointBindings    = 26
	attrApplicationProtocol = 35
	attrRemoteCertContext   = 0x53
	attrLocalCertContext    = 0x54
	attrIssuerListEx        = 0x59
	attrConnectionInfo      = 0x5a
	attrSessionInfo         = 0x5d
	attrAppData             = 0x5e
	attrCipherInfo          = 0x64
	attrSupportedSignatures = 0x66
	attrEarlyStart          = 0x69
	attrKeyingMaterialInfo  = 0x6a
	attrKeyingMaterial      = 0x6b
	attrConnectionInfoEx    = 0x6e
)

// Limits on what SetContextAttributes copies from the caller.
const maxAppData = 1 << 20

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
	case attrSizes:
		s := ctx.Sizes()
		out := (*C.SecPkgContext_Sizes)(buf)
		out.cbMaxToken = C.ULONG(s.MaxToken)
		out.cbMaxSignature = C.ULONG(s.MaxSignature)
		out.cbBlockSize = C.ULONG(s.BlockSize)
		out.cbSecurityTrailer = C.ULONG(s.SecurityTrailer)
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
	case attrFlags:
		(*C.SecPkgContext_Flags)(buf).Flags = C.ULONG(ctx.Flags())
	case attrSupportedProtocols:
		(*C.SecPkgCred_SupportedProtocols)(buf).grbitProtocol = C.DWORD(ctx.SupportedProtocols())
	case attrPackageInfo:
		p := C.secur32_alloc_pkginfo(0, 1, wide)
		if p == nil {
			return status(engine.StatusInsufficientMemory)
		}
		*(*unsafe.Pointer)(buf) = p // SecPkgContext_PackageInfoA/W: one pointer
	case attrLifespan:
		start, expiry, s := ctx.Lifespan()
		if s != engine.StatusOK {
			return status(s)
		}
		out := (*C.SecPkgContext_Lifespan)(buf)
		C.secur32_set_timestamp(&out.tsStart, C.int64_t(start))
		C.secur32_set_timestamp(&out.tsExpiry, C.int64_t(expiry))
	case attrKeyInfo:
		return status(queryKeyInfo(ctx, buf, wide))
	case attrConnectionInfoEx:
		return status(queryConnectionInfoEx(ctx, buf))
	case attrCipherInfo:
		return status(queryCipherInfo(ctx, buf))
	case attrUniqueBindings:
		return status(writeBindings(buf)(ctx.UniqueBindings()))
	case attrEndpointBindings:
		return status(writeBindings(buf)(ctx.EndpointBindings()))
	case attrRemoteCertContext:
		return status(writeCertContext(buf)(ctx.RemoteCertificates()))
	case attrLocalCertContext:
		return status(writeCertContext(buf)(ctx.LocalCertificates()))
	case attrIssuerListEx:
		return status(queryIssuerList(ctx, buf))
	case attrSessionInfo:
		si, s := ctx.SessionInfo()
		if s != engine.StatusOK {
			return status(s)
		}
		out := (*C.SecPkgContext_SessionInfo)(buf)
		*out = C.SecPkgContext_SessionInfo{}
		out.dwFlags = C.DWORD(si.Flags)
		for i := 0; i < len(si.ID) && i < len(out.rgbSessionId); i++ {
			out.rgbSessionId[i] = C.BYTE(si.ID[i])
			out.cbSessionId++
		}
	case attrAppData:
		data := ctx.AppData()
		p, ok := allocCopy(data)
		if !ok {
			return status(engine.StatusInsufficientMemory)
		}
		out := (*C.SecPkgContext_SessionAppData)(buf)
		out.dwFlags = 0
		out.cbAppData = C.DWORD(len(data))
		out.pbAppData = (*C.BYTE)(p)
	case attrKeyingMaterial:
		km, s := ctx.KeyingMaterial()
		if s != engine.StatusOK {
			return status(s)
		}
		p, ok := allocCopy(km)
		if !ok {
			return status(engine.StatusInsufficientMemory)
		}
		out := (*C.SecPkgContext_KeyingMaterial)(buf)
		out.cbKeyingMaterial = C.DWORD(len(km))
		out.pbKeyingMaterial = (*C.BYTE)(p)
	case attrSupportedSignatures:
		sigs, s := ctx.SupportedSignatures()
		if s != engine.StatusOK {
			return status(s)
		}
		b := make([]byte, 2*len(sigs))
		for i, v := range sigs {
			b[2*i], b[2*i+1] = byte(v), byte(v>>8) // WORDs, little-endian
		}
		p, ok := allocCopy(b)
		if !ok {
			return status(engine.StatusInsufficientMemory)
		}
		out := (*C.SecPkgContext_SupportedSignatures)(buf)
		out.cSignatureAndHashAlgorithms = C.WORD(len(sigs))
		out.pSignatureAndHashAlgorithms = (*C.WORD)(p)
	default:
		return status(engine.StatusUnsupportedFunction)
	}
	return status(engine.StatusOK)
}

func queryKeyInfo(ctx *engine.Context, buf unsafe.Pointer, wide C.int) engine.Status {
	ki, s := ctx.KeyInfo()
	if s != engine.StatusOK {
		return s
	}
	sig, ok1 := allocString(ki.SignatureName, wide)
	enc, ok2 := allocString(ki.EncryptName, wide)
	if !ok1 || !ok2 {
		C.FreeContextBuffer(sig)
		C.FreeContextBuffer(enc)
		return engine.StatusInsufficientMemory
	}
	// SecPkgContext_KeyInfoA and W share the layout; only the string
	// encoding differs.
	out := (*C.SecPkgContext_KeyInfoA)(buf)
	out.sSignatureAlgorithmName = (*C.SEC_CHAR)(sig)
	out.sEncryptAlgorithmName = (*C.SEC_CHAR)(enc)
	out.KeySize = C.ULONG(ki.KeySize)
	out.SignatureAlgorithm = C.ULONG(ki.SignatureAlg)
	out.EncryptAlgorithm = C.ULONG(ki.EncryptAlg)
	return engine.StatusOK
}

func queryConnectionInfoEx(ctx *engine.Context, buf unsafe.Pointer) engine.Status {
	ci, s := ctx.ConnectionInfoEx()
	if s != engine.StatusOK {
		return s
	}
	out := (*C.SecPkgContext_ConnectionInfoEx)(buf)
	*out = C.SecPkgContext_ConnectionInfoEx{}
	out.dwVersion = C.SECPKGCONTEXT_CONNECTION_INFO_EX_V1
	out.dwProtocol = C.DWORD(ci.Protocol)
	setWide(out.szCipher[:], ci.Cipher)
	out.dwCipherStrength = C.DWORD(ci.CipherStrength)
	setWide(out.szHash[:], ci.Hash)
	out.dwHashStrength = C.DWORD(ci.HashStrength)
	setWide(out.szExchange[:], ci.Exchange)
	out.dwExchStrength = C.DWORD(ci.ExchStrength)
	return engine.StatusOK
}

func queryCipherInfo(ctx *engine.Context, buf unsafe.Pointer) engine.Status {
	ci, s := ctx.CipherInfo()
	if s != engine.StatusOK {
		return s
	}
	out := (*C.SecPkgContext_CipherInfo)(buf)
	*out = C.SecPkgContext_CipherInfo{}
	out.dwVersion = C.SECPKGCONTEXT_CIPHERINFO_V1
	out.dwProtocol = C.DWORD(ci.Protocol)
	out.dwCipherSuite = C.DWORD(ci.CipherSuite)
	out.dwBaseCipherSuite = C.DWORD(ci.BaseCipherSuite)
	setWide(out.szCipherSuite[:], ci.CipherSuiteName)
	setWide(out.szCipher[:], ci.Cipher)
	out.dwCipherLen = C.DWORD(ci.CipherLen)
	out.dwCipherBlockLen = C.DWORD(ci.CipherBlockLen)
	setWide(out.szHash[:], ci.Hash)
	out.dwHashLen = C.DWORD(ci.HashLen)
	setWide(out.szExchange[:], ci.Exchange)
	out.dwMinExchangeLen = C.DWORD(ci.MinExchangeLen)
	out.dwMaxExchangeLen = C.DWORD(ci.MaxExchangeLen)
	setWide(out.szCertificate[:], ci.Certificate)
	out.dwKeyType = C.DWORD(ci.KeyType)
	return engine.StatusOK
}

// writeBindings returns a writer of an engine SEC_CHANNEL_BINDINGS blob into
// the SecPkgContext_Bindings at buf, as one FreeContextBuffer allocation.
func writeBindings(buf unsafe.Pointer) func([]byte, engine.Status) engine.Status {
	return func(blob []byte, s engine.Status) engine.Status {
		if s != engine.StatusOK {
			return s
		}
		p, ok := allocCopy(blob)
		if !ok {
			return engine.StatusInsufficientMemory
		}
		out := (*C.SecPkgContext_Bindings)(buf)
		out.BindingsLength = C.ULONG(len(blob))
		out.Bindings = (*C.SEC_CHANNEL_BINDINGS)(p)
		return engine.StatusOK
	}
}

// writeCertContext returns a writer of a DER chain (leaf first) into the
// PCCERT_CONTEXT at buf: a new reference to the leaf, living in a memory
// store that holds the whole chain (spec §11.1).
func writeCertContext(buf unsafe.Pointer) func([][]byte, engine.Status) engine.Status {
	return func(chain [][]byte, s engine.Status) engine.Status {
		if s != engine.StatusOK {
			return s
		}
		certs := make([]*engine.Certificate, 0, len(chain))
		for i, der := range chain {
			c, err := engine.ParseCertificate(der)
			if err != nil {
				if i == 0 {
					// crypto/tls parsed it during the handshake.
					return engine.StatusInternalError
				}
				continue
			}
			certs = append(certs, c)
		}
		p := exportCertChain(certs)
		if p == nil {
			return engine.StatusInsufficientMemory
		}
		*(**C.CERT_CONTEXT)(buf) = p
		return engine.StatusOK
	}
}

// queryIssuerList writes SecPkgContext_IssuerListInfoEx: the CERT_NAME_BLOB
// array followed by the names, in one FreeContextBuffer allocation (NULL
// when there are none).
func queryIssuerList(ctx *engine.Context, buf unsafe.Pointer) engine.Status {
	names := ctx.IssuerList()
	out := (*C.SecPkgContext_IssuerListInfoEx)(buf)
	out.aIssuers = nil
	out.cIssuers = 0
	if len(names) == 0 {
		return engine.StatusOK
	}
	blobSize := int(unsafe.Sizeof(C.CERT_NAME_BLOB{}))
	size := blobSize * len(names)
	for _, n := range names {
		size += len(n)
	}
	block := C.secur32_alloc(C.size_t(size))
	if block == nil {
		return engine.StatusInsufficientMemory
	}
	blobs := unsafe.Slice((*C.CERT_NAME_BLOB)(block), len(names))
	data := unsafe.Slice((*byte)(block), size)
	off := blobSize * len(names)
	for i, n := range names {
		blobs[i].cbData = C.DWORD(len(n))
		if len(n) > 0 {
			blobs[i].pbData = (*C.BYTE)(unsafe.Pointer(&data[off]))
			off += copy(data[off:], n)
		}
	}
	out.aIssuers = &blobs[0]
	out.cIssuers = C.DWORD(len(names))
	return engine.StatusOK
}

//export gosspi_SetContextAttributes
func gosspi_SetContextAttributes(ph *C.CtxtHandle, attr C.ULONG, buf unsafe.Pointer, cb C.ULONG) (st C.SECURITY_STATUS) {
	defer boundary(&st)
	ctx := lookupCtx(ph)
	if ctx == nil {
		return status(engine.StatusInvalidHandle)
	}
	var need uintptr
	switch attr {
	case attrKeyingMaterialInfo:
		need = unsafe.Sizeof(C.SecPkgContext_KeyingMaterialInfo{})
	case attrAppData:
		need = unsafe.Sizeof(C.SecPkgContext_SessionAppData{})
	case attrEarlyStart:
		need = unsafe.Sizeof(C.SecPkgContext_EarlyStart{})
	default:
		return status(engine.StatusUnsupportedFunction)
	}
	if buf == nil || uintptr(cb) < need {
		return status(engine.StatusInvalidParameter)
	}
	switch attr {
	case attrKeyingMaterialInfo:
		ki := (*C.SecPkgContext_KeyingMaterialInfo)(buf)
		if ki.pszLabel == nil || ki.cbLabel == 0 {
			return status(engine.StatusInvalidParameter)
		}
		// cbLabel counts the NUL; stop at the first NUL within it so a
		// count without the NUL works too.
		n := C.strnlen((*C.char)(unsafe.Pointer(ki.pszLabel)), C.size_t(ki.cbLabel))
		label := C.GoStringN((*C.char)(unsafe.Pointer(ki.pszLabel)), C.int(n))
		var context []byte
		if ki.cbContextValue > 0 {
			if ki.pbContextValue == nil {
				return status(engine.StatusInvalidParameter)
			}
			context = C.GoBytes(unsafe.Pointer(ki.pbContextValue), C.int(ki.cbContextValue))
		}
		return status(ctx.SetKeyingMaterialInfo(label, context, uint32(ki.cbKeyingMaterial)))
	case attrAppData:
		ad := (*C.SecPkgContext_SessionAppData)(buf)
		if ad.cbAppData > maxAppData || (ad.cbAppData > 0 && ad.pbAppData == nil) {
			return status(engine.StatusInvalidParameter)
		}
		var data []byte
		if ad.cbAppData > 0 {
			data = C.GoBytes(unsafe.Pointer(ad.pbAppData), C.int(ad.cbAppData))
		}
		ctx.SetAppData(data)
	case attrEarlyStart:
		// Accepted; False Start is never used.
	}
	return status(engine.StatusOK)
}

// allocCopy returns a FreeContextBuffer allocation holding b, or NULL for an
// empty b. ok is false when out of memory.
func allocCopy(b []byte) (p unsafe.Pointer, ok bool) {
	if len(b) == 0 {
		return nil, true
	}
	p = C.secur32_alloc(C.size_t(len(b)))
	if p == nil {
		return nil, false
	}
	copy(unsafe.Slice((*byte)(p), len(b)), b)
	return p, true
}

// allocString is cString with an out-of-memory check: a FreeContextBuffer
// allocation of s with a terminator, UTF-8 (wide == 0) or UTF-16.
func allocString(s string, wide C.int) (unsafe.Pointer, bool) {
	if wide == 0 {
		return allocCopy(append([]byte(s), 0))
	}
	u := append(utf16.Encode([]rune(s)), 0)
	p := C.secur32_alloc(C.size_t(2 * len(u)))
	if p == nil {
		return nil, false
	}
	copy(unsafe.Slice((*uint16)(p), len(u)), u)
	return p, true
}

// setWide stores s in a fixed WCHAR array as NUL-terminated UTF-16,
// truncated to fit, and zeroes the rest.
func setWide(dst []C.WCHAR, s string) {
	u := utf16.Encode([]rune(s))
	n := min(len(u), len(dst)-1)
	for i := range dst {
		dst[i] = 0
		if i < n {
			dst[i] = C.WCHAR(u[i])
		}
	}
}
