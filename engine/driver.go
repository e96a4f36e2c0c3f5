package engine

import (
	"iter"
	"sync"
	"sync/atomic"
)

// driver runs a blocking crypto/tls handshake and hands control back and
// forth with the SSPI call that drives it: every Step returns only once the
// handshake is parked (waiting for input or for a client certificate
// decision) or has finished, so each call ends at a quiescent point.
//
// It has two modes, chosen before start:
//
//   - goroutine (the default): the handshake runs on its own goroutine and
//     the calls reach it through channels, in the manner of crypto/tls's
//     QUICConn. The context may be driven from any OS thread. Called from C,
//     every hand-off is a switch between OS threads (the cgo callback's
//     goroutine is locked to its thread), tens of microseconds each.
//   - coroutine (SCH_CRED_LINUX_THREAD_AFFINE): the handshake runs as an
//     iter.Pull coroutine, switched to in a fraction of a microsecond on the
//     calling thread. The Go runtime aborts the process when a coroutine
//     created in a cgo callback is resumed on another OS thread, so while a
//     coroutine is parked only its home thread (the thread token recorded at
//     start) may resume or stop it: Context.Step refuses other threads, and
//     Context.CloseOn leaves the parked coroutine to be stopped by its home
//     thread's next call (ReapOrphans).
//
// Ownership of the context's transport moves with the hand-offs: the
// handshake touches it only between a resume and the next event.

type eventKind int

const (
	evNeedInput eventKind = iota // handshake parked in transport.Read
	evNeedCert                   // client: server asked for a certificate we lack
	evDone                       // handshake returned (err may be nil)
)

type event struct {
	kind eventKind
	err  error
}

type driver struct {
	started bool
	exited  bool

	// Goroutine mode.
	events chan event
	resume chan struct{}
	quit   chan struct{}
	gone   chan struct{}

	// Coroutine mode.
	coro     bool
	home     uint64 // thread token of the start call; 0 = any goroutine
	pull     func() (event, bool)
	stopPull func()
	yield    func(event) bool
	doneErr  error
}

// parked reports whether a coroutine is parked, i.e. only its home thread
// may touch it.
func (d *driver) parked() bool { return d.coro && d.started && !d.exited }

// park is called on the handshake goroutine: it reports ev and waits to be
// resumed. It returns false when the context is being deleted.
func (d *driver) park(kind eventKind) bool {
	if d.coro {
		if d.yield == nil { // released: never resumed again
			return false
		}
		return d.yield(event{kind: kind})
	}
	select {
	case d.events <- event{kind: kind}:
	case <-d.quit:
		return false
	}
	select {
	case <-d.resume:
		return true
	case <-d.quit:
		return false
	}
}

// start launches run and waits for its first event. In coroutine mode,
// thread is the caller's thread token (0 from Go callers).
func (d *driver) start(run func() error, thread uint64) event {
	d.started = true
	if d.coro {
		d.home = thread
		d.pull, d.stopPull = iter.Pull(func(yield func(event) bool) {
			d.yield = yield
			d.doneErr = run()
		})
		return d.wait()
	}
	d.events = make(chan event)
	d.resume = make(chan struct{})
	d.quit = make(chan struct{})
	d.gone = make(chan struct{})
	go func() {
		defer close(d.gone)
		err := run()
		select {
		case d.events <- event{kind: evDone, err: err}:
		case <-d.quit:
		}
	}()
	return d.wait()
}

// next resumes the parked handshake and waits for its next event.
func (d *driver) next() event {
	if !d.coro {
		d.resume <- struct{}{}
	}
	return d.wait()
}

func (d *driver) wait() event {
	if d.coro {
		ev, ok := d.pull()
		if !ok {
			err := d.doneErr
			d.release()
			return event{kind: evDone, err: err}
		}
		return ev
	}
	ev := <-d.events
	if ev.kind == evDone {
		<-d.gone
		d.release()
	}
	return ev
}

// release marks the handshake over and drops what only a live one needs,
// so an established context keeps no channels or closures (they would
// count against the memory of every idle context).
func (d *driver) release() {
	*d = driver{started: true, exited: true, coro: d.coro, home: d.home}
}

// stop ends a parked handshake and waits until it has unwound, so that
// nothing outlives DeleteSecurityContext. A coroutine must be stopped on its
// home thread.
func (d *driver) stop() {
	if !d.started || d.exited {
		return
	}
	if d.coro {
		d.exited = true
		d.stopPull()
		d.release()
		return
	}
	close(d.quit)
	<-d.gone
	d.release()
}

// orphans holds the parked coroutines of contexts deleted from a thread
// other than their home, by home thread token, until that thread calls in.
var orphans struct {
	n  atomic.Int32
	mu sync.Mutex
	m  map[uint64][]func() // the coroutines' stop functions
}

// orphan hands a parked coroutine to ReapOrphans and forgets it.
func (d *driver) orphan() {
	orphans.mu.Lock()
	if orphans.m == nil {
		orphans.m = make(map[uint64][]func())
	}
	orphans.m[d.home] = append(orphans.m[d.home], d.stopPull)
	orphans.n.Add(1)
	orphans.mu.Unlock()
	d.exited = true // the coroutine keeps using d until it is stopped
}

// ReapOrphans stops the parked handshakes of contexts that were deleted
// from another thread than the one they live on; capi calls it on entry to
// the handshake, message and delete functions with the caller's thread
// token. It costs one atomic load when there is nothing to do.
func ReapOrphans(thread uint64) {
	if orphans.n.Load() == 0 {
		return
	}
	orphans.mu.Lock()
	stops := orphans.m[thread]
	delete(orphans.m, thread)
	orphans.n.Add(-int32(len(stops)))
	orphans.mu.Unlock()
	for _, stop := range stops {
		stop()
	}
}

// Orphans is the number of parked handshakes waiting for ReapOrphans (a
// test hook).
func Orphans() int { return int(orphans.n.Load()) }
