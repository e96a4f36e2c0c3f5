package engine

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/tls"
	"crypto/x509"
	"os"
	"sync"
	"time"
)

// Credential use (SECPKG_CRED_*).
const (
	CredInbound  = 1 // SECPKG_CRED_INBOUND: server
	CredOutbound = 2 // SECPKG_CRED_OUTBOUND: client
	CredBoth     = 3 // SECPKG_CRED_BOTH
)

// Credential flags (SCH_CRED_* / SCH_*) that change behaviour.
const (
	FlagNoServernameCheck    = 0x4
	FlagManualCredValidation = 0x8
	FlagNoDefaultCreds       = 0x10
	FlagAutoCredValidation   = 0x20
	FlagDisableReconnects    = 0x80
	FlagSendRootCert         = 0x40000
	FlagUseStrongCrypto      = 0x400000
	// FlagRenegotiateOnTicket is SCH_CRED_LINUX_RENEGOTIATE_ON_TICKET
	// (schannel_linux.h): report TLS 1.3 tickets as SEC_I_RENEGOTIATE, as
	// Windows does.
	FlagRenegotiateOnTicket = 0x40000000
	// FlagThreadAffine is SCH_CRED_LINUX_THREAD_AFFINE (schannel_linux.h):
	// the caller promises to drive each handshake from the thread that
	// began it, and the handshake runs as a coroutine on that thread
	// instead of on a goroutine of its own (see driver).
	FlagThreadAffine = 0x20000000
)

// threadAffineByDefault reports SECUR32_THREAD_AFFINE=1 in the environment
// (read once): every credential then behaves as if it had
// FlagThreadAffine, a deployment switch for unchanged servers known to keep
// each handshake on one thread.
var threadAffineByDefault = sync.OnceValue(func() bool { return os.Getenv("SECUR32_THREAD_AFFINE") == "1" })

// CertInput is one entry of SCHANNEL_CRED.paCred as capi found it: the
// certificate (with its private key when the context came from
// PFXImportCertStore or the PEM extension), the other certificates of its
// store (to build the chain sent to the peer), or Bogus when the context's
// encoded bytes do not parse.
type CertInput struct {
	Cert  *Certificate
	Pool  []*Certificate
	Bogus bool
}

// CryptoSetting is one CRYPTO_SETTINGS entry of TLS_PARAMETERS.
type CryptoSetting struct {
	Usage         uint32 // eTlsAlgorithmUsage
	Algorithm     string // CNG algorithm id, e.g. "AES", "ECDH", "RSA"
	ChainingModes []string
	MinBits       uint32
	MaxBits       uint32
}

// TLSParameters is one TLS_PARAMETERS entry of SCH_CREDENTIALS.
type TLSParameters struct {
	ALPNIDs           []string
	DisabledProtocols uint32
	DisabledCrypto    []CryptoSetting
	Flags             uint32
}

// CredentialConfig is the auth data of AcquireCredentialsHandle
// (SCHANNEL_CRED or SCH_CREDENTIALS), decoded by capi into Go values.
type CredentialConfig struct {
	Version           uint32 // dwVersion: 3 or 4 = SCHANNEL_CRED, 5 = SCH_CREDENTIALS
	CredFormat        uint32
	Certs             []CertInput
	RootStore         []*Certificate // hRootStore contents (server: client-cert CAs)
	SupportedAlgs     []uint32       // SCHANNEL_CRED palgSupportedAlgs (ALG_IDs)
	EnabledProtocols  uint32         // SCHANNEL_CRED grbitEnabledProtocols
	MinCipherStrength uint32
	MaxCipherStrength uint32
	SessionLifespanMs uint32
	Flags             uint32
	TLSParams         []TLSParameters // SCH_CREDENTIALS
}

