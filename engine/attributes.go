package engine

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/sha512"
	"crypto/tls"
	"crypto/x509"
	"encoding/binary"
	"hash"
	"time"
)

// The context attributes of QueryContextAttributes and SetContextAttributes
// (spec §11), one method per attribute. Methods that need the negotiated
// session return StatusInvalidHandle until the handshake has completed
// (spec §11: no primary source on Windows; documented in include/sspi.h).

// attrState is what the handshake callbacks recorded and what
// SetContextAttributes stored, for the attribute queries. The callbacks run
// on the handshake goroutine while Step holds c.mu and waits for it, so the
// fields are only ever touched by one side at a time.
type attrState struct {
	localCert   *tls.Certificate      // the certificate this side sent
	peerSchemes []tls.SignatureScheme // the peer's signature_algorithms
	keying      *keyingInfo           // SECPKG_ATTR_KEYING_MATERIAL_INFO
	appData     []byte                // SECPKG_ATTR_APP_DATA
}

// Established reports whether the handshake completed.
func (c *Context) Established() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.state == stateEstablished
}

// connState returns the connection state, or ok == false before the
// handshake has produced one. It never calls into the tls.Conn while the
// handshake goroutine runs or is parked: that goroutine holds the
// connection's handshake lock.
func (c *Context) connState() (tls.ConnectionState, bool) {
	if c.conn == nil || !c.drv.exited {
		return tls.ConnectionState{}, false
	}
	cs := c.conn.ConnectionState()
	return cs, cs.HandshakeComplete
}

// recordClientHello is the server's tls.Config.GetConfigForClient hook: it
// keeps the client's signature_algorithms (SECPKG_ATTR_SUPPORTED_SIGNATURES).
func (c *Context) recordClientHello(h *tls.ClientHelloInfo) (*tls.Config, error) {
	c.attr.peerSchemes = append([]tls.SignatureScheme(nil), h.SignatureSchemes...)
	return nil, nil
}

// selectCertificate is the server's tls.Config.GetCertificate: it picks
// the certificate crypto/tls would pick from cfg.Certificates (the first
// one the client supports, else the first) and records it for
// SECPKG_ATTR_LOCAL_CERT_CONTEXT.
func (c *Context) selectCertificate(h *tls.ClientHelloInfo) (*tls.Certificate, error) {
	certs := c.cred.Certs
	if len(certs) == 0 {
		return nil, errNoServerCert // Step refuses such credentials first
	}
	chosen := &certs[0]
	if len(certs) > 1 {
		for i := range certs {
			if h.SupportsCertificate(&certs[i]) == nil {
				chosen = &certs[i]
				break
			}
		}
	}
	c.attr.localCert = chosen
	return chosen, nil
}

const errNoServerCert = simpleError("credential has no server certificate")

// sendClientCertificate wraps clientCertificate to record the certificate
// the client sends and the server's signature_algorithms.
func (c *Context) sendClientCertificate(cri *tls.CertificateRequestInfo) (*tls.Certificate, error) {
	c.attr.peerSchemes = append([]tls.SignatureScheme(nil), cri.SignatureSchemes...)
	cert, err := c.clientCertificate(cri)
	if err == nil && cert != nil && len(cert.Certificate) > 0 {
		c.attr.localCert = cert
	}
	return cert, err
}

// localCertLocked returns the certificate this side presented: the one
// recorded during the handshake, or for a server whose handshake picked
// none (a resumed TLS 1.3 session), the credential's first.
func (c *Context) localCertLocked() *tls.Certificate {
	if c.attr.localCert != nil {
		return c.attr.localCert
	}
	if c.server && len(c.cred.Certs) > 0 {
		return &c.cred.Certs[0]
	}
	return nil
}

// serverLeafLocked returns the server's certificate: the peer's leaf on a
// client, our own on a server. Nil if there is none.
func (c *Context) serverLeafLocked(cs tls.ConnectionState) *x509.Certificate {
	if !c.server {
		if len(cs.PeerCertificates) > 0 {
			return cs.PeerCertificates[0]
		}
		return nil
	}
	lc := c.localCertLocked()
	if lc == nil {
		return nil
	}
	if lc.Leaf != nil {
		return lc.Leaf
	}
	if len(lc.Certificate) > 0 {
		if leaf, err := x509.ParseCertificate(lc.Certificate[0]); err == nil {
			return leaf
		}
	}
	return nil
}

