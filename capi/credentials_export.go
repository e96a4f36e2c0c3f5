package main

/*
#include "capi.h"
*/
import "C"

import (
	"strings"
	"unsafe"

	"secur32/engine"
)

// knownPackage reports whether name is one of the names Schannel answers to
// (case-insensitive, spec §4.1).
func knownPackage(name string) bool {
	switch strings.ToLower(name) {
	case "microsoft unified security protocol provider", "schannel", "default tls ssp":
		return true
	}
	return false
}

//export gosspi_KnownPackage
func gosspi_KnownPackage(name unsafe.Pointer, wide C.int) C.int {
	s, ok := goString(name, wide)
	if ok && knownPackage(s) {
		return 1
	}
	return 0
}

const (
	maxCreds      = 100 // SCH_CRED_MAX_SUPPORTED_CERTS
	maxAlgs       = 256 // SCH_CRED_MAX_SUPPORTED_ALGS
	maxParams     = 16  // SCH_CRED_MAX_SUPPORTED_PARAMETERS
	maxALPNIDs    = 16  // SCH_CRED_MAX_SUPPORTED_ALPN_IDS
	maxCryptoSets = 16  // SCH_CRED_MAX_SUPPORTED_CRYPTO_SETTINGS
	maxModes      = 16  // SCH_CRED_MAX_SUPPORTED_CHAINING_MODES
)

// certInputs resolves paCred into engine certificates.
func certInputs(pa *C.PCCERT_CONTEXT, n C.DWORD) ([]engine.CertInput, engine.Status) {
	if n == 0 {
		return nil, engine.StatusOK
	}
	if n > maxCreds || pa == nil {
		return nil, engine.StatusInvalidParameter
	}
	var out []engine.CertInput
	// Read the entries as integers: a garbage small value in a Go pointer
	// variable can abort the runtime.
	for _, v := range unsafe.Slice((*uintptr)(unsafe.Pointer(pa)), int(n)) {
		if v == 0 {
			return nil, engine.StatusUnknownCredentials
		}
		if cert, pool, ok := lookupCertContextAddr(v); ok {
			out = append(out, engine.CertInput{Cert: cert, Pool: pool})
			continue
		}
		if v < 4096 {
			return nil, engine.StatusUnknownCredentials
		}
		// A CERT_CONTEXT the caller built itself: parse its DER; it has
		// no private key we can reach.
		in := engine.CertInput{Bogus: true}
		var pb *C.BYTE
		var cb C.DWORD
		C.secur32_cert_encoded(C.uintptr_t(v), &pb, &cb)
		if pb != nil && cb > 0 && cb < 1<<20 {
			der := C.GoBytes(unsafe.Pointer(pb), C.int(cb))
			if c, err := engine.ParseCertificate(der); err == nil {
				in = engine.CertInput{Cert: c}
			}
		}
		out = append(out, in)
	}
	return out, engine.StatusOK
}

// readCommon fills the fields SCHANNEL_CRED and SCH_CREDENTIALS share.
func readCommon(cfg *engine.CredentialConfig, format C.DWORD, pa *C.PCCERT_CONTEXT, n C.DWORD, rootStore *C.HCERTSTORE) engine.Status {
	cfg.CredFormat = uint32(format)
	if format != 0 && n > 0 {
		return engine.StatusUnknownCredentials // certificate hashes need a Windows store
	}
	certs, st := certInputs(pa, n)
	if st != engine.StatusOK {
		return st
	}
	cfg.Certs = certs
	cfg.RootStore = storeCertificatesAddr(*(*uintptr)(unsafe.Pointer(rootStore)))
	return engine.StatusOK
}

func readSchannelCred(sc *C.SCHANNEL_CRED) (*engine.CredentialConfig, engine.Status) {
	cfg := &engine.CredentialConfig{
		Version:           uint32(sc.dwVersion),
		EnabledProtocols:  uint32(sc.grbitEnabledProtocols),
		MinCipherStrength: uint32(sc.dwMinimumCipherStrength),
		MaxCipherStrength: uint32(sc.dwMaximumCipherStrength),
		SessionLifespanMs: uint32(sc.dwSessionLifespan),
		Flags:             uint32(sc.dwFlags),
	}
	if st := readCommon(cfg, sc.dwCredFormat, sc.paCred, sc.cCreds, &sc.hRootStore); st != engine.StatusOK {
		return nil, st
	}
	if sc.cSupportedAlgs > 0 {
		if sc.cSupportedAlgs > maxAlgs || sc.palgSupportedAlgs == nil {
			return nil, engine.StatusInvalidParameter
		}
		for _, a := range unsafe.Slice(sc.palgSupportedAlgs, int(sc.cSupportedAlgs)) {
			cfg.SupportedAlgs = append(cfg.SupportedAlgs, uint32(a))
		}
	}
	return cfg, engine.StatusOK
}

