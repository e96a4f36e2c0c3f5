package engine

import (
	"crypto/sha1"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestRC2(t *testing.T) {
	// RFC 2268 §5 test vectors.
	for _, v := range []struct{ key, bits, plain, cipher string }{
		{"0000000000000000", "63", "0000000000000000", "ebb773f993278eff"},
		{"ffffffffffffffff", "64", "ffffffffffffffff", "278b27e42e2f0d49"},
		{"3000000000000000", "64", "1000000000000001", "30649edf9be7d2c2"},
		{"88bca90e90875a7f0f79c384627bafb2", "128", "0000000000000000", "2269552ab0f85ca6"},
	} {
		key, _ := hex.DecodeString(v.key)
		var bits int
		fmt.Sscan(v.bits, &bits)
		c := newRC2(key, bits)
		plain, _ := hex.DecodeString(v.plain)
		out := make([]byte, 8)
		c.Encrypt(out, plain)
		assert.Equal(t, v.cipher, hex.EncodeToString(out), v.key)
		back := make([]byte, 8)
		c.Decrypt(back, out)
		assert.Equal(t, plain, back)
	}
}

func TestPKCS12KDFPasswordForms(t *testing.T) {
	assert.Equal(t, []byte{0, 0}, newPBEPassword("", true).bmp)
	assert.Empty(t, newPBEPassword("", false).bmp)
	assert.Equal(t, []byte{0, 'a', 0, 0xe9, 0, 0}, newPBEPassword("aé", true).bmp)
	assert.Equal(t, []byte("aé"), newPBEPassword("aé", true).utf8)
}

func TestPKCS12KDF(t *testing.T) {
	// The same inputs give the same key; every id, salt and password byte
	// changes it; lengths beyond one hash output are derived.
	pw := newPBEPassword("smeg", true).bmp
	salt := []byte{0x0a, 0x58, 0xcf, 0x64, 0x53, 0x0d, 0x82, 0x3f}
	k1 := pkcs12KDF(sha1.New, 64, 1, salt, pw, 1, 24)
	assert.Len(t, k1, 24)
	assert.Equal(t, k1, pkcs12KDF(sha1.New, 64, 1, salt, pw, 1, 24))
	assert.NotEqual(t, k1, pkcs12KDF(sha1.New, 64, 2, salt, pw, 1, 24))
	assert.NotEqual(t, k1, pkcs12KDF(sha1.New, 64, 1, salt[1:], pw, 1, 24))
	assert.NotEqual(t, k1, pkcs12KDF(sha1.New, 64, 1, salt, pw, 2, 24))
	assert.Equal(t, k1[:8], pkcs12KDF(sha1.New, 64, 1, salt, pw, 1, 8))
	long := pkcs12KDF(sha256.New, 64, 3, salt, pw, 3, 100)
	assert.Len(t, long, 100)
	assert.Equal(t, long[:32], pkcs12KDF(sha256.New, 64, 3, salt, pw, 3, 32))
}

func TestCBCDecryptPadding(t *testing.T) {
	block := newRC2(make([]byte, 16), 128)
	_, err := cbcDecrypt(block, make([]byte, 8), nil)
	assert.ErrorIs(t, err, errPBEPassword)
	_, err = cbcDecrypt(block, make([]byte, 8), make([]byte, 7))
	assert.ErrorIs(t, err, errPBEPassword)
	_, err = cbcDecrypt(block, make([]byte, 4), make([]byte, 8))
	assert.ErrorIs(t, err, errPBEUnsupported)
}