// certKeyType names a certificate's key type the way Schannel does (CNG
// name, and the CALG_* signature id; Ed25519 has none).
func certKeyType(cert *x509.Certificate) (name string, alg uint32) {
	if cert == nil {
		return "", 0
	}
	switch cert.PublicKey.(type) {
	case *rsa.PublicKey:
		return "RSA", calgRSASign
	case *ecdsa.PublicKey:
		return "ECDSA", calgECDSA
	case ed25519.PublicKey:
		return "Ed25519", 0
	}
	return "", 0
}

// Sizes is SecPkgContext_Sizes.
type Sizes struct {
	MaxToken, MaxSignature, BlockSize, SecurityTrailer uint32
}

// Sizes returns SECPKG_ATTR_SIZES: constants, the values FreeRDP's WinPR
// reports for Schannel (spec §11), available at any time.
func (c *Context) Sizes() Sizes {
	return Sizes{MaxToken: 24576, MaxSignature: 16, BlockSize: 0, SecurityTrailer: 16}
}

// ApplicationProtocol is SecPkgContext_ApplicationProtocol.
type ApplicationProtocol struct {
	Status   uint32 // SecApplicationProtocolNegotiationStatus_*
	Ext      uint32 // SecApplicationProtocolNegotiationExt_*
	Protocol string
}

// ApplicationProtocol returns the ALPN result. Before the handshake
// completes it reports "none".
func (c *Context) ApplicationProtocol() ApplicationProtocol {
	c.mu.Lock()
	defer c.mu.Unlock()
	cs, ok := c.connState()
	if !ok || cs.NegotiatedProtocol == "" {
		return ApplicationProtocol{}
	}
	return ApplicationProtocol{Status: 1, Ext: 2, Protocol: cs.NegotiatedProtocol}
}

// ConnectionInfo is SecPkgContext_ConnectionInfo.
type ConnectionInfo struct {
	Protocol       uint32
	Cipher         uint32
	CipherStrength uint32
	Hash           uint32
	HashStrength   uint32
	Exchange       uint32
	ExchStrength   uint32
}

// curveBits is the strength Schannel reports for a key-exchange group.
func curveBits(id tls.CurveID) uint32 {
	switch id {
	case tls.CurveP384:
		return 384
	case tls.CurveP521:
		return 521
	case tls.X25519MLKEM768:
		return 768 // reported as the ML-KEM parameter set size
	}
	return 256
}

// ConnectionInfo returns the negotiated parameters, or false before the
// handshake completes. Every suite offered is an AEAD, so Hash and
// HashStrength are 0, as current Windows reports for AEAD suites (spec
// §2.11).
func (c *Context) ConnectionInfo() (ConnectionInfo, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	cs, ok := c.connState()
	if !ok {
		return ConnectionInfo{}, false
	}
	si := suiteInfo(cs.CipherSuite)
	return ConnectionInfo{
		Protocol:       ProtocolBit(cs.Version, c.server),
		Cipher:         si.CipherAlg,
		CipherStrength: si.CipherBits,
		Hash:           0,
		HashStrength:   0,
		Exchange:       si.ExchAlg,
		ExchStrength:   curveBits(cs.CurveID),
	}, true
}

// ConnectionInfoEx is SecPkgContext_ConnectionInfoEx (CNG names).
type ConnectionInfoEx struct {
	Protocol       uint32 // SP_PROT_* bit
	Cipher         string
	CipherStrength uint32
	Hash           string // empty for AEAD
	HashStrength   uint32
	Exchange       string
	ExchStrength   uint32
}

// exchangeName is the CNG name of the key exchange: every suite offered is
// ECDHE, including the hybrid X25519MLKEM768 group (its code point is in
// CipherInfo.KeyType).
const exchangeName = "ECDH"