func readSchCredentials(sc *C.SCH_CREDENTIALS) (*engine.CredentialConfig, engine.Status) {
	cfg := &engine.CredentialConfig{
		Version:           uint32(sc.dwVersion),
		SessionLifespanMs: uint32(sc.dwSessionLifespan),
		Flags:             uint32(sc.dwFlags),
	}
	if st := readCommon(cfg, sc.dwCredFormat, sc.paCred, sc.cCreds, &sc.hRootStore); st != engine.StatusOK {
		return nil, st
	}
	if sc.cTlsParameters == 0 {
		return cfg, engine.StatusOK
	}
	if sc.cTlsParameters > maxParams || sc.pTlsParameters == nil {
		return nil, engine.StatusInvalidParameter
	}
	for _, p := range unsafe.Slice(sc.pTlsParameters, int(sc.cTlsParameters)) {
		tp := engine.TLSParameters{DisabledProtocols: uint32(p.grbitDisabledProtocols), Flags: uint32(p.dwFlags)}
		if p.cAlpnIds > 0 {
			if p.cAlpnIds > maxALPNIDs || p.rgstrAlpnIds == nil {
				return nil, engine.StatusInvalidParameter
			}
			for i := range unsafe.Slice(p.rgstrAlpnIds, int(p.cAlpnIds)) {
				tp.ALPNIDs = append(tp.ALPNIDs, unicodeString(&unsafe.Slice(p.rgstrAlpnIds, int(p.cAlpnIds))[i]))
			}
		}
		if p.cDisabledCrypto > 0 {
			if p.cDisabledCrypto > maxCryptoSets || p.pDisabledCrypto == nil {
				return nil, engine.StatusInvalidParameter
			}
			for _, cs := range unsafe.Slice(p.pDisabledCrypto, int(p.cDisabledCrypto)) {
				set := engine.CryptoSetting{
					Usage:     uint32(cs.eAlgorithmUsage),
					Algorithm: unicodeString(&cs.strCngAlgId),
					MinBits:   uint32(cs.dwMinBitLength),
					MaxBits:   uint32(cs.dwMaxBitLength),
				}
				if cs.cChainingModes > 0 && cs.cChainingModes <= maxModes && cs.rgstrChainingModes != nil {
					modes := unsafe.Slice(cs.rgstrChainingModes, int(cs.cChainingModes))
					for i := range modes {
						set.ChainingModes = append(set.ChainingModes, unicodeString(&modes[i]))
					}
				}
				tp.DisabledCrypto = append(tp.DisabledCrypto, set)
			}
		}
		cfg.TLSParams = append(cfg.TLSParams, tp)
	}
	return cfg, engine.StatusOK
}

// readAuthData decodes pAuthData by its first DWORD (dwVersion).
func readAuthData(p unsafe.Pointer) (*engine.CredentialConfig, engine.Status) {
	if p == nil {
		return nil, engine.StatusOK
	}
	switch *(*C.DWORD)(p) {
	case 3, 4:
		return readSchannelCred((*C.SCHANNEL_CRED)(p))
	case 5:
		return readSchCredentials((*C.SCH_CREDENTIALS)(p))
	}
	return nil, engine.StatusUnknownCredentials
}

//export gosspi_AcquireCredentialsHandle
func gosspi_AcquireCredentialsHandle(pkg unsafe.Pointer, wide C.int, use C.ULONG, authData unsafe.Pointer,
	phCredential *C.CredHandle, expiry *C.TimeStamp) (st C.SECURITY_STATUS) {
	defer boundary(&st)
	name, ok := goString(pkg, wide)
	if !ok || !knownPackage(name) {
		return status(engine.StatusSecPkgNotFound)
	}
	cfg, s := readAuthData(authData)
	if s != engine.StatusOK {
		return status(s)
	}
	cred, s := engine.NewCredentials(uint32(use), cfg)
	if s != engine.StatusOK {
		return status(s)
	}
	if phCredential == nil {
		return status(engine.StatusInvalidParameter)
	}
	putHandle(phCredential, credTable.Add(cred))
	if expiry != nil {
		C.secur32_set_timestamp(expiry, C.int64_t(engine.ExpiryTime(cred.Expiry)))
	}
	return status(engine.StatusOK)
}

