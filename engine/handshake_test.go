package engine

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"math/big"
	mrand "math/rand"
	"net"
	"os"
	"runtime"
	"runtime/pprof"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func selfSigned(t testing.TB, key crypto.Signer) *Certificate {
	t.Helper()
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(42),
		Subject:      pkix.Name{CommonName: "localhost"},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(24 * time.Hour),
		DNSNames:     []string{"localhost"},
		IPAddresses:  []net.IP{net.ParseIP("127.0.0.1")},
		KeyUsage:     x509.KeyUsageDigitalSignature | x509.KeyUsageKeyEncipherment,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth, x509.ExtKeyUsageClientAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	require.NoError(t, err)
	c, err := ParseCertificate(der)
	require.NoError(t, err)
	c.Key = key
	return c
}

func ecdsaCert(t testing.TB) *Certificate {
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	return selfSigned(t, k)
}

func rsaCert(t testing.TB) *Certificate {
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	require.NoError(t, err)
	return selfSigned(t, k)
}

func serverCred(t testing.TB, cert *Certificate, protocols uint32) *Credentials {
	return serverCredFlags(t, cert, protocols, 0)
}

func serverCredFlags(t testing.TB, cert *Certificate, protocols, flags uint32) *Credentials {
	cfg := &CredentialConfig{Version: 5, Flags: flags, Certs: []CertInput{{Cert: cert}}}
	if protocols != 0 {
		cfg.TLSParams = []TLSParameters{{DisabledProtocols: ^protocols}}
	}
	c, st := NewCredentials(CredInbound, cfg)
	require.Equal(t, StatusOK, st)
	return c
}

func clientCred(t testing.TB, flags uint32, protocols uint32, cert *Certificate) *Credentials {
	cfg := &CredentialConfig{Version: 5, Flags: flags}
	if protocols != 0 {
		cfg.TLSParams = []TLSParameters{{DisabledProtocols: ^protocols}}
	}
	if cert != nil {
		cfg.Certs = []CertInput{{Cert: cert}}
	}
	c, st := NewCredentials(CredOutbound, cfg)
	require.Equal(t, StatusOK, st)
	return c
}

type pair struct {
	client, server *Context
	trace          []string
	toClient       []byte // post-handshake records (TLS 1.3 tickets) for the client's DecryptMessage
}

// feed delivers data to ctx in chunks chosen by split, retrying on
// SEC_E_INCOMPLETE_MESSAGE the way a real caller does, and returns the last
// result and the bytes it left unconsumed.
func feed(t testing.TB, ctx *Context, data []byte, split func(int) int, base StepInput) (StepResult, []byte) {
	t.Helper()
	have := 0
	var buf []byte
	for {
		n := split(len(data) - have)
		buf = append(buf, data[have:have+n]...)
		have += n
		in := base
		in.Token = buf
		in.HasExtraSlot = true
		r := ctx.Step(in)
		if r.Status == StatusIncompleteMessage {
			require.Greater(t, r.Missing, 0)
			require.Less(t, have, len(data)+1)
			if have == len(data) {
				return r, buf
			}
			continue
		}
		rest := append([]byte(nil), buf[r.Consumed:]...)
		rest = append(rest, data[have:]...)
		return r, rest
	}
}