// ConnectionInfoEx returns SECPKG_ATTR_CONNECTION_INFO_EX.
func (c *Context) ConnectionInfoEx() (ConnectionInfoEx, Status) {
	c.mu.Lock()
	defer c.mu.Unlock()
	cs, ok := c.connState()
	if !ok {
		return ConnectionInfoEx{}, StatusInvalidHandle
	}
	si := suiteInfo(cs.CipherSuite)
	return ConnectionInfoEx{
		Protocol:       ProtocolBit(cs.Version, c.server),
		Cipher:         si.CNGCipher,
		CipherStrength: si.CipherBits,
		Exchange:       exchangeName,
		ExchStrength:   curveBits(cs.CurveID),
	}, StatusOK
}

// CipherInfo is SecPkgContext_CipherInfo.
type CipherInfo struct {
	Protocol        uint32 // wire version: 0x0303, 0x0304
	CipherSuite     uint32
	BaseCipherSuite uint32
	CipherSuiteName string // IANA name
	Cipher          string // CNG name
	CipherLen       uint32 // key bits
	CipherBlockLen  uint32 // bytes (1 for a stream cipher)
	Hash            string // empty for AEAD
	HashLen         uint32
	Exchange        string
	MinExchangeLen  uint32
	MaxExchangeLen  uint32
	Certificate     string // server certificate key type
	KeyType         uint32 // named group code point
}

// CipherInfo returns SECPKG_ATTR_CIPHER_INFO, with the values of the
// Windows 10+ example of spec §11 (min/max exchange length 0/65536,
// dwKeyType = the named group).
func (c *Context) CipherInfo() (CipherInfo, Status) {
	c.mu.Lock()
	defer c.mu.Unlock()
	cs, ok := c.connState()
	if !ok {
		return CipherInfo{}, StatusInvalidHandle
	}
	si := suiteInfo(cs.CipherSuite)
	block := uint32(16)
	if si.CipherAlg == 0 {
		block = 1 // ChaCha20-Poly1305 is a stream cipher
	}
	certName, _ := certKeyType(c.serverLeafLocked(cs))
	return CipherInfo{
		Protocol:        uint32(cs.Version),
		CipherSuite:     uint32(cs.CipherSuite),
		BaseCipherSuite: uint32(cs.CipherSuite),
		CipherSuiteName: tls.CipherSuiteName(cs.CipherSuite),
		Cipher:          si.CNGCipher,
		CipherLen:       si.CipherBits,
		CipherBlockLen:  block,
		Exchange:        exchangeName,
		MinExchangeLen:  0,
		MaxExchangeLen:  65536,
		Certificate:     certName,
		KeyType:         uint32(cs.CurveID),
	}, StatusOK
}

// KeyInfo is SecPkgContext_KeyInfo.
type KeyInfo struct {
	SignatureName string // "RSA", "ECDSA", "Ed25519"
	EncryptName   string // "AES", "CHACHA20_POLY1305"
	KeySize       uint32 // cipher key bits
	SignatureAlg  uint32 // CALG_RSA_SIGN, CALG_ECDSA, 0 for Ed25519
	EncryptAlg    uint32 // aiCipher of ConnectionInfo
}

// KeyInfo returns SECPKG_ATTR_KEY_INFO. The signature algorithm is the key
// type of the server's certificate (the one that signed the handshake).
func (c *Context) KeyInfo() (KeyInfo, Status) {
	c.mu.Lock()
	defer c.mu.Unlock()
	cs, ok := c.connState()
	if !ok {
		return KeyInfo{}, StatusInvalidHandle
	}
	si := suiteInfo(cs.CipherSuite)
	name, alg := certKeyType(c.serverLeafLocked(cs))
	return KeyInfo{SignatureName: name, EncryptName: si.CNGCipher, KeySize: si.CipherBits, SignatureAlg: alg, EncryptAlg: si.CipherAlg}, StatusOK
}

