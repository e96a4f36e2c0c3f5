package main

// The crypt32 subset (include/wincrypt.h, include/schannel_linux.h, spec
// §15): certificate stores and contexts over engine.Store.
//
// Memory model. An HCERTSTORE is a small calloc'ed block whose address is a
// key into the registry below; it is never dereferenced. Every store entry
// that has been handed to C owns one calloc'ed block holding its
// CERT_CONTEXT, CERT_INFO, extension array, DER copy, blobs and OID strings;
// the block's address is the PCCERT_CONTEXT and a registry key. Blocks are
// created the first time an entry is returned, so enumeration gives the same
// pointer every time, and freed when the engine reports the entry released
// (its store died, or it was replaced and lost its last reference). Pointers
// that come from C are converted to uintptr at the boundary and only turned
// back into pointers after the registry has vouched for them.
//
// Every export holds certReg.mu for its whole body (deferred unlock, so a panic
// cannot leave it locked). The last error travels back through an
// out-parameter that the C shim (crypt32_shim.c) stores in its thread-local.

/*
#include "capi.h"
void *secur32_ptr(uintptr_t v);
*/
import "C"

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"
	"sync"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"

	"secur32/engine"
)

// Codes left in GetLastError (HRESULTs as DWORDs, and Win32 errors).
const (
	errInvalidArg        = 0x80070057 // E_INVALIDARG
	errOutOfMemory       = 0x8007000E // E_OUTOFMEMORY
	errCryptBadEncode    = 0x80092002 // CRYPT_E_BAD_ENCODE
	errCryptNotFound     = 0x80092004 // CRYPT_E_NOT_FOUND
	errCryptExists       = 0x80092005 // CRYPT_E_EXISTS
	errCryptPendingClose = 0x8009200F // CRYPT_E_PENDING_CLOSE
	errASN1BadTag        = 0x8009310B // CRYPT_E_ASN1_BADTAG
	errNTEBadKey         = 0x80090003 // NTE_BAD_KEY
	errNTENoKey          = 0x8009000D // NTE_NO_KEY
	errNTEBadKeyset      = 0x80090016 // NTE_BAD_KEYSET
	errFileNotFound      = 2          // ERROR_FILE_NOT_FOUND
	errInvalidData       = 13         // ERROR_INVALID_DATA
	errInvalidPassword   = 86         // ERROR_INVALID_PASSWORD
	errMoreData          = 234        // ERROR_MORE_DATA
)

// Numeric store providers (CERT_STORE_PROV_*): memory is 2; the others
// Windows knows are 1..17.
const (
	storeProvMemory   = 2
	storeProvMaxKnown = 17
)

const (
	minPointer   = 0x10000  // smaller void * arguments are ids or garbage, never dereferenced
	maxBlobBytes = 64 << 20 // largest PFX / certificate / PEM input accepted
	maxArgUnits  = 1 << 15  // longest password or find string read from C
	pemFileLimit = 16 << 20
)

// keyContainer is the container and provider name reported in
// CERT_KEY_PROV_INFO_PROP_ID.
const keyContainer = "libsecur32"

type cStore struct {
	h  unsafe.Pointer // the HCERTSTORE: a calloc'ed block used as an identity
	st *engine.Store
}

type cCert struct {
	p     *C.CERT_CONTEXT
	entry *engine.Entry
	store *cStore
}

var certReg = struct {
	mu      sync.Mutex
	stores  map[uintptr]*cStore
	byStore map[*engine.Store]*cStore
	ctxs    map[uintptr]*cCert
	byEntry map[*engine.Entry]*cCert
}{
	stores:  map[uintptr]*cStore{},
	byStore: map[*engine.Store]*cStore{},
	ctxs:    map[uintptr]*cCert{},
	byEntry: map[*engine.Entry]*cCert{},
}

// cryptGuard turns a panic into a zero result and ERROR_INVALID_DATA, so it
// never crosses into C. Every crypt32 export defers it.
func cryptGuard[T any](ret *T, lastErr *C.DWORD) {
	if r := recover(); r != nil {
		fmt.Fprintf(os.Stderr, "libsecur32: internal error (panic): %v\n%s", r, debug.Stack())
		var zero T
		*ret = zero
		if lastErr != nil {
			*lastErr = errInvalidData
		}
	}
}

// ---- Registry helpers (certReg.mu held) ----

func newStoreLocked(st *engine.Store) *cStore {
	h := C.calloc(1, 16)
	if h == nil {
		return nil
	}
	cs := &cStore{h: h, st: st}
	certReg.stores[uintptr(h)] = cs
	certReg.byStore[st] = cs
	return cs
}

func storeLocked(h C.uintptr_t) *cStore {
	return certReg.stores[uintptr(h)]
}

func certLocked(p C.uintptr_t) *cCert {
	return certReg.ctxs[uintptr(p)]
}