func runHandshake(t testing.TB, cli, srv *Credentials, split func(int) int, cliIn, srvIn StepInput) *pair {
	p := &pair{client: NewClientContext(cli, "localhost"), server: NewServerContext(srv)}
	cliIn.InputNull = true
	r := p.client.Step(cliIn)
	require.Equal(t, StatusContinueNeeded, r.Status, r.Status.String())
	p.trace = append(p.trace, "ISC "+r.Status.String())
	toServer, toClient := r.Output, []byte(nil)
	srvIn.InputNull = false
	for i := 0; i < 20; i++ {
		for len(toServer) > 0 {
			rs, rest := feed(t, p.server, toServer, split, srvIn)
			p.trace = append(p.trace, "ASC "+rs.Status.String())
			require.Contains(t, []Status{StatusOK, StatusContinueNeeded}, rs.Status, rs.Status.String())
			toClient = append(toClient, rs.Output...)
			toServer = rest
			if rs.Status == StatusOK {
				break
			}
		}
		cliIn.InputNull = false
		for len(toClient) > 0 && p.client.state != stateEstablished {
			rc, rest := feed(t, p.client, toClient, split, cliIn)
			p.trace = append(p.trace, "ISC "+rc.Status.String())
			require.Contains(t, []Status{StatusOK, StatusContinueNeeded}, rc.Status, rc.Status.String())
			toServer = append(toServer, rc.Output...)
			toClient = rest
			if rc.Status == StatusOK && len(rest) > 0 {
				break // post-handshake records (tickets) stay for DecryptMessage
			}
		}
		if p.client.state == stateEstablished && p.server.state == stateEstablished && len(toServer) == 0 {
			p.toClient = toClient
			return p
		}
	}
	t.Fatalf("handshake did not finish: %v", p.trace)
	return nil
}

func whole(n int) int { return n }
func oneByte(n int) int {
	if n == 0 {
		return 0
	}
	return 1
}

func TestHandshakeMatrix(t *testing.T) {
	certs := map[string]*Certificate{"ecdsa": ecdsaCert(t), "rsa": rsaCert(t)}
	rng := mrand.New(mrand.NewSource(1))
	splits := map[string]func(int) int{
		"whole": whole, "byte": oneByte,
		"random": func(n int) int {
			if n == 0 {
				return 0
			}
			return 1 + rng.Intn(n)
		},
	}
	versions := map[string]uint32{"tls12": protTLS12Server | protTLS12Client, "tls13": protTLS13Server | protTLS13Client}
	for vn, prot := range versions {
		for cn, cert := range certs {
			for sn, split := range splits {
				t.Run(vn+"/"+cn+"/"+sn, func(t *testing.T) {
					srv := serverCred(t, cert, prot)
					cli := clientCred(t, FlagManualCredValidation, prot, nil)
					runHandshake(t, cli, srv, whole, StepInput{OutputLimit: -1}, StepInput{OutputLimit: -1})
					before := runtime.NumGoroutine()
					p := runHandshake(t, cli, srv, split, StepInput{OutputLimit: -1, HasALPN: true, ALPN: []string{"h2", "http/1.1"}}, StepInput{OutputLimit: -1, HasALPN: true, ALPN: []string{"http/1.1"}})
					cs := p.client.conn.ConnectionState()
					require.Equal(t, "http/1.1", cs.NegotiatedProtocol)
					want := uint16(tls.VersionTLS12)
					if vn == "tls13" {
						want = tls.VersionTLS13
					}
					require.Equal(t, want, cs.Version)
					p.client.Close()
					p.server.Close()
					assertNoGoroutineLeak(t, before)
				})
			}
		}
	}
}

func TestHandshakeTrace(t *testing.T) {
	cert := ecdsaCert(t)
	for _, tc := range []struct {
		prot uint32
		want []string
	}{
		{protTLS12Server | protTLS12Client, []string{"ISC SEC_I_CONTINUE_NEEDED", "ASC SEC_I_CONTINUE_NEEDED", "ISC SEC_I_CONTINUE_NEEDED", "ASC SEC_E_OK", "ISC SEC_E_OK"}},
		{protTLS13Server | protTLS13Client, []string{"ISC SEC_I_CONTINUE_NEEDED", "ASC SEC_I_CONTINUE_NEEDED", "ISC SEC_E_OK", "ASC SEC_E_OK"}},
	} {
		p := runHandshake(t, clientCred(t, FlagManualCredValidation, tc.prot, nil), serverCred(t, cert, tc.prot), whole, StepInput{OutputLimit: -1}, StepInput{OutputLimit: -1})
		require.Equal(t, tc.want, p.trace)
		p.client.Close()
		p.server.Close()
	}
}