// Credentials is an acquired credential: immutable after creation, shared by
// every context created from it and safe for concurrent use. The handle a
// caller frees only drops one reference; contexts keep the object alive.
type Credentials struct {
	Use       uint32
	Protocols uint32 // enabled SP_PROT bits for this credential's direction
	Flags     uint32
	Certs     []tls.Certificate // server certificates, or the client certificate (at most one)
	Leaf      *Certificate      // first certificate, for names and expiry
	Expiry    time.Time         // zero when the credential has no certificate
	MinVer    uint16
	MaxVer    uint16
	Suites12  []uint16 // TLS 1.2 cipher suites
	ClientCAs *x509.CertPool
	Lifespan  time.Duration

	sessionCache tls.ClientSessionCache // client: per credential, keyed by target
	ticketMu     sync.RWMutex
	ticketKeys   [][32]byte  // server: ticket keys shared by the contexts, newest first
	ticketBorn   []time.Time // when each automatic key was made; nil for the application's keys
	now          func() time.Time
}

// Automatic session-ticket keys (serverTicketKeys) follow crypto/tls's own
// schedule: a new key encrypts every ticketKeyRotation, and a key is
// dropped once every ticket it made has expired (tickets live at most
// ticketLifetime).
const (
	ticketKeyRotation = 24 * time.Hour
	ticketLifetime    = 7 * 24 * time.Hour
)

// strongSuites12 are the TLS 1.2 suites a credential offers: ECDHE with an
// AEAD only (no RSA key exchange, no CBC), server preference in this order.
var strongSuites12 = []uint16{
	tls.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
	tls.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
	tls.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
	tls.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
	tls.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
	tls.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
}

// NewCredentials validates cfg (nil when pAuthData was NULL) for the given
// credential use and returns the credential, with the statuses Windows gives
// (spec §5.2): SEC_E_NO_CREDENTIALS for inbound without auth data or a
// certificate without a private key, SEC_E_UNKNOWN_CREDENTIALS for an
// unknown struct version or an undecodable certificate, and
// SEC_E_ALGORITHM_MISMATCH when the protocol bits leave nothing usable for
// this side.
func NewCredentials(use uint32, cfg *CredentialConfig) (*Credentials, Status) {
	use &^= 0xF0000000  // SECPKG_CRED_RESERVED
	use &^= 0x10 | 0x20 // AUTOLOGON_RESTRICTED, PROCESS_POLICY_ONLY: no meaning here
	if use&CredBoth == 0 {
		return nil, StatusNoCredentials
	}
	if cfg == nil {
		if use&CredInbound != 0 {
			return nil, StatusNoCredentials
		}
		cfg = &CredentialConfig{Version: 4}
	}
	switch cfg.Version {
	case 3, 4, 5:
	default:
		return nil, StatusUnknownCredentials
	}
	c := &Credentials{Use: use, Flags: cfg.Flags}
	if threadAffineByDefault() {
		c.Flags |= FlagThreadAffine
	}
	server := use&CredInbound != 0

	if st := c.setProtocols(cfg, server); st != StatusOK {
		return nil, st
	}
	if st := c.setCertificates(cfg, server); st != StatusOK {
		return nil, st
	}
	if st := c.setSuites(cfg); st != StatusOK {
		return nil, st
	}
	if len(cfg.RootStore) > 0 {
		c.ClientCAs = x509.NewCertPool()
		for _, r := range cfg.RootStore {
			c.ClientCAs.AddCert(r.X509)
		}
	}
	c.Lifespan = 10 * time.Hour
	if cfg.SessionLifespanMs != 0 {
		c.Lifespan = time.Duration(cfg.SessionLifespanMs) * time.Millisecond
	}
	if use&CredOutbound != 0 && cfg.Flags&FlagDisableReconnects == 0 {
		c.sessionCache = newLifespanCache(c.Lifespan)
	}
	return c, StatusOK
}

