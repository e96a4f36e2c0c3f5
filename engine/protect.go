package engine

import (
	"crypto/tls"
	"errors"
	"io"
	"strings"
)

// StreamSizes is SecPkgContext_StreamSizes, fixed when the handshake
// completes (callers such as curl query it once per connection).
type StreamSizes struct {
	Header, Trailer, MaxMessage, Buffers, BlockSize uint32
}

const maxPlaintext = 16384

// computeStreamSizes derives the record overheads of the negotiated suite.
// The header is exact (callers put the plaintext at offset Header); the
// trailer is exact for AEAD suites, which are all this library offers.
func computeStreamSizes(cs tls.ConnectionState) StreamSizes {
	s := StreamSizes{Header: 5, Trailer: 16, MaxMessage: maxPlaintext, Buffers: 4, BlockSize: 16}
	si := suiteInfo(cs.CipherSuite)
	if cs.Version >= tls.VersionTLS13 {
		s.Trailer = 17 // AEAD tag + inner content type
	} else {
		s.Header += uint32(si.AEADNonce)
	}
	if si.CipherAlg == 0 {
		s.BlockSize = 1 // ChaCha20-Poly1305 is a stream cipher
	}
	return s
}

// StreamSizes returns the record sizes, or false before the handshake
// completes.
func (c *Context) StreamSizes() (StreamSizes, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.sizes.Header == 0 {
		return StreamSizes{}, false
	}
	return c.sizes, true
}

// usableLocked returns the status Encrypt/Decrypt give when the context
// cannot protect data now.
func (c *Context) usableLocked() Status {
	switch {
	case c.state == stateFailed:
		return StatusContextExpired
	case c.state != stateEstablished, c.reentry:
		return StatusContextExpired
	}
	return StatusOK
}

// Encrypt protects data in place as exactly one TLS record: the record
// header goes to hdr, the ciphertext replaces data, the tag (and TLS 1.3
// content type) goes to trl. It returns the header and trailer lengths
// written. hdr, data and trl are borrowed for the call.
//
// A zero-length message produces no record: both lengths are 0 (see
// docs/differences-from-windows.md).
func (c *Context) Encrypt(hdr, data, trl []byte) (hlen, tlen int, st Status) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if st := c.usableLocked(); st != StatusOK {
		return 0, 0, st
	}
	if c.closedWrite {
		return 0, 0, StatusContextExpired
	}
	if len(data) > maxPlaintext {
		return 0, 0, StatusEncryptFailure
	}
	if len(hdr) < int(c.sizes.Header) || len(trl) < int(c.sizes.Trailer) {
		return 0, 0, StatusBufferTooSmall
	}
	if len(data) == 0 {
		return 0, 0, StatusOK
	}
	h := int(c.sizes.Header)
	// The record goes straight into the caller's buffers: the header into
	// hdr, the ciphertext over data (crypto/tls has already copied the
	// plaintext out when it writes), the tag and content type into trl.
	c.tr.scatter = [3][]byte{hdr[:h], data, trl}
	c.tr.scattered, c.tr.overflow = 0, false
	_, err := c.conn.Write(data)
	c.tr.scatter = [3][]byte{}
	if err != nil {
		return 0, 0, StatusEncryptFailure
	}
	if c.tr.overflow || c.tr.scattered < h+len(data) {
		return 0, 0, StatusInternalError // one record per Write is a crypto/tls invariant we rely on
	}
	tlen = c.tr.scattered - h - len(data)
	return h, tlen, StatusOK
}

// DecryptResult says how DecryptMessage relabels the caller's buffers: the
// record's header, plaintext and trailer are consecutive slices of the
// input starting at 0; bytes after RecordLen are SECBUFFER_EXTRA.
type DecryptResult struct {
	Status    Status
	HeaderLen int
	DataLen   int
	RecordLen int
	Missing   int // with StatusIncompleteMessage
}

