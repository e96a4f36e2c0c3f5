package engine

import (
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"sync"
	"time"
)

// Context request flags the engine acts on (ISC_REQ_* / ASC_REQ_*).
const (
	IscReqMutualAuth           = 0x2
	IscReqUseSuppliedCreds     = 0x80
	IscReqAllocateMemory       = 0x100
	IscReqExtendedError        = 0x4000
	IscReqManualCredValidation = 0x80000

	AscReqDelegate       = 0x1
	AscReqMutualAuth     = 0x2
	AscReqAllocateMemory = 0x100
	AscReqExtendedError  = 0x8000
	ascReqPromptForCreds = 0x40 // not an ASC flag on Windows, but listed as unsupported
)

// Returned attribute bits (ISC_RET_* / ASC_RET_*).
const (
	iscRetBase                 = 0x801C // REPLAY | SEQUENCE | CONFIDENTIALITY | STREAM
	iscRetUsedSuppliedCreds    = 0x80
	iscRetAllocatedMemory      = 0x100
	iscRetExtendedError        = 0x4000
	iscRetManualCredValidation = 0x80000

	ascRetBase              = 0x1001C
	ascRetMutualAuth        = 0x2
	ascRetAllocatedMemory   = 0x100
	ascRetExtendedError     = 0x8000
	AttrsInsufficientMemory = 0x1C // CONFIDENTIALITY | SEQUENCE | REPLAY, as Windows reports on SEC_E_INSUFFICIENT_MEMORY
)

type ctxState int

const (
	stateHandshake ctxState = iota
	stateEstablished
	stateFailed
)

// StepInput is one InitializeSecurityContext/AcceptSecurityContext call, as
// capi decoded it.
type StepInput struct {
	InputNull    bool     // pInput was NULL (or had no TOKEN buffer)
	Token        []byte   // the SECBUFFER_TOKEN bytes; borrowed for the call
	HasExtraSlot bool     // an EMPTY buffer exists to report EXTRA/MISSING in
	ALPN         []string // SECBUFFER_APPLICATION_PROTOCOLS, if present
	HasALPN      bool
	ContextReq   uint32
	OutputLimit  int          // bytes the caller's output token can take; < 0 = allocate
	Cred         *Credentials // phCredential of this call (may be nil on continuation calls)
	// Thread identifies the calling OS thread (capi's thread token; 0 from
	// Go callers). It matters only for SCH_CRED_LINUX_THREAD_AFFINE
	// contexts, whose parked handshake only the starting thread may resume.
	Thread uint64
}

// StepResult is what capi writes back.
type StepResult struct {
	Status   Status
	Output   []byte // bytes for the output token (handshake flight or alert)
	Consumed int    // bytes of Token consumed; the rest is SECBUFFER_EXTRA
	Missing  int    // SECBUFFER_MISSING count with StatusIncompleteMessage
	Attrs    uint32 // *pfContextAttr
	Expiry   int64  // *ptsExpiry (FILETIME)
	// WriteHandle says whether *phNewContext gets the context handle.
	WriteHandle bool
}

// Context is one TLS connection seen through SSPI. Its methods serialise on
// an internal mutex; EncryptMessage and DecryptMessage (later) use separate
// per-direction locks.
type Context struct {
	mu     sync.Mutex
	cred   *Credentials
	server bool
	target string
	cfg    *tls.Config
	tr     transport
	conn   *tls.Conn
	drv    driver
	state  ctxState
	failSt Status
	req    uint32 // fContextReq of the first call (MUTUAL_AUTH etc.)

	// skip is how many bytes of the caller's next input token were already
	// consumed by a call that returned SEC_E_BUFFER_TOO_SMALL or
	// SEC_I_INCOMPLETE_CREDENTIALS (the caller passes the same bytes again).
	skip    int
	pending *StepResult // result held back by SEC_E_BUFFER_TOO_SMALL

	awaitingCert  bool
	certChoice    *tls.Certificate
	acceptableCAs [][]byte

	peerExpiry time.Time
	attr       attrState // recorded for QueryContextAttributes (attributes.go)

	// After the handshake.
	sizes       StreamSizes
	reentry     bool   // SEC_I_RENEGOTIATE returned; Encrypt/Decrypt wait for ISC/ASC
	pendingOut  []byte // bytes the next ISC/ASC call hands out (KeyUpdate reply, fatal alert)
	closedRead  bool   // peer's close_notify seen
	closedWrite bool   // our close_notify produced
	scratch     [1]byte
	control     controlToken
}

