package engine

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/sha512"
	"crypto/tls"
	"crypto/x509"
	"encoding/binary"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var (
	prot12 = uint32(protTLS12Server | protTLS12Client)
	prot13 = uint32(protTLS13Server | protTLS13Client)
)

// bindingData checks the SEC_CHANNEL_BINDINGS header of b and returns its
// application data.
func bindingData(t *testing.T, b []byte) []byte {
	t.Helper()
	require.GreaterOrEqual(t, len(b), 32)
	for off := 0; off < 24; off += 4 {
		require.Zero(t, binary.LittleEndian.Uint32(b[off:]), "address field at %d", off)
	}
	n := binary.LittleEndian.Uint32(b[24:])
	require.Equal(t, uint32(32), binary.LittleEndian.Uint32(b[28:]))
	require.Equal(t, len(b)-32, int(n))
	return b[32:]
}

func closePair(p *pair) {
	p.client.Close()
	p.server.Close()
}

// handshakeWithTickets runs a handshake and lets the client process the
// post-handshake records (TLS 1.3 tickets), so its session cache is filled.
func handshakeWithTickets(t *testing.T, cli, srv *Credentials) *pair {
	p := runHandshake(t, cli, srv, whole, StepInput{OutputLimit: -1}, StepInput{OutputLimit: -1})
	plain, sts := open(t, p.client, p.toClient)
	require.Empty(t, plain)
	for _, st := range sts {
		require.Equal(t, StatusOK, st)
	}
	return p
}

func TestAttributesBeforeHandshake(t *testing.T) {
	srv := serverCred(t, ecdsaCert(t), prot12)
	cli := clientCred(t, FlagManualCredValidation, prot12, nil)
	c := NewClientContext(cli, "localhost")
	defer c.Close()
	check := func(ctx *Context) {
		_, ok := ctx.ConnectionInfo()
		assert.False(t, ok)
		_, st := ctx.ConnectionInfoEx()
		assert.Equal(t, StatusInvalidHandle, st)
		_, st = ctx.CipherInfo()
		assert.Equal(t, StatusInvalidHandle, st)
		_, st = ctx.KeyInfo()
		assert.Equal(t, StatusInvalidHandle, st)
		_, _, st = ctx.Lifespan()
		assert.Equal(t, StatusInvalidHandle, st)
		_, st = ctx.UniqueBindings()
		assert.Equal(t, StatusInvalidHandle, st)
		_, st = ctx.EndpointBindings()
		assert.Equal(t, StatusInvalidHandle, st)
		_, st = ctx.RemoteCertificates()
		assert.Equal(t, StatusInvalidHandle, st)
		_, st = ctx.LocalCertificates()
		assert.Equal(t, StatusInvalidHandle, st)
		_, st = ctx.SessionInfo()
		assert.Equal(t, StatusInvalidHandle, st)
		_, st = ctx.SupportedSignatures()
		assert.Equal(t, StatusInvalidHandle, st)
		_, st = ctx.KeyingMaterial()
		assert.Equal(t, StatusInvalidHandle, st)
		assert.Equal(t, ApplicationProtocol{}, ctx.ApplicationProtocol())
		assert.Equal(t, Sizes{24576, 16, 0, 16}, ctx.Sizes())
	}
	check(c)
	// Settable before the handshake.
	require.Equal(t, StatusOK, c.SetKeyingMaterialInfo("EXPORTER-test", nil, 16))

	// Mid-handshake, with the handshake goroutine parked (it holds the
	// tls.Conn's handshake lock): no deadlock, still "no session".
	r := c.Step(StepInput{InputNull: true, OutputLimit: -1})
	require.Equal(t, StatusContinueNeeded, r.Status)
	check(c)
	s := NewServerContext(srv)
	defer s.Close()
	rs := s.Step(StepInput{Token: r.Output, HasExtraSlot: true, OutputLimit: -1})
	require.Equal(t, StatusContinueNeeded, rs.Status)
	check(s)
	assert.Equal(t, uint32(0x801C), c.Flags())
	assert.Equal(t, uint32(0x1001C), s.Flags())
}

