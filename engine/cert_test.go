package engine

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha1"
	"crypto/x509"
	"crypto/x509/pkix"
	"math/big"
	"net"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Test PKI helpers shared by the certificate, PFX, PEM and store tests.

var keyKinds = []string{"rsa2048", "p256", "p384", "ed25519"}

var (
	testKeysMu sync.Mutex
	testKeys   = map[string]crypto.Signer{}
)

// testKey returns a key of the given kind; name distinguishes several keys
// of one kind. Keys are cached for the test binary (RSA is slow).
func testKey(t testing.TB, kind, name string) crypto.Signer {
	t.Helper()
	testKeysMu.Lock()
	defer testKeysMu.Unlock()
	if k, ok := testKeys[kind+"/"+name]; ok {
		return k
	}
	var k crypto.Signer
	var err error
	switch kind {
	case "rsa2048":
		k, err = rsa.GenerateKey(rand.Reader, 2048)
	case "p256":
		k, err = ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	case "p384":
		k, err = ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	case "ed25519":
		_, k, err = ed25519.GenerateKey(rand.Reader)
	default:
		t.Fatalf("unknown key kind %q", kind)
	}
	require.NoError(t, err)
	testKeys[kind+"/"+name] = k
	return k
}

// testCertOpts tweaks the template of makeTestCert.
type testCertOpts struct {
	subject   pkix.Name
	serial    *big.Int
	isCA      bool
	dnsNames  []string
	ips       []net.IP
	emails    []string
	notBefore time.Time
	noSKI     bool
	extraExts []pkix.Extension
}

// makeTestCert issues a certificate for key, signed by parent/parentKey
// (self-signed when parent is nil). The result carries no private key.
func makeTestCert(t testing.TB, key crypto.Signer, parent *Certificate, parentKey crypto.Signer, o testCertOpts) *Certificate {
	t.Helper()
	if o.serial == nil {
		o.serial = big.NewInt(time.Now().UnixNano())
	}
	if o.notBefore.IsZero() {
		o.notBefore = time.Now().Add(-time.Hour).Truncate(time.Second)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          o.serial,
		Subject:               o.subject,
		NotBefore:             o.notBefore,
		NotAfter:              o.notBefore.Add(365 * 24 * time.Hour),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		BasicConstraintsValid: true,
		IsCA:                  o.isCA,
		DNSNames:              o.dnsNames,
		IPAddresses:           o.ips,
		EmailAddresses:        o.emails,
		ExtraExtensions:       o.extraExts,
	}
	if o.noSKI {
		tmpl.SubjectKeyId = []byte{}
	}
	issuer, signer := tmpl, key
	if parent != nil {
		issuer, signer = parent.X509, parentKey
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, issuer, key.Public(), signer)
	require.NoError(t, err)
	c, err := ParseCertificate(der)
	require.NoError(t, err)
	return c
}

// testChain returns root → intermediate → leaf, each with its key attached.
func testChain(t testing.TB, kind string) (root, inter, leaf *Certificate) {
	t.Helper()
	rk, ik, lk := testKey(t, kind, "root"), testKey(t, kind, "inter"), testKey(t, kind, "leaf")
	root = makeTestCert(t, rk, nil, nil, testCertOpts{subject: pkix.Name{CommonName: "Test Root", Organization: []string{"Org"}}, isCA: true})
	inter = makeTestCert(t, ik, root, rk, testCertOpts{subject: pkix.Name{CommonName: "Test Intermediate", Organization: []string{"Org"}}, isCA: true})
	leaf = makeTestCert(t, lk, inter, ik, testCertOpts{subject: pkix.Name{CommonName: "localhost", Organization: []string{"Org"}},
		dnsNames: []string{"localhost"}, ips: []net.IP{net.IPv4(127, 0, 0, 1)}})
	return root.WithKey(rk, ""), inter.WithKey(ik, ""), leaf.WithKey(lk, "")
}

func TestParseCertificate(t *testing.T) {
	_, _, leaf := testChain(t, "p256")

	c, err := ParseCertificate(leaf.Raw)
	require.NoError(t, err)
	assert.Equal(t, leaf.Raw, c.Raw)
	assert.Nil(t, c.Key)
	assert.False(t, c.HasPrivateKey())

	// Trailing bytes after the certificate are ignored.
	c, err = ParseCertificate(append(append([]byte{}, leaf.Raw...), 0, 0, 0, 0))
	require.NoError(t, err)
	assert.Equal(t, leaf.Raw, c.Raw)

	for _, bad := range [][]byte{nil, {}, {0x30}, {0x30, 0x03, 1, 2, 3}, []byte("garbage"), leaf.Raw[:len(leaf.Raw)-1]} {
		_, err := ParseCertificate(bad)
		assert.ErrorIs(t, err, ErrCertEncoding, "%x", bad)
	}
}