// controlToken is what ApplyControlToken queued for the next ISC/ASC call.
type controlToken struct {
	kind  int // 0 none, 1 shutdown, 2 alert
	level uint8
	desc  uint8
}

// NewServerContext creates the context of a first AcceptSecurityContext call.
func NewServerContext(cred *Credentials) *Context {
	return &Context{cred: cred, server: true}
}

// NewClientContext creates the context of a first InitializeSecurityContext
// call; target is pszTargetName (SNI, name check and session-cache key).
func NewClientContext(cred *Credentials, target string) *Context {
	return &Context{cred: cred, target: target}
}

// IsServer reports whether c was created by AcceptSecurityContext.
func (c *Context) IsServer() bool { return c.server }

// Close releases everything the context holds, including a parked
// handshake. It is CloseOn for Go callers (thread token 0).
func (c *Context) Close() { c.CloseOn(0) }

// CloseOn is DeleteSecurityContext called on the thread with token thread.
// A thread-affine handshake parked on another thread cannot be stopped
// here: it is handed to ReapOrphans, which stops it on that thread's next
// call into the library.
func (c *Context) CloseOn(thread uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.drv.parked() && c.drv.home != thread {
		c.drv.orphan()
		c.pending = nil
		return
	}
	c.drv.stop()
	c.pending = nil
	c.tr = transport{}
}

// ExpiryTime converts t to the TimeStamp value SSPI reports: a FILETIME,
// or 0x7FFFFFFFFFFFFFFF ("never") for the zero time.
func ExpiryTime(t time.Time) int64 {
	if t.IsZero() {
		return 0x7FFFFFFFFFFFFFFF
	}
	return int64(FileTime(t))
}

func (c *Context) attrs(req uint32) uint32 {
	if c.server {
		a := uint32(ascRetBase)
		if req&AscReqAllocateMemory != 0 {
			a |= ascRetAllocatedMemory
		}
		if req&AscReqExtendedError != 0 {
			a |= ascRetExtendedError
		}
		if c.req&AscReqMutualAuth != 0 && (c.state != stateEstablished || len(c.conn.ConnectionState().PeerCertificates) > 0) {
			a |= ascRetMutualAuth
		}
		return a
	}
	a := uint32(iscRetBase)
	if req&IscReqAllocateMemory != 0 {
		a |= iscRetAllocatedMemory
	}
	if req&IscReqUseSuppliedCreds != 0 {
		a |= iscRetUsedSuppliedCreds
	}
	if req&IscReqExtendedError != 0 {
		a |= iscRetExtendedError
	}
	if req&IscReqManualCredValidation != 0 {
		a |= iscRetManualCredValidation
	}
	return a
}

func (c *Context) extendedError(req uint32) bool {
	if c.server {
		return req&AscReqExtendedError != 0
	}
	return req&IscReqExtendedError != 0
}

// Step runs one handshake call. See StepInput and StepResult.
func (c *Context) Step(in StepInput) StepResult {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.drv.parked() && c.drv.home != in.Thread {
		// A thread-affine handshake parked on another thread: resuming it
		// here would abort the process. Nothing changes; the home thread
		// may go on.
		return StepResult{Status: StatusUnsupportedFunction}
	}
	if c.server && in.ContextReq&(AscReqDelegate|ascReqPromptForCreds) != 0 {
		return StepResult{Status: StatusUnsupportedFunction}
	}
	if in.Cred != nil && !c.server && c.awaitingCert {
		c.certChoice = nil
		if len(in.Cred.Certs) > 0 {
			c.certChoice = &in.Cred.Certs[0]
		}
	}
	res := c.stepLocked(in)
	res.Attrs = c.attrs(in.ContextReq)
	if res.Status == StatusOK && c.state == stateEstablished {
		res.Expiry = ExpiryTime(c.peerExpiry)
	}
	return res
}