func TestAttributeValues(t *testing.T) {
	for name, prot := range map[string]uint32{"tls12": prot12, "tls13": prot13} {
		t.Run(name, func(t *testing.T) {
			cert := ecdsaCert(t)
			require.Equal(t, x509.ECDSAWithSHA256, cert.X509.SignatureAlgorithm)
			srv, cli := serverCred(t, cert, prot), clientCred(t, FlagManualCredValidation, prot, nil)
			p := runHandshake(t, cli, srv, whole,
				StepInput{OutputLimit: -1, HasALPN: true, ALPN: []string{"h2", "http/1.1"}},
				StepInput{OutputLimit: -1, HasALPN: true, ALPN: []string{"http/1.1"}})
			defer closePair(p)
			cs := p.client.conn.ConnectionState()
			wantVer := uint16(tls.VersionTLS12)
			if prot == prot13 {
				wantVer = tls.VersionTLS13
			}
			require.Equal(t, wantVer, cs.Version)
			si := suiteInfo(cs.CipherSuite)
			require.NotZero(t, si.ID)

			assert.Equal(t, ApplicationProtocol{Status: 1, Ext: 2, Protocol: "http/1.1"}, p.client.ApplicationProtocol())
			assert.Equal(t, ApplicationProtocol{Status: 1, Ext: 2, Protocol: "http/1.1"}, p.server.ApplicationProtocol())

			for _, ctx := range []*Context{p.client, p.server} {
				ci, ok := ctx.ConnectionInfo()
				require.True(t, ok)
				assert.Equal(t, ProtocolBit(cs.Version, ctx.server), ci.Protocol)
				assert.Equal(t, si.CipherAlg, ci.Cipher)
				assert.Equal(t, si.CipherBits, ci.CipherStrength)
				assert.Zero(t, ci.Hash)
				assert.Zero(t, ci.HashStrength)
				assert.Equal(t, uint32(calgECDHEphem), ci.Exchange)
				assert.Equal(t, curveBits(cs.CurveID), ci.ExchStrength)

				cx, st := ctx.ConnectionInfoEx()
				require.Equal(t, StatusOK, st)
				assert.Equal(t, ConnectionInfoEx{Protocol: ci.Protocol, Cipher: si.CNGCipher, CipherStrength: si.CipherBits,
					Exchange: "ECDH", ExchStrength: ci.ExchStrength}, cx)

				cinfo, st := ctx.CipherInfo()
				require.Equal(t, StatusOK, st)
				assert.Equal(t, CipherInfo{
					Protocol: uint32(wantVer), CipherSuite: uint32(cs.CipherSuite), BaseCipherSuite: uint32(cs.CipherSuite),
					CipherSuiteName: tls.CipherSuiteName(cs.CipherSuite), Cipher: si.CNGCipher, CipherLen: si.CipherBits,
					CipherBlockLen: 16, Exchange: "ECDH", MinExchangeLen: 0, MaxExchangeLen: 65536,
					Certificate: "ECDSA", KeyType: uint32(cs.CurveID),
				}, cinfo)
				assert.NotZero(t, cinfo.KeyType)

				ki, st := ctx.KeyInfo()
				require.Equal(t, StatusOK, st)
				assert.Equal(t, KeyInfo{SignatureName: "ECDSA", EncryptName: "AES", KeySize: si.CipherBits,
					SignatureAlg: calgECDSA, EncryptAlg: si.CipherAlg}, ki)

				// tls-server-end-point: SHA-256 of the ECDSA-SHA256 server certificate.
				eb, st := ctx.EndpointBindings()
				require.Equal(t, StatusOK, st)
				sum := sha256.Sum256(cert.Raw)
				assert.Equal(t, append([]byte("tls-server-end-point:"), sum[:]...), bindingData(t, eb))
				assert.Len(t, eb, 32+21+32)

				sess, st := ctx.SessionInfo()
				require.Equal(t, StatusOK, st)
				assert.Zero(t, sess.Flags)
				assert.Len(t, sess.ID, 32)

				sigs, st := ctx.SupportedSignatures()
				require.Equal(t, StatusOK, st)
				if ctx.server {
					assert.NotEmpty(t, sigs)
					assert.Contains(t, sigs, uint16(tls.ECDSAWithP256AndSHA256))
				} else {
					assert.Empty(t, sigs) // no CertificateRequest
				}
				assert.Equal(t, ctx.cred.Protocols, ctx.SupportedProtocols())
				assert.Empty(t, ctx.IssuerList())
			}

			// Channel bindings and session ids agree across the connection.
			ce, _ := p.client.EndpointBindings()
			se, _ := p.server.EndpointBindings()
			assert.Equal(t, ce, se)
			cSess, _ := p.client.SessionInfo()
			sSess, _ := p.server.SessionInfo()
			assert.Equal(t, cSess.ID, sSess.ID)

			cu, cst := p.client.UniqueBindings()
			su, sst := p.server.UniqueBindings()
			if prot == prot12 {
				require.Equal(t, StatusOK, cst)
				require.Equal(t, StatusOK, sst)
				assert.Equal(t, cu, su)
				data := bindingData(t, cu)
				assert.Equal(t, append([]byte("tls-unique:"), cs.TLSUnique...), data)
				assert.Len(t, data, 11+12)
			} else {
				assert.Equal(t, StatusUnsupportedFunction, cst)
				assert.Equal(t, StatusUnsupportedFunction, sst)
			}

			// Certificates: the client sees the server's, the server
			// presented it, nobody sent a client certificate.
			rc, st := p.client.RemoteCertificates()
			require.Equal(t, StatusOK, st)
			assert.Equal(t, [][]byte{cert.Raw}, rc)
			lc, st := p.server.LocalCertificates()
			require.Equal(t, StatusOK, st)
			assert.Equal(t, [][]byte{cert.Raw}, lc)
			_, st = p.server.RemoteCertificates()
			assert.Equal(t, StatusNoCredentials, st)
			_, st = p.client.LocalCertificates()
			assert.Equal(t, StatusNoCredentials, st)

			// Lifespan: the peer certificate's validity; none → never.
			start, expiry, st := p.client.Lifespan()
			require.Equal(t, StatusOK, st)
			assert.Equal(t, int64(FileTime(cert.X509.NotBefore)), start)
			assert.Equal(t, int64(FileTime(cert.X509.NotAfter)), expiry)
			start, expiry, st = p.server.Lifespan()
			require.Equal(t, StatusOK, st)
			assert.Zero(t, start)
			assert.Equal(t, int64(0x7FFFFFFFFFFFFFFF), expiry)

			// Exporter: same bytes on both sides, equal to crypto/tls's.
			_, st = p.client.KeyingMaterial()
			assert.Equal(t, StatusInvalidParameter, st, "no KEYING_MATERIAL_INFO yet")
			ctxVal := []byte("context value")
			for _, ctx := range []*Context{p.client, p.server} {
				require.Equal(t, StatusOK, ctx.SetKeyingMaterialInfo("EXPORTER-libsecur32-test", ctxVal, 48))
			}
			ck, st := p.client.KeyingMaterial()
			require.Equal(t, StatusOK, st)
			sk, st := p.server.KeyingMaterial()
			require.Equal(t, StatusOK, st)
			assert.Len(t, ck, 48)
			assert.Equal(t, ck, sk)
			direct, err := cs.ExportKeyingMaterial("EXPORTER-libsecur32-test", ctxVal, 48)
			require.NoError(t, err)
			assert.Equal(t, direct, ck)
			// Different label → different output.
			require.Equal(t, StatusOK, p.client.SetKeyingMaterialInfo("EXPORTER-other", nil, 48))
			other, st := p.client.KeyingMaterial()
			require.Equal(t, StatusOK, st)
			assert.NotEqual(t, ck, other)
			if prot == prot13 {
				hashLen := int(si.HashBits / 8)
				require.Equal(t, StatusOK, p.client.SetKeyingMaterialInfo("EXPORTER-big", nil, uint32(255*hashLen)))
				big, st := p.client.KeyingMaterial()
				require.Equal(t, StatusOK, st)
				assert.Len(t, big, 255*hashLen)
				require.Equal(t, StatusOK, p.client.SetKeyingMaterialInfo("EXPORTER-big", nil, uint32(255*hashLen+1)))
				_, st = p.client.KeyingMaterial()
				assert.Equal(t, StatusInvalidParameter, st)
			}

			assert.Nil(t, p.client.AppData())
			blob := []byte{1, 2, 3}
			p.client.SetAppData(blob)
			blob[0] = 9
			assert.Equal(t, []byte{1, 2, 3}, p.client.AppData())

			assert.Equal(t, uint32(0x801C), p.client.Flags())
			assert.Equal(t, uint32(0x1001C), p.server.Flags())
		})
	}
}

