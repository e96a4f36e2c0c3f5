// PKCS#12 (PFX) import for PFXImportCertStore (spec §15.2): every
// certificate of the file, with each private key attached to the
// certificate whose public key it matches, and friendly names from the bag
// attributes. Implements RFC 7292 decoding directly so that files with any
// number of keys and certificates, certificate-only files, nested safe
// contents and PBMAC1 integrity all import.

package engine

import (
	"crypto"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"errors"
	"fmt"
	"unicode/utf16"
)

// Errors of ImportPFX. capi reports ErrPFXPassword as
// ERROR_INVALID_PASSWORD and ErrPFXData as CRYPT_E_BAD_ENCODE.
var (
	ErrPFXPassword = errors.New("crypt32: PFX password is not correct")
	ErrPFXData     = errors.New("crypt32: data is not a PFX file this library can read")
)

var (
	oidDataContent      = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 7, 1}
	oidEncryptedContent = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 7, 6}

	oidKeyBag          = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 12, 10, 1, 1}
	oidShroudedKeyBag  = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 12, 10, 1, 2}
	oidCertBag         = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 12, 10, 1, 3}
	oidSafeContentsBag = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 12, 10, 1, 6}
	oidX509CertType    = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 22, 1}
	oidFriendlyName    = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 20}
)

type pfxPDU struct {
	Version  int
	AuthSafe pfxContentInfo
	MacData  macData `asn1:"optional"`
}

// pfxContentInfo is a PKCS#7 ContentInfo. encoding/asn1 ignores tag
// parameters on RawValue fields, so Content (like pfxSafeBag.Value) holds the
// whole [0] EXPLICIT element and its Bytes are the inner element's DER.
type pfxContentInfo struct {
	ContentType asn1.ObjectIdentifier
	Content     asn1.RawValue `asn1:"tag:0,explicit,optional"`
}

type pfxEncryptedData struct {
	Version       int
	EncryptedInfo struct {
		ContentType      asn1.ObjectIdentifier
		Algorithm        pkix.AlgorithmIdentifier
		EncryptedContent []byte `asn1:"tag:0,optional"`
	}
}

type pfxSafeBag struct {
	ID         asn1.ObjectIdentifier
	Value      asn1.RawValue  `asn1:"tag:0,explicit"`
	Attributes []pfxAttribute `asn1:"set,optional"`
}

type pfxAttribute struct {
	ID     asn1.ObjectIdentifier
	Values asn1.RawValue
}

type encryptedPrivateKeyInfo struct {
	Algorithm pkix.AlgorithmIdentifier
	Data      []byte
}

// parsePFX decodes the outer PFX PDU and returns it with the authSafe
// content bytes (the DER AuthenticatedSafe).
func parsePFX(data []byte) (*pfxPDU, []byte, error) {
	var pfx pfxPDU
	rest, err := asn1.Unmarshal(data, &pfx)
	if err != nil || len(rest) != 0 {
		return nil, nil, fmt.Errorf("%w: not a DER PFX PDU", ErrPFXData)
	}
	if pfx.Version != 3 {
		return nil, nil, fmt.Errorf("%w: PFX version %d", ErrPFXData, pfx.Version)
	}
	if !pfx.AuthSafe.ContentType.Equal(oidDataContent) {
		return nil, nil, fmt.Errorf("%w: public-key integrity mode is not supported", ErrPFXData)
	}
	var content []byte
	if rest, err := asn1.Unmarshal(pfx.AuthSafe.Content.Bytes, &content); err != nil || len(rest) != 0 {
		return nil, nil, fmt.Errorf("%w: authSafe content", ErrPFXData)
	}
	return &pfx, content, nil
}

// IsPFX reports whether data decodes as a PKCS#12 PFX PDU (PFXIsPFXBlob).
// It does not check the password or the contents.
func IsPFX(data []byte) bool {
	_, _, err := parsePFX(data)
	return err == nil
}

// pfxPasswords returns the encodings to try, in order. PKCS#12 tells a
// NULL password (no bytes) from L"" (a lone BMP terminator); Windows tries
// the other empty form when one fails, and so do we.
func pfxPasswords(password string, given bool) []pbePassword {
	switch {
	case password != "":
		return []pbePassword{newPBEPassword(password, true)}
	case given:
		return []pbePassword{newPBEPassword("", true), newPBEPassword("", false)}
	default:
		return []pbePassword{newPBEPassword("", false), newPBEPassword("", true)}
	}
}

