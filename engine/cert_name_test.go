package engine

import (
	"crypto/x509/pkix"
	"encoding/asn1"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// rawName encodes RDNs given as (oid, value) pairs, one RDN each, in order.
func rawName(t *testing.T, rdns ...pkix.RelativeDistinguishedNameSET) []byte {
	t.Helper()
	der, err := asn1.Marshal(pkix.RDNSequence(rdns))
	require.NoError(t, err)
	return der
}

func atv(oid asn1.ObjectIdentifier, v any) pkix.RelativeDistinguishedNameSET {
	return pkix.RelativeDistinguishedNameSET{{Type: oid, Value: v}}
}

var (
	oidCN = asn1.ObjectIdentifier{2, 5, 4, 3}
	oidO  = asn1.ObjectIdentifier{2, 5, 4, 10}
	oidOU = asn1.ObjectIdentifier{2, 5, 4, 11}
	oidC  = asn1.ObjectIdentifier{2, 5, 4, 6}
	oidE  = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 1}
)

func TestNameToString(t *testing.T) {
	name := rawName(t, atv(oidCN, "host"), atv(oidO, "Org"), atv(oidC, "US"))
	assert.Equal(t, "CN=host, O=Org, C=US", NameToString(name, NameStrX500))
	assert.Equal(t, "C=US, O=Org, CN=host", NameToString(name, NameStrX500|NameStrReverse))
	assert.Equal(t, "host, Org, US", NameToString(name, NameStrSimple))
	assert.Equal(t, "2.5.4.3=host, 2.5.4.10=Org, 2.5.4.6=US", NameToString(name, NameStrOID))
	assert.Equal(t, "CN=host; O=Org; C=US", NameToString(name, NameStrX500|NameStrSemicolon))
	assert.Equal(t, "CN=host\r\nO=Org\r\nC=US", NameToString(name, NameStrX500|NameStrCRLF))

	quoted := rawName(t, atv(oidCN, "a, b"), atv(oidO, `say "hi"`), atv(asn1.ObjectIdentifier{1, 2, 3, 4}, "x"))
	assert.Equal(t, `CN="a, b", O="say ""hi""", OID.1.2.3.4=x`, NameToString(quoted, NameStrX500))
	assert.Equal(t, `CN=a, b, O=say "hi", OID.1.2.3.4=x`, NameToString(quoted, NameStrX500|NameStrNoQuoting))

	multi := rawName(t, pkix.RelativeDistinguishedNameSET{{Type: oidCN, Value: "a"}, {Type: oidOU, Value: "b"}})
	assert.Equal(t, "CN=a + OU=b", NameToString(multi, NameStrX500))
	assert.Equal(t, "CN=a OU=b", NameToString(multi, NameStrX500|NameStrNoPlus))

	// BMPString and a non-string value.
	bmp, err := asn1.Marshal(asn1.RawValue{Tag: asn1.TagBMPString, Bytes: []byte{0, 'h', 0, 0xe9}})
	require.NoError(t, err)
	odd := rawName(t, atv(oidCN, asn1.RawValue{FullBytes: bmp}), atv(oidO, 42))
	assert.Equal(t, "CN=hé, O=#02012A", NameToString(odd, NameStrX500))

	assert.Equal(t, "", NameToString(nil, NameStrX500))
	assert.Equal(t, "", NameToString([]byte("garbage"), NameStrX500))
}

