package engine

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	pkcs12 "software.sslmate.com/src/go-pkcs12"
)

var pfxEncoders = []struct {
	name string
	enc  *pkcs12.Encoder
}{
	{"Modern2023", pkcs12.Modern2023},
	{"Modern2026", pkcs12.Modern2026},
	{"LegacyDES", pkcs12.LegacyDES},
	{"LegacyRC2", pkcs12.LegacyRC2},
}

func TestImportPFX(t *testing.T) {
	for _, kind := range keyKinds {
		_, inter, leaf := testChain(t, kind)
		for _, e := range pfxEncoders {
			for _, pw := range []string{"", "pass", "pässwörd"} {
				t.Run(fmt.Sprintf("%s/%s/%q", kind, e.name, pw), func(t *testing.T) {
					data, err := e.enc.Encode(leaf.Key, leaf.X509, []*x509.Certificate{inter.X509}, pw)
					require.NoError(t, err)
					require.True(t, IsPFX(data))

					certs, err := ImportPFX(data, pw, true)
					require.NoError(t, err)
					require.Len(t, certs, 2)
					assert.Equal(t, leaf.Raw, certs[0].Raw)
					assert.Equal(t, inter.Raw, certs[1].Raw)
					require.NotNil(t, certs[0].Key)
					assert.True(t, certKeyMatches(certs[0].Key, leaf.X509))
					assert.Nil(t, certs[1].Key)

					if pw == "" {
						// NULL and L"" are both accepted for an empty password.
						certs, err = ImportPFX(data, "", false)
						require.NoError(t, err)
						assert.NotNil(t, certs[0].Key)
					}

					_, err = ImportPFX(data, "wrong", true)
					assert.ErrorIs(t, err, ErrPFXPassword)
					assert.NotErrorIs(t, err, ErrPFXData)
				})
			}
		}
	}
}

func TestImportPFXBadData(t *testing.T) {
	_, _, leaf := testChain(t, "p256")
	good, err := pkcs12.Modern2023.Encode(leaf.Key, leaf.X509, nil, "pass")
	require.NoError(t, err)

	for name, data := range map[string][]byte{
		"nil":       nil,
		"garbage":   []byte("this is not a PFX file at all"),
		"truncated": good[:len(good)/2],
		"trailing":  append(append([]byte{}, good...), 0),
		"cert":      leaf.Raw,
	} {
		assert.False(t, IsPFX(data), name)
		_, err := ImportPFX(data, "pass", true)
		assert.ErrorIs(t, err, ErrPFXData, name)
	}

	// Version other than 3.
	var pfx pfxPDU
	_, err = asn1.Unmarshal(good, &pfx)
	require.NoError(t, err)
	_, err = ImportPFX(remarshalPFX(t, pfx), "pass", true)
	require.NoError(t, err, "re-marshalling must round-trip")
	pfx.Version = 2
	_, err = ImportPFX(remarshalPFX(t, pfx), "pass", true)
	assert.ErrorIs(t, err, ErrPFXData)
}

func TestImportPFXWithoutMAC(t *testing.T) {
	_, _, leaf := testChain(t, "rsa2048")
	data, err := pkcs12.LegacyDES.Encode(leaf.Key, leaf.X509, nil, "pass")
	require.NoError(t, err)
	var pfx pfxPDU
	_, err = asn1.Unmarshal(data, &pfx)
	require.NoError(t, err)
	pfx.MacData = macData{}
	noMAC := remarshalPFX(t, pfx)

	certs, err := ImportPFX(noMAC, "pass", true)
	require.NoError(t, err)
	require.Len(t, certs, 1)
	assert.NotNil(t, certs[0].Key)

	_, err = ImportPFX(noMAC, "wrong", true)
	assert.ErrorIs(t, err, ErrPFXPassword)

	// Passwordless: no MAC, no encryption, a plain key bag.
	plain, err := pkcs12.Passwordless.Encode(leaf.Key, leaf.X509, nil, "")
	require.NoError(t, err)
	certs, err = ImportPFX(plain, "", false)
	require.NoError(t, err)
	require.Len(t, certs, 1)
	assert.NotNil(t, certs[0].Key)
}

// explicit0 wraps a DER element in [0] EXPLICIT: encoding/asn1 ignores the
// field's tag parameters for RawValue fields, so such a field holds the
// whole [0] element (and its Bytes the inner element).
func explicit0(der []byte) asn1.RawValue {
	return asn1.RawValue{Class: asn1.ClassContextSpecific, Tag: 0, IsCompound: true, Bytes: der}
}

// remarshalPFX re-encodes a decoded PFX PDU.
func remarshalPFX(t *testing.T, pfx pfxPDU) []byte {
	t.Helper()
	data, err := asn1.Marshal(pfx)
	require.NoError(t, err)
	return data
}