// Lifespan returns SECPKG_ATTR_LIFESPAN: the validity of the peer's
// certificate as FILETIMEs, or 0 and "never" (0x7FFFFFFFFFFFFFFF) when the
// peer sent none.
func (c *Context) Lifespan() (start, expiry int64, st Status) {
	c.mu.Lock()
	defer c.mu.Unlock()
	cs, ok := c.connState()
	if !ok {
		return 0, 0, StatusInvalidHandle
	}
	if len(cs.PeerCertificates) == 0 {
		return 0, ExpiryTime(time.Time{}), StatusOK
	}
	leaf := cs.PeerCertificates[0]
	return int64(FileTime(leaf.NotBefore)), ExpiryTime(leaf.NotAfter), StatusOK
}

// Flags returns SECPKG_ATTR_FLAGS: the ISC_RET_*/ASC_RET_* bits for the
// request flags of the context's first call.
func (c *Context) Flags() uint32 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.attrs(c.req)
}

// SupportedProtocols returns SECPKG_ATTR_SUPPORTED_PROTOCOLS on a context:
// the SP_PROT_* bits its credential enables.
func (c *Context) SupportedProtocols() uint32 { return c.cred.Protocols }

// Channel binding prefixes (RFC 5929 §3.2 and §4.2).
const (
	tlsUniquePrefix         = "tls-unique:"
	tlsServerEndPointPrefix = "tls-server-end-point:"
)

// secChannelBindingsSize is sizeof(SEC_CHANNEL_BINDINGS).
const secChannelBindingsSize = 32

// channelBindings lays out SEC_CHANNEL_BINDINGS (all address fields 0,
// offsets relative to the struct start) followed by the application data,
// the block SecPkgContext_Bindings.Bindings points to (spec §3.3).
func channelBindings(prefix string, data []byte) []byte {
	app := append([]byte(prefix), data...)
	b := make([]byte, secChannelBindingsSize+len(app))
	binary.LittleEndian.PutUint32(b[24:], uint32(len(app)))       // cbApplicationDataLength
	binary.LittleEndian.PutUint32(b[28:], secChannelBindingsSize) // dwApplicationDataOffset
	copy(b[secChannelBindingsSize:], app)
	return b
}

// UniqueBindings returns SECPKG_ATTR_UNIQUE_BINDINGS: SEC_CHANNEL_BINDINGS
// with "tls-unique:" and the first Finished message (RFC 5929 §3). TLS 1.3
// (RFC 9266: no tls-unique) and resumed sessions without extended master
// secret have none: StatusUnsupportedFunction.
func (c *Context) UniqueBindings() ([]byte, Status) {
	c.mu.Lock()
	defer c.mu.Unlock()
	cs, ok := c.connState()
	if !ok {
		return nil, StatusInvalidHandle
	}
	if len(cs.TLSUnique) == 0 {
		return nil, StatusUnsupportedFunction
	}
	return channelBindings(tlsUniquePrefix, cs.TLSUnique), StatusOK
}

// EndpointBindings returns SECPKG_ATTR_ENDPOINT_BINDINGS:
// SEC_CHANNEL_BINDINGS with "tls-server-end-point:" and the hash of the
// server certificate (RFC 5929 §4.1).
func (c *Context) EndpointBindings() ([]byte, Status) {
	c.mu.Lock()
	defer c.mu.Unlock()
	cs, ok := c.connState()
	if !ok {
		return nil, StatusInvalidHandle
	}
	leaf := c.serverLeafLocked(cs)
	if leaf == nil {
		return nil, StatusNoCredentials
	}
	h := endpointHash(leaf.SignatureAlgorithm)
	h.Write(leaf.Raw)
	return channelBindings(tlsServerEndPointPrefix, h.Sum(nil)), StatusOK
}

// endpointHash is the hash RFC 5929 §4.1 prescribes for a certificate
// signed with alg: the signature's hash, except MD5 and SHA-1 become
// SHA-256; algorithms without a single hash (Ed25519) use SHA-256 as well.
func endpointHash(alg x509.SignatureAlgorithm) hash.Hash {
	switch alg {
	case x509.SHA384WithRSA, x509.ECDSAWithSHA384, x509.SHA384WithRSAPSS:
		return sha512.New384()
	case x509.SHA512WithRSA, x509.ECDSAWithSHA512, x509.SHA512WithRSAPSS:
		return sha512.New()
	}
	return sha256.New()
}

