package engine

import "encoding/binary"

// TLS record framing. The engine decides what is a complete record before
// crypto/tls sees any byte, so that it can report SECBUFFER_MISSING and
// SECBUFFER_EXTRA exactly (spec §6.2, §6.3, §8.3).

const (
	recordHeaderLen = 5
	maxRecordBody   = 16384 + 2048 // largest TLS ≤ 1.2 ciphertext; TLS 1.3 is smaller

	recordTypeChangeCipherSpec = 20
	recordTypeAlert            = 21
	recordTypeHandshake        = 22
	recordTypeApplicationData  = 23
)

// Framing describes how a byte string splits into TLS records.
type Framing struct {
	// Complete is the number of leading bytes that form whole records.
	Complete int
	// Records is how many whole records Complete covers.
	Records int
	// Missing is, when Complete is 0, how many more bytes the first
	// record needs (header shortfall first: 5 - len for fewer than 5
	// bytes, as Windows reports).
	Missing int
	// Invalid is set when the first record header is not TLS (bad
	// content type or version), e.g. an HTTP request or an SSLv2 hello.
	Invalid bool
	// Oversized is set when the first record announces a body longer than
	// any TLS record may be. Its 5-byte header then counts as Complete,
	// so that crypto/tls rejects it with a record_overflow alert.
	Oversized bool
}

// validHeader reports whether h (5 bytes) looks like a TLS record header.
func validHeader(h []byte) bool {
	switch h[0] {
	case recordTypeChangeCipherSpec, recordTypeAlert, recordTypeHandshake, recordTypeApplicationData:
	default:
		return false
	}
	return h[1] == 3
}

// recordLen returns the full length (header + body) announced by the header
// at the front of b, which must hold at least 5 bytes.
func recordLen(b []byte) int {
	return recordHeaderLen + int(binary.BigEndian.Uint16(b[3:5]))
}

// FrameRecords splits in into whole records. With maxRecords > 0 it stops
// after that many records.
func FrameRecords(in []byte, maxRecords int) Framing {
	var f Framing
	off := 0
	for maxRecords <= 0 || f.Records < maxRecords {
		rest := in[off:]
		if len(rest) < recordHeaderLen {
			if off == 0 {
				if len(rest) > 0 && !plausiblePrefix(rest) {
					f.Invalid = true
					return f
				}
				f.Missing = recordHeaderLen - len(rest)
			}
			break
		}
		if !validHeader(rest) {
			if off == 0 {
				f.Invalid = true
			}
			break
		}
		n := recordLen(rest)
		if n-recordHeaderLen > maxRecordBody {
			if off == 0 {
				f.Oversized = true
				f.Complete = recordHeaderLen
				f.Records = 1
			}
			break
		}
		if len(rest) < n {
			if off == 0 {
				f.Missing = n - len(rest)
			}
			break
		}
		off += n
		f.Records++
		f.Complete = off
	}
	return f
}

// plausiblePrefix reports whether a short prefix (< 5 bytes) could start a
// TLS record.
func plausiblePrefix(b []byte) bool {
	h := make([]byte, recordHeaderLen)
	copy(h, b)
	if len(b) < 2 {
		h[1] = 3
	}
	return validHeader(h)
}
