package main

import (
	"io"
	"net"
	"sync"
	"time"
)

// pipe is the in-memory connection between the client and the server
// tls.Conn of the Go pair: a buffered pipe (an unbounded byte buffer per
// direction; writes never block) with turn-taking. While turns are on
// (the handshake), exactly one side runs at a time: a side runs until it
// reads from an empty buffer, then hands the turn to its peer and sleeps.
// That makes the handshake as sequential as the in-memory ISC/ASC loop of
// the C programs and lets the server's CPU be measured: the process CPU
// clock is read at every hand-over to and from the server.
//
// With turns off (records, and after the handshake), a read of an empty
// buffer returns errWouldBlock, a temporary net.Error that crypto/tls does
// not treat as fatal (libsecur32's transport does the same).
type pipe struct {
	mu    sync.Mutex
	cond  sync.Cond
	buf   [2][]byte // buf[i] holds what side i has not read yet
	off   [2]int
	turn  int
	done  [2]bool
	turns bool

	meter    bool
	srvStart float64
	srvCPU   float64 // process CPU while the server held the turn
}

const (
	sideClient = 0
	sideServer = 1
)

func newPipe(turns, meter bool) *pipe {
	p := &pipe{turns: turns, meter: meter}
	p.cond.L = &p.mu
	return p
}

// reset prepares p for another handshake (keeping buffer capacity).
func (p *pipe) reset() {
	p.mu.Lock()
	for i := range p.buf {
		p.buf[i] = p.buf[i][:0]
		p.off[i] = 0
		p.done[i] = false
	}
	p.turn = sideClient
	p.turns = true
	p.srvCPU = 0
	p.mu.Unlock()
}

// handOffLocked gives the turn to the peer of side, with the server-CPU
// accounting.
func (p *pipe) handOffLocked(side int) {
	if p.meter {
		now := cpuNow()
		if side == sideServer {
			p.srvCPU += now - p.srvStart
		} else {
			p.srvStart = now
		}
	}
	p.turn = 1 - side
	p.cond.Broadcast()
}

// waitTurn blocks until side holds the turn.
func (p *pipe) waitTurn(side int) {
	p.mu.Lock()
	for p.turns && p.turn != side {
		p.cond.Wait()
	}
	p.mu.Unlock()
}

// finish marks side's handshake as returned and passes the turn on.
func (p *pipe) finish(side int) {
	p.mu.Lock()
	p.done[side] = true
	if p.turns && p.turn == side {
		p.handOffLocked(side)
	}
	p.mu.Unlock()
}

// stopTurns ends turn-taking (both handshakes have returned).
func (p *pipe) stopTurns() {
	p.mu.Lock()
	p.turns = false
	p.cond.Broadcast()
	p.mu.Unlock()
}

func (p *pipe) read(side int, b []byte) (int, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for len(p.buf[side])-p.off[side] == 0 {
		if !p.turns {
			return 0, errWouldBlock
		}
		if p.done[1-side] {
			return 0, io.EOF
		}
		p.handOffLocked(side)
		for p.turns && p.turn != side {
			p.cond.Wait()
		}
	}
	n := copy(b, p.buf[side][p.off[side]:])
	p.off[side] += n
	if p.off[side] == len(p.buf[side]) {
		p.buf[side] = p.buf[side][:0]
		p.off[side] = 0
	}
	return n, nil
}

func (p *pipe) write(side int, b []byte) (int, error) {
	p.mu.Lock()
	p.buf[1-side] = append(p.buf[1-side], b...)
	p.mu.Unlock()
	return len(b), nil
}

// end is one side of a pipe as a net.Conn.
type end struct {
	p    *pipe
	side int
}

func (e end) Read(b []byte) (int, error)       { return e.p.read(e.side, b) }
func (e end) Write(b []byte) (int, error)      { return e.p.write(e.side, b) }
func (e end) Close() error                     { return nil }
func (e end) LocalAddr() net.Addr              { return memAddr{} }
func (e end) RemoteAddr() net.Addr             { return memAddr{} }
func (e end) SetDeadline(time.Time) error      { return nil }
func (e end) SetReadDeadline(time.Time) error  { return nil }
func (e end) SetWriteDeadline(time.Time) error { return nil }

type memAddr struct{}

func (memAddr) Network() string { return "mem" }
func (memAddr) String() string  { return "mem" }

type wouldBlock struct{}

func (wouldBlock) Error() string   { return "would block" }
func (wouldBlock) Timeout() bool   { return true }
func (wouldBlock) Temporary() bool { return true }

var errWouldBlock net.Error = wouldBlock{}