// ImportPFX decodes a PKCS#12 file. It returns every certificate in file
// order; each private key is attached to the certificate(s) whose public
// key it matches (keys matching no certificate are dropped), and a
// friendlyName attribute of the certificate's bag (or else of its key's
// bag) becomes FriendlyName. passwordGiven false means a NULL password.
//
// Errors wrap ErrPFXPassword (MAC mismatch, or undecryptable contents in a
// file without MAC) or ErrPFXData (anything else).
func ImportPFX(data []byte, password string, passwordGiven bool) ([]*Certificate, error) {
	pfx, content, err := parsePFX(data)
	if err != nil {
		return nil, err
	}
	candidates := pfxPasswords(password, passwordGiven)
	if len(pfx.MacData.Mac.Algorithm.Algorithm) > 0 {
		// The MAC tells which candidate is right; put it first but keep
		// the others, since some writers MAC with one empty form and
		// encrypt with the other.
		verified := -1
		for i, pw := range candidates {
			err := pfx.MacData.verify(content, pw)
			if err == nil {
				verified = i
				break
			}
			if !errors.Is(err, errPBEPassword) {
				return nil, fmt.Errorf("%w: %v", ErrPFXData, err)
			}
		}
		if verified < 0 {
			return nil, fmt.Errorf("%w: MAC does not verify", ErrPFXPassword)
		}
		candidates[0], candidates[verified] = candidates[verified], candidates[0]
	}
	var lastErr error
	for _, pw := range candidates {
		certs, err := decodeAuthSafe(content, pw)
		if err == nil {
			return certs, nil
		}
		if !errors.Is(err, ErrPFXPassword) {
			return nil, err
		}
		lastErr = err
	}
	return nil, lastErr
}

// pfxKey is a decoded key bag.
type pfxKey struct {
	key          crypto.Signer
	friendlyName string
}

// pfxCert is a decoded certificate bag.
type pfxCert struct {
	cert         *Certificate
	friendlyName string
}

func decodeAuthSafe(content []byte, pw pbePassword) ([]*Certificate, error) {
	var infos []pfxContentInfo
	if rest, err := asn1.Unmarshal(content, &infos); err != nil || len(rest) != 0 {
		return nil, fmt.Errorf("%w: AuthenticatedSafe", ErrPFXData)
	}
	var certs []pfxCert
	var keys []pfxKey
	for _, ci := range infos {
		var safe []byte
		switch {
		case ci.ContentType.Equal(oidDataContent):
			if rest, err := asn1.Unmarshal(ci.Content.Bytes, &safe); err != nil || len(rest) != 0 {
				return nil, fmt.Errorf("%w: SafeContents", ErrPFXData)
			}
		case ci.ContentType.Equal(oidEncryptedContent):
			var ed pfxEncryptedData
			if rest, err := asn1.Unmarshal(ci.Content.Bytes, &ed); err != nil || len(rest) != 0 {
				return nil, fmt.Errorf("%w: EncryptedData", ErrPFXData)
			}
			var err error
			if safe, err = pbeDecrypt(ed.EncryptedInfo.Algorithm, ed.EncryptedInfo.EncryptedContent, pw); err != nil {
				return nil, pbeError(err)
			}
		default:
			return nil, fmt.Errorf("%w: content type %v is not supported", ErrPFXData, ci.ContentType)
		}
		encrypted := ci.ContentType.Equal(oidEncryptedContent)
		if err := decodeSafeContents(safe, encrypted, pw, &certs, &keys, 0); err != nil {
			return nil, err
		}
	}
	out := make([]*Certificate, len(certs))
	for i, c := range certs {
		cert := c.cert
		cert.FriendlyName = c.friendlyName
		for _, k := range keys {
			if certKeyMatches(k.key, cert.X509) {
				cert.Key = k.key
				if cert.FriendlyName == "" {
					cert.FriendlyName = k.friendlyName
				}
				break
			}
		}
		out[i] = cert
	}
	return out, nil
}

// pbeError classifies a decryption error: a padding failure means the
// password was wrong, anything else is data this package cannot read.
func pbeError(err error) error {
	if errors.Is(err, errPBEPassword) {
		return fmt.Errorf("%w: %v", ErrPFXPassword, err)
	}
	return fmt.Errorf("%w: %v", ErrPFXData, err)
}