// bmpAttr builds a friendlyName attribute.
func bmpAttr(t *testing.T, s string) pfxAttribute {
	var b []byte
	for _, r := range s {
		b = append(b, byte(r>>8), byte(r))
	}
	v, err := asn1.Marshal(asn1.RawValue{Tag: asn1.TagBMPString, Bytes: b})
	require.NoError(t, err)
	return pfxAttribute{ID: oidFriendlyName, Values: asn1.RawValue{Tag: asn1.TagSet, IsCompound: true, Bytes: v}}
}

func certBagOf(t *testing.T, c *Certificate, attrs ...pfxAttribute) pfxSafeBag {
	v, err := asn1.Marshal(struct {
		Type  asn1.ObjectIdentifier
		Value []byte `asn1:"tag:0,explicit"`
	}{oidX509CertType, c.Raw})
	require.NoError(t, err)
	return pfxSafeBag{ID: oidCertBag, Value: explicit0(v), Attributes: attrs}
}

func keyBagOf(t *testing.T, c *Certificate, attrs ...pfxAttribute) pfxSafeBag {
	der, err := x509.MarshalPKCS8PrivateKey(c.Key)
	require.NoError(t, err)
	return pfxSafeBag{ID: oidKeyBag, Value: explicit0(der), Attributes: attrs}
}

// buildPFX assembles an unencrypted PFX whose AuthenticatedSafe holds one
// data ContentInfo per bag list, MACed with HMAC-SHA-256 under pw.
func buildPFX(t *testing.T, pw pbePassword, safes ...[]pfxSafeBag) []byte {
	t.Helper()
	var infos []pfxContentInfo
	for _, bags := range safes {
		sc, err := asn1.Marshal(bags)
		require.NoError(t, err)
		oct, err := asn1.Marshal(sc)
		require.NoError(t, err)
		infos = append(infos, pfxContentInfo{ContentType: oidDataContent, Content: explicit0(oct)})
	}
	authSafe, err := asn1.Marshal(infos)
	require.NoError(t, err)
	oct, err := asn1.Marshal(authSafe)
	require.NoError(t, err)

	var m macData
	m.Mac.Algorithm = pkix.AlgorithmIdentifier{Algorithm: oidSHA256}
	m.MacSalt = make([]byte, 8)
	_, _ = rand.Read(m.MacSalt)
	m.Iterations = 2048
	key := pkcs12KDF(sha256.New, 64, 3, m.MacSalt, pw.bmp, m.Iterations, 32)
	h := hmac.New(sha256.New, key)
	h.Write(authSafe)
	m.Mac.Digest = h.Sum(nil)

	data, err := asn1.Marshal(pfxPDU{Version: 3, AuthSafe: pfxContentInfo{ContentType: oidDataContent, Content: explicit0(oct)}, MacData: m})
	require.NoError(t, err)
	return data
}

func TestImportPFXMultipleKeysAndFriendlyNames(t *testing.T) {
	_, _, rsaLeaf := testChain(t, "rsa2048")
	root, _, ecLeaf := testChain(t, "p256")

	nested, err := asn1.Marshal([]pfxSafeBag{certBagOf(t, root)})
	require.NoError(t, err)
	data := buildPFX(t, newPBEPassword("", false),
		[]pfxSafeBag{
			keyBagOf(t, ecLeaf, bmpAttr(t, "EC key name")), // key before its certificate
			certBagOf(t, rsaLeaf, bmpAttr(t, "RSA Server")),
			keyBagOf(t, rsaLeaf),
		},
		[]pfxSafeBag{
			certBagOf(t, ecLeaf),
			{ID: oidSafeContentsBag, Value: explicit0(nested)},
		})

	// The MAC was computed with the NULL (zero-length) password: both a
	// NULL and an L"" password import it.
	for _, given := range []bool{false, true} {
		certs, err := ImportPFX(data, "", given)
		require.NoError(t, err)
		require.Len(t, certs, 3)
		assert.Equal(t, rsaLeaf.Raw, certs[0].Raw)
		assert.Equal(t, "RSA Server", certs[0].FriendlyName)
		assert.True(t, certKeyMatches(certs[0].Key, rsaLeaf.X509))
		assert.Equal(t, ecLeaf.Raw, certs[1].Raw)
		assert.Equal(t, "EC key name", certs[1].FriendlyName)
		assert.True(t, certKeyMatches(certs[1].Key, ecLeaf.X509))
		assert.Equal(t, root.Raw, certs[2].Raw)
		assert.Nil(t, certs[2].Key)
	}
	_, err = ImportPFX(data, "x", true)
	assert.ErrorIs(t, err, ErrPFXPassword)

	// A certificate-only file.
	only := buildPFX(t, newPBEPassword("pw", true), []pfxSafeBag{certBagOf(t, root)})
	certs, err := ImportPFX(only, "pw", true)
	require.NoError(t, err)
	require.Len(t, certs, 1)
	assert.Nil(t, certs[0].Key)
}
