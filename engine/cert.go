// Certificates: the parsed form of one X.509 certificate with its optional
// private key, the CERT_INFO view of its TBSCertificate, thumbprints, key
// identifiers and chain building. The crypt32 subset of capi (spec §15) is a
// thin layer over these types; the PKCS#12 and PEM loaders live in
// cert_pfx.go and cert_pem.go, name rendering in cert_name.go and the store
// semantics in store.go.

package engine

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/md5"
	"crypto/rsa"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"errors"
	"fmt"
	"time"
)

// ErrCertEncoding reports bytes that are not one DER X.509 certificate that
// Go's parser accepts. capi reports it as CRYPT_E_ASN1_BADTAG.
var ErrCertEncoding = errors.New("crypt32: not a valid DER X.509 certificate")

// A Certificate is one X.509 certificate as the crypt32 layer sees it: the
// DER bytes, the parsed form and the properties a CERT_CONTEXT can carry.
// A Certificate is immutable once it has been added to a Store and is safe
// for concurrent use; code that wants to change a property makes a copy.
type Certificate struct {
	Raw          []byte            // DER encoding (pbCertEncoded)
	X509         *x509.Certificate // parsed form of Raw
	Key          crypto.Signer     // private key (CERT_KEY_PROV_INFO_PROP_ID present), nil if none
	FriendlyName string            // CERT_FRIENDLY_NAME_PROP_ID, "" if none
}

// ParseCertificate parses one DER certificate. Bytes after the first DER
// element are ignored (callers often pass a whole buffer). The returned
// Certificate owns a copy of der and has no key.
func ParseCertificate(der []byte) (*Certificate, error) {
	der = firstDERElement(der)
	if der == nil {
		return nil, ErrCertEncoding
	}
	raw := bytes.Clone(der)
	c, err := x509.ParseCertificate(raw)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrCertEncoding, err)
	}
	return &Certificate{Raw: raw, X509: c}, nil
}

// firstDERElement returns the prefix of b that holds its first DER TLV, or
// nil when b does not start with a complete definite-length element.
func firstDERElement(b []byte) []byte {
	var v asn1.RawValue
	rest, err := asn1.Unmarshal(b, &v)
	if err != nil {
		return nil
	}
	return b[:len(b)-len(rest)]
}

// HasPrivateKey reports whether a private key is attached.
func (c *Certificate) HasPrivateKey() bool { return c != nil && c.Key != nil }

// WithKey returns a copy of c with key and friendly name replaced.
func (c *Certificate) WithKey(key crypto.Signer, friendlyName string) *Certificate {
	cp := *c
	cp.Key = key
	cp.FriendlyName = friendlyName
	return &cp
}

// SHA1 returns the SHA-1 thumbprint of the DER encoding
// (CERT_SHA1_HASH_PROP_ID, the value CERT_FIND_SHA1_HASH compares).
func (c *Certificate) SHA1() [sha1.Size]byte { return sha1.Sum(c.Raw) }

// MD5 returns the MD5 thumbprint (CERT_MD5_HASH_PROP_ID).
func (c *Certificate) MD5() [md5.Size]byte { return md5.Sum(c.Raw) }

// SHA256 returns the SHA-256 thumbprint (CERT_SHA256_HASH_PROP_ID).
func (c *Certificate) SHA256() [sha256.Size]byte { return sha256.Sum256(c.Raw) }

// PublicKeyBits returns the contents of the subjectPublicKey BIT STRING.
func (c *Certificate) PublicKeyBits() []byte {
	var spki struct {
		Algorithm pkix.AlgorithmIdentifier
		PublicKey asn1.BitString
	}
	if _, err := asn1.Unmarshal(c.X509.RawSubjectPublicKeyInfo, &spki); err != nil {
		return nil
	}
	return spki.PublicKey.Bytes
}

// KeyIdentifier returns CERT_KEY_IDENTIFIER_PROP_ID: the subject key
// identifier extension when present, else the SHA-1 of the subjectPublicKey
// bits (RFC 5280 §4.2.1.2 method 1).
func (c *Certificate) KeyIdentifier() []byte {
	if len(c.X509.SubjectKeyId) > 0 {
		return bytes.Clone(c.X509.SubjectKeyId)
	}
	h := sha1.Sum(c.PublicKeyBits())
	return h[:]
}