// RemoteCertificates returns SECPKG_ATTR_REMOTE_CERT_CONTEXT's chain: the
// DER certificates the peer sent, leaf first; StatusNoCredentials when it
// sent none.
func (c *Context) RemoteCertificates() ([][]byte, Status) {
	c.mu.Lock()
	defer c.mu.Unlock()
	cs, ok := c.connState()
	if !ok {
		return nil, StatusInvalidHandle
	}
	if len(cs.PeerCertificates) == 0 {
		return nil, StatusNoCredentials
	}
	return rawChain(cs.PeerCertificates), StatusOK
}

// LocalCertificates returns SECPKG_ATTR_LOCAL_CERT_CONTEXT's chain: the DER
// certificates this side sent, leaf first; StatusNoCredentials when it sent
// none.
func (c *Context) LocalCertificates() ([][]byte, Status) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.connState(); !ok {
		return nil, StatusInvalidHandle
	}
	lc := c.localCertLocked()
	if lc == nil || len(lc.Certificate) == 0 {
		return nil, StatusNoCredentials
	}
	return append([][]byte(nil), lc.Certificate...), StatusOK
}

func rawChain(certs []*x509.Certificate) [][]byte {
	out := make([][]byte, len(certs))
	for i, pc := range certs {
		out[i] = pc.Raw
	}
	return out
}

// IssuerList returns SECPKG_ATTR_ISSUER_LIST_EX: the DER names of the
// server's CertificateRequest (client side; empty when there was none, and
// always on a server). Answered during the handshake too, since callers ask
// right after SEC_I_INCOMPLETE_CREDENTIALS.
func (c *Context) IssuerList() [][]byte {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.server {
		return nil
	}
	out := make([][]byte, len(c.acceptableCAs))
	copy(out, c.acceptableCAs)
	return out
}

// SupportedSignatures returns SECPKG_ATTR_SUPPORTED_SIGNATURES: the peer's
// signature_algorithms as TLS SignatureScheme code points — the
// ClientHello's on a server, the CertificateRequest's on a client (empty if
// the server sent none).
func (c *Context) SupportedSignatures() ([]uint16, Status) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.connState(); !ok {
		return nil, StatusInvalidHandle
	}
	out := make([]uint16, len(c.attr.peerSchemes))
	for i, s := range c.attr.peerSchemes {
		out[i] = uint16(s)
	}
	return out, StatusOK
}

// SSL_SESSION_RECONNECT in SecPkgContext_SessionInfo.dwFlags.
const sessionReconnect = 1

// sessionIDLabel is the RFC 5705 exporter label of the session id reported
// in SecPkgContext_SessionInfo: crypto/tls does not expose the session id.
const sessionIDLabel = "EXPORTER-libsecur32-session-id"

// SessionInfo is SecPkgContext_SessionInfo.
type SessionInfo struct {
	Flags uint32 // SSL_SESSION_RECONNECT when the handshake resumed a session
	ID    []byte // at most 32 bytes
}

// SessionInfo returns SECPKG_ATTR_SESSION_INFO. The id is 32 bytes of the
// exporter with sessionIDLabel: equal on both sides of one connection,
// different for every connection (resumed or not); empty when the exporter
// is unavailable (TLS 1.2 without extended master secret).
func (c *Context) SessionInfo() (SessionInfo, Status) {
	c.mu.Lock()
	defer c.mu.Unlock()
	cs, ok := c.connState()
	if !ok {
		return SessionInfo{}, StatusInvalidHandle
	}
	var si SessionInfo
	if cs.DidResume {
		si.Flags = sessionReconnect
	}
	if id, err := cs.ExportKeyingMaterial(sessionIDLabel, nil, 32); err == nil {
		si.ID = id
	}
	return si, StatusOK
}

// keyingInfo is a stored SecPkgContext_KeyingMaterialInfo.
type keyingInfo struct {
	label   string
	context []byte // nil = no context value
	length  int
}