// releaseLocked frees what the engine released in st.
func releaseLocked(st *engine.Store, f engine.Freed) {
	for _, e := range f.Entries {
		if cc := certReg.byEntry[e]; cc != nil {
			delete(certReg.byEntry, e)
			delete(certReg.ctxs, uintptr(unsafe.Pointer(cc.p)))
			C.free(unsafe.Pointer(cc.p))
		}
	}
	if f.Store {
		if cs := certReg.byStore[st]; cs != nil {
			delete(certReg.byStore, st)
			delete(certReg.stores, uintptr(cs.h))
			C.free(cs.h)
		}
	}
}

// ctxForLocked returns the CERT_CONTEXT of e, building it on first use; nil
// when out of memory.
func ctxForLocked(e *engine.Entry) *C.CERT_CONTEXT {
	if cc := certReg.byEntry[e]; cc != nil {
		return cc.p
	}
	cs := certReg.byStore[e.Store()]
	if cs == nil {
		return nil
	}
	p := buildCertContext(e.Certificate(), cs.h)
	if p == nil {
		return nil
	}
	cc := &cCert{p: p, entry: e, store: cs}
	certReg.ctxs[uintptr(unsafe.Pointer(p))] = cc
	certReg.byEntry[e] = cc
	return p
}

// returnEntryLocked turns an entry carrying a new reference into the
// PCCERT_CONTEXT for C; on allocation failure it drops the reference and
// reports E_OUTOFMEMORY.
func returnEntryLocked(e *engine.Entry, lastErr *C.DWORD) *C.CERT_CONTEXT {
	p := ctxForLocked(e)
	if p == nil {
		releaseLocked(e.Store(), e.Release())
		*lastErr = errOutOfMemory
	}
	return p
}

// ---- CERT_CONTEXT construction ----

// cArena hands out consecutive pieces of one C allocation.
type cArena struct {
	buf []byte
	off int
}

func (a *cArena) bytes(b []byte) *C.BYTE {
	if len(b) == 0 {
		return nil
	}
	p := &a.buf[a.off]
	a.off += copy(a.buf[a.off:], b)
	return (*C.BYTE)(unsafe.Pointer(p))
}

func (a *cArena) str(s string) *C.char {
	p := &a.buf[a.off]
	a.off += copy(a.buf[a.off:], s)
	a.buf[a.off] = 0
	a.off++
	return (*C.char)(unsafe.Pointer(p))
}

func (a *cArena) blob(dst *C.CRYPT_INTEGER_BLOB, b []byte) {
	dst.cbData = C.DWORD(len(b))
	dst.pbData = a.bytes(b)
}

func (a *cArena) bitBlob(dst *C.CRYPT_BIT_BLOB, b engine.BitString) {
	dst.cbData = C.DWORD(len(b.Bytes))
	dst.pbData = a.bytes(b.Bytes)
	dst.cUnusedBits = C.DWORD(b.UnusedBits)
}

func (a *cArena) algorithm(dst *C.CRYPT_ALGORITHM_IDENTIFIER, alg engine.AlgorithmID) {
	dst.pszObjId = a.str(alg.OID)
	a.blob(&dst.Parameters, alg.Params)
}

func setFileTime(dst *C.FILETIME, ft uint64) {
	dst.dwLowDateTime = C.DWORD(ft)
	dst.dwHighDateTime = C.DWORD(ft >> 32)
}

// buildCertContext lays out one CERT_CONTEXT for cert in a single calloc'ed
// block: CERT_CONTEXT, CERT_INFO, CERT_EXTENSION array, then bytes and
// strings. Nil when out of memory.
func buildCertContext(cert *engine.Certificate, store unsafe.Pointer) *C.CERT_CONTEXT {
	info := cert.Info()
	ctxSize := int(unsafe.Sizeof(C.CERT_CONTEXT{}))
	infoSize := int(unsafe.Sizeof(C.CERT_INFO{}))
	extSize := int(unsafe.Sizeof(C.CERT_EXTENSION{}))
	n := len(info.Extensions)
	size := ctxSize + infoSize + n*extSize
	size += len(cert.Raw) + len(info.SerialLE) + len(info.Issuer) + len(info.Subject)
	size += len(info.SignatureAlgorithm.Params) + len(info.SignatureAlgorithm.OID) + 1
	size += len(info.PublicKeyAlgorithm.Params) + len(info.PublicKeyAlgorithm.OID) + 1
	size += len(info.PublicKey.Bytes) + len(info.IssuerUniqueID.Bytes) + len(info.SubjectUniqueID.Bytes)
	for _, e := range info.Extensions {
		size += len(e.Value) + len(e.OID) + 1
	}
	block := C.calloc(1, C.size_t(size))
	if block == nil {
		return nil
	}
	a := &cArena{buf: unsafe.Slice((*byte)(block), size), off: ctxSize + infoSize + n*extSize}

	ctx := (*C.CERT_CONTEXT)(block)
	ci := (*C.CERT_INFO)(unsafe.Add(block, ctxSize))
	ctx.dwCertEncodingType = C.X509_ASN_ENCODING
	ctx.pbCertEncoded = a.bytes(cert.Raw)
	ctx.cbCertEncoded = C.DWORD(len(cert.Raw))
	ctx.pCertInfo = ci
	ctx.hCertStore = C.HCERTSTORE(store)

	ci.dwVersion = C.DWORD(info.Version)
	a.blob(&ci.SerialNumber, info.SerialLE)
	a.algorithm(&ci.SignatureAlgorithm, info.SignatureAlgorithm)
	a.blob(&ci.Issuer, info.Issuer)
	setFileTime(&ci.NotBefore, engine.FileTime(info.NotBefore))
	setFileTime(&ci.NotAfter, engine.FileTime(info.NotAfter))
	a.blob(&ci.Subject, info.Subject)
	a.algorithm(&ci.SubjectPublicKeyInfo.Algorithm, info.PublicKeyAlgorithm)
	a.bitBlob(&ci.SubjectPublicKeyInfo.PublicKey, info.PublicKey)
	a.bitBlob(&ci.IssuerUniqueId, info.IssuerUniqueID)
	a.bitBlob(&ci.SubjectUniqueId, info.SubjectUniqueID)
	ci.cExtension = C.DWORD(n)
	if n > 0 {
		exts := unsafe.Slice((*C.CERT_EXTENSION)(unsafe.Add(block, ctxSize+infoSize)), n)
		ci.rgExtension = &exts[0]
		for i, e := range info.Extensions {
			exts[i].pszObjId = a.str(e.OID)
			if e.Critical {
				exts[i].fCritical = 1
			}
			a.blob(&exts[i].Value, e.Value)
		}
	}
	return ctx
}

