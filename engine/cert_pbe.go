// Password-based cryptography for PKCS#12 files and encrypted PKCS#8 keys:
// the PKCS#12 key derivation (RFC 7292 appendix B), the PKCS#12 PBE
// ciphers (RFC 7292 appendix C: 3DES, RC2, RC4), PBES2 with PBKDF2
// (RFC 8018 §6.2: AES-CBC, DES-EDE3-CBC) and the two integrity MACs
// (RFC 7292 HMAC and PBMAC1, RFC 9579). Decryption only.

package engine

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/des"
	"crypto/hmac"
	"crypto/pbkdf2"
	"crypto/rc4"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"crypto/subtle"
	"crypto/x509/pkix"
	"encoding/asn1"
	"errors"
	"fmt"
	"hash"
	"math/bits"
	"unicode/utf16"
)

// errPBEPassword reports a decryption whose padding did not check out (the
// usual sign of a wrong password) or a MAC that did not verify.
var errPBEPassword = errors.New("password-based decryption failed")

// errPBEUnsupported reports an algorithm this package does not implement.
var errPBEUnsupported = errors.New("unsupported password-based algorithm")

// pbePassword carries one candidate password in both encodings PKCS#12 uses:
// the PKCS#12 KDF takes a NUL-terminated big-endian BMPString (empty for a
// NULL password), PBES2 and PBMAC1 take the UTF-8 bytes.
type pbePassword struct {
	bmp  []byte
	utf8 []byte
}

// newPBEPassword encodes pw; nullTerminated false gives the zero-length
// BMP encoding that a NULL password (as opposed to L"") produces.
func newPBEPassword(pw string, nullTerminated bool) pbePassword {
	p := pbePassword{utf8: []byte(pw)}
	if pw == "" && !nullTerminated {
		return p
	}
	for _, u := range utf16.Encode([]rune(pw)) {
		p.bmp = append(p.bmp, byte(u>>8), byte(u))
	}
	p.bmp = append(p.bmp, 0, 0)
	return p
}

var (
	oidSHA1       = asn1.ObjectIdentifier{1, 3, 14, 3, 2, 26}
	oidSHA224     = asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 2, 4}
	oidSHA256     = asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 2, 1}
	oidSHA384     = asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 2, 2}
	oidSHA512     = asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 2, 3}
	oidSHA512_224 = asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 2, 5}
	oidSHA512_256 = asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 2, 6}

	oidHMACSHA1   = asn1.ObjectIdentifier{1, 2, 840, 113549, 2, 7}
	oidHMACSHA224 = asn1.ObjectIdentifier{1, 2, 840, 113549, 2, 8}
	oidHMACSHA256 = asn1.ObjectIdentifier{1, 2, 840, 113549, 2, 9}
	oidHMACSHA384 = asn1.ObjectIdentifier{1, 2, 840, 113549, 2, 10}
	oidHMACSHA512 = asn1.ObjectIdentifier{1, 2, 840, 113549, 2, 11}

	oidPBES2  = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 5, 13}
	oidPBKDF2 = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 5, 12}
	oidPBMAC1 = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 5, 14}

	oidAES128CBC  = asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 1, 2}
	oidAES192CBC  = asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 1, 22}
	oidAES256CBC  = asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 1, 42}
	oidDESEDE3CBC = asn1.ObjectIdentifier{1, 2, 840, 113549, 3, 7}
	oidDESCBC     = asn1.ObjectIdentifier{1, 3, 14, 3, 2, 7}
)

// pkcs12PBE describes one pbeWithSHAAnd... algorithm (1.2.840.113549.1.12.1.n).
type pkcs12PBE struct {
	keyLen   int
	rc2Bits  int // effective key bits for RC2, 0 otherwise
	cipher   string
	twoKey3D bool
}

var pkcs12PBEs = map[int]pkcs12PBE{
	1: {keyLen: 16, cipher: "rc4"},
	2: {keyLen: 5, cipher: "rc4"},
	3: {keyLen: 24, cipher: "3des"},
	4: {keyLen: 16, cipher: "3des", twoKey3D: true},
	5: {keyLen: 16, rc2Bits: 128, cipher: "rc2"},
	6: {keyLen: 5, rc2Bits: 40, cipher: "rc2"},
}

