package engine

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestCredentialValidation(t *testing.T) {
	cert := ecdsaCert(t)
	noKey := &Certificate{Raw: cert.Raw, X509: cert.X509}
	other := rsaCert(t)
	mismatched := &Certificate{Raw: cert.Raw, X509: cert.X509, Key: other.Key}
	for _, tc := range []struct {
		name string
		use  uint32
		cfg  *CredentialConfig
		want Status
	}{
		{"outbound default", CredOutbound, nil, StatusOK},
		{"inbound no auth data", CredInbound, nil, StatusNoCredentials},
		{"both no auth data", CredBoth, nil, StatusNoCredentials},
		{"use 0", 0, nil, StatusNoCredentials},
		{"version 0", CredOutbound, &CredentialConfig{Version: 0}, StatusUnknownCredentials},
		{"version 1", CredOutbound, &CredentialConfig{Version: 1}, StatusUnknownCredentials},
		{"version 2", CredInbound, &CredentialConfig{Version: 2}, StatusUnknownCredentials},
		{"schannel_cred zero outbound", CredOutbound, &CredentialConfig{Version: 4}, StatusOK},
		{"sch_credentials zero outbound", CredOutbound, &CredentialConfig{Version: 5}, StatusOK},
		{"outbound server bits only", CredOutbound, &CredentialConfig{Version: 4, EnabledProtocols: protTLS10Server}, StatusAlgorithmMismatch},
		{"inbound client bits only", CredInbound, &CredentialConfig{Version: 4, EnabledProtocols: protTLS12Client, Certs: []CertInput{{Cert: cert}}}, StatusAlgorithmMismatch},
		{"dtls mixed", CredOutbound, &CredentialConfig{Version: 4, EnabledProtocols: protTLS12Client | 0x20000}, StatusAlgorithmMismatch},
		{"ssl3 only", CredOutbound, &CredentialConfig{Version: 4, EnabledProtocols: protSSL3Client}, StatusAlgorithmMismatch},
		{"inbound no certs", CredInbound, &CredentialConfig{Version: 4}, StatusOK},
		{"bogus cert", CredInbound, &CredentialConfig{Version: 4, Certs: []CertInput{{Bogus: true}}}, StatusUnknownCredentials},
		{"no private key", CredInbound, &CredentialConfig{Version: 4, Certs: []CertInput{{Cert: noKey}}}, StatusNoCredentials},
		{"mismatched key", CredInbound, &CredentialConfig{Version: 4, Certs: []CertInput{{Cert: mismatched}}}, StatusUnknownCredentials},
		{"two certs one bogus", CredInbound, &CredentialConfig{Version: 4, Certs: []CertInput{{Cert: cert}, {Bogus: true}}}, StatusUnknownCredentials},
		{"inbound valid", CredInbound, &CredentialConfig{Version: 4, Certs: []CertInput{{Cert: cert}}}, StatusOK},
		{"all tls disabled", CredOutbound, &CredentialConfig{Version: 5, TLSParams: []TLSParameters{{DisabledProtocols: 0xFFFFFFFF}}}, StatusAlgorithmMismatch},
	} {
		_, st := NewCredentials(tc.use, tc.cfg)
		require.Equal(t, tc.want, st, tc.name)
	}
}

func TestCredentialProtocols(t *testing.T) {
	c, st := NewCredentials(CredOutbound, nil)
	require.Equal(t, StatusOK, st)
	require.Equal(t, uint32(protTLS12Client|protTLS13Client), c.Protocols)

	c, st = NewCredentials(CredOutbound, &CredentialConfig{Version: 4, EnabledProtocols: protTLS12Client})
	require.Equal(t, StatusOK, st)
	require.Equal(t, uint32(protTLS12Client), c.Protocols)

	c, st = NewCredentials(CredInbound, &CredentialConfig{Version: 5, Certs: []CertInput{{Cert: ecdsaCert(t)}},
		TLSParams: []TLSParameters{{DisabledProtocols: ^uint32(protTLS13Server)}}})
	require.Equal(t, StatusOK, st)
	require.Equal(t, uint32(protTLS13Server), c.Protocols)
	min, max := c.CipherStrengths()
	require.Equal(t, uint32(128), min)
	require.Equal(t, uint32(256), max)
	require.Contains(t, c.SupportedAlgs(), uint32(calgAES128))
}

func TestCipherRestrictions(t *testing.T) {
	// AES-256 only through palgSupportedAlgs.
	c, st := NewCredentials(CredOutbound, &CredentialConfig{Version: 4, EnabledProtocols: protTLS12Client, SupportedAlgs: []uint32{calgAES256}})
	require.Equal(t, StatusOK, st)
	for _, s := range c.Suites12 {
		require.Equal(t, uint32(calgAES256), suiteInfo(s).CipherAlg)
	}
	// A minimum strength above everything TLS 1.2 offers and no TLS 1.3.
	_, st = NewCredentials(CredOutbound, &CredentialConfig{Version: 4, EnabledProtocols: protTLS12Client, MinCipherStrength: 512})
	require.Equal(t, StatusAlgorithmMismatch, st)
}

func TestALPNBuffer(t *testing.T) {
	b := BuildApplicationProtocols([]string{"h2", "http/1.1"})
	require.Equal(t, []byte{0x12, 0, 0, 0, 2, 0, 0, 0, 0x0c, 0, 2, 'h', '2', 8, 'h', 't', 't', 'p', '/', '1', '.', '1'}, b)
	p, st := ParseApplicationProtocols(b)
	require.Equal(t, StatusOK, st)
	require.Equal(t, []string{"h2", "http/1.1"}, p)
	for _, bad := range [][]byte{nil, {1, 0, 0}, {0xff, 0, 0, 0, 2, 0, 0, 0}, {6, 0, 0, 0, 2, 0, 0, 0, 9, 0}, {7, 0, 0, 0, 2, 0, 0, 0, 1, 0, 0}} {
		_, st := ParseApplicationProtocols(bad)
		require.Equal(t, StatusInvalidParameter, st, "%x", bad)
	}
}

func TestFraming(t *testing.T) {
	rec := []byte{22, 3, 1, 0, 2, 9, 9}
	f := FrameRecords(append(append([]byte{}, rec...), rec[:3]...), 0)
	require.Equal(t, Framing{Complete: 7, Records: 1}, f)
	require.Equal(t, 5, FrameRecords(nil, 0).Missing)
	require.Equal(t, 1, FrameRecords(rec[:4], 0).Missing)
	require.Equal(t, 2, FrameRecords(rec[:5], 0).Missing)
	require.True(t, FrameRecords([]byte("GET / HTTP/1.1"), 0).Invalid)
	require.True(t, FrameRecords([]byte{0x80}, 0).Invalid)
	require.True(t, FrameRecords([]byte{22, 3, 1, 0xff, 0xff}, 0).Oversized)
}

func TestStatusTable(t *testing.T) {
	for _, s := range AllStatuses() {
		require.NotEmpty(t, s.String())
		require.NotEqual(t, "Unknown status.", s.Message())
	}
	require.Equal(t, "SEC_E_INVALID_HANDLE", StatusInvalidHandle.String())
	require.True(t, StatusInvalidHandle.IsError())
	require.False(t, StatusContinueNeeded.IsError())
	require.Equal(t, StatusIllegalMessage, StatusForAlert(80), "peer internal_error is not our bug")
	require.Equal(t, StatusUntrustedRoot, StatusForAlert(48))
}
