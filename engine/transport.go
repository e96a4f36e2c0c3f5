package engine

import (
	"errors"
	"net"
	"time"
)

// transport is the in-memory net.Conn under a context's tls.Conn. Its Read
// serves the queued input at most one record at a time, so crypto/tls never
// buffers bytes beyond a record boundary and whatever is still queued when
// an operation ends is exactly the caller's SECBUFFER_EXTRA. Write captures
// everything crypto/tls sends into out.
//
// While the handshake runs, Read with nothing queued parks the handshake
// goroutine through wait; afterwards (nonblocking) it returns
// errWouldBlock, which crypto/tls does not make sticky.
type transport struct {
	// scatter, when set (during Encrypt), receives the next record written
	// directly: header, data and trailer buffers in turn, so the record is
	// copied once, into the caller's memory. scattered counts the bytes.
	scatter   [3][]byte
	scattered int
	overflow  bool

	in          []byte
	recLeft     int
	out         []byte
	nonblocking bool
	wait        func() bool // parks until more input; false when closed
}

type wouldBlock struct{}

func (wouldBlock) Error() string   { return "libsecur32: would block" }
func (wouldBlock) Timeout() bool   { return true }
func (wouldBlock) Temporary() bool { return true }

var errWouldBlock net.Error = wouldBlock{}

var errClosed = errors.New("libsecur32: context deleted")

func (t *transport) Read(p []byte) (int, error) {
	for len(t.in) == 0 {
		if t.nonblocking || t.wait == nil {
			return 0, errWouldBlock
		}
		if !t.wait() {
			return 0, errClosed
		}
	}
	if t.recLeft == 0 {
		n := len(t.in)
		if n >= recordHeaderLen {
			if l := recordLen(t.in); l < n {
				n = l
			}
		}
		t.recLeft = n
	}
	n := len(p)
	if n > t.recLeft {
		n = t.recLeft
	}
	n = copy(p[:n], t.in)
	t.in = t.in[n:]
	t.recLeft -= n
	return n, nil
}

func (t *transport) Write(p []byte) (int, error) {
	if t.scatter[0] == nil {
		t.out = append(t.out, p...)
		return len(p), nil
	}
	n := len(p)
	for i := range t.scatter {
		if len(p) == 0 {
			break
		}
		k := copy(t.scatter[i], p)
		t.scatter[i] = t.scatter[i][k:]
		p = p[k:]
		t.scattered += k
	}
	if len(p) > 0 {
		t.overflow = true
	}
	return n, nil
}

// takeOutput returns the captured output and resets the capture.
func (t *transport) takeOutput() []byte {
	o := t.out
	t.out = nil
	return o
}

// unread drops what crypto/tls did not read and returns how many bytes that was.
func (t *transport) unread() int {
	n := len(t.in)
	t.in = nil
	t.recLeft = 0
	return n
}

func (t *transport) Close() error                     { return nil }
func (t *transport) LocalAddr() net.Addr              { return memAddr{} }
func (t *transport) RemoteAddr() net.Addr             { return memAddr{} }
func (t *transport) SetDeadline(time.Time) error      { return nil }
func (t *transport) SetReadDeadline(time.Time) error  { return nil }
func (t *transport) SetWriteDeadline(time.Time) error { return nil }

type memAddr struct{}

func (memAddr) Network() string { return "sspi" }
func (memAddr) String() string  { return "sspi" }