// certKeyMatches reports whether key is the private half of cert's public key.
func certKeyMatches(key crypto.Signer, cert *x509.Certificate) bool {
	if key == nil || cert == nil {
		return false
	}
	switch pub := key.Public().(type) {
	case *rsa.PublicKey:
		return pub.Equal(cert.PublicKey)
	case *ecdsa.PublicKey:
		return pub.Equal(cert.PublicKey)
	case ed25519.PublicKey:
		return pub.Equal(cert.PublicKey)
	}
	return false
}

// AlgorithmID is a CRYPT_ALGORITHM_IDENTIFIER: a dotted OID and the DER of
// the parameters (nil when absent).
type AlgorithmID struct {
	OID    string
	Params []byte
}

// BitString is a CRYPT_BIT_BLOB.
type BitString struct {
	Bytes      []byte
	UnusedBits int
}

// Extension is a CERT_EXTENSION.
type Extension struct {
	OID      string
	Critical bool
	Value    []byte // DER of the extnValue contents
}

// CertInfo is a certificate's TBSCertificate in the shape of CERT_INFO
// (spec §3.5, §15.2 data model).
type CertInfo struct {
	Version            uint32 // 0 = v1, 1 = v2, 2 = v3
	SerialLE           []byte // INTEGER content bytes, reversed (little-endian), sign byte kept
	SignatureAlgorithm AlgorithmID
	Issuer             []byte // DER Name
	NotBefore          time.Time
	NotAfter           time.Time
	Subject            []byte // DER Name
	PublicKeyAlgorithm AlgorithmID
	PublicKey          BitString
	IssuerUniqueID     BitString
	SubjectUniqueID    BitString
	Extensions         []Extension
}

type tbsCertificate struct {
	Version         int `asn1:"optional,explicit,default:0,tag:0"`
	SerialNumber    asn1.RawValue
	Signature       pkix.AlgorithmIdentifier
	Issuer          asn1.RawValue
	Validity        asn1.RawValue
	Subject         asn1.RawValue
	PublicKey       subjectPublicKeyInfo
	IssuerUniqueID  asn1.BitString   `asn1:"optional,tag:1"`
	SubjectUniqueID asn1.BitString   `asn1:"optional,tag:2"`
	Extensions      []pkix.Extension `asn1:"optional,explicit,tag:3"`
}

type subjectPublicKeyInfo struct {
	Algorithm pkix.AlgorithmIdentifier
	PublicKey asn1.BitString
}

// Info decodes the TBSCertificate into the CERT_INFO view. Go's parser
// accepted Raw, so the DER decode below practically always succeeds; if it
// does not, the fields are filled from the parsed certificate instead and
// the parts only the TBS decode can give (unique ids, parameter bytes) are
// left empty.
func (c *Certificate) Info() *CertInfo {
	var tbs tbsCertificate
	if _, err := asn1.Unmarshal(c.X509.RawTBSCertificate, &tbs); err != nil {
		return c.infoFromX509()
	}
	info := &CertInfo{
		Version:            uint32(tbs.Version),
		SerialLE:           reversed(tbs.SerialNumber.Bytes),
		SignatureAlgorithm: algorithmID(tbs.Signature),
		Issuer:             bytes.Clone(tbs.Issuer.FullBytes),
		NotBefore:          c.X509.NotBefore,
		NotAfter:           c.X509.NotAfter,
		Subject:            bytes.Clone(tbs.Subject.FullBytes),
		PublicKeyAlgorithm: algorithmID(tbs.PublicKey.Algorithm),
		PublicKey:          bitString(tbs.PublicKey.PublicKey),
		IssuerUniqueID:     bitString(tbs.IssuerUniqueID),
		SubjectUniqueID:    bitString(tbs.SubjectUniqueID),
	}
	for _, e := range tbs.Extensions {
		info.Extensions = append(info.Extensions, Extension{OID: e.Id.String(), Critical: e.Critical, Value: bytes.Clone(e.Value)})
	}
	return info
}

