package engine

// driver runs a blocking crypto/tls handshake on its own goroutine and
// hands control back and forth with the SSPI call that drives it, in the
// manner of crypto/tls's QUICConn: every Step returns only once the
// handshake goroutine is parked (waiting for input or for a client
// certificate decision) or has finished, so each call ends at a quiescent
// point and the context may be driven from any OS thread.
//
// Ownership of the context's transport moves with the channel operations:
// the goroutine touches it only between a resume and the next event.

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
	events  chan event
	resume  chan struct{}
	quit    chan struct{}
	gone    chan struct{}
}

func (d *driver) init() {
	d.events = make(chan event)
	d.resume = make(chan struct{})
	d.quit = make(chan struct{})
	d.gone = make(chan struct{})
}

// park is called on the handshake goroutine: it reports ev and waits to be
// resumed. It returns false when the context is being deleted.
func (d *driver) park(kind eventKind) bool {
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

// start launches run on a new goroutine and waits for its first event.
func (d *driver) start(run func() error) event {
	d.init()
	d.started = true
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

// next resumes the parked goroutine and waits for its next event.
func (d *driver) next() event {
	d.resume <- struct{}{}
	return d.wait()
}

func (d *driver) wait() event {
	ev := <-d.events
	if ev.kind == evDone {
		d.exited = true
		<-d.gone
	}
	return ev
}

// stop ends a parked handshake goroutine and waits until it has exited, so
// that nothing outlives DeleteSecurityContext.
func (d *driver) stop() {
	if !d.started || d.exited {
		return
	}
	close(d.quit)
	<-d.gone
	d.exited = true
}