func (c *Context) stepLocked(in StepInput) StepResult {
	if c.pending != nil {
		if in.OutputLimit >= 0 && len(c.pending.Output) > in.OutputLimit {
			return StepResult{Status: StatusBufferTooSmall}
		}
		r := *c.pending
		c.pending = nil
		c.skip = 0
		return r
	}
	if c.control.kind != 0 {
		return c.applyControlLocked()
	}
	switch c.state {
	case stateFailed:
		out := c.pendingOut
		c.pendingOut = nil
		if !c.extendedError(in.ContextReq) {
			out = nil
		}
		return StepResult{Status: c.failSt, Output: out}
	case stateEstablished:
		if c.reentry {
			// The call after SEC_I_RENEGOTIATE: hand out our reply and
			// give every input byte back as EXTRA.
			c.reentry = false
			out := c.pendingOut
			c.pendingOut = nil
			return StepResult{Status: StatusOK, Output: out, WriteHandle: true}
		}
		if in.InputNull || len(in.Token) == 0 {
			return StepResult{Status: StatusIncompleteMessage}
		}
		return StepResult{Status: StatusOK, WriteHandle: true}
	}

	if !c.drv.started {
		if c.server && (in.InputNull || len(in.Token) == 0) {
			if in.InputNull {
				return StepResult{Status: StatusInvalidToken}
			}
		}
		if !c.server {
			c.req = in.ContextReq
			c.setup(in)
			ev := c.drv.start(c.conn.Handshake, in.Thread)
			return c.finish(in, ev, 0)
		}
		c.req = in.ContextReq
		if len(c.cred.Certs) == 0 {
			return StepResult{Status: StatusNoCredentials}
		}
	}

	var token []byte
	if !in.InputNull {
		if c.skip > len(in.Token) {
			return StepResult{Status: StatusInvalidToken}
		}
		token = in.Token[c.skip:]
	}
	if c.awaitingCert {
		c.awaitingCert = false
		return c.finish(in, c.drv.next(), c.skip)
	}
	if in.InputNull {
		return StepResult{Status: StatusIncompleteMessage}
	}
	f := FrameRecords(token, 0)
	if f.Invalid {
		return c.fail(in, StatusInvalidToken, nil)
	}
	if f.Complete == 0 {
		return StepResult{Status: StatusIncompleteMessage, Missing: f.Missing}
	}
	c.tr.in = append(c.tr.in[:0], token[:f.Complete]...)
	c.tr.recLeft = 0
	var ev event
	if !c.drv.started {
		c.setup(in)
		ev = c.drv.start(c.conn.Handshake, in.Thread)
	} else {
		ev = c.drv.next()
	}
	return c.finish(in, ev, c.skip+f.Complete)
}

// finish translates a driver event after fed bytes were offered (fed is the
// absolute offset in the caller's token up to which records were queued).
func (c *Context) finish(in StepInput, ev event, fed int) StepResult {
	if ev.kind == evNeedCert {
		// The handshake goroutine resumes later with the records still
		// queued; the caller passes the same input again, of which fed
		// bytes are already ours.
		c.awaitingCert = true
		c.skip = fed
		return StepResult{Status: StatusIncompleteCredsInfo, Output: c.tr.takeOutput(), WriteHandle: true}
	}
	consumed := fed - c.tr.unread()
	out := c.tr.takeOutput()
	var r StepResult
	switch ev.kind {
	case evNeedInput:
		r = StepResult{Status: StatusContinueNeeded, Output: out, Consumed: consumed, WriteHandle: true}
	case evDone:
		if ev.err != nil {
			return c.fail(in, classify(ev.err, out), out)
		}
		c.state = stateEstablished
		c.tr.nonblocking = true
		c.tr.wait = nil
		cs := c.conn.ConnectionState()
		c.sizes = computeStreamSizes(cs)
		if len(cs.PeerCertificates) > 0 {
			c.peerExpiry = cs.PeerCertificates[0].NotAfter
		}
		r = StepResult{Status: StatusOK, Output: out, Consumed: consumed, WriteHandle: true}
	}
	if !in.HasExtraSlot && len(in.Token) > r.Consumed && !in.InputNull {
		// No EMPTY buffer to report SECBUFFER_EXTRA in.
		return c.fail(in, StatusInvalidToken, nil)
	}
	if in.OutputLimit >= 0 && len(r.Output) > in.OutputLimit {
		held := r
		c.pending = &held
		c.skip = consumed
		return StepResult{Status: StatusBufferTooSmall}
	}
	c.skip = 0
	return r
}