// ---- C input helpers ----

// voidArg turns a void * argument that arrived as an integer into a
// pointer, or nil for NULL and for values too small to be an address (Go
// must not hold such values in pointer-typed variables).
func voidArg(v C.uintptr_t) unsafe.Pointer {
	if v < minPointer {
		return nil
	}
	return C.secur32_ptr(v)
}

// blobArg copies a CRYPT_*_BLOB's bytes; ok is false for NULL, an empty
// or an absurdly large blob.
func blobArg(b *C.CRYPT_INTEGER_BLOB) ([]byte, bool) {
	if b == nil {
		return nil, false
	}
	return bytesArg(unsafe.Pointer(b.pbData), b.cbData)
}

func bytesArg(p unsafe.Pointer, n C.DWORD) ([]byte, bool) {
	if p == nil || n == 0 || n > maxBlobBytes {
		return nil, false
	}
	return C.GoBytes(p, C.int(n)), true
}

// wideArg reads a NUL-terminated UTF-16 string (at most maxArgUnits).
func wideArg(p *C.WCHAR) string {
	units := unsafe.Slice((*uint16)(unsafe.Pointer(p)), maxArgUnits)
	n := 0
	for n < len(units) && units[n] != 0 {
		n++
	}
	return string(utf16.Decode(units[:n]))
}

// narrowArg reads a NUL-terminated C string (at most maxArgUnits bytes).
func narrowArg(p *C.char) string {
	return C.GoStringN(p, C.int(C.strnlen(p, maxArgUnits)))
}

// ---- Helpers for the SSPI side ----

// lookupCertContext returns, for a context this library created, its
// certificate (with the private key, if any) and every other certificate of
// its store, for chain building. ok is false for NULL or a pointer the
// library did not hand out; the caller may then parse p.pbCertEncoded.
func lookupCertContext(p *C.CERT_CONTEXT) (cert *engine.Certificate, pool []*engine.Certificate, ok bool) {
	return lookupCertContextAddr(uintptr(unsafe.Pointer(p)))
}

// lookupCertContextAddr is lookupCertContext for a context address held as
// an integer.
func lookupCertContextAddr(addr uintptr) (cert *engine.Certificate, pool []*engine.Certificate, ok bool) {
	certReg.mu.Lock()
	defer certReg.mu.Unlock()
	cc := certReg.ctxs[addr]
	if cc == nil {
		return nil, nil, false
	}
	for _, e := range cc.entry.Store().Entries() {
		if e != cc.entry {
			pool = append(pool, e.Certificate())
		}
	}
	return cc.entry.Certificate(), pool, true
}

// storeCertificates returns the certificates of a store handle of this
// library in enumeration order, or nil for NULL or an unknown handle.
func storeCertificates(h C.HCERTSTORE) []*engine.Certificate {
	return storeCertificatesAddr(uintptr(h))
}

// storeCertificatesAddr is storeCertificates for a handle held as an integer.
func storeCertificatesAddr(h uintptr) []*engine.Certificate {
	certReg.mu.Lock()
	defer certReg.mu.Unlock()
	cs := certReg.stores[h]
	if cs == nil {
		return nil
	}
	return cs.st.Certificates()
}