func TestKeyingMaterialInfoValidation(t *testing.T) {
	c := NewClientContext(clientCred(t, 0, 0, nil), "x")
	for _, label := range []string{"", "client finished", "server finished", "master secret", "key expansion", string(make([]byte, 250))} {
		assert.Equal(t, StatusInvalidParameter, c.SetKeyingMaterialInfo(label, nil, 16), "label %q", label)
	}
	assert.Equal(t, StatusOK, c.SetKeyingMaterialInfo(string(make([]byte, 249)), nil, 16))
	assert.Equal(t, StatusInvalidParameter, c.SetKeyingMaterialInfo("EXPORTER-x", nil, 0))
	assert.Equal(t, StatusInvalidParameter, c.SetKeyingMaterialInfo("EXPORTER-x", nil, 0x10000))
	assert.Equal(t, StatusOK, c.SetKeyingMaterialInfo("EXPORTER-x", []byte{}, 0xFFFF))
}

func TestRSAAndSHA384Certificates(t *testing.T) {
	k384, err := ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	require.NoError(t, err)
	p384 := selfSigned(t, k384)
	require.Equal(t, x509.ECDSAWithSHA384, p384.X509.SignatureAlgorithm)
	rsaC := rsaCert(t)
	require.Equal(t, x509.SHA256WithRSA, rsaC.X509.SignatureAlgorithm)
	for _, tc := range []struct {
		cert     *Certificate
		sigName  string
		sigAlg   uint32
		hashSize int
	}{{rsaC, "RSA", calgRSASign, 32}, {p384, "ECDSA", calgECDSA, 48}} {
		for _, prot := range []uint32{prot12, prot13} {
			p := runHandshake(t, clientCred(t, FlagManualCredValidation, prot, nil), serverCred(t, tc.cert, prot), whole,
				StepInput{OutputLimit: -1}, StepInput{OutputLimit: -1})
			for _, ctx := range []*Context{p.client, p.server} {
				ki, st := ctx.KeyInfo()
				require.Equal(t, StatusOK, st)
				assert.Equal(t, tc.sigName, ki.SignatureName)
				assert.Equal(t, tc.sigAlg, ki.SignatureAlg)
				ci, _ := ctx.CipherInfo()
				assert.Equal(t, tc.sigName, ci.Certificate)
				eb, st := ctx.EndpointBindings()
				require.Equal(t, StatusOK, st)
				data := bindingData(t, eb)
				require.Len(t, data, 21+tc.hashSize)
				var want []byte
				if tc.hashSize == 48 {
					s := sha512.Sum384(tc.cert.Raw)
					want = s[:]
				} else {
					s := sha256.Sum256(tc.cert.Raw)
					want = s[:]
				}
				assert.Equal(t, want, data[21:])
			}
			closePair(p)
		}
	}
}