// Limits of the exporter input. A TLS 1.3 label goes into an HKDF label
// with "tls13 " (at most 255 bytes, RFC 8446 §7.1); the output length is
// capped at what every TLS 1.3 suite can produce beyond that per-suite
// check, and at a 16-bit size for TLS 1.2.
const (
	maxExporterLabel  = 255 - len("tls13 ")
	maxExporterLength = 0xFFFF
)

// SetKeyingMaterialInfo stores SECPKG_ATTR_KEYING_MATERIAL_INFO for a later
// KeyingMaterial query. label excludes the NUL; context nil means none.
// StatusInvalidParameter for an empty, overlong or reserved (RFC 5246 PRF)
// label, and for a length of 0 or more than 65535.
func (c *Context) SetKeyingMaterialInfo(label string, context []byte, length uint32) Status {
	switch label {
	case "", "client finished", "server finished", "master secret", "key expansion":
		return StatusInvalidParameter
	}
	if len(label) > maxExporterLabel || length == 0 || length > maxExporterLength {
		return StatusInvalidParameter
	}
	ki := &keyingInfo{label: label, length: int(length)}
	if context != nil {
		ki.context = append([]byte{}, context...)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.attr.keying = ki
	return StatusOK
}

// KeyingMaterial returns SECPKG_ATTR_KEYING_MATERIAL: the RFC 5705 exporter
// output for the stored KEYING_MATERIAL_INFO. StatusInvalidParameter when no
// info was set or the length exceeds what the TLS 1.3 suite's HKDF can
// produce; StatusUnsupportedFunction when the session has no exporter (TLS
// 1.2 without extended master secret).
func (c *Context) KeyingMaterial() ([]byte, Status) {
	c.mu.Lock()
	defer c.mu.Unlock()
	cs, ok := c.connState()
	if !ok {
		return nil, StatusInvalidHandle
	}
	ki := c.attr.keying
	if ki == nil {
		return nil, StatusInvalidParameter
	}
	if cs.Version >= tls.VersionTLS13 {
		hashLen := int(suiteInfo(cs.CipherSuite).HashBits / 8)
		if hashLen == 0 || ki.length > 255*hashLen {
			return nil, StatusInvalidParameter
		}
	}
	out, err := cs.ExportKeyingMaterial(ki.label, ki.context, ki.length)
	if err != nil {
		return nil, StatusUnsupportedFunction
	}
	return out, StatusOK
}

// SetAppData stores SECPKG_ATTR_APP_DATA (copied).
func (c *Context) SetAppData(b []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.attr.appData = append([]byte{}, b...)
}

// AppData returns the SECPKG_ATTR_APP_DATA blob (nil if none was set).
func (c *Context) AppData() []byte {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.attr.appData) == 0 {
		return nil
	}
	return append([]byte(nil), c.attr.appData...)
}

// TicketKey is one SecPkgCred_SessionTicketKey.
type TicketKey struct {
	Version  uint32 // TicketInfoVersion, must be SESSION_TICKET_INFO_V0
	ID       [16]byte
	Material []byte // KeyingMaterial[:KeyingMaterialSize]
}

// MaxTicketKeys bounds SecPkgCred_SessionTicketKeys.cSessionTicketKeys.
const MaxTicketKeys = 256

// SetSessionTicketKeys is SetCredentialsAttributes(
// SECPKG_ATTR_SESSION_TICKET_KEYS): the first key encrypts new tickets,
// all decrypt. Each crypto/tls key is SHA-256(KeyId || KeyingMaterial), so
// servers given the same keys resume each other's sessions.
// StatusInvalidParameter for an outbound-only credential, an empty or
// overlong list, an unknown version or a material size outside 32..64.
func (c *Credentials) SetSessionTicketKeys(keys []TicketKey) Status {
	if c.Use&CredInbound == 0 || len(keys) == 0 || len(keys) > MaxTicketKeys {
		return StatusInvalidParameter
	}
	out := make([][32]byte, len(keys))
	for i, k := range keys {
		if k.Version != 0 || len(k.Material) < 32 || len(k.Material) > 64 {
			return StatusInvalidParameter
		}
		h := sha256.New()
		h.Write(k.ID[:])
		h.Write(k.Material)
		h.Sum(out[i][:0])
	}
	return c.SetTicketKeys(out)
}