func (c *Credentials) setProtocols(cfg *CredentialConfig, server bool) Status {
	var enabled uint32
	if cfg.Version == 5 {
		enabled = defaultProtocols
		for _, p := range cfg.TLSParams {
			if len(p.ALPNIDs) == 0 && p.DisabledProtocols != 0 {
				enabled &^= p.DisabledProtocols
				// Disabling everything we support but nothing else:
				// keep the caller's intent visible as "no protocol".
			}
		}
	} else {
		enabled = cfg.EnabledProtocols
		if enabled == 0 {
			enabled = defaultProtocols
		}
	}
	if enabled&protDTLSMask != 0 {
		return StatusAlgorithmMismatch // no DTLS; TLS and DTLS never mix
	}
	var side uint32 = protAllClient
	if server {
		side = protAllServer
	}
	if c.Use == CredBoth {
		side = protAllServer | protAllClient
	}
	mine := enabled & side
	if mine == 0 {
		return StatusAlgorithmMismatch
	}
	for _, v := range versionBits {
		if mine&(v.server|v.client) != 0 {
			if c.MinVer == 0 {
				c.MinVer = v.version
			}
			c.MaxVer = v.version
		}
	}
	if c.MinVer == 0 {
		return StatusAlgorithmMismatch // only SSL 2/3 or PCT asked for
	}
	c.Protocols = 0
	for _, v := range versionBits {
		if v.version >= c.MinVer && v.version <= c.MaxVer {
			c.Protocols |= mine & (v.server | v.client)
		}
	}
	return StatusOK
}

func (c *Credentials) setCertificates(cfg *CredentialConfig, server bool) Status {
	for _, in := range cfg.Certs {
		if in.Bogus || in.Cert == nil || in.Cert.X509 == nil {
			return StatusUnknownCredentials
		}
		if in.Cert.Key == nil {
			return StatusNoCredentials
		}
		if !keyMatches(in.Cert.Key, in.Cert.X509) {
			return StatusUnknownCredentials
		}
		chain := BuildChain(in.Cert, in.Pool, cfg.Flags&FlagSendRootCert != 0)
		tc := tls.Certificate{PrivateKey: in.Cert.Key, Leaf: in.Cert.X509}
		for _, ch := range chain {
			tc.Certificate = append(tc.Certificate, ch.Raw)
		}
		c.Certs = append(c.Certs, tc)
		if c.Leaf == nil {
			c.Leaf = in.Cert
			c.Expiry = in.Cert.X509.NotAfter
		}
	}
	if !server && len(c.Certs) > 1 {
		c.Certs = c.Certs[:1]
	}
	return StatusOK
}

func keyMatches(key crypto.Signer, cert *x509.Certificate) bool {
	type equaler interface{ Equal(crypto.PublicKey) bool }
	pub, ok := key.Public().(equaler)
	if !ok {
		return false
	}
	switch cert.PublicKey.(type) {
	case *rsa.PublicKey, *ecdsa.PublicKey, ed25519.PublicKey:
		return pub.Equal(cert.PublicKey)
	}
	return false
}

// ALG_ID values used to restrict cipher suites.
const (
	calgAES128     = 0x660e
	calgAES256     = 0x6610
	calgAES        = 0x6611
	calgECDHEphem  = 0xae06
	calgECDH       = 0xaa05
	calgRSASign    = 0x2400
	calgECDSA      = 0x2203
	calgSHA256     = 0x800c
	calgSHA384     = 0x800d
	calgRSAKeyx    = 0xa400
	calgDHEphem    = 0xaa02
	calgSHA1       = 0x8004
	calgTLS1PRF    = 0x800a
	calgNullCipher = 0x6000
)

func (c *Credentials) setSuites(cfg *CredentialConfig) Status {
	suites := make([]uint16, 0, len(strongSuites12))
	for _, s := range strongSuites12 {
		info := suiteInfo(s)
		if !cipherAllowed(cfg, info) {
			continue
		}
		suites = append(suites, s)
	}
	c.Suites12 = suites
	if c.MaxVer < tls.VersionTLS12 {
		// Every suite offered is an AEAD suite, which needs TLS 1.2.
		return StatusAlgorithmMismatch
	}
	if len(suites) == 0 {
		if c.MaxVer < tls.VersionTLS13 {
			return StatusAlgorithmMismatch
		}
		// TLS 1.3 suites are not configurable in crypto/tls; restrict
		// the credential to TLS 1.3.
		c.MinVer = tls.VersionTLS13
	}
	return StatusOK
}