func TestEndpointHash(t *testing.T) {
	for alg, size := range map[x509.SignatureAlgorithm]int{
		x509.MD5WithRSA: 32, x509.SHA1WithRSA: 32, x509.ECDSAWithSHA1: 32, x509.SHA256WithRSA: 32,
		x509.SHA256WithRSAPSS: 32, x509.ECDSAWithSHA256: 32, x509.PureEd25519: 32,
		x509.SHA384WithRSA: 48, x509.ECDSAWithSHA384: 48, x509.SHA384WithRSAPSS: 48,
		x509.SHA512WithRSA: 64, x509.ECDSAWithSHA512: 64, x509.SHA512WithRSAPSS: 64,
	} {
		assert.Equal(t, size, endpointHash(alg).Size(), alg.String())
	}
}

func TestMutualAuthAttributes(t *testing.T) {
	srvCert, cliCert := ecdsaCert(t), rsaCert(t)
	for _, prot := range []uint32{prot12, prot13} {
		srv, st := NewCredentials(CredInbound, &CredentialConfig{Version: 5, Certs: []CertInput{{Cert: srvCert}},
			RootStore: []*Certificate{cliCert}, TLSParams: []TLSParameters{{DisabledProtocols: ^prot}}})
		require.Equal(t, StatusOK, st)
		p := runHandshake(t, clientCred(t, FlagManualCredValidation, prot, cliCert), srv, whole,
			StepInput{OutputLimit: -1}, StepInput{OutputLimit: -1, ContextReq: AscReqMutualAuth})
		rc, st := p.server.RemoteCertificates()
		require.Equal(t, StatusOK, st)
		assert.Equal(t, [][]byte{cliCert.Raw}, rc)
		lc, st := p.client.LocalCertificates()
		require.Equal(t, StatusOK, st)
		assert.Equal(t, [][]byte{cliCert.Raw}, lc)
		assert.Equal(t, [][]byte{cliCert.X509.RawSubject}, p.client.IssuerList())
		assert.Empty(t, p.server.IssuerList())
		sigs, st := p.client.SupportedSignatures()
		require.Equal(t, StatusOK, st)
		assert.NotEmpty(t, sigs, "CertificateRequest's signature_algorithms")
		start, expiry, st := p.server.Lifespan()
		require.Equal(t, StatusOK, st)
		assert.Equal(t, int64(FileTime(cliCert.X509.NotBefore)), start)
		assert.Equal(t, int64(FileTime(cliCert.X509.NotAfter)), expiry)
		assert.Equal(t, uint32(0x1001C|ascRetMutualAuth), p.server.Flags())
		// The signature algorithm is still the server's key type.
		ki, _ := p.server.KeyInfo()
		assert.Equal(t, "ECDSA", ki.SignatureName)
		closePair(p)
	}
}