// digestForOID returns the constructor and PKCS#12 KDF block size (v) for
// a digest algorithm OID of a PKCS#12 MacData.
func digestForOID(oid asn1.ObjectIdentifier) (func() hash.Hash, int, bool) {
	switch {
	case oid.Equal(oidSHA1):
		return sha1.New, 64, true
	case oid.Equal(oidSHA224):
		return sha256.New224, 64, true
	case oid.Equal(oidSHA256):
		return sha256.New, 64, true
	case oid.Equal(oidSHA384):
		return sha512.New384, 128, true
	case oid.Equal(oidSHA512):
		return sha512.New, 128, true
	case oid.Equal(oidSHA512_224):
		return sha512.New512_224, 128, true
	case oid.Equal(oidSHA512_256):
		return sha512.New512_256, 128, true
	}
	return nil, 0, false
}

// hmacForOID returns the hash of an HMAC algorithm OID (the PRF of PBKDF2
// and the MAC of PBMAC1).
func hmacForOID(oid asn1.ObjectIdentifier) (func() hash.Hash, bool) {
	switch {
	case oid.Equal(oidHMACSHA1):
		return sha1.New, true
	case oid.Equal(oidHMACSHA224):
		return sha256.New224, true
	case oid.Equal(oidHMACSHA256):
		return sha256.New, true
	case oid.Equal(oidHMACSHA384):
		return sha512.New384, true
	case oid.Equal(oidHMACSHA512):
		return sha512.New, true
	}
	return nil, false
}

// pkcs12KDF derives n bytes with the PKCS#12 key derivation of RFC 7292
// appendix B.2. id selects the purpose: 1 key, 2 IV, 3 MAC key.
func pkcs12KDF(newHash func() hash.Hash, v int, id byte, salt, password []byte, iterations, n int) []byte {
	h := newHash()
	u := h.Size()
	D := make([]byte, v)
	for i := range D {
		D[i] = id
	}
	fill := func(src []byte) []byte {
		if len(src) == 0 {
			return nil
		}
		out := make([]byte, v*((len(src)+v-1)/v))
		for i := range out {
			out[i] = src[i%len(src)]
		}
		return out
	}
	I := append(fill(salt), fill(password)...)
	out := make([]byte, 0, n+u)
	for len(out) < n {
		h.Reset()
		h.Write(D)
		h.Write(I)
		A := h.Sum(nil)
		for r := 1; r < iterations; r++ {
			h.Reset()
			h.Write(A)
			A = h.Sum(A[:0])
		}
		out = append(out, A...)
		if len(out) >= n {
			break
		}
		// I_j = (I_j + B + 1) mod 2^(8v) for every v-byte block of I,
		// where B is A repeated to v bytes.
		B := make([]byte, v)
		for i := range B {
			B[i] = A[i%len(A)]
		}
		for j := 0; j < len(I); j += v {
			block := I[j : j+v]
			carry := uint(1)
			for k := v - 1; k >= 0; k-- {
				sum := uint(block[k]) + uint(B[k]) + carry
				block[k] = byte(sum)
				carry = sum >> 8
			}
		}
	}
	return out[:n]
}

// maxPBEIterations bounds attacker-chosen iteration counts: files written by
// OpenSSL (2048), Windows (2000) and current guidance (600,000 for
// PBKDF2-SHA256) stay well below it, and an import costs at most about a
// second instead of tens of seconds at 10,000,000.
const maxPBEIterations = 1_000_000