// Decrypt decrypts the first TLS record of buf in place (the plaintext
// replaces the ciphertext right after the record header). buf is borrowed.
//
// Statuses: SEC_E_OK (DataLen may be 0 for records that carry no
// application data, such as a TLS 1.3 NewSessionTicket), SEC_E_INCOMPLETE_MESSAGE
// with Missing, SEC_I_CONTEXT_EXPIRED for the peer's close_notify,
// SEC_I_RENEGOTIATE when a post-handshake message needs a reply that only
// the next InitializeSecurityContext/AcceptSecurityContext can deliver, and
// the mapped failure statuses (the context is unusable afterwards).
func (c *Context) Decrypt(buf []byte) DecryptResult {
	c.mu.Lock()
	defer c.mu.Unlock()
	if st := c.usableLocked(); st != StatusOK {
		return DecryptResult{Status: st}
	}
	if c.closedRead {
		return DecryptResult{Status: StatusContextExpired}
	}
	f := FrameRecords(buf, 1)
	if f.Invalid {
		c.failLocked(StatusIllegalMessage, alertRecord(2, 10, 0x0303))
		return DecryptResult{Status: StatusIllegalMessage}
	}
	if f.Complete == 0 {
		return DecryptResult{Status: StatusIncompleteMessage, Missing: f.Missing}
	}
	rec := buf[:f.Complete]
	h := int(c.sizes.Header)
	if len(rec) < h {
		h = len(rec)
	}
	c.tr.in = rec
	c.tr.recLeft = 0
	c.tr.out = c.tr.out[:0]
	dst := rec[h:]
	if len(dst) == 0 {
		// A record too short to hold anything: crypto/tls returns at once
		// for an empty buffer, so give it one byte to make it read (and
		// reject) the record.
		dst = c.scratch[:]
	}
	n, err := c.conn.Read(dst)
	c.tr.in = nil
	c.tr.recLeft = 0
	r := DecryptResult{HeaderLen: h, DataLen: n, RecordLen: len(rec)}
	switch {
	case err == nil || errors.Is(err, errWouldBlock):
		r.Status = StatusOK
		if n == 0 && !c.server && c.cred.Flags&FlagRenegotiateOnTicket != 0 && c.conn.ConnectionState().Version >= tls.VersionTLS13 {
			// A TLS 1.3 record without data is a post-handshake
			// handshake message (a ticket): Windows says SEC_I_RENEGOTIATE.
			c.reentry = true
			r.Status = StatusRenegotiate
		}
		if len(c.tr.out) > 0 {
			// A KeyUpdate asked for ours: it goes out through the next
			// ISC/ASC call, as Windows callers expect.
			c.pendingOut = append(c.pendingOut, c.tr.out...)
			c.tr.out = c.tr.out[:0]
			c.reentry = true
			r.Status = StatusRenegotiate
		}
	case errors.Is(err, io.EOF):
		c.closedRead = true
		r.Status = StatusContextExpiredInfo
	default:
		st := classifyRecordError(err)
		if rec[0] == recordTypeHandshake && c.conn.ConnectionState().Version < tls.VersionTLS13 {
			// A TLS 1.2 HelloRequest or ClientHello: renegotiation,
			// which this library refuses (crypto/tls answers with an
			// alert and cannot continue).
			st = StatusUnsupportedFunction
		}
		c.failLocked(st, append([]byte(nil), c.tr.out...))
		c.tr.out = c.tr.out[:0]
		r = DecryptResult{Status: st}
	}
	return r
}

// classifyRecordError maps a tls.Conn.Read error to its status.
func classifyRecordError(err error) Status {
	st := classify(err, nil)
	if st == StatusIllegalMessage || st == StatusInvalidToken {
		if msg := err.Error(); strings.Contains(msg, "bad record MAC") || strings.Contains(msg, "decryption failed") {
			return StatusDecryptFailure
		}
	}
	return st
}

// failLocked ends the context after a record-layer failure; alert (the
// fatal alert crypto/tls wrote, if any) is handed out once by the next
// handshake call.
func (c *Context) failLocked(st Status, alert []byte) {
	c.state = stateFailed
	c.failSt = st
	c.pendingOut = alert
}