func TestMutualAuth(t *testing.T) {
	srvCert, cliCert := ecdsaCert(t), rsaCert(t)
	for _, prot := range []uint32{protTLS12Server | protTLS12Client, protTLS13Server | protTLS13Client} {
		p := runHandshake(t, clientCred(t, FlagManualCredValidation, prot, cliCert), serverCred(t, srvCert, prot), whole,
			StepInput{OutputLimit: -1}, StepInput{OutputLimit: -1, ContextReq: AscReqMutualAuth})
		peers := p.server.conn.ConnectionState().PeerCertificates
		require.Len(t, peers, 1)
		require.Equal(t, cliCert.Raw, peers[0].Raw)
		require.NotZero(t, p.server.attrs(AscReqMutualAuth)&ascRetMutualAuth)
		p.client.Close()
		p.server.Close()
	}
}

func TestBadFirstTokens(t *testing.T) {
	srv := serverCred(t, ecdsaCert(t), 0)
	for name, tok := range map[string][]byte{
		"garbage": {0xfa, 0xfa, 0xfa, 0xfa, 0xfa, 0xfa, 0xfa},
		"zeros":   make([]byte, 64),
		"http":    []byte("GET / HTTP/1.1\r\nHost: x\r\n\r\n"),
		"sslv2":   {0x80, 0x2e, 0x01, 0x03, 0x01, 0x00, 0x15},
	} {
		ctx := NewServerContext(srv)
		r := ctx.Step(StepInput{Token: tok, HasExtraSlot: true, OutputLimit: -1, ContextReq: AscReqExtendedError})
		require.Equal(t, StatusInvalidToken, r.Status, name)
		require.Equal(t, []byte{21, 3, 1, 0, 2, 2, 10}, r.Output, name)
		r = ctx.Step(StepInput{Token: tok, HasExtraSlot: true, OutputLimit: -1})
		require.Equal(t, StatusInvalidToken, r.Status, name)
		require.Empty(t, r.Output)
		ctx.Close()
	}
	// Oversized record: crypto/tls answers with record_overflow.
	ctx := NewServerContext(srv)
	r := ctx.Step(StepInput{Token: []byte{22, 3, 1, 0xff, 0xff, 1}, HasExtraSlot: true, OutputLimit: -1, ContextReq: AscReqExtendedError})
	require.Equal(t, StatusIllegalMessage, r.Status)
	require.NotEmpty(t, r.Output)
	ctx.Close()
}

func TestIncompleteAndMissing(t *testing.T) {
	srv := serverCred(t, ecdsaCert(t), 0)
	cli := clientCred(t, FlagManualCredValidation, 0, nil)
	c := NewClientContext(cli, "localhost")
	hello := c.Step(StepInput{InputNull: true, OutputLimit: -1}).Output
	s := NewServerContext(srv)
	for _, tc := range []struct{ n, missing int }{{0, 5}, {4, 1}, {5, len(hello) - 5}, {len(hello) - 1, 1}} {
		r := s.Step(StepInput{Token: hello[:tc.n], HasExtraSlot: true, OutputLimit: -1})
		require.Equal(t, StatusIncompleteMessage, r.Status)
		require.Equal(t, tc.missing, r.Missing, tc.n)
	}
	r := s.Step(StepInput{Token: append(append([]byte(nil), hello...), 23, 3, 3), HasExtraSlot: true, OutputLimit: -1})
	require.Equal(t, StatusContinueNeeded, r.Status)
	require.Equal(t, len(hello), r.Consumed)
	c.Close()
	s.Close()
}

func TestBufferTooSmallRetry(t *testing.T) {
	srv := serverCred(t, rsaCert(t), 0)
	cli := clientCred(t, FlagManualCredValidation, 0, nil)
	c := NewClientContext(cli, "localhost")
	hello := c.Step(StepInput{InputNull: true, OutputLimit: -1}).Output
	s := NewServerContext(srv)
	r := s.Step(StepInput{Token: hello, HasExtraSlot: true, OutputLimit: 100})
	require.Equal(t, StatusBufferTooSmall, r.Status)
	r = s.Step(StepInput{Token: hello, HasExtraSlot: true, OutputLimit: 100})
	require.Equal(t, StatusBufferTooSmall, r.Status)
	r = s.Step(StepInput{Token: hello, HasExtraSlot: true, OutputLimit: 64 << 10})
	require.Equal(t, StatusContinueNeeded, r.Status)
	require.Equal(t, len(hello), r.Consumed)
	r2 := c.Step(StepInput{Token: r.Output, HasExtraSlot: true, OutputLimit: -1})
	require.Equal(t, StatusOK, r2.Status)
	c.Close()
	s.Close()
}