// exportCertChain puts chain (leaf first) into a new memory store without an
// open handle and returns the leaf's context with one reference for the
// caller, who frees it with CertFreeCertificateContext; the store dies with
// its last context. Use it for SECPKG_ATTR_REMOTE_CERT_CONTEXT (enumerating
// hCertStore yields the same leaf pointer first). Nil for an empty chain or
// when out of memory.
func exportCertChain(chain []*engine.Certificate) *C.CERT_CONTEXT {
	certReg.mu.Lock()
	defer certReg.mu.Unlock()
	return exportCertChainLocked(chain)
}

func exportCertChainLocked(chain []*engine.Certificate) *C.CERT_CONTEXT {
	if len(chain) == 0 {
		return nil
	}
	st := engine.NewStore()
	cs := newStoreLocked(st)
	if cs == nil {
		return nil
	}
	var leaf *engine.Entry
	for i, c := range chain {
		e, _, _ := st.Add(c, engine.AddAlways, i == 0)
		if i == 0 {
			leaf = e
		}
	}
	_, f, _ := st.Close()
	releaseLocked(st, f)
	p := ctxForLocked(leaf)
	if p == nil {
		releaseLocked(st, leaf.Release())
	}
	return p
}

// liveCertObjects returns the number of live C certificate contexts plus
// store handles, for leak tests.
func liveCertObjects() int {
	certReg.mu.Lock()
	defer certReg.mu.Unlock()
	return len(certReg.ctxs) + len(certReg.stores)
}

// ---- Exports ----

//export gosspi_PFXImportCertStore
func gosspi_PFXImportCertStore(pPFX *C.CRYPT_DATA_BLOB, szPassword *C.WCHAR, dwFlags C.DWORD, lastErr *C.DWORD) (h unsafe.Pointer) {
	defer cryptGuard(&h, lastErr)
	data, ok := blobArg(pPFX)
	if !ok {
		*lastErr = errInvalidArg
		return nil
	}
	password := ""
	if szPassword != nil {
		password = wideArg(szPassword)
	}
	certs, err := engine.ImportPFX(data, password, szPassword != nil)
	if err != nil {
		if errors.Is(err, engine.ErrPFXPassword) {
			*lastErr = errInvalidPassword
		} else {
			*lastErr = errCryptBadEncode
		}
		return nil
	}
	st := engine.NewStore()
	for _, c := range certs {
		if dwFlags&C.PKCS12_ONLY_CERTIFICATES != 0 && c.Key != nil {
			c = c.WithKey(nil, c.FriendlyName)
		}
		_, _, _ = st.Add(c, engine.AddAlways, false)
	}
	certReg.mu.Lock()
	defer certReg.mu.Unlock()
	cs := newStoreLocked(st)
	if cs == nil {
		*lastErr = errOutOfMemory
		return nil
	}
	return cs.h
}

//export gosspi_PFXIsPFXBlob
func gosspi_PFXIsPFXBlob(pPFX *C.CRYPT_DATA_BLOB) (ok C.BOOL) {
	defer cryptGuard(&ok, nil)
	data, valid := blobArg(pPFX)
	if valid && engine.IsPFX(data) {
		return 1
	}
	return 0
}

// gosspi_CertOpenStore gets lpszStoreProvider split by the shim: a
// numeric provider in id (name NULL) or a string provider in name (id 0).
//
//export gosspi_CertOpenStore
func gosspi_CertOpenStore(id C.uintptr_t, name *C.char, lastErr *C.DWORD) (h unsafe.Pointer) {
	defer cryptGuard(&h, lastErr)
	switch {
	case name != nil:
		switch s := narrowArg(name); {
		case strings.EqualFold(s, "Memory"): // sz_CERT_STORE_PROV_MEMORY
		case isKnownStoreProvider(s):
			*lastErr = errFileNotFound
			return nil
		default:
			*lastErr = errInvalidArg
			return nil
		}
	case id == storeProvMemory:
	case id != 0 && id <= storeProvMaxKnown:
		*lastErr = errFileNotFound
		return nil
	default:
		*lastErr = errInvalidArg
		return nil
	}
	certReg.mu.Lock()
	defer certReg.mu.Unlock()
	cs := newStoreLocked(engine.NewStore())
	if cs == nil {
		*lastErr = errOutOfMemory
		return nil
	}
	return cs.h
}

// isKnownStoreProvider reports a string provider Windows has and this
// library does not implement.
func isKnownStoreProvider(name string) bool {
	for _, p := range []string{"File", "System", "PKCS7", "PKCS12", "Serialized", "Collection",
		"SystemRegistry", "Physical", "SmartCard", "Ldap"} {
		if strings.EqualFold(name, p) {
			return true
		}
	}
	return false
}

//export gosspi_CertCloseStore
func gosspi_CertCloseStore(h C.uintptr_t, dwFlags C.DWORD, lastErr *C.DWORD) (ok C.BOOL) {
	defer cryptGuard(&ok, lastErr)
	if h == 0 {
		return 1
	}
	certReg.mu.Lock()
	defer certReg.mu.Unlock()
	cs := storeLocked(h)
	if cs == nil {
		*lastErr = errInvalidArg
		return 0
	}
	// CERT_CLOSE_STORE_FORCE_FLAG is a plain close: freeing referenced
	// contexts would leave the caller with dangling pointers.
	pending, f, err := cs.st.Close()
	if err != nil {
		*lastErr = errInvalidArg
		return 0
	}
	releaseLocked(cs.st, f)
	if pending && dwFlags&C.CERT_CLOSE_STORE_CHECK_FLAG != 0 {
		*lastErr = errCryptPendingClose
		return 0
	}
	return 1
}