// fail ends the context with status st. With extended errors requested the
// fatal alert record goes in the output token; it is sent at most once.
func (c *Context) fail(in StepInput, st Status, out []byte) StepResult {
	c.state = stateFailed
	c.failSt = st
	c.drv.stop()
	var alert []byte
	if c.extendedError(in.ContextReq) {
		if last := lastRecord(out); last != nil {
			alert = last // crypto/tls's alert (encrypted once keys are in use)
		} else {
			alert = alertRecord(2, alertForStatus(st), 0x0301)
		}
	}
	return StepResult{Status: st, Output: alert}
}

// setup builds the tls.Conn for the first call.
func (c *Context) setup(in StepInput) {
	cfg := c.cred.baseConfig(c.server)
	if in.HasALPN {
		cfg.NextProtos = append([]string(nil), in.ALPN...)
	}
	if c.server {
		if in.ContextReq&AscReqMutualAuth != 0 {
			cfg.ClientAuth = tls.RequestClientCert
		}
		// Pick the certificate ourselves so the attributes know which
		// one was sent (crypto/tls skips GetCertificate when
		// Certificates is set and the client sent no SNI).
		cfg.Certificates = nil
		cfg.GetCertificate = c.selectCertificate
		cfg.GetConfigForClient = c.recordClientHello
	} else {
		cfg.ServerName = c.target
		manual := c.cred.Flags&FlagManualCredValidation != 0 || in.ContextReq&IscReqManualCredValidation != 0
		if !manual {
			noName := c.cred.Flags&FlagNoServernameCheck != 0
			target := c.target
			cfg.VerifyConnection = func(cs tls.ConnectionState) error {
				return verifyServer(cs, target, noName)
			}
		}
		cfg.GetClientCertificate = c.sendClientCertificate
	}
	c.cfg = cfg
	c.drv.coro = c.drv.coro || c.cred.Flags&FlagThreadAffine != 0 // tests preset coro
	c.tr.wait = func() bool { return c.drv.park(evNeedInput) }
	if c.server {
		c.conn = tls.Server(&c.tr, cfg)
	} else {
		c.conn = tls.Client(&c.tr, cfg)
	}
}

// clientCertificate runs on the handshake goroutine when the server sends a
// CertificateRequest (spec §6.8).
func (c *Context) clientCertificate(cri *tls.CertificateRequestInfo) (*tls.Certificate, error) {
	c.acceptableCAs = cri.AcceptableCAs
	if len(c.cred.Certs) > 0 {
		return &c.cred.Certs[0], nil
	}
	if c.req&IscReqUseSuppliedCreds != 0 || c.cred.Flags&FlagNoDefaultCreds != 0 {
		return &tls.Certificate{}, nil
	}
	if !c.drv.park(evNeedCert) {
		return nil, errClosed
	}
	if c.certChoice != nil {
		return c.certChoice, nil
	}
	return &tls.Certificate{}, nil
}