func cipherAllowed(cfg *CredentialConfig, info SuiteInfo) bool {
	if cfg.MinCipherStrength != 0 && info.CipherBits < cfg.MinCipherStrength {
		return false
	}
	if cfg.MaxCipherStrength != 0 && cfg.MaxCipherStrength != 0xFFFFFFFF && info.CipherBits > cfg.MaxCipherStrength {
		return false
	}
	if len(cfg.SupportedAlgs) > 0 {
		var knownCipher, cipherOK bool
		for _, a := range cfg.SupportedAlgs {
			switch a {
			case calgAES128, calgAES256, calgAES:
				knownCipher = true
				if a == calgAES || a == info.CipherAlg {
					cipherOK = true
				}
			}
		}
		if knownCipher && !cipherOK {
			return false
		}
	}
	for _, p := range cfg.TLSParams {
		if len(p.ALPNIDs) != 0 {
			continue
		}
		for _, d := range p.DisabledCrypto {
			if d.Usage == 2 /* cipher */ && d.Algorithm == info.CNGCipher {
				if (d.MinBits == 0 || info.CipherBits >= d.MinBits) && (d.MaxBits == 0 || info.CipherBits <= d.MaxBits) {
					return false
				}
			}
		}
	}
	return true
}

// ServerName returns the credential's certificate subject for
// SECPKG_CRED_ATTR_NAMES, and false when it has no certificate.
func (c *Credentials) ServerName() (string, bool) {
	if c.Leaf == nil {
		return "", false
	}
	return c.Leaf.X509.Subject.String(), true
}

// SupportedAlgs returns the ALG_IDs the credential can negotiate, for
// SECPKG_ATTR_SUPPORTED_ALGS.
func (c *Credentials) SupportedAlgs() []uint32 {
	seen := map[uint32]bool{}
	var out []uint32
	add := func(a uint32) {
		if !seen[a] {
			seen[a] = true
			out = append(out, a)
		}
	}
	for _, s := range c.Suites12 {
		i := suiteInfo(s)
		add(i.CipherAlg)
		add(i.ExchAlg)
	}
	if c.MaxVer >= tls.VersionTLS13 {
		add(calgAES128)
		add(calgAES256)
		add(calgECDHEphem)
	}
	add(calgRSASign)
	add(calgECDSA)
	add(calgSHA256)
	add(calgSHA384)
	return out
}

// CipherStrengths returns the minimum and maximum cipher key sizes in bits.
func (c *Credentials) CipherStrengths() (min, max uint32) {
	min, max = 256, 128
	for _, s := range c.Suites12 {
		b := suiteInfo(s).CipherBits
		if b < min {
			min = b
		}
		if b > max {
			max = b
		}
	}
	if c.MaxVer >= tls.VersionTLS13 {
		min, max = 128, 256
	}
	return min, max
}

// SetTicketKeys installs shared session-ticket keys (first encrypts, all
// decrypt), so several server processes resume each other's sessions.
func (c *Credentials) SetTicketKeys(keys [][32]byte) Status {
	if len(keys) == 0 {
		return StatusInvalidParameter
	}
	c.ticketMu.Lock()
	c.ticketKeys = append([][32]byte(nil), keys...)
	c.ticketBorn = nil // the application's keys: it rotates them
	c.ticketMu.Unlock()
	return StatusOK
}

func (c *Credentials) ticketKeysSnapshot() [][32]byte {
	c.ticketMu.RLock()
	defer c.ticketMu.RUnlock()
	return c.ticketKeys
}
