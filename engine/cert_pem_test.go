package engine

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/des"
	"crypto/ecdsa"
	"crypto/pbkdf2"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/pem"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func pemOf(typ string, der []byte) []byte {
	return pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der})
}

func pkcs7Pad(b []byte, bs int) []byte {
	n := bs - len(b)%bs
	for i := 0; i < n; i++ {
		b = append(b, byte(n))
	}
	return b
}

// encryptPKCS8PBES2 produces an "ENCRYPTED PRIVATE KEY" body with
// PBKDF2-HMAC-SHA256 and AES-256-CBC, as `openssl pkcs8 -topk8` does.
func encryptPKCS8PBES2(t *testing.T, der []byte, password string) []byte {
	salt, iv := make([]byte, 16), make([]byte, 16)
	_, _ = rand.Read(salt)
	_, _ = rand.Read(iv)
	key, err := pbkdf2.Key(sha256.New, password, salt, 2048, 32)
	require.NoError(t, err)
	block, _ := aes.NewCipher(key)
	ct := pkcs7Pad(append([]byte{}, der...), 16)
	cipher.NewCBCEncrypter(block, iv).CryptBlocks(ct, ct)

	kdf, _ := asn1.Marshal(pbkdf2Params{Salt: salt, Iterations: 2048, PRF: pkix.AlgorithmIdentifier{Algorithm: oidHMACSHA256, Parameters: asn1.NullRawValue}})
	ivDER, _ := asn1.Marshal(iv)
	params, _ := asn1.Marshal(pbes2Params{
		KeyDerivationFunc: pkix.AlgorithmIdentifier{Algorithm: oidPBKDF2, Parameters: asn1.RawValue{FullBytes: kdf}},
		EncryptionScheme:  pkix.AlgorithmIdentifier{Algorithm: oidAES256CBC, Parameters: asn1.RawValue{FullBytes: ivDER}},
	})
	out, err := asn1.Marshal(encryptedPrivateKeyInfo{Algorithm: pkix.AlgorithmIdentifier{Algorithm: oidPBES2, Parameters: asn1.RawValue{FullBytes: params}}, Data: ct})
	require.NoError(t, err)
	return out
}

// encryptPKCS8PKCS12 uses pbeWithSHAAnd3-KeyTripleDES-CBC, as
// `openssl pkcs8 -topk8 -v1 PBE-SHA1-3DES` does.
func encryptPKCS8PKCS12(t *testing.T, der []byte, password string) []byte {
	salt := make([]byte, 8)
	_, _ = rand.Read(salt)
	pw := newPBEPassword(password, true).bmp
	key := pkcs12KDF(sha1.New, 64, 1, salt, pw, 2048, 24)
	iv := pkcs12KDF(sha1.New, 64, 2, salt, pw, 2048, 8)
	block, _ := des.NewTripleDESCipher(key)
	ct := pkcs7Pad(append([]byte{}, der...), 8)
	cipher.NewCBCEncrypter(block, iv).CryptBlocks(ct, ct)
	params, _ := asn1.Marshal(struct {
		Salt       []byte
		Iterations int
	}{salt, 2048})
	out, err := asn1.Marshal(encryptedPrivateKeyInfo{Algorithm: pkix.AlgorithmIdentifier{Algorithm: asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 12, 1, 3}, Parameters: asn1.RawValue{FullBytes: params}}, Data: ct})
	require.NoError(t, err)
	return out
}

func TestLoadPEM(t *testing.T) {
	for _, kind := range keyKinds {
		t.Run(kind, func(t *testing.T) {
			_, inter, leaf := testChain(t, kind)
			chain := append(pemOf("CERTIFICATE", leaf.Raw), pemOf("CERTIFICATE", inter.Raw)...)
			p8, err := x509.MarshalPKCS8PrivateKey(leaf.Key)
			require.NoError(t, err)

			keyForms := map[string][]byte{
				"pkcs8":      pemOf("PRIVATE KEY", p8),
				"pbes2":      pemOf("ENCRYPTED PRIVATE KEY", encryptPKCS8PBES2(t, p8, "secret")),
				"pkcs12-pbe": pemOf("ENCRYPTED PRIVATE KEY", encryptPKCS8PKCS12(t, p8, "secret")),
			}
			switch k := leaf.Key.(type) {
			case *rsa.PrivateKey:
				keyForms["pkcs1"] = pemOf("RSA PRIVATE KEY", x509.MarshalPKCS1PrivateKey(k))
				//lint:ignore SA1019 testing the legacy format on purpose
				blk, err := x509.EncryptPEMBlock(rand.Reader, "RSA PRIVATE KEY", x509.MarshalPKCS1PrivateKey(k), []byte("secret"), x509.PEMCipherAES256) //nolint:staticcheck
				require.NoError(t, err)
				keyForms["legacy-encrypted"] = pem.EncodeToMemory(blk)
			case *ecdsa.PrivateKey:
				sec1, err := x509.MarshalECPrivateKey(k)
				require.NoError(t, err)
				keyForms["sec1"] = pemOf("EC PRIVATE KEY", sec1)
			}

			for form, keyPEM := range keyForms {
				certs, err := LoadPEM(chain, keyPEM, "secret")
				require.NoError(t, err, form)
				require.Len(t, certs, 2, form)
				assert.Equal(t, leaf.Raw, certs[0].Raw, form)
				assert.Equal(t, inter.Raw, certs[1].Raw, form)
				assert.True(t, certKeyMatches(certs[0].Key, leaf.X509), form)
				assert.Nil(t, certs[1].Key, form)

				// Key in the same file as the chain.
				certs, err = LoadPEM(append(append([]byte{}, chain...), keyPEM...), nil, "secret")
				require.NoError(t, err, form)
				assert.NotNil(t, certs[0].Key, form)
			}

			for _, form := range []string{"pbes2", "pkcs12-pbe"} {
				_, err = LoadPEM(chain, keyForms[form], "wrong")
				assert.ErrorIs(t, err, ErrPEMPassword, form)
				_, err = LoadPEM(chain, keyForms[form], "")
				assert.ErrorIs(t, err, ErrPEMPassword, form)
			}

			// A key of another certificate.
			other, err := x509.MarshalPKCS8PrivateKey(testKey(t, kind, "other"))
			require.NoError(t, err)
			_, err = LoadPEM(chain, pemOf("PRIVATE KEY", other), "")
			assert.ErrorIs(t, err, ErrKeyMismatch)
		})
	}
}

func TestLoadPEMErrors(t *testing.T) {
	_, _, leaf := testChain(t, "p256")
	p8, err := x509.MarshalPKCS8PrivateKey(leaf.Key)
	require.NoError(t, err)
	key := pemOf("PRIVATE KEY", p8)
	cert := pemOf("CERTIFICATE", leaf.Raw)

	_, err = LoadPEM(nil, key, "")
	assert.ErrorIs(t, err, ErrPEMCertificate)
	_, err = LoadPEM([]byte("garbage"), key, "")
	assert.ErrorIs(t, err, ErrPEMCertificate)
	_, err = LoadPEM(pemOf("CERTIFICATE", []byte("bad der")), key, "")
	assert.ErrorIs(t, err, ErrPEMCertificate)
	_, err = LoadPEM(cert, nil, "")
	assert.ErrorIs(t, err, ErrPEMNoKey)
	_, err = LoadPEM(cert, []byte("garbage"), "")
	assert.ErrorIs(t, err, ErrPEMNoKey)
	_, err = LoadPEM(cert, pemOf("PRIVATE KEY", []byte("bad der")), "")
	assert.ErrorIs(t, err, ErrPEMKey)
}