// pbeDecrypt decrypts data encrypted under the algorithm alg with pw.
func pbeDecrypt(alg pkix.AlgorithmIdentifier, data []byte, pw pbePassword) ([]byte, error) {
	oid := alg.Algorithm
	if len(oid) == 8 && oid[:7].Equal(asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 12, 1}) {
		pbe, ok := pkcs12PBEs[oid[7]]
		if !ok {
			return nil, fmt.Errorf("%w: %v", errPBEUnsupported, oid)
		}
		return pkcs12Decrypt(pbe, alg.Parameters.FullBytes, data, pw.bmp)
	}
	if oid.Equal(oidPBES2) {
		return pbes2Decrypt(alg.Parameters.FullBytes, data, pw.utf8)
	}
	return nil, fmt.Errorf("%w: %v", errPBEUnsupported, oid)
}

func pkcs12Decrypt(pbe pkcs12PBE, params, data, password []byte) ([]byte, error) {
	var p struct {
		Salt       []byte
		Iterations int
	}
	if rest, err := asn1.Unmarshal(params, &p); err != nil || len(rest) != 0 {
		return nil, fmt.Errorf("%w: bad PBE parameters", errPBEUnsupported)
	}
	if p.Iterations < 1 || p.Iterations > maxPBEIterations {
		return nil, fmt.Errorf("%w: iteration count %d", errPBEUnsupported, p.Iterations)
	}
	key := pkcs12KDF(sha1.New, 64, 1, p.Salt, password, p.Iterations, pbe.keyLen)
	if pbe.cipher == "rc4" {
		c, err := rc4.NewCipher(key)
		if err != nil {
			return nil, err
		}
		out := make([]byte, len(data))
		c.XORKeyStream(out, data)
		return out, nil
	}
	iv := pkcs12KDF(sha1.New, 64, 2, p.Salt, password, p.Iterations, 8)
	var block cipher.Block
	var err error
	switch pbe.cipher {
	case "3des":
		if pbe.twoKey3D {
			key = append(key[:16:16], key[:8]...)
		}
		block, err = des.NewTripleDESCipher(key)
	case "rc2":
		block = newRC2(key, pbe.rc2Bits)
	}
	if err != nil {
		return nil, err
	}
	return cbcDecrypt(block, iv, data)
}

type pbes2Params struct {
	KeyDerivationFunc pkix.AlgorithmIdentifier
	EncryptionScheme  pkix.AlgorithmIdentifier
}

type pbkdf2Params struct {
	Salt       []byte
	Iterations int
	KeyLength  int                      `asn1:"optional"`
	PRF        pkix.AlgorithmIdentifier `asn1:"optional"`
}

// pbkdf2Key derives a key from PBKDF2 parameters; keyLen is used when the
// parameters do not say.
func pbkdf2Key(params []byte, password []byte, keyLen int) ([]byte, error) {
	var p pbkdf2Params
	if rest, err := asn1.Unmarshal(params, &p); err != nil || len(rest) != 0 {
		return nil, fmt.Errorf("%w: bad PBKDF2 parameters", errPBEUnsupported)
	}
	if p.Iterations < 1 || p.Iterations > maxPBEIterations {
		return nil, fmt.Errorf("%w: iteration count %d", errPBEUnsupported, p.Iterations)
	}
	prf := sha1.New
	if len(p.PRF.Algorithm) > 0 {
		h, ok := hmacForOID(p.PRF.Algorithm)
		if !ok {
			return nil, fmt.Errorf("%w: PBKDF2 PRF %v", errPBEUnsupported, p.PRF.Algorithm)
		}
		prf = h
	}
	if p.KeyLength > 0 {
		if keyLen != 0 && p.KeyLength != keyLen {
			return nil, fmt.Errorf("%w: PBKDF2 key length %d", errPBEUnsupported, p.KeyLength)
		}
		keyLen = p.KeyLength
	}
	if keyLen <= 0 || keyLen > 64 {
		return nil, fmt.Errorf("%w: PBKDF2 key length %d", errPBEUnsupported, keyLen)
	}
	return pbkdf2.Key(prf, string(password), p.Salt, p.Iterations, keyLen)
}