func TestNameString(t *testing.T) {
	key := testKey(t, "p256", "leaf")
	upn, err := asn1.Marshal(struct {
		Type  asn1.ObjectIdentifier
		Value string `asn1:"explicit,tag:0,utf8"`
	}{asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 311, 20, 2, 3}, "user@corp"})
	require.NoError(t, err)
	upn[0] = 0xA0 // [0] IMPLICIT otherName
	uri, _ := asn1.Marshal(asn1.RawValue{Class: asn1.ClassContextSpecific, Tag: 6, Bytes: []byte("https://x.example/")})
	dns, _ := asn1.Marshal(asn1.RawValue{Class: asn1.ClassContextSpecific, Tag: 2, Bytes: []byte("alt.example")})
	mail, _ := asn1.Marshal(asn1.RawValue{Class: asn1.ClassContextSpecific, Tag: 1, Bytes: []byte("alt@example")})
	san, _ := asn1.Marshal(asn1.RawValue{Tag: asn1.TagSequence, IsCompound: true, Bytes: append(append(append(upn, uri...), dns...), mail...)})

	c := makeTestCert(t, key, nil, nil, testCertOpts{
		subject:   pkix.Name{CommonName: "host", Organization: []string{"Org"}, ExtraNames: []pkix.AttributeTypeAndValue{{Type: oidE, Value: "subj@example"}}},
		extraExts: []pkix.Extension{{Id: asn1.ObjectIdentifier{2, 5, 29, 17}, Value: san}},
	})
	assert.Equal(t, "host", c.NameString(NameSimpleDisplay, false, 0, ""))
	assert.Equal(t, "host", c.NameString(NameFriendlyDisplay, false, 0, ""))
	assert.Equal(t, "Friendly", c.WithKey(nil, "Friendly").NameString(NameFriendlyDisplay, false, 0, ""))
	assert.Equal(t, "alt.example", c.NameString(NameDNS, false, 0, ""))
	assert.Equal(t, "alt@example", c.NameString(NameEmail, false, 0, ""))
	assert.Equal(t, "https://x.example/", c.NameString(NameURL, false, 0, ""))
	assert.Equal(t, "user@corp", c.NameString(NameUPN, false, 0, ""))
	assert.Equal(t, "host", c.NameString(NameAttr, false, 0, ""))
	assert.Equal(t, "Org", c.NameString(NameAttr, false, 0, "2.5.4.10"))
	assert.Equal(t, "", c.NameString(NameAttr, false, 0, "2.5.4.11"))
	assert.Contains(t, c.NameString(NameRDN, false, 0, ""), "CN=host")
	assert.Equal(t, "", c.NameString(99, false, 0, ""))

	// Issuer flag on a self-signed certificate renders the same name.
	assert.Equal(t, "host", c.NameString(NameSimpleDisplay, true, 0, ""))

	// Fallbacks: no SAN → DNS uses the CN; no CN → OU, then O.
	plain := makeTestCert(t, key, nil, nil, testCertOpts{subject: pkix.Name{CommonName: "cn.example", ExtraNames: []pkix.AttributeTypeAndValue{{Type: oidE, Value: "e@example"}}}})
	assert.Equal(t, "cn.example", plain.NameString(NameDNS, false, 0, ""))
	assert.Equal(t, "e@example", plain.NameString(NameEmail, false, 0, ""))
	assert.Equal(t, "", plain.NameString(NameURL, false, 0, ""))
	noCN := makeTestCert(t, key, nil, nil, testCertOpts{subject: pkix.Name{Organization: []string{"OnlyOrg"}, Country: []string{"DE"}}})
	assert.Equal(t, "OnlyOrg", noCN.NameString(NameSimpleDisplay, false, 0, ""))
	onlyC := makeTestCert(t, key, nil, nil, testCertOpts{subject: pkix.Name{Country: []string{"DE"}}})
	assert.Equal(t, "DE", onlyC.NameString(NameSimpleDisplay, false, 0, ""))
}

func TestMatchNameString(t *testing.T) {
	_, inter, leaf := testChain(t, "p256")
	assert.True(t, leaf.MatchNameString("LOCALHOST", false))
	assert.True(t, leaf.MatchNameString("o=org, cn=localhost", false))
	assert.True(t, leaf.MatchNameString("", false))
	assert.False(t, leaf.MatchNameString("Intermediate", false))
	assert.True(t, leaf.MatchNameString("intermediate", true))
	assert.True(t, inter.MatchNameString("Test Root", true))
}