//export gosspi_FreeCredentialsHandle
func gosspi_FreeCredentialsHandle(ph *C.CredHandle) (st C.SECURITY_STATUS) {
	defer boundary(&st)
	if ph == nil {
		return status(engine.StatusInvalidHandle)
	}
	if _, ok := credTable.Remove(toHandle(ph)); !ok {
		return status(engine.StatusInvalidHandle)
	}
	return status(engine.StatusOK)
}

// Credential attribute ids answered by QueryCredentialsAttributes.
const (
	credAttrNames          = 1
	attrSupportedAlgs      = 0x56
	attrCipherStrengths    = 0x57
	attrSupportedProtocols = 0x58
)

//export gosspi_QueryCredentialsAttributes
func gosspi_QueryCredentialsAttributes(ph *C.CredHandle, attr C.ULONG, buf unsafe.Pointer, wide C.int) (st C.SECURITY_STATUS) {
	defer boundary(&st)
	cred := lookupCred(ph)
	if cred == nil {
		return status(engine.StatusInvalidHandle)
	}
	switch attr {
	case credAttrNames, attrSupportedAlgs, attrCipherStrengths, attrSupportedProtocols:
	default:
		return status(engine.StatusUnsupportedFunction)
	}
	if buf == nil {
		return status(engine.StatusInvalidParameter)
	}
	switch attr {
	case attrSupportedProtocols:
		(*C.SecPkgCred_SupportedProtocols)(buf).grbitProtocol = C.DWORD(cred.Protocols)
	case attrCipherStrengths:
		min, max := cred.CipherStrengths()
		cs := (*C.SecPkgCred_CipherStrengths)(buf)
		cs.dwMinimumCipherStrength = C.DWORD(min)
		cs.dwMaximumCipherStrength = C.DWORD(max)
	case attrSupportedAlgs:
		algs := cred.SupportedAlgs()
		p := C.secur32_alloc(C.size_t(len(algs)+1) * 4)
		copy(unsafe.Slice((*C.ALG_ID)(p), len(algs)), toAlgIDs(algs))
		sa := (*C.SecPkgCred_SupportedAlgs)(buf)
		sa.cSupportedAlgs = C.DWORD(len(algs))
		sa.palgSupportedAlgs = (*C.ALG_ID)(p)
	case credAttrNames:
		name, ok := cred.ServerName()
		if !ok {
			return status(engine.StatusNoCredentials)
		}
		*(*unsafe.Pointer)(buf) = cString(name, wide)
	}
	return status(engine.StatusOK)
}

// attrSessionTicketKeys is SECPKG_ATTR_SESSION_TICKET_KEYS, the one
// attribute SetCredentialsAttributes accepts.
const attrSessionTicketKeys = 0x73

//export gosspi_SetCredentialsAttributes
func gosspi_SetCredentialsAttributes(ph *C.CredHandle, attr C.ULONG, buf unsafe.Pointer, cb C.ULONG) (st C.SECURITY_STATUS) {
	defer boundary(&st)
	cred := lookupCred(ph)
	if cred == nil {
		return status(engine.StatusInvalidHandle)
	}
	if attr != attrSessionTicketKeys {
		return status(engine.StatusUnsupportedFunction)
	}
	if buf == nil || uintptr(cb) < unsafe.Sizeof(C.SecPkgCred_SessionTicketKeys{}) {
		return status(engine.StatusInvalidParameter)
	}
	tk := (*C.SecPkgCred_SessionTicketKeys)(buf)
	n := int(tk.cSessionTicketKeys)
	if n == 0 || n > engine.MaxTicketKeys || tk.pSessionTicketKeys == nil {
		return status(engine.StatusInvalidParameter)
	}
	keys := make([]engine.TicketKey, n)
	for i, k := range unsafe.Slice(tk.pSessionTicketKeys, n) {
		size := int(k.KeyingMaterialSize)
		if size > len(k.KeyingMaterial) {
			return status(engine.StatusInvalidParameter)
		}
		keys[i].Version = uint32(k.TicketInfoVersion)
		for j := range k.KeyId {
			keys[i].ID[j] = byte(k.KeyId[j])
		}
		keys[i].Material = C.GoBytes(unsafe.Pointer(&k.KeyingMaterial[0]), C.int(size))
	}
	return status(cred.SetSessionTicketKeys(keys))
}

func toAlgIDs(a []uint32) []C.ALG_ID {
	out := make([]C.ALG_ID, len(a))
	for i, v := range a {
		out[i] = C.ALG_ID(v)
	}
	return out
}