func (c *Certificate) infoFromX509() *CertInfo {
	x := c.X509
	serial, _ := asn1.Marshal(x.SerialNumber)
	var sv asn1.RawValue
	_, _ = asn1.Unmarshal(serial, &sv)
	info := &CertInfo{
		Version:   uint32(max(x.Version-1, 0)),
		SerialLE:  reversed(sv.Bytes),
		Issuer:    bytes.Clone(x.RawIssuer),
		NotBefore: x.NotBefore,
		NotAfter:  x.NotAfter,
		Subject:   bytes.Clone(x.RawSubject),
	}
	var spki subjectPublicKeyInfo
	if _, err := asn1.Unmarshal(x.RawSubjectPublicKeyInfo, &spki); err == nil {
		info.PublicKeyAlgorithm = algorithmID(spki.Algorithm)
		info.PublicKey = bitString(spki.PublicKey)
	}
	for _, e := range x.Extensions {
		info.Extensions = append(info.Extensions, Extension{OID: e.Id.String(), Critical: e.Critical, Value: bytes.Clone(e.Value)})
	}
	return info
}

func algorithmID(a pkix.AlgorithmIdentifier) AlgorithmID {
	return AlgorithmID{OID: a.Algorithm.String(), Params: bytes.Clone(a.Parameters.FullBytes)}
}

func bitString(b asn1.BitString) BitString {
	if len(b.Bytes) == 0 {
		return BitString{}
	}
	return BitString{Bytes: bytes.Clone(b.Bytes), UnusedBits: 8*len(b.Bytes) - b.BitLength}
}

func reversed(b []byte) []byte {
	out := make([]byte, len(b))
	for i, v := range b {
		out[len(b)-1-i] = v
	}
	return out
}

// fileTimeEpochDelta is the number of 100-ns ticks between 1601-01-01 and
// 1970-01-01 (UTC).
const fileTimeEpochDelta = 116444736000000000

// FileTime converts t to a FILETIME value: 100-ns ticks since 1601-01-01
// UTC. Times before 1601 become 0.
func FileTime(t time.Time) uint64 {
	ticks := t.Unix()*10_000_000 + int64(t.Nanosecond()/100) + fileTimeEpochDelta
	if ticks < 0 {
		return 0
	}
	return uint64(ticks)
}

// BuildChain returns the chain to send for leaf: leaf first, then each
// issuer found in pool (subject equal to the previous issuer and a
// verifying signature), stopping at a self-issued certificate. A
// self-signed root is included only when includeRoot is true
// (SCH_SEND_ROOT_CERT); a self-signed leaf is always returned alone.
func BuildChain(leaf *Certificate, pool []*Certificate, includeRoot bool) []*Certificate {
	if leaf == nil || leaf.X509 == nil {
		return nil
	}
	chain := []*Certificate{leaf}
	cur := leaf
	for len(chain) < 16 && !selfIssued(cur) {
		next := findIssuer(cur, pool, chain)
		if next == nil {
			break
		}
		if selfIssued(next) {
			if includeRoot {
				chain = append(chain, next)
			}
			break
		}
		chain = append(chain, next)
		cur = next
	}
	return chain
}

func selfIssued(c *Certificate) bool {
	return bytes.Equal(c.X509.RawIssuer, c.X509.RawSubject)
}

func findIssuer(child *Certificate, pool, exclude []*Certificate) *Certificate {
	var weak *Certificate
candidates:
	for _, cand := range pool {
		if cand == nil || cand.X509 == nil || !bytes.Equal(cand.X509.RawSubject, child.X509.RawIssuer) {
			continue
		}
		for _, ex := range exclude {
			if bytes.Equal(ex.Raw, cand.Raw) {
				continue candidates
			}
		}
		err := cand.X509.CheckSignature(child.X509.SignatureAlgorithm, child.X509.RawTBSCertificate, child.X509.Signature)
		if err == nil {
			return cand
		}
		// Go refuses SHA-1 (and MD5) signatures; link such old chains by
		// name and key identifier instead of dropping the intermediate.
		var insecure x509.InsecureAlgorithmError
		if weak == nil && errors.As(err, &insecure) &&
			(len(child.X509.AuthorityKeyId) == 0 || bytes.Equal(child.X509.AuthorityKeyId, cand.X509.SubjectKeyId)) {
			weak = cand
		}
	}
	return weak
}