func pbes2Decrypt(params, data, password []byte) ([]byte, error) {
	var p pbes2Params
	if rest, err := asn1.Unmarshal(params, &p); err != nil || len(rest) != 0 {
		return nil, fmt.Errorf("%w: bad PBES2 parameters", errPBEUnsupported)
	}
	if !p.KeyDerivationFunc.Algorithm.Equal(oidPBKDF2) {
		return nil, fmt.Errorf("%w: key derivation %v", errPBEUnsupported, p.KeyDerivationFunc.Algorithm)
	}
	var keyLen int
	enc := p.EncryptionScheme.Algorithm
	switch {
	case enc.Equal(oidAES128CBC):
		keyLen = 16
	case enc.Equal(oidAES192CBC):
		keyLen = 24
	case enc.Equal(oidAES256CBC):
		keyLen = 32
	case enc.Equal(oidDESEDE3CBC):
		keyLen = 24
	case enc.Equal(oidDESCBC):
		keyLen = 8
	default:
		return nil, fmt.Errorf("%w: cipher %v", errPBEUnsupported, enc)
	}
	var iv []byte
	if rest, err := asn1.Unmarshal(p.EncryptionScheme.Parameters.FullBytes, &iv); err != nil || len(rest) != 0 {
		return nil, fmt.Errorf("%w: bad IV", errPBEUnsupported)
	}
	key, err := pbkdf2Key(p.KeyDerivationFunc.Parameters.FullBytes, password, keyLen)
	if err != nil {
		return nil, err
	}
	var block cipher.Block
	switch keyLen {
	case 24:
		if enc.Equal(oidDESEDE3CBC) {
			block, err = des.NewTripleDESCipher(key)
			break
		}
		block, err = aes.NewCipher(key)
	case 8:
		block, err = des.NewCipher(key)
	default:
		block, err = aes.NewCipher(key)
	}
	if err != nil {
		return nil, err
	}
	return cbcDecrypt(block, iv, data)
}

// cbcDecrypt decrypts CBC data and strips PKCS#7 padding; a bad length or
// bad padding returns errPBEPassword.
func cbcDecrypt(block cipher.Block, iv, data []byte) ([]byte, error) {
	bs := block.BlockSize()
	if len(iv) != bs {
		return nil, fmt.Errorf("%w: IV length %d", errPBEUnsupported, len(iv))
	}
	if len(data) == 0 || len(data)%bs != 0 {
		return nil, errPBEPassword
	}
	out := make([]byte, len(data))
	cipher.NewCBCDecrypter(block, iv).CryptBlocks(out, data)
	pad := int(out[len(out)-1])
	if pad == 0 || pad > bs {
		return nil, errPBEPassword
	}
	for _, b := range out[len(out)-pad:] {
		if int(b) != pad {
			return nil, errPBEPassword
		}
	}
	return out[:len(out)-pad], nil
}

// macData is the MacData of a PFX (RFC 7292 §4).
type macData struct {
	Mac struct {
		Algorithm pkix.AlgorithmIdentifier
		Digest    []byte
	}
	MacSalt    []byte
	Iterations int `asn1:"optional,default:1"`
}