func TestIncompleteCredentials(t *testing.T) {
	srv := serverCred(t, ecdsaCert(t), protTLS12Server)
	cli := clientCred(t, FlagManualCredValidation, protTLS12Client, nil)
	c := NewClientContext(cli, "localhost")
	hello := c.Step(StepInput{InputNull: true, OutputLimit: -1}).Output
	s := NewServerContext(srv)
	r := s.Step(StepInput{Token: hello, HasExtraSlot: true, OutputLimit: -1, ContextReq: AscReqMutualAuth})
	require.Equal(t, StatusContinueNeeded, r.Status)
	flight := r.Output
	r = c.Step(StepInput{Token: flight, HasExtraSlot: true, OutputLimit: -1})
	require.Equal(t, StatusIncompleteCredsInfo, r.Status)
	require.Zero(t, r.Consumed)
	// Same input again: continue without a certificate.
	r = c.Step(StepInput{Token: flight, HasExtraSlot: true, OutputLimit: -1})
	require.Equal(t, StatusContinueNeeded, r.Status)
	require.Equal(t, len(flight), r.Consumed)
	r = s.Step(StepInput{Token: r.Output, HasExtraSlot: true, OutputLimit: -1, ContextReq: AscReqMutualAuth})
	require.Equal(t, StatusOK, r.Status)
	require.Zero(t, s.attrs(AscReqMutualAuth)&ascRetMutualAuth)
	c.Close()
	s.Close()
}

// TestDeleteMidHandshakeNoLeak: closing a parked handshake (goroutine, or
// thread-affine coroutine closed on its own thread) unwinds it.
func TestDeleteMidHandshakeNoLeak(t *testing.T) {
	for _, flags := range []uint32{0, FlagThreadAffine} {
		srv := serverCredFlags(t, ecdsaCert(t), 0, flags)
		cli := clientCred(t, FlagManualCredValidation|flags, 0, nil)
		runHandshake(t, cli, srv, whole, StepInput{OutputLimit: -1}, StepInput{OutputLimit: -1}) // warm up lazy runtime goroutines
		before := runtime.NumGoroutine()
		for i := 0; i < 50; i++ {
			c := NewClientContext(cli, "localhost")
			hello := c.Step(StepInput{InputNull: true, OutputLimit: -1}).Output
			s := NewServerContext(srv)
			s.Step(StepInput{Token: hello, HasExtraSlot: true, OutputLimit: -1})
			c.Close()
			s.Close()
		}
		if !assertNoGoroutineLeak(t, before) {
			pprof.Lookup("goroutine").WriteTo(os.Stdout, 1)
		}
	}
}

func TestServerVerification(t *testing.T) {
	cert := ecdsaCert(t)
	srv := serverCred(t, cert, 0)
	cli := clientCred(t, 0, 0, nil) // automatic validation: self-signed → untrusted
	c := NewClientContext(cli, "localhost")
	hello := c.Step(StepInput{InputNull: true, OutputLimit: -1}).Output
	s := NewServerContext(srv)
	r := s.Step(StepInput{Token: hello, HasExtraSlot: true, OutputLimit: -1})
	r = c.Step(StepInput{Token: r.Output, HasExtraSlot: true, OutputLimit: -1, ContextReq: IscReqExtendedError})
	require.Equal(t, StatusUntrustedRoot, r.Status)
	require.NotEmpty(t, r.Output)
	c.Close()
	s.Close()
}