//export gosspi_CertCreateCertificateContext
func gosspi_CertCreateCertificateContext(encType C.DWORD, pb *C.BYTE, cb C.DWORD, lastErr *C.DWORD) (p *C.CERT_CONTEXT) {
	defer cryptGuard(&p, lastErr)
	cert, code := parseEncoded(encType, pb, cb)
	if code != 0 {
		*lastErr = code
		return nil
	}
	certReg.mu.Lock()
	defer certReg.mu.Unlock()
	p = exportCertChainLocked([]*engine.Certificate{cert})
	if p == nil {
		*lastErr = errOutOfMemory
	}
	return p
}

// parseEncoded checks and parses the (encoding type, bytes) arguments of
// CertCreateCertificateContext and CertAddEncodedCertificateToStore.
func parseEncoded(encType C.DWORD, pb *C.BYTE, cb C.DWORD) (*engine.Certificate, C.DWORD) {
	if encType&C.X509_ASN_ENCODING == 0 {
		return nil, errInvalidArg
	}
	der, ok := bytesArg(unsafe.Pointer(pb), cb)
	if !ok {
		return nil, errInvalidArg
	}
	cert, err := engine.ParseCertificate(der)
	if err != nil {
		return nil, errASN1BadTag
	}
	return cert, 0
}

// addToStore is the common tail of the two CertAdd*ToStore functions.
func addToStore(h C.uintptr_t, cert *engine.Certificate, disp C.DWORD, pp **C.CERT_CONTEXT, lastErr *C.DWORD) C.BOOL {
	cs := storeLocked(h)
	if cs == nil {
		*lastErr = errInvalidArg
		return 0
	}
	e, f, err := cs.st.Add(cert, engine.AddDisposition(disp), pp != nil)
	releaseLocked(cs.st, f)
	switch {
	case errors.Is(err, engine.ErrExists):
		*lastErr = errCryptExists
		return 0
	case err != nil:
		*lastErr = errInvalidArg
		return 0
	}
	if pp != nil {
		if *pp = returnEntryLocked(e, lastErr); *pp == nil {
			return 0
		}
	}
	return 1
}

//export gosspi_CertAddEncodedCertificateToStore
func gosspi_CertAddEncodedCertificateToStore(h C.uintptr_t, encType C.DWORD, pb *C.BYTE, cb C.DWORD, disp C.DWORD, pp **C.CERT_CONTEXT, lastErr *C.DWORD) (ok C.BOOL) {
	defer cryptGuard(&ok, lastErr)
	if pp != nil {
		*pp = nil
	}
	cert, code := parseEncoded(encType, pb, cb)
	certReg.mu.Lock()
	defer certReg.mu.Unlock()
	if storeLocked(h) == nil {
		*lastErr = errInvalidArg
		return 0
	}
	if code != 0 {
		*lastErr = code
		return 0
	}
	return addToStore(h, cert, disp, pp, lastErr)
}

//export gosspi_CertAddCertificateContextToStore
func gosspi_CertAddCertificateContextToStore(h C.uintptr_t, src C.uintptr_t, disp C.DWORD, pp **C.CERT_CONTEXT, lastErr *C.DWORD) (ok C.BOOL) {
	defer cryptGuard(&ok, lastErr)
	if pp != nil {
		*pp = nil
	}
	certReg.mu.Lock()
	defer certReg.mu.Unlock()
	cc := certLocked(src)
	if cc == nil {
		*lastErr = errInvalidArg
		return 0
	}
	return addToStore(h, cc.entry.Certificate(), disp, pp, lastErr)
}

// nextInStoreLocked implements enumeration and find: it validates the
// store and prev, always releases a valid prev, and returns the next entry
// matching match (nil = any) as a context with a new reference.
func nextInStoreLocked(h, prev C.uintptr_t, match func(*engine.Certificate) bool, matchErr C.DWORD, lastErr *C.DWORD) *C.CERT_CONTEXT {
	var prevEntry *engine.Entry
	if prev != 0 {
		cc := certLocked(prev)
		if cc == nil {
			*lastErr = errInvalidArg
			return nil
		}
		prevEntry = cc.entry
	}
	cs := storeLocked(h)
	if cs == nil || matchErr != 0 {
		if prevEntry != nil {
			releaseLocked(prevEntry.Store(), prevEntry.Release())
		}
		*lastErr = errInvalidArg
		if cs != nil {
			*lastErr = matchErr
		}
		return nil
	}
	next, f, err := cs.st.Next(prevEntry, match)
	if err != nil {
		releaseLocked(prevEntry.Store(), f)
		*lastErr = errInvalidArg
		return nil
	}
	releaseLocked(cs.st, f)
	if next == nil {
		*lastErr = errCryptNotFound
		return nil
	}
	return returnEntryLocked(next, lastErr)
}

