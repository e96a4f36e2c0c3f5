package engine

import (
	"crypto/tls"
	"sync"
	"time"
)

// SuiteInfo describes a cipher suite in the terms Schannel reports
// (SecPkgContext_ConnectionInfo, SecPkgContext_CipherInfo).
type SuiteInfo struct {
	ID         uint16
	CipherAlg  uint32 // CALG_AES_128, CALG_AES_256, 0 for ChaCha20 (no CALG)
	CipherBits uint32
	CNGCipher  string // "AES", "CHACHA20_POLY1305"
	ExchAlg    uint32 // CALG_ECDH_EPHEM for every suite offered
	HashBits   uint32 // PRF hash size, for CipherInfo
	HashName   string // PRF hash CNG name
	AEADNonce  int    // explicit nonce bytes in the TLS 1.2 record header
	CertType   string // "RSA", "ECDSA", "" for TLS 1.3 suites
}

var suiteTable = map[uint16]SuiteInfo{
	tls.TLS_AES_128_GCM_SHA256:                        {tls.TLS_AES_128_GCM_SHA256, calgAES128, 128, "AES", calgECDHEphem, 256, "SHA256", 0, ""},
	tls.TLS_AES_256_GCM_SHA384:                        {tls.TLS_AES_256_GCM_SHA384, calgAES256, 256, "AES", calgECDHEphem, 384, "SHA384", 0, ""},
	tls.TLS_CHACHA20_POLY1305_SHA256:                  {tls.TLS_CHACHA20_POLY1305_SHA256, 0, 256, "CHACHA20_POLY1305", calgECDHEphem, 256, "SHA256", 0, ""},
	tls.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256:       {tls.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, calgAES128, 128, "AES", calgECDHEphem, 256, "SHA256", 8, "ECDSA"},
	tls.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256:         {tls.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, calgAES128, 128, "AES", calgECDHEphem, 256, "SHA256", 8, "RSA"},
	tls.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384:       {tls.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, calgAES256, 256, "AES", calgECDHEphem, 384, "SHA384", 8, "ECDSA"},
	tls.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384:         {tls.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, calgAES256, 256, "AES", calgECDHEphem, 384, "SHA384", 8, "RSA"},
	tls.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256: {tls.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256, 0, 256, "CHACHA20_POLY1305", calgECDHEphem, 256, "SHA256", 0, "ECDSA"},
	tls.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256:   {tls.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256, 0, 256, "CHACHA20_POLY1305", calgECDHEphem, 256, "SHA256", 0, "RSA"},
}

// suiteInfo returns the description of a suite (zero value if unknown).
func suiteInfo(id uint16) SuiteInfo { return suiteTable[id] }

// lifespanCache is a client session cache that forgets sessions older than
// the credential's dwSessionLifespan.
type lifespanCache struct {
	inner    tls.ClientSessionCache
	lifespan time.Duration
	mu       sync.Mutex
	born     map[string]time.Time
}

func newLifespanCache(lifespan time.Duration) *lifespanCache {
	return &lifespanCache{inner: tls.NewLRUClientSessionCache(256), lifespan: lifespan, born: map[string]time.Time{}}
}

func (l *lifespanCache) Get(key string) (*tls.ClientSessionState, bool) {
	l.mu.Lock()
	t, ok := l.born[key]
	l.mu.Unlock()
	if !ok || time.Since(t) > l.lifespan {
		return nil, false
	}
	return l.inner.Get(key)
}

func (l *lifespanCache) Put(key string, cs *tls.ClientSessionState) {
	l.mu.Lock()
	if cs == nil {
		delete(l.born, key)
	} else {
		l.born[key] = time.Now()
	}
	l.mu.Unlock()
	l.inner.Put(key, cs)
}
