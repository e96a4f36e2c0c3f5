package engine

import (
	"crypto/tls"
	"crypto/x509"
)

// Established reports whether the handshake completed.
func (c *Context) Established() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.state == stateEstablished
}

// state returns the connection state, or ok == false before the handshake
// has produced one.
func (c *Context) connState() (tls.ConnectionState, bool) {
	if c.conn == nil {
		return tls.ConnectionState{}, false
	}
	cs := c.conn.ConnectionState()
	return cs, cs.HandshakeComplete
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
// handshake completes.
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
		Exchange:       si.ExchAlg,
		ExchStrength:   curveBits(cs.CurveID),
	}, true
}

// PeerCertificates returns the DER chain the peer sent (leaf first), or nil.
func (c *Context) PeerCertificates() [][]byte {
	c.mu.Lock()
	defer c.mu.Unlock()
	cs, ok := c.connState()
	if !ok {
		return nil
	}
	return rawChain(cs.PeerCertificates)
}

func rawChain(certs []*x509.Certificate) [][]byte {
	out := make([][]byte, len(certs))
	for i, pc := range certs {
		out[i] = pc.Raw
	}
	return out
}