//export gosspi_CertEnumCertificatesInStore
func gosspi_CertEnumCertificatesInStore(h C.uintptr_t, prev C.uintptr_t, lastErr *C.DWORD) (p *C.CERT_CONTEXT) {
	defer cryptGuard(&p, lastErr)
	certReg.mu.Lock()
	defer certReg.mu.Unlock()
	return nextInStoreLocked(h, prev, nil, 0, lastErr)
}

//export gosspi_CertFindCertificateInStore
func gosspi_CertFindCertificateInStore(h C.uintptr_t, findType C.DWORD, para C.uintptr_t, prev C.uintptr_t, lastErr *C.DWORD) (p *C.CERT_CONTEXT) {
	defer cryptGuard(&p, lastErr)
	certReg.mu.Lock()
	defer certReg.mu.Unlock()
	match, code := findPredicateLocked(findType, para)
	return nextInStoreLocked(h, prev, match, code, lastErr)
}

// findPredicateLocked builds the matcher for a find type. A non-zero code
// is the error to report: E_INVALIDARG for a missing or bad pvFindPara,
// CRYPT_E_NOT_FOUND for an unsupported find type.
func findPredicateLocked(findType C.DWORD, paraID C.uintptr_t) (func(*engine.Certificate) bool, C.DWORD) {
	if findType == C.CERT_FIND_ANY {
		return nil, 0
	}
	if findType == C.CERT_FIND_HAS_PRIVATE_KEY {
		return func(c *engine.Certificate) bool { return c.Key != nil }, 0
	}
	if findType == C.CERT_FIND_EXISTING {
		cc := certReg.ctxs[uintptr(paraID)]
		if cc == nil {
			return nil, errInvalidArg
		}
		raw := cc.entry.Certificate().Raw
		return func(c *engine.Certificate) bool { return bytes.Equal(c.Raw, raw) }, 0
	}
	para := voidArg(paraID)
	if para == nil {
		switch findType {
		case C.CERT_FIND_SHA1_HASH, C.CERT_FIND_MD5_HASH, C.CERT_FIND_KEY_IDENTIFIER,
			C.CERT_FIND_SUBJECT_NAME, C.CERT_FIND_ISSUER_NAME,
			C.CERT_FIND_SUBJECT_STR_A, C.CERT_FIND_SUBJECT_STR_W,
			C.CERT_FIND_ISSUER_STR_A, C.CERT_FIND_ISSUER_STR_W,
			C.CERT_FIND_EXISTING, C.CERT_FIND_PUBLIC_KEY, C.CERT_FIND_SUBJECT_CERT:
			return nil, errInvalidArg
		}
		return nil, errCryptNotFound
	}
	blob := func() []byte {
		b, _ := blobArg((*C.CRYPT_INTEGER_BLOB)(para))
		return b
	}
	switch findType {
	case C.CERT_FIND_SHA1_HASH:
		want := blob()
		return func(c *engine.Certificate) bool { h := c.SHA1(); return bytes.Equal(h[:], want) }, 0
	case C.CERT_FIND_MD5_HASH:
		want := blob()
		return func(c *engine.Certificate) bool { h := c.MD5(); return bytes.Equal(h[:], want) }, 0
	case C.CERT_FIND_KEY_IDENTIFIER:
		want := blob()
		return func(c *engine.Certificate) bool { return bytes.Equal(c.KeyIdentifier(), want) }, 0
	case C.CERT_FIND_SUBJECT_NAME:
		want := blob()
		return func(c *engine.Certificate) bool { return bytes.Equal(c.X509.RawSubject, want) }, 0
	case C.CERT_FIND_ISSUER_NAME:
		want := blob()
		return func(c *engine.Certificate) bool { return bytes.Equal(c.X509.RawIssuer, want) }, 0
	case C.CERT_FIND_SUBJECT_STR_A, C.CERT_FIND_ISSUER_STR_A:
		s, issuer := narrowArg((*C.char)(para)), findType == C.CERT_FIND_ISSUER_STR_A
		return func(c *engine.Certificate) bool { return c.MatchNameString(s, issuer) }, 0
	case C.CERT_FIND_SUBJECT_STR_W, C.CERT_FIND_ISSUER_STR_W:
		s, issuer := wideArg((*C.WCHAR)(para)), findType == C.CERT_FIND_ISSUER_STR_W
		return func(c *engine.Certificate) bool { return c.MatchNameString(s, issuer) }, 0
	case C.CERT_FIND_PUBLIC_KEY:
		pki := (*C.CERT_PUBLIC_KEY_INFO)(para)
		key, _ := bytesArg(unsafe.Pointer(pki.PublicKey.pbData), pki.PublicKey.cbData)
		oid := ""
		if pki.Algorithm.pszObjId != nil {
			oid = narrowArg(pki.Algorithm.pszObjId)
		}
		return func(c *engine.Certificate) bool {
			info := c.Info()
			return bytes.Equal(info.PublicKey.Bytes, key) && (oid == "" || oid == info.PublicKeyAlgorithm.OID)
		}, 0
	case C.CERT_FIND_SUBJECT_CERT:
		ci := (*C.CERT_INFO)(para)
		issuer, _ := blobArg(&ci.Issuer)
		serial, _ := blobArg(&ci.SerialNumber)
		serial = trimSerialLE(serial)
		return func(c *engine.Certificate) bool {
			return bytes.Equal(c.X509.RawIssuer, issuer) && bytes.Equal(trimSerialLE(c.Info().SerialLE), serial)
		}, 0
	}
	return nil, errCryptNotFound
}