func TestALPNMismatch(t *testing.T) {
	srv := serverCred(t, ecdsaCert(t), 0)
	cli := clientCred(t, FlagManualCredValidation, 0, nil)
	c := NewClientContext(cli, "localhost")
	hello := c.Step(StepInput{InputNull: true, OutputLimit: -1, HasALPN: true, ALPN: []string{"foo"}}).Output
	s := NewServerContext(srv)
	r := s.Step(StepInput{Token: hello, HasExtraSlot: true, OutputLimit: -1, HasALPN: true, ALPN: []string{"bar"}, ContextReq: AscReqExtendedError})
	require.Equal(t, StatusApplicationProtocolMismatch, r.Status)
	require.Equal(t, []byte{21, 3, 3, 0, 2, 2, 120}, r.Output[len(r.Output)-7:])
	c.Close()
	s.Close()
}

func assertNoGoroutineLeak(t *testing.T, before int) bool {
	t.Helper()
	deadline := time.Now().Add(2 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	return assert.LessOrEqual(t, runtime.NumGoroutine(), before, "goroutines leaked")
}

func namedCert(t testing.TB, key crypto.Signer, name string) *Certificate {
	t.Helper()
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(7),
		Subject:      pkix.Name{CommonName: name},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(time.Hour),
		DNSNames:     []string{name},
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	require.NoError(t, err)
	c, err := ParseCertificate(der)
	require.NoError(t, err)
	c.Key = key
	return c
}

func TestSeveralCertificatesChosenBySNIAndKeyType(t *testing.T) {
	ek, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	rk, err := rsa.GenerateKey(rand.Reader, 2048)
	require.NoError(t, err)
	a, b := namedCert(t, ek, "a.example"), namedCert(t, rk, "b.example")
	srv, st := NewCredentials(CredInbound, &CredentialConfig{Version: 5, Certs: []CertInput{{Cert: a}, {Cert: b}}})
	require.Equal(t, StatusOK, st)
	for _, target := range []string{"a.example", "b.example"} {
		cli := clientCred(t, FlagManualCredValidation, 0, nil)
		p := &pair{client: NewClientContext(cli, target), server: NewServerContext(srv)}
		r := p.client.Step(StepInput{InputNull: true, OutputLimit: -1})
		r = p.server.Step(StepInput{Token: r.Output, HasExtraSlot: true, OutputLimit: -1})
		require.Equal(t, StatusContinueNeeded, r.Status)
		r = p.client.Step(StepInput{Token: r.Output, HasExtraSlot: true, OutputLimit: -1})
		require.Equal(t, StatusOK, r.Status)
		peer := p.client.conn.ConnectionState().PeerCertificates[0]
		require.Equal(t, []string{target}, peer.DNSNames, "SNI %s", target)
		p.client.Close()
		p.server.Close()
	}
	// No SNI, a TLS 1.2 client that accepts only ECDSA (or only RSA)
	// suites: the certificate whose key fits is chosen.
	for _, tc := range []struct {
		suite uint16
		want  string
	}{{tls.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, "a.example"}, {tls.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, "b.example"}} {
		cli := clientCred(t, FlagManualCredValidation, protTLS12Client, nil)
		cli.Suites12 = []uint16{tc.suite}
		p := &pair{client: NewClientContext(cli, ""), server: NewServerContext(srv)}
		r := p.client.Step(StepInput{InputNull: true, OutputLimit: -1})
		r = p.server.Step(StepInput{Token: r.Output, HasExtraSlot: true, OutputLimit: -1})
		require.Equal(t, StatusContinueNeeded, r.Status)
		r = p.client.Step(StepInput{Token: r.Output, HasExtraSlot: true, OutputLimit: -1})
		require.Equal(t, StatusContinueNeeded, r.Status)
		r = p.server.Step(StepInput{Token: r.Output, HasExtraSlot: true, OutputLimit: -1})
		require.Equal(t, StatusOK, r.Status)
		r = p.client.Step(StepInput{Token: r.Output, HasExtraSlot: true, OutputLimit: -1})
		require.Equal(t, StatusOK, r.Status)
		require.Equal(t, []string{tc.want}, p.client.conn.ConnectionState().PeerCertificates[0].DNSNames)
		p.client.Close()
		p.server.Close()
	}
}