// verify checks the PFX integrity MAC over content with pw. It returns
// errPBEPassword when the MAC does not match and errPBEUnsupported for an
// unknown MAC algorithm.
func (m *macData) verify(content []byte, pw pbePassword) error {
	alg := m.Mac.Algorithm.Algorithm
	var key []byte
	var newHash func() hash.Hash
	if alg.Equal(oidPBMAC1) {
		var p struct {
			KeyDerivationFunc pkix.AlgorithmIdentifier
			MessageAuthScheme pkix.AlgorithmIdentifier
		}
		if rest, err := asn1.Unmarshal(m.Mac.Algorithm.Parameters.FullBytes, &p); err != nil || len(rest) != 0 {
			return fmt.Errorf("%w: bad PBMAC1 parameters", errPBEUnsupported)
		}
		if !p.KeyDerivationFunc.Algorithm.Equal(oidPBKDF2) {
			return fmt.Errorf("%w: PBMAC1 key derivation %v", errPBEUnsupported, p.KeyDerivationFunc.Algorithm)
		}
		h, ok := hmacForOID(p.MessageAuthScheme.Algorithm)
		if !ok {
			return fmt.Errorf("%w: PBMAC1 MAC %v", errPBEUnsupported, p.MessageAuthScheme.Algorithm)
		}
		var err error
		if key, err = pbkdf2Key(p.KeyDerivationFunc.Parameters.FullBytes, pw.utf8, 0); err != nil {
			return err
		}
		newHash = h
	} else {
		h, v, ok := digestForOID(alg)
		if !ok {
			return fmt.Errorf("%w: MAC digest %v", errPBEUnsupported, alg)
		}
		if m.Iterations < 1 || m.Iterations > maxPBEIterations {
			return fmt.Errorf("%w: MAC iteration count %d", errPBEUnsupported, m.Iterations)
		}
		key = pkcs12KDF(h, v, 3, m.MacSalt, pw.bmp, m.Iterations, h().Size())
		newHash = h
	}
	mac := hmac.New(newHash, key)
	mac.Write(content)
	if subtle.ConstantTimeCompare(mac.Sum(nil), m.Mac.Digest) != 1 {
		return errPBEPassword
	}
	return nil
}

// rc2Pi is PITABLE of RFC 2268 §2: a permutation of 0..255 derived from
// the digits of pi.
var rc2Pi = [256]byte{
	0xd9, 0x78, 0xf9, 0xc4, 0x19, 0xdd, 0xb5, 0xed, 0x28, 0xe9, 0xfd, 0x79, 0x4a, 0xa0, 0xd8, 0x9d,
	0xc6, 0x7e, 0x37, 0x83, 0x2b, 0x76, 0x53, 0x8e, 0x62, 0x4c, 0x64, 0x88, 0x44, 0x8b, 0xfb, 0xa2,
	0x17, 0x9a, 0x59, 0xf5, 0x87, 0xb3, 0x4f, 0x13, 0x61, 0x45, 0x6d, 0x8d, 0x09, 0x81, 0x7d, 0x32,
	0xbd, 0x8f, 0x40, 0xeb, 0x86, 0xb7, 0x7b, 0x0b, 0xf0, 0x95, 0x21, 0x22, 0x5c, 0x6b, 0x4e, 0x82,
	0x54, 0xd6, 0x65, 0x93, 0xce, 0x60, 0xb2, 0x1c, 0x73, 0x56, 0xc0, 0x14, 0xa7, 0x8c, 0xf1, 0xdc,
	0x12, 0x75, 0xca, 0x1f, 0x3b, 0xbe, 0xe4, 0xd1, 0x42, 0x3d, 0xd4, 0x30, 0xa3, 0x3c, 0xb6, 0x26,
	0x6f, 0xbf, 0x0e, 0xda, 0x46, 0x69, 0x07, 0x57, 0x27, 0xf2, 0x1d, 0x9b, 0xbc, 0x94, 0x43, 0x03,
	0xf8, 0x11, 0xc7, 0xf6, 0x90, 0xef, 0x3e, 0xe7, 0x06, 0xc3, 0xd5, 0x2f, 0xc8, 0x66, 0x1e, 0xd7,
	0x08, 0xe8, 0xea, 0xde, 0x80, 0x52, 0xee, 0xf7, 0x84, 0xaa, 0x72, 0xac, 0x35, 0x4d, 0x6a, 0x2a,
	0x96, 0x1a, 0xd2, 0x71, 0x5a, 0x15, 0x49, 0x74, 0x4b, 0x9f, 0xd0, 0x5e, 0x04, 0x18, 0xa4, 0xec,
	0xc2, 0xe0, 0x41, 0x6e, 0x0f, 0x51, 0xcb, 0xcc, 0x24, 0x91, 0xaf, 0x50, 0xa1, 0xf4, 0x70, 0x39,
	0x99, 0x7c, 0x3a, 0x85, 0x23, 0xb8, 0xb4, 0x7a, 0xfc, 0x02, 0x36, 0x5b, 0x25, 0x55, 0x97, 0x31,
	0x2d, 0x5d, 0xfa, 0x98, 0xe3, 0x8a, 0x92, 0xae, 0x05, 0xdf, 0x29, 0x10, 0x67, 0x6c, 0xba, 0xc9,
	0xd3, 0x00, 0xe6, 0xcf, 0xe1, 0x9e, 0xa8, 0x2c, 0x63, 0x16, 0x01, 0x3f, 0x58, 0xe2, 0x89, 0xa9,
	0x0d, 0x38, 0x34, 0x1b, 0xab, 0x33, 0xff, 0xb0, 0xbb, 0x48, 0x0c, 0x5f, 0xb9, 0xb1, 0xcd, 0x2e,
	0xc5, 0xf3, 0xdb, 0x47, 0xe5, 0xa5, 0x9c, 0x77, 0x0a, 0xa6, 0x20, 0x68, 0xfe, 0x7f, 0xc1, 0xad,
}