// trimSerialLE drops the sign-extension bytes at the end of a
// little-endian serial, so that 01 00 and 01 compare equal.
func trimSerialLE(b []byte) []byte {
	for len(b) > 1 && b[len(b)-1] == 0 {
		b = b[:len(b)-1]
	}
	return b
}

//export gosspi_CertDuplicateCertificateContext
func gosspi_CertDuplicateCertificateContext(p C.uintptr_t, lastErr *C.DWORD) (out *C.CERT_CONTEXT) {
	defer cryptGuard(&out, lastErr)
	if p == 0 {
		return nil
	}
	certReg.mu.Lock()
	defer certReg.mu.Unlock()
	cc := certLocked(p)
	if cc == nil {
		*lastErr = errInvalidArg
		return nil
	}
	cc.entry.AddRef()
	return cc.p
}

//export gosspi_CertFreeCertificateContext
func gosspi_CertFreeCertificateContext(p C.uintptr_t, lastErr *C.DWORD) (ok C.BOOL) {
	defer cryptGuard(&ok, lastErr)
	if p == 0 {
		return 1
	}
	certReg.mu.Lock()
	defer certReg.mu.Unlock()
	cc := certLocked(p)
	if cc == nil || cc.entry.Refs() == 0 {
		*lastErr = errInvalidArg
		return 0
	}
	releaseLocked(cc.entry.Store(), cc.entry.Release())
	return 1
}

//export gosspi_CertGetCertificateContextProperty
func gosspi_CertGetCertificateContextProperty(p C.uintptr_t, propID C.DWORD, pvData unsafe.Pointer, pcbData *C.DWORD, lastErr *C.DWORD) (ok C.BOOL) {
	defer cryptGuard(&ok, lastErr)
	certReg.mu.Lock()
	cc := certLocked(p)
	var cert *engine.Certificate
	if cc != nil {
		cert = cc.entry.Certificate()
	}
	certReg.mu.Unlock()
	if cert == nil || pcbData == nil {
		*lastErr = errInvalidArg
		return 0
	}

	var data []byte
	keyProvInfo := false
	switch propID {
	case C.CERT_SHA1_HASH_PROP_ID:
		h := cert.SHA1()
		data = h[:]
	case C.CERT_MD5_HASH_PROP_ID:
		h := cert.MD5()
		data = h[:]
	case C.CERT_SHA256_HASH_PROP_ID:
		h := cert.SHA256()
		data = h[:]
	case C.CERT_KEY_IDENTIFIER_PROP_ID:
		data = cert.KeyIdentifier()
	case C.CERT_FRIENDLY_NAME_PROP_ID:
		if cert.FriendlyName != "" {
			data = utf16zBytes(cert.FriendlyName)
		}
	case C.CERT_KEY_SPEC_PROP_ID:
		if cert.Key != nil {
			data = []byte{C.AT_KEYEXCHANGE, 0, 0, 0}
		}
	case C.CERT_KEY_PROV_INFO_PROP_ID:
		keyProvInfo = cert.Key != nil
	}
	size := len(data)
	name := utf16zBytes(keyContainer)
	provInfoSize := int(unsafe.Sizeof(C.CRYPT_KEY_PROV_INFO{}))
	if keyProvInfo {
		size = provInfoSize + 2*len(name)
	} else if data == nil {
		*lastErr = errCryptNotFound
		return 0
	}
	if pvData == nil {
		*pcbData = C.DWORD(size)
		return 1
	}
	if int(*pcbData) < size {
		*pcbData = C.DWORD(size)
		*lastErr = errMoreData
		return 0
	}
	out := unsafe.Slice((*byte)(pvData), size)
	if keyProvInfo {
		clear(out)
		copy(out[provInfoSize:], name)
		copy(out[provInfoSize+len(name):], name)
		pi := (*C.CRYPT_KEY_PROV_INFO)(pvData)
		pi.pwszContainerName = (*C.WCHAR)(unsafe.Pointer(&out[provInfoSize]))
		pi.pwszProvName = (*C.WCHAR)(unsafe.Pointer(&out[provInfoSize+len(name)]))
		pi.dwKeySpec = C.AT_KEYEXCHANGE
	} else {
		copy(out, data)
	}
	*pcbData = C.DWORD(size)
	return 1
}