func TestIssuerListDuringIncompleteCredentials(t *testing.T) {
	srvCert, caCert := ecdsaCert(t), rsaCert(t)
	srv, st := NewCredentials(CredInbound, &CredentialConfig{Version: 5, Certs: []CertInput{{Cert: srvCert}},
		RootStore: []*Certificate{caCert}, TLSParams: []TLSParameters{{DisabledProtocols: ^prot12}}})
	require.Equal(t, StatusOK, st)
	c := NewClientContext(clientCred(t, FlagManualCredValidation, prot12, nil), "localhost")
	defer c.Close()
	s := NewServerContext(srv)
	defer s.Close()
	r := c.Step(StepInput{InputNull: true, OutputLimit: -1})
	r = s.Step(StepInput{Token: r.Output, HasExtraSlot: true, OutputLimit: -1, ContextReq: AscReqMutualAuth})
	require.Equal(t, StatusContinueNeeded, r.Status)
	r = c.Step(StepInput{Token: r.Output, HasExtraSlot: true, OutputLimit: -1})
	require.Equal(t, StatusIncompleteCredsInfo, r.Status)
	assert.Equal(t, [][]byte{caCert.X509.RawSubject}, c.IssuerList())
	_, ok := c.ConnectionInfo()
	assert.False(t, ok)
}

func TestResumption(t *testing.T) {
	for name, prot := range map[string]uint32{"tls12": prot12, "tls13": prot13} {
		t.Run(name, func(t *testing.T) {
			cert := ecdsaCert(t)
			srv, cli := serverCred(t, cert, prot), clientCred(t, FlagManualCredValidation, prot, nil)
			first := handshakeWithTickets(t, cli, srv)
			fs, _ := first.client.SessionInfo()
			assert.Zero(t, fs.Flags)
			closePair(first)

			p := handshakeWithTickets(t, cli, srv)
			defer closePair(p)
			require.True(t, p.client.conn.ConnectionState().DidResume)
			for _, ctx := range []*Context{p.client, p.server} {
				s, st := ctx.SessionInfo()
				require.Equal(t, StatusOK, st)
				assert.Equal(t, uint32(1), s.Flags, "SSL_SESSION_RECONNECT")
				assert.Len(t, s.ID, 32)
				assert.NotEqual(t, fs.ID, s.ID)
				// The certificates of the resumed session are still known.
				ki, st := ctx.KeyInfo()
				require.Equal(t, StatusOK, st)
				assert.Equal(t, "ECDSA", ki.SignatureName)
			}
			rc, st := p.client.RemoteCertificates()
			require.Equal(t, StatusOK, st)
			assert.Equal(t, [][]byte{cert.Raw}, rc)
			lc, st := p.server.LocalCertificates()
			require.Equal(t, StatusOK, st)
			assert.Equal(t, [][]byte{cert.Raw}, lc)

			// Another client credential: no resumption (spec §13).
			q := handshakeWithTickets(t, clientCred(t, FlagManualCredValidation, prot, nil), srv)
			s, _ := q.client.SessionInfo()
			assert.Zero(t, s.Flags)
			closePair(q)
		})
	}
}