func TestCertificateInfo(t *testing.T) {
	key := testKey(t, "rsa2048", "leaf")
	serial, _ := new(big.Int).SetString("8a0102030405060708", 16) // high bit set: DER adds a 00 sign byte
	c := makeTestCert(t, key, nil, nil, testCertOpts{subject: pkix.Name{CommonName: "x"}, serial: serial, dnsNames: []string{"x.example"}})

	info := c.Info()
	assert.Equal(t, uint32(2), info.Version)
	assert.Equal(t, []byte{0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01, 0x8a, 0x00}, info.SerialLE)
	assert.Equal(t, "1.2.840.113549.1.1.11", info.SignatureAlgorithm.OID)
	assert.Equal(t, []byte{0x05, 0x00}, info.SignatureAlgorithm.Params)
	assert.Equal(t, c.X509.RawIssuer, info.Issuer)
	assert.Equal(t, c.X509.RawSubject, info.Subject)
	assert.Equal(t, c.X509.NotBefore, info.NotBefore)
	assert.Equal(t, "1.2.840.113549.1.1.1", info.PublicKeyAlgorithm.OID)
	assert.Equal(t, c.PublicKeyBits(), info.PublicKey.Bytes)
	assert.Equal(t, 0, info.PublicKey.UnusedBits)
	assert.Empty(t, info.IssuerUniqueID.Bytes)
	var oids []string
	for _, e := range info.Extensions {
		oids = append(oids, e.OID)
	}
	assert.Contains(t, oids, "2.5.29.17")

	// The fallback built from the parsed certificate agrees on the fields
	// it can fill.
	fb := c.infoFromX509()
	assert.Equal(t, info.Version, fb.Version)
	assert.Equal(t, info.SerialLE, fb.SerialLE)
	assert.Equal(t, info.Issuer, fb.Issuer)
	assert.Equal(t, info.PublicKey, fb.PublicKey)
	assert.Equal(t, info.Extensions, fb.Extensions)

	ec := makeTestCert(t, testKey(t, "p256", "leaf"), nil, nil, testCertOpts{subject: pkix.Name{CommonName: "ec"}})
	info = ec.Info()
	assert.Equal(t, "1.2.840.10045.2.1", info.PublicKeyAlgorithm.OID)
	assert.Equal(t, "1.2.840.10045.4.3.2", info.SignatureAlgorithm.OID)
	assert.Nil(t, info.SignatureAlgorithm.Params)
	assert.Len(t, info.PublicKey.Bytes, 65)
}

func TestFileTime(t *testing.T) {
	assert.Equal(t, uint64(116444736000000000), FileTime(time.Unix(0, 0)))
	assert.Equal(t, uint64(116444736000000000+10_000_000+1), FileTime(time.Unix(1, 100)))
	assert.Equal(t, uint64(0), FileTime(time.Date(1500, 1, 1, 0, 0, 0, 0, time.UTC)))
	far := FileTime(time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC))
	assert.Equal(t, uint64(2650467743990000000), far)
}

func TestThumbprintsAndKeyIdentifier(t *testing.T) {
	_, _, leaf := testChain(t, "p256")
	assert.Equal(t, sha1.Sum(leaf.Raw), leaf.SHA1())
	assert.Len(t, leaf.MD5(), 16)
	assert.Len(t, leaf.SHA256(), 32)
	_, inter, _ := testChain(t, "p256")
	require.NotEmpty(t, inter.X509.SubjectKeyId)
	assert.Equal(t, inter.X509.SubjectKeyId, inter.KeyIdentifier())

	noSKI := makeTestCert(t, testKey(t, "p256", "leaf"), nil, nil, testCertOpts{subject: pkix.Name{CommonName: "n"}, noSKI: true, isCA: false})
	if len(noSKI.X509.SubjectKeyId) == 0 {
		h := sha1.Sum(noSKI.PublicKeyBits())
		assert.Equal(t, h[:], noSKI.KeyIdentifier())
	}
}

func TestCertKeyMatches(t *testing.T) {
	for _, kind := range keyKinds {
		_, _, leaf := testChain(t, kind)
		assert.True(t, certKeyMatches(leaf.Key, leaf.X509), kind)
		assert.False(t, certKeyMatches(testKey(t, kind, "other"), leaf.X509), kind)
		assert.False(t, certKeyMatches(nil, leaf.X509))
	}
}

func TestBuildChain(t *testing.T) {
	root, inter, leaf := testChain(t, "p256")
	other := makeTestCert(t, testKey(t, "p256", "other"), nil, nil, testCertOpts{subject: pkix.Name{CommonName: "Other"}, isCA: true})
	pool := []*Certificate{root, other, leaf, inter}

	chainNames := func(ch []*Certificate) []string {
		var out []string
		for _, c := range ch {
			out = append(out, c.X509.Subject.CommonName)
		}
		return out
	}
	assert.Equal(t, []string{"localhost", "Test Intermediate"}, chainNames(BuildChain(leaf, pool, false)))
	assert.Equal(t, []string{"localhost", "Test Intermediate", "Test Root"}, chainNames(BuildChain(leaf, pool, true)))
	assert.Equal(t, []string{"localhost"}, chainNames(BuildChain(leaf, []*Certificate{root}, true)))
	assert.Equal(t, []string{"localhost"}, chainNames(BuildChain(leaf, nil, true)))
	assert.Equal(t, []string{"Test Root"}, chainNames(BuildChain(root, pool, true)))
	assert.Nil(t, BuildChain(nil, pool, true))

	// A certificate whose subject matches but whose key did not sign is skipped.
	fake := makeTestCert(t, testKey(t, "p256", "other"), nil, nil, testCertOpts{subject: pkix.Name{CommonName: "Test Intermediate", Organization: []string{"Org"}}, isCA: true})
	assert.Equal(t, []string{"localhost"}, chainNames(BuildChain(leaf, []*Certificate{fake}, false)))
}