// decodeSafeContents collects the certificates and keys of one
// SafeContents; decrypted tells whether it came out of an EncryptedData.
func decodeSafeContents(data []byte, decrypted bool, pw pbePassword, certs *[]pfxCert, keys *[]pfxKey, depth int) error {
	if depth > 4 {
		return fmt.Errorf("%w: safe contents nested too deeply", ErrPFXData)
	}
	var bags []pfxSafeBag
	if rest, err := asn1.Unmarshal(data, &bags); err != nil || len(rest) != 0 {
		if decrypted {
			// Garbage that passed the padding check: the other face of
			// a wrong password in a file without MAC.
			return fmt.Errorf("%w: decrypted SafeContents does not decode", ErrPFXPassword)
		}
		return fmt.Errorf("%w: SafeContents", ErrPFXData)
	}
	for _, bag := range bags {
		name := bagFriendlyName(bag.Attributes)
		switch {
		case bag.ID.Equal(oidCertBag):
			var cb struct {
				Type  asn1.ObjectIdentifier
				Value []byte `asn1:"tag:0,explicit"`
			}
			if rest, err := asn1.Unmarshal(bag.Value.Bytes, &cb); err != nil || len(rest) != 0 {
				return fmt.Errorf("%w: CertBag", ErrPFXData)
			}
			if !cb.Type.Equal(oidX509CertType) {
				continue // SDSI certificates
			}
			c, err := ParseCertificate(cb.Value)
			if err != nil {
				return fmt.Errorf("%w: %v", ErrPFXData, err)
			}
			*certs = append(*certs, pfxCert{cert: c, friendlyName: name})
		case bag.ID.Equal(oidKeyBag):
			k, err := parsePrivateKeyDER(bag.Value.Bytes)
			if err != nil {
				return fmt.Errorf("%w: %v", ErrPFXData, err)
			}
			*keys = append(*keys, pfxKey{key: k, friendlyName: name})
		case bag.ID.Equal(oidShroudedKeyBag):
			k, err := decryptPKCS8(bag.Value.Bytes, pw)
			if err != nil {
				return err
			}
			*keys = append(*keys, pfxKey{key: k, friendlyName: name})
		case bag.ID.Equal(oidSafeContentsBag):
			if err := decodeSafeContents(bag.Value.Bytes, decrypted, pw, certs, keys, depth+1); err != nil {
				return err
			}
		}
		// CRL and secret bags carry nothing a store of certificates holds.
	}
	return nil
}

// bagFriendlyName returns the friendlyName (a BMPString) attribute, or "".
func bagFriendlyName(attrs []pfxAttribute) string {
	for _, a := range attrs {
		if !a.ID.Equal(oidFriendlyName) {
			continue
		}
		var v asn1.RawValue
		if _, err := asn1.Unmarshal(a.Values.Bytes, &v); err != nil || v.Tag != asn1.TagBMPString {
			return ""
		}
		u := make([]uint16, len(v.Bytes)/2)
		for i := range u {
			u[i] = uint16(v.Bytes[2*i])<<8 | uint16(v.Bytes[2*i+1])
		}
		return string(utf16.Decode(u))
	}
	return ""
}

// decryptPKCS8 decrypts an EncryptedPrivateKeyInfo (a shrouded key bag or
// an "ENCRYPTED PRIVATE KEY" PEM block) and parses the key.
func decryptPKCS8(der []byte, pw pbePassword) (crypto.Signer, error) {
	var epki encryptedPrivateKeyInfo
	if rest, err := asn1.Unmarshal(der, &epki); err != nil || len(rest) != 0 {
		return nil, fmt.Errorf("%w: EncryptedPrivateKeyInfo", ErrPFXData)
	}
	plain, err := pbeDecrypt(epki.Algorithm, epki.Data, pw)
	if err != nil {
		return nil, pbeError(err)
	}
	k, err := parsePrivateKeyDER(plain)
	if err != nil {
		// Padding can check out by chance under a wrong password.
		return nil, fmt.Errorf("%w: decrypted key does not parse", ErrPFXPassword)
	}
	return k, nil
}

// parsePrivateKeyDER parses a PKCS#8, PKCS#1 or SEC 1 private key that can
// sign (RSA, ECDSA, Ed25519).
func parsePrivateKeyDER(der []byte) (crypto.Signer, error) {
	var key any
	var err error
	if key, err = x509.ParsePKCS8PrivateKey(der); err != nil {
		if k, err1 := x509.ParsePKCS1PrivateKey(der); err1 == nil {
			key, err = k, nil
		} else if k, err2 := x509.ParseECPrivateKey(der); err2 == nil {
			key, err = k, nil
		}
	}
	if err != nil {
		return nil, fmt.Errorf("private key does not parse: %v", err)
	}
	s, ok := key.(crypto.Signer)
	if !ok {
		return nil, fmt.Errorf("private key of type %T cannot sign", key)
	}
	return s, nil
}