// TestTicketKeyRotation: a credential's own ticket keys are replaced every
// 24 hours, and an old key decrypts tickets until they have all expired;
// keys the application installed are never touched.
func TestTicketKeyRotation(t *testing.T) {
	cert := ecdsaCert(t)
	srv := serverCred(t, cert, prot13)
	clock := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	srv.now = func() time.Time { return clock }
	resumed := func(cli *Credentials) bool {
		p := handshakeWithTickets(t, cli, srv)
		defer closePair(p)
		return p.server.conn.ConnectionState().DidResume
	}
	early, late := clientCred(t, FlagManualCredValidation, prot13, nil), clientCred(t, FlagManualCredValidation, prot13, nil)
	require.False(t, resumed(early)) // ticket under the first key
	first := srv.ticketKeysSnapshot()
	require.Len(t, first, 1)

	clock = clock.Add(23 * time.Hour)
	require.False(t, resumed(late))
	assert.Equal(t, first, srv.ticketKeysSnapshot(), "rotated before 24 hours")

	clock = clock.Add(2 * time.Hour) // 25 h: a new key encrypts, the old one still decrypts
	require.True(t, resumed(late))
	keys := srv.ticketKeysSnapshot()
	require.Len(t, keys, 2)
	assert.NotEqual(t, first[0], keys[0])
	assert.Equal(t, first[0], keys[1])

	clock = clock.Add(8 * 24 * time.Hour) // the first key's tickets have all expired
	require.False(t, resumed(early), "a ticket under a dropped key resumed")
	keys = srv.ticketKeysSnapshot()
	assert.NotContains(t, keys, first[0])

	// The application's keys stay as they are.
	require.Equal(t, StatusOK, srv.SetTicketKeys([][32]byte{{1}}))
	clock = clock.Add(30 * 24 * time.Hour)
	closePair(handshakeWithTickets(t, late, srv))
	assert.Equal(t, [][32]byte{{1}}, srv.ticketKeysSnapshot())
}

func ticketKey(id byte, material []byte) TicketKey {
	k := TicketKey{Material: material}
	k.ID[0] = id
	return k
}

func TestSharedTicketKeys(t *testing.T) {
	material := make([]byte, 48)
	_, err := rand.Read(material)
	require.NoError(t, err)
	for name, prot := range map[string]uint32{"tls12": prot12, "tls13": prot13} {
		t.Run(name, func(t *testing.T) {
			cert := ecdsaCert(t)
			srv1, srv2, srv3 := serverCred(t, cert, prot), serverCred(t, cert, prot), serverCred(t, cert, prot)
			keys := []TicketKey{ticketKey(1, material)}
			require.Equal(t, StatusOK, srv1.SetSessionTicketKeys(keys))
			require.Equal(t, StatusOK, srv2.SetSessionTicketKeys(keys))
			cli := clientCred(t, FlagManualCredValidation, prot, nil)

			p := handshakeWithTickets(t, cli, srv1)
			closePair(p)
			p = handshakeWithTickets(t, cli, srv2)
			s, _ := p.server.SessionInfo()
			assert.Equal(t, uint32(1), s.Flags, "session from srv1 resumed on srv2")
			closePair(p)
			// srv3 has its own random key: full handshake.
			p = handshakeWithTickets(t, cli, srv3)
			s, _ = p.server.SessionInfo()
			assert.Zero(t, s.Flags)
			closePair(p)
		})
	}
}

func TestSetSessionTicketKeys(t *testing.T) {
	srv := serverCred(t, ecdsaCert(t), 0)
	m32, m64 := make([]byte, 32), make([]byte, 64)
	m64[63] = 7
	assert.Equal(t, StatusInvalidParameter, srv.SetSessionTicketKeys(nil))
	assert.Equal(t, StatusInvalidParameter, srv.SetSessionTicketKeys([]TicketKey{ticketKey(1, make([]byte, 31))}))
	assert.Equal(t, StatusInvalidParameter, srv.SetSessionTicketKeys([]TicketKey{ticketKey(1, make([]byte, 65))}))
	assert.Equal(t, StatusInvalidParameter, srv.SetSessionTicketKeys([]TicketKey{{Version: 1, Material: m32}}))
	assert.Equal(t, StatusInvalidParameter, srv.SetSessionTicketKeys(make([]TicketKey, MaxTicketKeys+1)))
	assert.Equal(t, StatusInvalidParameter, clientCred(t, 0, 0, nil).SetSessionTicketKeys([]TicketKey{ticketKey(1, m32)}))

	require.Equal(t, StatusOK, srv.SetSessionTicketKeys([]TicketKey{ticketKey(1, m64), ticketKey(2, m32)}))
	got := srv.ticketKeysSnapshot()
	require.Len(t, got, 2)
	id := make([]byte, 16)
	id[0] = 1
	assert.Equal(t, sha256.Sum256(append(id, m64...)), got[0])
	id[0] = 2
	assert.Equal(t, sha256.Sum256(append(id, m32...)), got[1])
}
