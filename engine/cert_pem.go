// PEM loading for the SchLinuxLoadCertificatePem extension: a certificate
// chain (leaf first) and a private key in any of the usual PEM forms.

package engine

import (
	"crypto"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
)

// Errors of LoadPEM; capi maps each to the Win32/NTE code documented in
// schannel_linux.h.
var (
	ErrPEMCertificate = errors.New("crypt32: no valid CERTIFICATE block in the PEM chain")    // ERROR_INVALID_DATA
	ErrPEMNoKey       = errors.New("crypt32: no private key block in the PEM data")           // NTE_NO_KEY
	ErrPEMKey         = errors.New("crypt32: the private key does not parse")                 // NTE_BAD_KEY
	ErrPEMPassword    = errors.New("crypt32: the private key password is missing or wrong")   // ERROR_INVALID_PASSWORD
	ErrKeyMismatch    = errors.New("crypt32: the private key does not match the certificate") // NTE_BAD_KEYSET
)

// LoadPEM parses a PEM certificate chain (leaf first, then intermediates)
// and a private key, and returns the chain with the key attached to the
// leaf. keyPEM may be empty when the key is in chainPEM. The key may be
// PKCS#8 ("PRIVATE KEY"), PKCS#1 ("RSA PRIVATE KEY"), SEC 1 ("EC PRIVATE
// KEY"), encrypted PKCS#8 ("ENCRYPTED PRIVATE KEY", PBES2 or PKCS#12 PBE)
// or legacy OpenSSL-encrypted PKCS#1/SEC 1 (Proc-Type 4,ENCRYPTED); the
// encrypted forms need password. The first key block found is used.
func LoadPEM(chainPEM, keyPEM []byte, password string) ([]*Certificate, error) {
	var chain []*Certificate
	rest := chainPEM
	for {
		var b *pem.Block
		b, rest = pem.Decode(rest)
		if b == nil {
			break
		}
		if b.Type != "CERTIFICATE" && b.Type != "X509 CERTIFICATE" {
			continue
		}
		c, err := ParseCertificate(b.Bytes)
		if err != nil {
			return nil, fmt.Errorf("%w: certificate %d: %v", ErrPEMCertificate, len(chain)+1, err)
		}
		chain = append(chain, c)
	}
	if len(chain) == 0 {
		return nil, ErrPEMCertificate
	}
	if len(keyPEM) == 0 {
		keyPEM = chainPEM
	}
	key, err := pemPrivateKey(keyPEM, password)
	if err != nil {
		return nil, err
	}
	if !certKeyMatches(key, chain[0].X509) {
		return nil, ErrKeyMismatch
	}
	chain[0].Key = key
	return chain, nil
}

// pemPrivateKey decodes the first private key block of data.
func pemPrivateKey(data []byte, password string) (crypto.Signer, error) {
	rest := data
	for {
		var b *pem.Block
		b, rest = pem.Decode(rest)
		if b == nil {
			return nil, ErrPEMNoKey
		}
		switch b.Type {
		case "ENCRYPTED PRIVATE KEY":
			if password == "" {
				return nil, fmt.Errorf("%w: the key is encrypted", ErrPEMPassword)
			}
			k, err := decryptPKCS8(b.Bytes, newPBEPassword(password, true))
			switch {
			case errors.Is(err, ErrPFXPassword):
				return nil, fmt.Errorf("%w: %v", ErrPEMPassword, err)
			case err != nil:
				return nil, fmt.Errorf("%w: %v", ErrPEMKey, err)
			}
			return k, nil
		case "PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY":
			der := b.Bytes
			//lint:ignore SA1019 legacy OpenSSL key encryption is still common in the wild
			if x509.IsEncryptedPEMBlock(b) { //nolint:staticcheck
				if password == "" {
					return nil, fmt.Errorf("%w: the key is encrypted", ErrPEMPassword)
				}
				var err error
				//lint:ignore SA1019 see above
				der, err = x509.DecryptPEMBlock(b, []byte(password)) //nolint:staticcheck
				if err != nil {
					return nil, fmt.Errorf("%w: %v", ErrPEMPassword, err)
				}
				k, err := parsePrivateKeyDER(der)
				if err != nil {
					return nil, fmt.Errorf("%w: decrypted key does not parse", ErrPEMPassword)
				}
				return k, nil
			}
			k, err := parsePrivateKeyDER(der)
			if err != nil {
				return nil, fmt.Errorf("%w: %v", ErrPEMKey, err)
			}
			return k, nil
		}
	}
}