// utf16zBytes encodes s as NUL-terminated UTF-16 in native (little-endian)
// byte order.
func utf16zBytes(s string) []byte {
	u := utf16.Encode([]rune(s))
	out := make([]byte, 0, 2*len(u)+2)
	for _, v := range u {
		out = append(out, byte(v), byte(v>>8))
	}
	return append(out, 0, 0)
}

//export gosspi_CertGetNameString
func gosspi_CertGetNameString(p C.uintptr_t, dwType, dwFlags C.DWORD, typePara C.uintptr_t, psz unsafe.Pointer, cch C.DWORD, wide C.int, lastErr *C.DWORD) (n C.DWORD) {
	defer cryptGuard(&n, lastErr)
	certReg.mu.Lock()
	cc := certLocked(p)
	var cert *engine.Certificate
	if cc != nil {
		cert = cc.entry.Certificate()
	}
	certReg.mu.Unlock()

	var name string
	if cert == nil {
		*lastErr = errInvalidArg
	} else {
		var strType uint32
		var attrOID string
		pvTypePara := voidArg(typePara)
		switch dwType {
		case C.CERT_NAME_RDN_TYPE:
			if pvTypePara != nil {
				strType = uint32(*(*C.DWORD)(pvTypePara))
			}
		case C.CERT_NAME_ATTR_TYPE:
			if pvTypePara != nil {
				attrOID = narrowArg((*C.char)(pvTypePara))
			}
		}
		name = cert.NameString(uint32(dwType), dwFlags&C.CERT_NAME_ISSUER_FLAG != 0, strType, attrOID)
	}

	if wide != 0 {
		u := utf16.Encode([]rune(name))
		if psz == nil || cch == 0 {
			return C.DWORD(len(u) + 1)
		}
		k := min(len(u), int(cch)-1)
		dst := unsafe.Slice((*uint16)(psz), k+1)
		copy(dst, u[:k])
		dst[k] = 0
		return C.DWORD(k + 1)
	}
	b := []byte(name)
	if psz == nil || cch == 0 {
		return C.DWORD(len(b) + 1)
	}
	k := min(len(b), int(cch)-1)
	for k > 0 && k < len(b) && !utf8.RuneStart(b[k]) {
		k-- // do not cut a UTF-8 sequence
	}
	dst := unsafe.Slice((*byte)(psz), k+1)
	copy(dst, b[:k])
	dst[k] = 0
	return C.DWORD(k + 1)
}

// ---- Linux extension: PEM ----

//export gosspi_SchLinuxLoadCertificatePem
func gosspi_SchLinuxLoadCertificatePem(pbChain *C.BYTE, cbChain C.DWORD, pbKey *C.BYTE, cbKey C.DWORD, pszPassword *C.char, lastErr *C.DWORD) (p *C.CERT_CONTEXT) {
	defer cryptGuard(&p, lastErr)
	chain, ok := bytesArg(unsafe.Pointer(pbChain), cbChain)
	if !ok {
		*lastErr = errInvalidArg
		return nil
	}
	key, _ := bytesArg(unsafe.Pointer(pbKey), cbKey)
	return loadPEMContext(chain, key, pszPassword, lastErr)
}

//export gosspi_SchLinuxLoadCertificatePemFiles
func gosspi_SchLinuxLoadCertificatePemFiles(chainFile, keyFile, pszPassword *C.char, lastErr *C.DWORD) (p *C.CERT_CONTEXT) {
	defer cryptGuard(&p, lastErr)
	if chainFile == nil {
		*lastErr = errInvalidArg
		return nil
	}
	chain, err := readPEMFile(narrowArg(chainFile))
	if err != nil {
		*lastErr = errFileNotFound
		return nil
	}
	var key []byte
	if keyFile != nil {
		if key, err = readPEMFile(narrowArg(keyFile)); err != nil {
			*lastErr = errFileNotFound
			return nil
		}
	}
	return loadPEMContext(chain, key, pszPassword, lastErr)
}

func readPEMFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, pemFileLimit))
}

func loadPEMContext(chain, key []byte, pszPassword *C.char, lastErr *C.DWORD) *C.CERT_CONTEXT {
	password := ""
	if pszPassword != nil {
		password = narrowArg(pszPassword)
	}
	certs, err := engine.LoadPEM(chain, key, password)
	if err != nil {
		switch {
		case errors.Is(err, engine.ErrPEMPassword):
			*lastErr = errInvalidPassword
		case errors.Is(err, engine.ErrPEMNoKey):
			*lastErr = errNTENoKey
		case errors.Is(err, engine.ErrPEMKey):
			*lastErr = errNTEBadKey
		case errors.Is(err, engine.ErrKeyMismatch):
			*lastErr = errNTEBadKeyset
		default:
			*lastErr = errInvalidData
		}
		return nil
	}
	p := exportCertChain(certs)
	if p == nil {
		*lastErr = errOutOfMemory
	}
	return p
}