func verifyServer(cs tls.ConnectionState, target string, noName bool) error {
	if len(cs.PeerCertificates) == 0 {
		return &verifyError{StatusCertUnknown, errNoPeerCert}
	}
	roots, err := systemRoots()
	if err != nil {
		return &verifyError{StatusUntrustedRoot, err}
	}
	opts := x509.VerifyOptions{Roots: roots, Intermediates: x509.NewCertPool(), KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	for _, ic := range cs.PeerCertificates[1:] {
		opts.Intermediates.AddCert(ic)
	}
	if !noName {
		opts.DNSName = target
	}
	if _, err := cs.PeerCertificates[0].Verify(opts); err != nil {
		return &verifyError{statusForVerify(err), err}
	}
	return nil
}

var (
	rootsOnce sync.Once
	rootsPool *x509.CertPool
	rootsErr  error
)

// systemRoots is the system trust store (/etc/ssl/certs, or SSL_CERT_FILE /
// SSL_CERT_DIR), loaded once.
func systemRoots() (*x509.CertPool, error) {
	rootsOnce.Do(func() { rootsPool, rootsErr = x509.SystemCertPool() })
	return rootsPool, rootsErr
}

type simpleError string

func (e simpleError) Error() string { return string(e) }

const errNoPeerCert = simpleError("peer sent no certificate")

// baseConfig returns a fresh tls.Config for a context of this credential.
func (cr *Credentials) baseConfig(server bool) *tls.Config {
	cfg := &tls.Config{
		MinVersion:                  cr.MinVer,
		MaxVersion:                  cr.MaxVer,
		CipherSuites:                cr.Suites12,
		DynamicRecordSizingDisabled: true,
		InsecureSkipVerify:          true,
		Renegotiation:               tls.RenegotiateNever,
	}
	if w := keyLogWriter(); w != nil {
		cfg.KeyLogWriter = w
	}
	if server {
		cfg.Certificates = cr.Certs
		cfg.SessionTicketsDisabled = cr.Flags&FlagDisableReconnects != 0
		cfg.ClientCAs = cr.ClientCAs
		cfg.SetSessionTicketKeys(cr.serverTicketKeys())
	} else {
		cfg.ClientSessionCache = cr.sessionCache
	}
	return cfg
}

// serverTicketKeys returns the credential's session-ticket keys: every
// context has its own tls.Config, whose automatic keys would make each
// context unable to resume the sessions of the others (spec §13: ticket
// keys per credential). Unless the application installed keys
// (SetTicketKeys), they are random and rotated as crypto/tls rotates its
// own: a new key every ticketKeyRotation, old keys kept while tickets they
// made may still be valid.
func (cr *Credentials) serverTicketKeys() [][32]byte {
	now := time.Now()
	if cr.now != nil {
		now = cr.now()
	}
	fresh := func() bool {
		return len(cr.ticketKeys) > 0 && (cr.ticketBorn == nil || now.Sub(cr.ticketBorn[0]) < ticketKeyRotation)
	}
	cr.ticketMu.RLock()
	if fresh() {
		keys := cr.ticketKeys
		cr.ticketMu.RUnlock()
		return keys
	}
	cr.ticketMu.RUnlock()
	cr.ticketMu.Lock()
	defer cr.ticketMu.Unlock()
	if fresh() {
		return cr.ticketKeys
	}
	var k [32]byte
	rand.Read(k[:])
	keys, born := [][32]byte{k}, []time.Time{now}
	for i, b := range cr.ticketBorn {
		if now.Sub(b) < ticketLifetime+ticketKeyRotation {
			keys, born = append(keys, cr.ticketKeys[i]), append(born, b)
		}
	}
	cr.ticketKeys, cr.ticketBorn = keys, born
	return keys
}

// lastRecord returns the last whole record of out: after a failure, the
// alert crypto/tls wrote, without any handshake bytes written before it.
func lastRecord(out []byte) []byte {
	var last []byte
	for len(out) >= recordHeaderLen {
		n := recordLen(out)
		if n > len(out) {
			break
		}
		last, out = out[:n], out[n:]
	}
	if last == nil || (last[0] != recordTypeAlert && last[0] != recordTypeApplicationData) {
		return nil
	}
	return last
}