// rc2Cipher is the RC2 block cipher of RFC 2268, needed only to read
// legacy PKCS#12 files (OpenSSL 1.x encrypted certificates with
// pbeWithSHAAnd40BitRC2-CBC by default).
type rc2Cipher struct{ k [64]uint16 }

// newRC2 expands key with the given effective key length in bits (§2).
func newRC2(key []byte, effectiveBits int) *rc2Cipher {
	var L [128]byte
	T := len(key)
	copy(L[:], key)
	for i := T; i < 128; i++ {
		L[i] = rc2Pi[L[i-1]+L[i-T]]
	}
	T8 := (effectiveBits + 7) / 8
	TM := byte(0xff >> uint(8*T8-effectiveBits))
	L[128-T8] = rc2Pi[L[128-T8]&TM]
	for i := 127 - T8; i >= 0; i-- {
		L[i] = rc2Pi[L[i+1]^L[i+T8]]
	}
	c := &rc2Cipher{}
	for i := range c.k {
		c.k[i] = uint16(L[2*i]) | uint16(L[2*i+1])<<8
	}
	return c
}

func (c *rc2Cipher) BlockSize() int { return 8 }

var rc2Shift = [4]int{1, 2, 3, 5}

func (c *rc2Cipher) Encrypt(dst, src []byte) {
	var r [4]uint16
	for i := range r {
		r[i] = uint16(src[2*i]) | uint16(src[2*i+1])<<8
	}
	j := 0
	mix := func() {
		for i := 0; i < 4; i++ {
			r[i] += c.k[j] + (r[(i+3)%4] & r[(i+2)%4]) + (^r[(i+3)%4] & r[(i+1)%4])
			j++
			r[i] = bits.RotateLeft16(r[i], rc2Shift[i])
		}
	}
	mash := func() {
		for i := 0; i < 4; i++ {
			r[i] += c.k[r[(i+3)%4]&63]
		}
	}
	for round := 0; round < 16; round++ {
		mix()
		if round == 4 || round == 10 {
			mash()
		}
	}
	for i := range r {
		dst[2*i], dst[2*i+1] = byte(r[i]), byte(r[i]>>8)
	}
}

func (c *rc2Cipher) Decrypt(dst, src []byte) {
	var r [4]uint16
	for i := range r {
		r[i] = uint16(src[2*i]) | uint16(src[2*i+1])<<8
	}
	j := 63
	rmix := func() {
		for i := 3; i >= 0; i-- {
			r[i] = bits.RotateLeft16(r[i], -rc2Shift[i])
			r[i] -= c.k[j] + (r[(i+3)%4] & r[(i+2)%4]) + (^r[(i+3)%4] & r[(i+1)%4])
			j--
		}
	}
	rmash := func() {
		for i := 3; i >= 0; i-- {
			r[i] -= c.k[r[(i+3)%4]&63]
		}
	}
	for round := 0; round < 16; round++ {
		rmix()
		if round == 4 || round == 10 {
			rmash()
		}
	}
	for i := range r {
		dst[2*i], dst[2*i+1] = byte(r[i]), byte(r[i]>>8)
	}
}
