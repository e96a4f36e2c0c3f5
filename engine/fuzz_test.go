package engine

// Fuzz targets (the style brief, shared/style.md §F). Every target has a seed
// corpus committed under testdata/fuzz/<FuzzName>/; plain `go test` replays
// the seeds (and every crasher saved there) as regression tests, and
// `make fuzz` / ctest/test_fuzz_short.sh run the fuzzer itself.
//
// The handshake targets replay *recorded* peer flights. To make a recorded
// flight meaningful beyond the first message, every handshake here runs
// with a deterministic crypto/rand (testing/cryptotest.SetGlobalRandom) and
// deterministic certificates, and each side re-seeds before each of its
// calls from its own counter (fuzzParty.step), so the side under test draws
// exactly the same random bytes as when the seeds were recorded, whatever
// the other side drew. A seed ClientHello therefore gets the same
// ServerHello as at recording time and the recorded client Finished
// verifies: the fuzzer starts from complete handshakes, not just from first
// messages. (If a Go release changes how crypto/tls consumes randomness the
// seeds still parse, they just stop reaching the end of the handshake:
// regenerate them with `go generate ./engine`.)

//go:generate go test -count=1 -run ^TestFuzzSeedCorpus$ . -fuzzgen

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/binary"
	"encoding/pem"
	"errors"
	"flag"
	"fmt"
	"hash/fnv"
	"math/big"
	mrand "math/rand"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/cryptotest"
	"time"

	"github.com/stretchr/testify/require"
	pkcs12 "software.sslmate.com/src/go-pkcs12"
)

var fuzzGen = flag.Bool("fuzzgen", false, "rewrite the seed corpora under testdata/fuzz (go generate ./engine)")

// ---------------------------------------------------------------------------
// Deterministic fixtures

// Seeds of the deterministic crypto/rand streams: fixtures, then one base
// per side (a side's n-th output-producing call runs under base+n).
const (
	fuzzFixtureSeed = 1
	fuzzClientSeed  = 1000
	fuzzServerSeed  = 2000
)

var fuzzTicketKey = [32]byte{'s', 'e', 'c', 'u', 'r', '3', '2', ' ', 'f', 'u', 'z', 'z'}

type fuzzFixtures struct {
	ecdsa, rsa, client *Certificate
	servers            map[int]*Credentials // by fuzzServerKey(prot, rsa)
}

var (
	fuzzFixOnce sync.Once
	fuzzFix     *fuzzFixtures
)

// fuzzProtocols maps the two scenario bits to the SP_PROT bits of both
// sides.
func fuzzProtocols(bits byte) uint32 {
	switch bits & 3 {
	case 0:
		return protTLS12Server | protTLS12Client
	case 1:
		return protTLS13Server | protTLS13Client
	}
	return protTLS12Server | protTLS12Client | protTLS13Server | protTLS13Client
}

func fuzzServerKey(protBits byte, useRSA bool) int {
	k := int(protBits & 3)
	if k == 3 {
		k = 2
	}
	if useRSA {
		k += 4
	}
	return k
}

// fuzzFixedCert is a certificate whose bytes depend only on the random stream
// (fixed validity, serial and names), so recorded flights stay valid.
func fuzzFixedCert(t testing.TB, key crypto.Signer, cn string) *Certificate {
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(7),
		Subject:      pkix.Name{CommonName: cn},
		NotBefore:    time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC),
		NotAfter:     time.Date(2099, 12, 31, 0, 0, 0, 0, time.UTC),
		DNSNames:     []string{cn},
		KeyUsage:     x509.KeyUsageDigitalSignature | x509.KeyUsageKeyEncipherment,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth, x509.ExtKeyUsageClientAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	require.NoError(t, err)
	c, err := ParseCertificate(der)
	require.NoError(t, err)
	c.Key = key
	return c
}

func loadFuzzFixtures(t *testing.T) *fuzzFixtures {
	fuzzFixOnce.Do(func() {
		cryptotest.SetGlobalRandom(t, fuzzFixtureSeed)
		ek, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		require.NoError(t, err)
		rk, err := rsa.GenerateKey(rand.Reader, 2048)
		require.NoError(t, err)
		ck, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		require.NoError(t, err)
		fx := &fuzzFixtures{
			ecdsa:   fuzzFixedCert(t, ek, "localhost"),
			rsa:     fuzzFixedCert(t, rk, "localhost"),
			client:  fuzzFixedCert(t, ck, "client"),
			servers: map[int]*Credentials{},
		}
		for _, prot := range []byte{0, 1, 2} {
			for _, useRSA := range []bool{false, true} {
				cert := fx.ecdsa
				if useRSA {
					cert = fx.rsa
				}
				cfg := &CredentialConfig{Version: 5, Certs: []CertInput{{Cert: cert}},
					TLSParams: []TLSParameters{{DisabledProtocols: ^fuzzProtocols(prot)}}}
				cr, st := NewCredentials(CredInbound, cfg)
				require.Equal(t, StatusOK, st)
				require.Equal(t, StatusOK, cr.SetTicketKeys([][32]byte{fuzzTicketKey}))
				fx.servers[fuzzServerKey(prot, useRSA)] = cr
			}
		}
		fuzzFix = fx
	})
	require.NotNil(t, fuzzFix, "fuzz fixtures failed to build")
	return fuzzFix
}

// fuzzClientCred is a fresh client credential (so no session cache carries
// state from one input to the next).
func fuzzClientCred(t *testing.T, protBits byte, flags uint32, cert *Certificate) *Credentials {
	cfg := &CredentialConfig{Version: 5, Flags: flags | FlagDisableReconnects,
		TLSParams: []TLSParameters{{DisabledProtocols: ^fuzzProtocols(protBits)}}}
	if cert != nil {
		cfg.Certs = []CertInput{{Cert: cert}}
	}
	cr, st := NewCredentials(CredOutbound, cfg)
	require.Equal(t, StatusOK, st)
	return cr
}

// ---------------------------------------------------------------------------
// Documented statuses

func fuzzStatusSet(sts ...Status) map[Status]bool {
	m := map[Status]bool{}
	for _, s := range sts {
		m[s] = true
	}
	return m
}

// fuzzPeerFailureStatuses are the statuses a handshake or record failure caused
// by the peer's bytes may give: every StatusForAlert value (a received
// alert), every localAlertStatus value but internal_error's, the
// certificate statuses and the framing statuses.
func fuzzPeerFailureStatuses() map[Status]bool {
	m := fuzzStatusSet(StatusInvalidToken, StatusIllegalMessage, StatusAlgorithmMismatch,
		StatusUnsupportedFunction, StatusApplicationProtocolMismatch, StatusMessageAltered,
		StatusDecryptFailure, StatusUntrustedRoot, StatusWrongPrincipal, StatusCertExpired,
		StatusCertUnknown, StatusCertWrongUsage, StatusCertRevoked)
	for a := 0; a < 256; a++ {
		m[StatusForAlert(uint8(a))] = true
		if a != 80 {
			m[localAlertStatus(uint8(a))] = true
		}
	}
	delete(m, StatusInternalError)
	return m
}

// fuzzStepStatuses are the documented results of InitializeSecurityContext /
// AcceptSecurityContext (Context.Step).
var fuzzStepStatuses = func() map[Status]bool {
	m := fuzzPeerFailureStatuses()
	for s := range fuzzStatusSet(StatusOK, StatusContinueNeeded, StatusIncompleteMessage,
		StatusIncompleteCredsInfo, StatusBufferTooSmall, StatusContextExpired,
		StatusNoCredentials, StatusContextExpiredInfo) {
		m[s] = true
	}
	return m
}()

// fuzzDecryptStatuses are the documented results of Context.Decrypt.
var fuzzDecryptStatuses = func() map[Status]bool {
	m := fuzzPeerFailureStatuses()
	for s := range fuzzStatusSet(StatusOK, StatusIncompleteMessage, StatusContextExpiredInfo,
		StatusRenegotiate, StatusContextExpired) {
		m[s] = true
	}
	return m
}()

// ---------------------------------------------------------------------------
// Goroutines

// driverGoroutines counts the live handshake goroutines of this package.
func driverGoroutines() int {
	buf := make([]byte, 1<<16)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			// Coroutines (thread-affine contexts) are created by iter.Pull,
			// which nothing else in this package uses.
			return strings.Count(string(buf[:n]), "created by secur32/engine.(*driver).start") +
				strings.Count(string(buf[:n]), "created by iter.Pull")
		}
		buf = make([]byte, 2*len(buf))
	}
}

// fuzzCloseAll closes the contexts, failing if Close does not return within
// 10 s, and then checks that no handshake goroutine outlived them.
func fuzzCloseAll(t *testing.T, before int, ctxs ...*Context) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		for _, c := range ctxs {
			if c != nil {
				c.Close()
			}
		}
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatalf("Context.Close hung")
	}
	n := driverGoroutines()
	for deadline := time.Now().Add(2 * time.Second); n > before && time.Now().Before(deadline); n = driverGoroutines() {
		time.Sleep(time.Millisecond)
	}
	if n > before {
		t.Fatalf("%d handshake goroutines left after Close (before: %d)", n, before)
	}
}

// ---------------------------------------------------------------------------
// Driving one side

// fuzzParty is one side of a handshake driven the way a real SSPI caller
// drives it: it keeps unconsumed bytes, appends what arrives, retries on
// SEC_E_INCOMPLETE_MESSAGE, SEC_E_BUFFER_TOO_SMALL and
// SEC_I_INCOMPLETE_CREDENTIALS.
type fuzzParty struct {
	ctx      *Context
	seed     uint64
	outputs  int
	base     StepInput
	smallOut bool // first attempt of each call with a 256-byte output token
	steps    int
}

// step is one ISC/ASC call under the side's deterministic random stream.
func (p *fuzzParty) step(t *testing.T, in StepInput) StepResult {
	cryptotest.SetGlobalRandom(t, p.seed+uint64(p.outputs))
	r := p.ctx.Step(in)
	p.steps++
	if len(r.Output) > 0 {
		p.outputs++
	}
	fuzzCheckStep(t, in, r)
	return r
}

// fuzzCheckStep holds the invariants of every Step result.
func fuzzCheckStep(t *testing.T, in StepInput, r StepResult) {
	t.Helper()
	if r.Status == StatusInternalError || !fuzzStepStatuses[r.Status] {
		t.Fatalf("Step returned %v (0x%08X), not a documented status", r.Status, uint32(r.Status))
	}
	if r.Consumed < 0 || r.Consumed > len(in.Token) {
		t.Fatalf("Consumed %d outside [0, %d]", r.Consumed, len(in.Token))
	}
	if r.Missing < 0 || (r.Missing > 0 && r.Status != StatusIncompleteMessage) {
		t.Fatalf("Missing %d with %v", r.Missing, r.Status)
	}
	if r.Status == StatusIncompleteMessage && (len(r.Output) > 0 || r.Consumed != 0) {
		t.Fatalf("SEC_E_INCOMPLETE_MESSAGE with output %d / consumed %d", len(r.Output), r.Consumed)
	}
	if len(r.Output) > 0 {
		if f := FrameRecords(r.Output, 0); f.Complete != len(r.Output) || f.Oversized {
			t.Fatalf("output token of %d bytes is not whole records (%+v)", len(r.Output), f)
		}
	}
	switch r.Status {
	case StatusOK, StatusContinueNeeded, StatusIncompleteCredsInfo:
		if in.OutputLimit >= 0 && len(r.Output) > in.OutputLimit {
			t.Fatalf("%v with %d bytes of output over the limit %d", r.Status, len(r.Output), in.OutputLimit)
		}
	default:
		// A failure's output (extended errors) ends with the fatal alert;
		// capi drops it when it does not fit the caller's buffer.
		if len(r.Output) > 0 && !fuzzEndsWithAlert(r.Output) {
			t.Fatalf("%v with %d bytes of output that do not end with an alert", r.Status, len(r.Output))
		}
	}
}

// fuzzEndsWithAlert reports whether the last record of out (whole records) is
// an alert: a plaintext one, or an encrypted one (TLS 1.3 protects alerts
// once handshake keys exist: a short application_data record).
func fuzzEndsWithAlert(out []byte) bool {
	last := -1
	for off := 0; off+recordHeaderLen <= len(out); off += recordLen(out[off:]) {
		last = off
	}
	if last < 0 {
		return false
	}
	switch out[last] {
	case recordTypeAlert:
		return true
	case recordTypeApplicationData:
		return recordLen(out[last:]) <= recordHeaderLen+2+1+16+255 // alert, content type, tag, padding
	}
	return false
}

// feedResult is where a flight left a side.
type feedResult struct {
	last StepResult
	out  []byte // everything the side produced
	rest []byte // bytes not consumed (EXTRA after SEC_E_OK, or never fed)
}

// feed delivers flight to the side in chunks chosen by rng (whole when rng
// is nil) and returns when the side completed, failed, or needs the peer.
func (p *fuzzParty) feed(t *testing.T, flight []byte, rng *mrand.Rand) feedResult {
	var res feedResult
	var buf []byte
	off := 0
	needMore := true
	limit := -1
	if p.smallOut {
		limit = 256
	}
	for guard := 0; guard < 4*len(flight)+64; guard++ {
		if needMore && off < len(flight) {
			n := len(flight) - off
			if rng != nil {
				switch rng.Intn(3) {
				case 0:
					n = 1 + rng.Intn(min(n, 8))
				case 1:
					n = 1 + rng.Intn(n)
				}
			}
			buf = append(buf, flight[off:off+n]...)
			off += n
			needMore = false
		}
		if len(buf) == 0 && off == len(flight) {
			return res
		}
		in := p.base
		in.Token = buf
		in.HasExtraSlot = true
		in.OutputLimit = limit
		r := p.step(t, in)
		res.last = r
		switch r.Status {
		case StatusIncompleteMessage:
			if off == len(flight) {
				res.rest = buf
				return res
			}
			needMore = true
			continue
		case StatusBufferTooSmall:
			limit = -1 // the same bytes again with room
			continue
		case StatusIncompleteCredsInfo:
			// Continue without a certificate: the same bytes again.
			res.out = append(res.out, r.Output...)
			continue
		case StatusContinueNeeded, StatusOK:
		default:
			res.out = append(res.out, r.Output...)
			res.rest = append(append([]byte(nil), buf...), flight[off:]...)
			return res
		}
		if p.smallOut {
			limit = 256
		}
		res.out = append(res.out, r.Output...)
		buf = append([]byte(nil), buf[r.Consumed:]...)
		if r.Status == StatusOK {
			res.rest = append(buf, flight[off:]...)
			return res
		}
		if r.Consumed == 0 || len(buf) == 0 {
			needMore = true
			if off == len(flight) {
				res.rest = buf
				return res
			}
		}
	}
	t.Fatalf("feeding %d bytes did not finish within the call budget (%d calls)", len(flight), p.steps)
	return res
}

// fuzzSplitRNG derives the chunking of a flight from the input itself.
func fuzzSplitRNG(data []byte) *mrand.Rand {
	h := fnv.New64a()
	h.Write(data)
	return mrand.New(mrand.NewSource(int64(h.Sum64())))
}

// ---------------------------------------------------------------------------
// Recorded handshakes (shared by the generator and the targets)

// fuzzHandshake runs a complete handshake between a client with the given
// settings and the fixture server, whole flights at a time, and returns the
// two sides plus what each sent. Both sides re-seed per call, so a target
// that replays one side's bytes to the other side sees identical flights.
type fuzzTranscript struct {
	client, server  *fuzzParty
	toServer        []byte // every byte the client sent
	toClient        []byte // every byte the server sent, tickets included
	afterClientDone []byte // what the server sent that the client's handshake did not consume
	serverFlights   [][]byte
	clientFlights   [][]byte
}

type fuzzScenario struct {
	prot          byte
	rsa           bool
	mutual        bool
	clientCert    bool
	serverALPN    bool
	clientALPN    bool
	renegOnTicket bool
}

func runFuzzHandshake(t *testing.T, sc fuzzScenario) *fuzzTranscript {
	fx := loadFuzzFixtures(t)
	var cert *Certificate
	if sc.clientCert {
		cert = fx.client
	}
	flags := uint32(FlagManualCredValidation)
	if sc.renegOnTicket {
		flags |= FlagRenegotiateOnTicket
	}
	cli := &fuzzParty{ctx: NewClientContext(fuzzClientCred(t, sc.prot, flags, cert), "localhost"), seed: fuzzClientSeed,
		base: StepInput{OutputLimit: -1}}
	srv := &fuzzParty{ctx: NewServerContext(fx.servers[fuzzServerKey(sc.prot, sc.rsa)]), seed: fuzzServerSeed,
		base: StepInput{OutputLimit: -1}}
	if sc.mutual {
		srv.base.ContextReq = AscReqMutualAuth
	}
	if sc.clientALPN {
		cli.base.HasALPN, cli.base.ALPN = true, []string{"h2", "http/1.1"}
	}
	if sc.serverALPN {
		srv.base.HasALPN, srv.base.ALPN = true, []string{"http/1.1"}
	}
	tr := &fuzzTranscript{client: cli, server: srv}
	in := cli.base
	in.InputNull = true
	r := cli.step(t, in)
	require.Equal(t, StatusContinueNeeded, r.Status, r.Status.String())
	tr.toServer = append(tr.toServer, r.Output...)
	tr.clientFlights = append(tr.clientFlights, r.Output)
	pendingS, pendingC := r.Output, []byte(nil)
	for i := 0; i < 10 && len(pendingS)+len(pendingC) > 0; i++ {
		if len(pendingS) > 0 {
			fr := srv.feed(t, pendingS, nil)
			require.Contains(t, []Status{StatusOK, StatusContinueNeeded}, fr.last.Status, fr.last.Status.String())
			pendingS = fr.rest
			if len(fr.out) > 0 {
				tr.toClient = append(tr.toClient, fr.out...)
				tr.serverFlights = append(tr.serverFlights, fr.out)
				pendingC = append(pendingC, fr.out...)
			}
		}
		if len(pendingC) > 0 && !cli.ctx.Established() {
			fr := cli.feed(t, pendingC, nil)
			require.Contains(t, []Status{StatusOK, StatusContinueNeeded}, fr.last.Status, fr.last.Status.String())
			pendingC = fr.rest
			if len(fr.out) > 0 {
				tr.toServer = append(tr.toServer, fr.out...)
				tr.clientFlights = append(tr.clientFlights, fr.out)
				pendingS = append(pendingS, fr.out...)
			}
		}
		if cli.ctx.Established() {
			// Records after the client's SEC_E_OK (TLS 1.3 tickets) are
			// for DecryptMessage.
			tr.afterClientDone = append(tr.afterClientDone, pendingC...)
			pendingC = nil
		}
	}
	require.True(t, cli.ctx.Established() && srv.ctx.Established(), "recorded handshake did not complete")
	return tr
}

// fuzzSeal encrypts msg with ctx as one record.
func fuzzSeal(t *testing.T, ctx *Context, msg []byte) []byte {
	sz, ok := ctx.StreamSizes()
	require.True(t, ok)
	buf := make([]byte, int(sz.Header)+len(msg)+int(sz.Trailer))
	copy(buf[sz.Header:], msg)
	h, tl, st := ctx.Encrypt(buf[:sz.Header], buf[sz.Header:int(sz.Header)+len(msg)], buf[int(sz.Header)+len(msg):])
	require.Equal(t, StatusOK, st)
	return buf[:h+len(msg)+tl]
}

// fuzzCloseNotify produces ctx's close_notify record (ApplyControlToken +
// the next ISC/ASC call).
func fuzzCloseNotify(t *testing.T, ctx *Context) []byte {
	require.Equal(t, StatusOK, ctx.ApplyControl([]byte{1, 0, 0, 0}))
	r := ctx.Step(StepInput{InputNull: true, OutputLimit: -1})
	require.Equal(t, StatusOK, r.Status)
	return r.Output
}

// ---------------------------------------------------------------------------
// FuzzRecordFraming

func FuzzRecordFraming(f *testing.F) {
	f.Add([]byte{22, 3, 1, 0, 1, 0})
	f.Add([]byte{22, 3})
	f.Add([]byte("GET / HTTP/1.1\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fr := FrameRecords(data, 0)
		if fr.Complete < 0 || fr.Complete > len(data) {
			t.Fatalf("Complete %d outside [0, %d]", fr.Complete, len(data))
		}
		if fr.Missing < 0 || (fr.Missing > 0 && (fr.Complete != 0 || fr.Invalid)) {
			t.Fatalf("Missing %d with %+v", fr.Missing, fr)
		}
		if fr.Invalid && (fr.Complete != 0 || fr.Records != 0 || fr.Oversized) {
			t.Fatalf("Invalid with %+v", fr)
		}
		if fr.Complete == 0 && !fr.Invalid && fr.Missing == 0 {
			t.Fatalf("no record, not invalid, nothing missing: %+v (len %d)", fr, len(data))
		}
		if fr.Oversized {
			// The oversized header alone counts, for crypto/tls to reject.
			if fr.Complete != recordHeaderLen || fr.Records != 1 || recordLen(data)-recordHeaderLen <= maxRecordBody {
				t.Fatalf("Oversized with %+v", fr)
			}
		} else {
			// Complete is a sum of whole, valid record lengths.
			off, n := 0, 0
			for off < fr.Complete {
				if fr.Complete-off < recordHeaderLen || !validHeader(data[off:]) {
					t.Fatalf("record %d at %d: bad header", n, off)
				}
				l := recordLen(data[off:])
				if l-recordHeaderLen > maxRecordBody {
					t.Fatalf("record %d at %d: oversized record counted", n, off)
				}
				off += l
				n++
			}
			if off != fr.Complete || n != fr.Records {
				t.Fatalf("re-walk gives %d bytes in %d records, framing says %+v", off, n, fr)
			}
		}
		// The prefix frames the same, and the rest holds no further whole record.
		if fr.Complete > 0 && !fr.Oversized {
			pf := FrameRecords(data[:fr.Complete], 0)
			if pf.Complete != fr.Complete || pf.Records != fr.Records || pf.Missing != 0 || pf.Invalid || pf.Oversized {
				t.Fatalf("prefix frames as %+v, whole as %+v", pf, fr)
			}
			rf := FrameRecords(data[fr.Complete:], 0)
			if rf.Complete != 0 && !rf.Oversized {
				t.Fatalf("the rest after %d bytes holds %+v", fr.Complete, rf)
			}
		}
		// One record at a time gives the first record.
		if one := FrameRecords(data, 1); fr.Records > 0 {
			first := fr.Complete
			if !fr.Oversized {
				first = recordLen(data)
			}
			if one.Records != 1 || one.Complete != first {
				t.Fatalf("maxRecords 1 gives %+v, first record is %d bytes", one, first)
			}
		}
		// Supplying exactly the missing bytes completes the first record.
		if fr.Missing > 0 && len(data) >= recordHeaderLen {
			more := append(append([]byte(nil), data...), make([]byte, fr.Missing)...)
			mf := FrameRecords(more, 1)
			if mf.Complete != len(more) || mf.Records != 1 {
				t.Fatalf("adding Missing=%d bytes gives %+v", fr.Missing, mf)
			}
		}
	})
}

// ---------------------------------------------------------------------------
// FuzzServerStep

// FuzzServerStep: data[0] picks the scenario, data[1:] is a client flight
// (a recorded ClientHello and the client's later flight, possibly mutated)
// fed to a server context in splits derived from the input. Bytes left
// after SEC_E_OK go to DecryptMessage.
//
//	bits 0-1 protocols (TLS 1.2, TLS 1.3, both)   bit 2 RSA certificate
//	bit 3 ASC_REQ_MUTUAL_AUTH   bit 4 server ALPN   bit 5 ASC_REQ_EXTENDED_ERROR
//	bit 6 256-byte output token first             bit 7 whole flights (no splits)
func FuzzServerStep(f *testing.F) {
	f.Add([]byte{0x80, 22, 3, 1, 0, 4, 1, 0, 0, 0})
	f.Fuzz(func(t *testing.T, data []byte) { serverStepTarget(t, data) })
}

// serverStepTarget is FuzzServerStep's body; it reports where the server
// ended (for TestFuzzSeedsComplete).
func serverStepTarget(t *testing.T, data []byte) (last Status, established bool) {
	if len(data) < 1 {
		return
	}
	sc, flight := data[0], data[1:]
	fx := loadFuzzFixtures(t)
	before := driverGoroutines()
	srv := &fuzzParty{ctx: NewServerContext(fx.servers[fuzzServerKey(sc, sc&4 != 0)]), seed: fuzzServerSeed,
		base: StepInput{OutputLimit: -1}, smallOut: sc&0x40 != 0}
	srv.ctx.drv.coro = len(data)%2 == 1 // odd lengths: a thread-affine context (coroutine)
	if sc&8 != 0 {
		srv.base.ContextReq |= AscReqMutualAuth
	}
	if sc&0x10 != 0 {
		srv.base.HasALPN, srv.base.ALPN = true, []string{"http/1.1"}
	}
	if sc&0x20 != 0 {
		srv.base.ContextReq |= AscReqExtendedError
	}
	var rng *mrand.Rand
	if sc&0x80 == 0 {
		rng = fuzzSplitRNG(data)
	}
	defer fuzzCloseAll(t, before, srv.ctx)
	fr := srv.feed(t, flight, rng)
	established = srv.ctx.Established()
	fuzzAfterHandshake(t, srv.ctx, fr)
	return fr.last.Status, established
}

// fuzzAfterHandshake checks a side after its flight: a failure is sticky, and
// an established side decrypts whatever followed.
func fuzzAfterHandshake(t *testing.T, ctx *Context, fr feedResult) {
	switch {
	case fr.last.Status == StatusOK && ctx.Established():
		fuzzDecryptAll(t, ctx, fr.rest)
	case fuzzStepStatuses[fr.last.Status] && fr.last.Status.IsError() &&
		fr.last.Status != StatusIncompleteMessage && fr.last.Status != StatusBufferTooSmall:
		in := StepInput{Token: []byte{22, 3, 3, 0, 0}, HasExtraSlot: true, OutputLimit: -1}
		r := ctx.Step(in)
		fuzzCheckStep(t, in, r)
		if r.Status != fr.last.Status {
			t.Fatalf("failure not sticky: %v, then %v", fr.last.Status, r.Status)
		}
		if _, _, st := ctx.Encrypt(make([]byte, 64), []byte("x"), make([]byte, 64)); st != StatusContextExpired {
			t.Fatalf("EncryptMessage after a failed handshake: %v", st)
		}
	}
}

// ---------------------------------------------------------------------------
// FuzzClientStep

// FuzzClientStep: data[0] picks the scenario, data[1:] is a server flight
// (recorded, possibly mutated) fed, after a real ClientHello, to the client
// context in splits derived from the input.
//
//	bits 0-1 protocols   bit 2 (recording only: RSA server certificate)
//	bit 3 (recording only: server asked for a client certificate)
//	bit 4 the client credential has a certificate
//	bit 5 automatic server validation and ISC_REQ_EXTENDED_ERROR
//	bit 6 256-byte output token first   bit 7 whole flights (no splits)
func FuzzClientStep(f *testing.F) {
	f.Add([]byte{0x80, 22, 3, 3, 0, 4, 2, 0, 0, 0})
	f.Fuzz(func(t *testing.T, data []byte) { clientStepTarget(t, data) })
}

// clientStepTarget is FuzzClientStep's body.
func clientStepTarget(t *testing.T, data []byte) (last Status, established bool) {
	if len(data) < 1 {
		return
	}
	sc, flight := data[0], data[1:]
	fx := loadFuzzFixtures(t)
	var cert *Certificate
	if sc&0x10 != 0 {
		cert = fx.client
	}
	flags := uint32(FlagManualCredValidation)
	if sc&0x20 != 0 {
		flags = 0
	}
	before := driverGoroutines()
	cli := &fuzzParty{ctx: NewClientContext(fuzzClientCred(t, sc, flags, cert), "localhost"), seed: fuzzClientSeed,
		base: StepInput{OutputLimit: -1, HasALPN: true, ALPN: []string{"h2", "http/1.1"}}, smallOut: sc&0x40 != 0}
	cli.ctx.drv.coro = len(data)%2 == 1 // odd lengths: a thread-affine context (coroutine)
	if sc&0x20 != 0 {
		cli.base.ContextReq |= IscReqExtendedError
	}
	defer fuzzCloseAll(t, before, cli.ctx)
	in := cli.base
	in.InputNull = true
	r := cli.step(t, in)
	if r.Status != StatusContinueNeeded || len(r.Output) == 0 {
		t.Fatalf("first ISC call: %v with %d bytes", r.Status, len(r.Output))
	}
	var rng *mrand.Rand
	if sc&0x80 == 0 {
		rng = fuzzSplitRNG(data)
	}
	fr := cli.feed(t, flight, rng)
	established = cli.ctx.Established()
	fuzzAfterHandshake(t, cli.ctx, fr)
	return fr.last.Status, established
}

// ---------------------------------------------------------------------------
// FuzzDecrypt

// FuzzDecrypt: after a (deterministic) established handshake, data[1:] goes
// to DecryptMessage record after record. data[0]:
//
//	bit 0 TLS 1.3 (else 1.2)   bit 1 the client decrypts (else the server)
//	bit 2 SCH_CRED_LINUX_RENEGOTIATE_ON_TICKET on the client credential
func FuzzDecrypt(f *testing.F) {
	f.Add([]byte{0, 23, 3, 3, 0, 1, 0})
	f.Fuzz(func(t *testing.T, data []byte) { decryptTarget(t, data) })
}

// decryptTarget is FuzzDecrypt's body; it returns the statuses seen.
func decryptTarget(t *testing.T, data []byte) []Status {
	if len(data) < 1 {
		return nil
	}
	sc, wire := data[0], data[1:]
	before := driverGoroutines()
	tr := runFuzzHandshake(t, decryptScenario(sc))
	defer fuzzCloseAll(t, before, tr.client.ctx, tr.server.ctx)
	ctx := tr.server.ctx
	if sc&2 != 0 {
		ctx = tr.client.ctx
	}
	return fuzzDecryptAll(t, ctx, wire)
}

func decryptScenario(sc byte) fuzzScenario {
	return fuzzScenario{prot: sc & 1, renegOnTicket: sc&4 != 0}
}

// fuzzDecryptAll feeds wire to ctx.Decrypt the way DecryptMessage callers do,
// checking every result, then checks EncryptMessage still behaves.
func fuzzDecryptAll(t *testing.T, ctx *Context, wire []byte) (seen []Status) {
	failed := false
	for i := 0; len(wire) > 0 && i < 256; i++ {
		buf := append([]byte(nil), wire...)
		r := ctx.Decrypt(buf)
		seen = append(seen, r.Status)
		if r.Status == StatusInternalError || !fuzzDecryptStatuses[r.Status] {
			t.Fatalf("Decrypt returned %v (0x%08X), not a documented status", r.Status, uint32(r.Status))
		}
		switch r.Status {
		case StatusOK, StatusRenegotiate, StatusContextExpiredInfo:
			if r.HeaderLen < 0 || r.DataLen < 0 || r.HeaderLen+r.DataLen > r.RecordLen || r.RecordLen > len(buf) || r.RecordLen < recordHeaderLen {
				t.Fatalf("%v with header %d + data %d, record %d, buffer %d", r.Status, r.HeaderLen, r.DataLen, r.RecordLen, len(buf))
			}
			if r.Missing != 0 {
				t.Fatalf("%v with Missing %d", r.Status, r.Missing)
			}
			// Every protected record ends with at least the AEAD tag: a
			// record too short for one was not decrypted at all.
			if trailer := r.RecordLen - r.HeaderLen - r.DataLen; trailer < 16 {
				t.Fatalf("%v for a %d-byte record with a %d-byte trailer: the record was not authenticated", r.Status, r.RecordLen, trailer)
			}
		case StatusIncompleteMessage:
			if r.Missing <= 0 || r.RecordLen != 0 {
				t.Fatalf("incomplete with Missing %d, RecordLen %d", r.Missing, r.RecordLen)
			}
			return
		default:
			if r.RecordLen != 0 || r.DataLen != 0 {
				t.Fatalf("%v with record %d, data %d", r.Status, r.RecordLen, r.DataLen)
			}
			failed = r.Status != StatusContextExpired || failed
		}
		if r.Status == StatusContextExpiredInfo {
			// The peer closed: nothing more decrypts.
			if r2 := ctx.Decrypt(append([]byte(nil), wire[r.RecordLen:]...)); r2.Status != StatusContextExpired {
				t.Fatalf("Decrypt after close_notify: %v", r2.Status)
			}
			return
		}
		if r.Status == StatusRenegotiate {
			// The ISC/ASC call the caller makes next, with the rest as input.
			in := StepInput{Token: wire[r.RecordLen:], HasExtraSlot: true, OutputLimit: -1, InputNull: len(wire) == r.RecordLen}
			sr := ctx.Step(in)
			fuzzCheckStep(t, in, sr)
			if sr.Status != StatusOK || sr.Consumed != 0 {
				t.Fatalf("ISC/ASC after SEC_I_RENEGOTIATE: %v, consumed %d", sr.Status, sr.Consumed)
			}
		}
		if r.RecordLen == 0 {
			break
		}
		wire = wire[r.RecordLen:]
	}
	sz, ok := ctx.StreamSizes()
	if !ok {
		t.Fatalf("no stream sizes on an established context")
	}
	msg := []byte("after the fuzzed records")
	buf := make([]byte, int(sz.Header)+len(msg)+int(sz.Trailer))
	copy(buf[sz.Header:], msg)
	h, tl, st := ctx.Encrypt(buf[:sz.Header], buf[sz.Header:int(sz.Header)+len(msg)], buf[int(sz.Header)+len(msg):])
	switch {
	case st == StatusOK && !failed:
		if h != int(sz.Header) || tl > int(sz.Trailer) {
			t.Fatalf("Encrypt wrote header %d, trailer %d for sizes %+v", h, tl, sz)
		}
	case st == StatusContextExpired:
	default:
		t.Fatalf("Encrypt after the fuzzed records: %v (failed %v)", st, failed)
	}
	return seen
}

// ---------------------------------------------------------------------------
// FuzzApplicationProtocols

func FuzzApplicationProtocols(f *testing.F) {
	f.Add(BuildApplicationProtocols([]string{"h2", "http/1.1"}))
	f.Add([]byte{0, 0, 0, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		protos, st := ParseApplicationProtocols(data)
		switch st {
		case StatusInvalidParameter:
			if protos != nil {
				t.Fatalf("error with a list")
			}
			return
		case StatusOK:
		default:
			t.Fatalf("ParseApplicationProtocols: %v", st)
		}
		for _, p := range protos {
			if len(p) == 0 || len(p) > 255 {
				t.Fatalf("protocol name of %d bytes", len(p))
			}
		}
		back, st := ParseApplicationProtocols(BuildApplicationProtocols(protos))
		if st != StatusOK || len(back) != len(protos) {
			t.Fatalf("Build(Parse(x)) parses as %v, %d names; want %d", st, len(back), len(protos))
		}
		for i := range back {
			if back[i] != protos[i] {
				t.Fatalf("name %d: %q, want %q", i, back[i], protos[i])
			}
		}
	})
}

// ---------------------------------------------------------------------------
// FuzzImportPFX and FuzzLoadPEM

func FuzzImportPFX(f *testing.F) {
	f.Add([]byte{0x30, 0x03, 0x02, 0x01, 0x03}, "pass", true)
	f.Fuzz(func(t *testing.T, data []byte, password string, given bool) {
		certs, err := ImportPFX(data, password, given)
		if err != nil {
			if !errors.Is(err, ErrPFXData) && !errors.Is(err, ErrPFXPassword) {
				t.Fatalf("undocumented error %v", err)
			}
			if certs != nil {
				t.Fatalf("certificates with an error")
			}
			return
		}
		for _, c := range certs {
			if c == nil || c.X509 == nil || len(c.Raw) == 0 {
				t.Fatalf("empty certificate in the result")
			}
			if c.Key != nil && !certKeyMatches(c.Key, c.X509) {
				t.Fatalf("key attached to a certificate it does not match")
			}
		}
		if !IsPFX(data) {
			t.Fatalf("imported data that IsPFX rejects")
		}
	})
}

var fuzzPEMErrors = []error{ErrPEMCertificate, ErrPEMNoKey, ErrPEMKey, ErrPEMPassword, ErrKeyMismatch}

func FuzzLoadPEM(f *testing.F) {
	f.Add([]byte("-----BEGIN CERTIFICATE-----\nMAA=\n-----END CERTIFICATE-----\n"), []byte(nil), "")
	f.Fuzz(func(t *testing.T, chain, key []byte, password string) {
		certs, err := LoadPEM(chain, key, password)
		if err != nil {
			for _, e := range fuzzPEMErrors {
				if errors.Is(err, e) {
					return
				}
			}
			t.Fatalf("undocumented error %v", err)
		}
		if len(certs) == 0 || certs[0].Key == nil || !certKeyMatches(certs[0].Key, certs[0].X509) {
			t.Fatalf("success without a leaf that has its key")
		}
	})
}

// ---------------------------------------------------------------------------
// FuzzCredentialConfig

// fuzzCredReader hands out fields of a fuzz input, zero once exhausted.
type fuzzCredReader struct{ b []byte }

func (r *fuzzCredReader) u8() byte {
	if len(r.b) == 0 {
		return 0
	}
	v := r.b[0]
	r.b = r.b[1:]
	return v
}

func (r *fuzzCredReader) u32() uint32 {
	var v [4]byte
	for i := range v {
		v[i] = r.u8()
	}
	return binary.LittleEndian.Uint32(v[:])
}

var fuzzCNGNames = []string{"AES", "CHACHA20_POLY1305", "RSA", "ECDH", "ECDSA", "SHA256", "", "aes"}
var fuzzAlgIDs = []uint32{calgAES128, calgAES256, calgAES, calgECDHEphem, calgECDH, calgRSASign, calgECDSA,
	calgSHA256, calgSHA384, calgRSAKeyx, calgDHEphem, calgSHA1, calgTLS1PRF, calgNullCipher}

// fuzzDecodeCredConfig turns fuzz bytes into (use, config); a nil config is
// pAuthData == NULL.
func fuzzDecodeCredConfig(t *testing.T, data []byte) (uint32, *CredentialConfig) {
	r := &fuzzCredReader{data}
	use := r.u32()
	head := r.u8()
	if head&0x80 != 0 {
		return use, nil
	}
	cfg := &CredentialConfig{}
	switch head & 3 {
	case 0:
		cfg.Version = 3
	case 1:
		cfg.Version = 4
	case 2:
		cfg.Version = 5
	default:
		cfg.Version = r.u32()
	}
	cfg.Flags = r.u32()
	cfg.EnabledProtocols = r.u32()
	if head&4 != 0 {
		cfg.MinCipherStrength = r.u32()
		cfg.MaxCipherStrength = r.u32()
	}
	cfg.SessionLifespanMs = r.u32()
	for n := int(r.u8() % 6); n > 0; n-- {
		a := r.u8()
		if a&0x80 != 0 {
			cfg.SupportedAlgs = append(cfg.SupportedAlgs, r.u32())
		} else {
			cfg.SupportedAlgs = append(cfg.SupportedAlgs, fuzzAlgIDs[int(a)%len(fuzzAlgIDs)])
		}
	}
	for n := int(r.u8() % 4); n > 0; n-- {
		p := TLSParameters{DisabledProtocols: r.u32(), Flags: uint32(r.u8())}
		for m := int(r.u8() % 3); m > 0; m-- {
			p.ALPNIDs = append(p.ALPNIDs, fuzzCNGNames[int(r.u8())%len(fuzzCNGNames)])
		}
		for m := int(r.u8() % 4); m > 0; m-- {
			p.DisabledCrypto = append(p.DisabledCrypto, CryptoSetting{
				Usage:     uint32(r.u8() % 6),
				Algorithm: fuzzCNGNames[int(r.u8())%len(fuzzCNGNames)],
				MinBits:   uint32(r.u8()) * 2,
				MaxBits:   uint32(r.u8()) * 2,
			})
		}
		cfg.TLSParams = append(cfg.TLSParams, p)
	}
	fx := loadFuzzFixtures(t)
	for n := int(r.u8() % 4); n > 0; n-- {
		switch r.u8() % 6 {
		case 0:
			cfg.Certs = append(cfg.Certs, CertInput{Cert: fx.ecdsa})
		case 1:
			cfg.Certs = append(cfg.Certs, CertInput{Cert: fx.rsa})
		case 2:
			noKey := *fx.ecdsa
			noKey.Key = nil
			cfg.Certs = append(cfg.Certs, CertInput{Cert: &noKey})
		case 3:
			wrongKey := *fx.ecdsa
			wrongKey.Key = fx.client.Key
			cfg.Certs = append(cfg.Certs, CertInput{Cert: &wrongKey})
		case 4:
			cfg.Certs = append(cfg.Certs, CertInput{Bogus: true})
		case 5:
			cfg.Certs = append(cfg.Certs, CertInput{Cert: fx.client, Pool: []*Certificate{fx.ecdsa, fx.rsa}})
		}
	}
	if head&8 != 0 {
		cfg.RootStore = []*Certificate{fx.client}
	}
	return use, cfg
}

func FuzzCredentialConfig(f *testing.F) {
	f.Add([]byte{1, 0, 0, 0, 2})
	f.Add([]byte{2, 0, 0, 0, 0x80})
	f.Fuzz(func(t *testing.T, data []byte) {
		use, cfg := fuzzDecodeCredConfig(t, data)
		cr, st := NewCredentials(use, cfg)
		switch st {
		case StatusNoCredentials, StatusUnknownCredentials, StatusAlgorithmMismatch, StatusInvalidParameter:
			if cr != nil {
				t.Fatalf("credential with %v", st)
			}
			return
		case StatusOK:
		default:
			t.Fatalf("NewCredentials: %v (0x%08X), not a documented status", st, uint32(st))
		}
		if cr == nil || cr.MinVer == 0 || cr.MinVer > cr.MaxVer || cr.Protocols == 0 {
			t.Fatalf("credential with versions %#x..%#x, protocols %#x", cr.MinVer, cr.MaxVer, cr.Protocols)
		}
		for _, s := range cr.Suites12 {
			if info := suiteInfo(s); info.ID != s || info.CertType == "" {
				t.Fatalf("TLS 1.2 suite %#x is not one of the strong suites", s)
			}
		}
		if cr.MinVer < 0x0304 && len(cr.Suites12) == 0 {
			t.Fatalf("TLS 1.2 enabled without a suite")
		}
		cr.SupportedAlgs()
		cr.CipherStrengths()
		cr.ServerName()
		for _, server := range []bool{false, true} {
			if cfg := cr.baseConfig(server); cfg.MinVersion > cfg.MaxVersion {
				t.Fatalf("tls.Config with MinVersion %#x > MaxVersion %#x", cfg.MinVersion, cfg.MaxVersion)
			}
		}
	})
}

// ---------------------------------------------------------------------------
// Seed corpus generator: go generate ./engine (or go test -run
// TestFuzzSeedCorpus ./engine -fuzzgen). Writes testdata/fuzz/<Target>/seed-*
// in the `go test fuzz v1` format; files not named seed-* (crashers the
// fuzzer saved) are kept.

type fuzzSeedWriter struct {
	t     *testing.T
	dirs  map[string]bool
	count map[string]int
}

func (w *fuzzSeedWriter) add(target, name string, vals ...any) {
	dir := filepath.Join("testdata", "fuzz", target)
	if !w.dirs[dir] {
		require.NoError(w.t, os.MkdirAll(dir, 0o755))
		old, _ := filepath.Glob(filepath.Join(dir, "seed-*"))
		for _, o := range old {
			require.NoError(w.t, os.Remove(o))
		}
		w.dirs[dir] = true
	}
	var b strings.Builder
	b.WriteString("go test fuzz v1\n")
	for _, v := range vals {
		switch v := v.(type) {
		case []byte:
			fmt.Fprintf(&b, "[]byte(%q)\n", v)
		case string:
			fmt.Fprintf(&b, "string(%q)\n", v)
		case bool:
			fmt.Fprintf(&b, "bool(%v)\n", v)
		default:
			w.t.Fatalf("seed value of type %T", v)
		}
	}
	require.NoError(w.t, os.WriteFile(filepath.Join(dir, "seed-"+name), []byte(b.String()), 0o644))
	w.count[target]++
}

func fuzzCat(parts ...[]byte) []byte {
	var out []byte
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

func TestFuzzSeedCorpus(t *testing.T) {
	if !*fuzzGen {
		t.Skip("regenerates testdata/fuzz; run with -fuzzgen")
	}
	w := &fuzzSeedWriter{t: t, dirs: map[string]bool{}, count: map[string]int{}}
	fx := loadFuzzFixtures(t)

	// FuzzRecordFraming: real flights and their fragments.
	tr13 := runFuzzHandshake(t, fuzzScenario{prot: 1})
	tr12 := runFuzzHandshake(t, fuzzScenario{prot: 0})
	w.add("FuzzRecordFraming", "clienthello-tls13", tr13.clientFlights[0])
	w.add("FuzzRecordFraming", "server-flight-tls12", tr12.serverFlights[0])
	w.add("FuzzRecordFraming", "server-flight-tls13-partial", tr13.serverFlights[0][:len(tr13.serverFlights[0])-7])
	w.add("FuzzRecordFraming", "header-only", []byte{23, 3, 3, 0x40, 0x00})
	w.add("FuzzRecordFraming", "oversized", []byte{22, 3, 1, 0xff, 0xff, 1, 2, 3})
	w.add("FuzzRecordFraming", "sslv2", []byte{0x80, 0x2e, 0x01, 0x03, 0x01, 0x00, 0x15})
	w.add("FuzzRecordFraming", "two-records-and-garbage", fuzzCat(tr12.clientFlights[1], []byte("\x16\x03")))
	tr13.client.ctx.Close()
	tr13.server.ctx.Close()
	tr12.client.ctx.Close()
	tr12.server.ctx.Close()

	// FuzzServerStep: the complete client side of recorded handshakes, plus
	// client-sealed records and a close_notify after the handshake.
	for _, s := range []struct {
		name string
		sc   byte
		hs   fuzzScenario
	}{
		{"tls12-ecdsa", 0x80, fuzzScenario{prot: 0}},
		{"tls13-ecdsa", 0x81, fuzzScenario{prot: 1}},
		{"both-ecdsa-split", 0x02, fuzzScenario{prot: 2}},
		{"tls12-rsa-alpn", 0x94, fuzzScenario{prot: 0, rsa: true, serverALPN: true, clientALPN: true}},
		{"tls13-rsa-alpn-split", 0x15, fuzzScenario{prot: 1, rsa: true, serverALPN: true, clientALPN: true}},
		{"tls12-mutual", 0x88, fuzzScenario{prot: 0, mutual: true, clientCert: true}},
		{"tls13-mutual-split", 0x09, fuzzScenario{prot: 1, mutual: true, clientCert: true}},
		{"tls13-mutual-nocert", 0x89, fuzzScenario{prot: 1, mutual: true}},
		{"tls12-smallout-exterr", 0xe0, fuzzScenario{prot: 0}},
		{"tls13-rsa-smallout", 0xc5, fuzzScenario{prot: 1, rsa: true}},
		{"server-alpn-client-none-exterr", 0xb1, fuzzScenario{prot: 1, serverALPN: true}},
	} {
		tr := runFuzzHandshake(t, s.hs)
		var tail []byte
		if tr.server.ctx.Established() {
			tail = fuzzCat(fuzzSeal(t, tr.client.ctx, []byte("GET / HTTP/1.1\r\n\r\n")), fuzzCloseNotify(t, tr.client.ctx))
		}
		w.add("FuzzServerStep", s.name, fuzzCat([]byte{s.sc}, tr.toServer, tail))
		if s.name == "tls13-ecdsa" {
			w.add("FuzzServerStep", "clienthello-only", fuzzCat([]byte{s.sc}, tr.clientFlights[0]))
			w.add("FuzzServerStep", "clienthello-truncated", fuzzCat([]byte{s.sc}, tr.clientFlights[0][:100]))
		}
		tr.client.ctx.Close()
		tr.server.ctx.Close()
	}
	w.add("FuzzServerStep", "http", fuzzCat([]byte{0xa0}, []byte("GET / HTTP/1.1\r\nHost: x\r\n\r\n")))
	w.add("FuzzServerStep", "oversized", []byte{0xa0, 22, 3, 1, 0xff, 0xff, 1})

	// FuzzClientStep: everything the server sent after the ClientHello.
	for _, s := range []struct {
		name string
		sc   byte
		hs   fuzzScenario
	}{
		{"tls12-ecdsa", 0x80, fuzzScenario{prot: 0, clientALPN: true}},
		{"tls13-ecdsa", 0x81, fuzzScenario{prot: 1, clientALPN: true}},
		{"both-ecdsa-split", 0x02, fuzzScenario{prot: 2, clientALPN: true}},
		{"tls12-rsa-alpn", 0x84, fuzzScenario{prot: 0, rsa: true, clientALPN: true, serverALPN: true}},
		{"tls13-rsa-split", 0x05, fuzzScenario{prot: 1, rsa: true, clientALPN: true}},
		{"tls12-mutual-cert", 0x98, fuzzScenario{prot: 0, mutual: true, clientCert: true, clientALPN: true}},
		{"tls13-mutual-cert", 0x99, fuzzScenario{prot: 1, mutual: true, clientCert: true, clientALPN: true}},
		{"tls12-mutual-nocert", 0x88, fuzzScenario{prot: 0, mutual: true, clientALPN: true}},
		{"tls13-mutual-nocert-split", 0x09, fuzzScenario{prot: 1, mutual: true, clientALPN: true}},
		{"autovalidate-tls13", 0xa1, fuzzScenario{prot: 1, clientALPN: true}},
		{"tls12-smallout", 0xc0, fuzzScenario{prot: 0, clientALPN: true}},
	} {
		tr := runFuzzHandshake(t, s.hs)
		w.add("FuzzClientStep", s.name, fuzzCat([]byte{s.sc}, tr.toClient))
		if s.name == "tls13-ecdsa" {
			w.add("FuzzClientStep", "serverhello-only", fuzzCat([]byte{s.sc}, tr.toClient[:recordLen(tr.toClient)]))
		}
		tr.client.ctx.Close()
		tr.server.ctx.Close()
	}
	w.add("FuzzClientStep", "alert", []byte{0x80, 21, 3, 3, 0, 2, 2, 40})
	w.add("FuzzClientStep", "garbage", []byte{0x81, 0xfa, 0xfa, 0xfa, 0xfa, 0xfa, 0xfa})

	// FuzzDecrypt: records sealed by the peer of a recorded handshake
	// (each seed from a fresh, identical handshake, so sequence numbers
	// start where the target's do).
	decryptSeed := func(name string, sc byte, build func(sender *Context) []byte) {
		tr := runFuzzHandshake(t, decryptScenario(sc))
		sender, pre := tr.client.ctx, []byte(nil)
		if sc&2 != 0 {
			sender, pre = tr.server.ctx, tr.afterClientDone // TLS 1.3 tickets first
		}
		w.add("FuzzDecrypt", name, fuzzCat([]byte{sc}, pre, build(sender)))
		tr.client.ctx.Close()
		tr.server.ctx.Close()
	}
	for _, sc := range []byte{0, 1, 2, 3, 7} {
		decryptSeed(fmt.Sprintf("scenario%d-records", sc), sc, func(s *Context) []byte {
			return fuzzCat(fuzzSeal(t, s, []byte("hello")), fuzzSeal(t, s, []byte{0}),
				fuzzSeal(t, s, bytes.Repeat([]byte("0123456789abcdef"), 64)), fuzzCloseNotify(t, s))
		})
	}
	decryptSeed("scenario1-max-record", 1, func(s *Context) []byte { return fuzzSeal(t, s, make([]byte, 16384)) })
	decryptSeed("scenario0-tampered", 0, func(s *Context) []byte {
		rec := fuzzSeal(t, s, []byte("tampered"))
		rec[len(rec)-1] ^= 1
		return rec
	})
	decryptSeed("scenario3-split-record", 3, func(s *Context) []byte {
		rec := fuzzSeal(t, s, []byte("split"))
		return rec[:len(rec)-3]
	})
	w.add("FuzzDecrypt", "plaintext-alert", []byte{0, 21, 3, 3, 0, 2, 2, 40})
	w.add("FuzzDecrypt", "garbage", []byte{1, 0xfa, 0xfa, 0xfa, 0xfa, 0xfa})

	// FuzzApplicationProtocols.
	w.add("FuzzApplicationProtocols", "h2-http11", BuildApplicationProtocols([]string{"h2", "http/1.1"}))
	w.add("FuzzApplicationProtocols", "one", BuildApplicationProtocols([]string{"imap"}))
	npn := []byte{0x0a, 0, 0, 0, 1, 0, 0, 0, 4, 0, 3, 'f', 'o', 'o'}
	w.add("FuzzApplicationProtocols", "npn-then-alpn", fuzzCat([]byte{0x17, 0, 0, 0}, npn[4:], BuildApplicationProtocols([]string{"h2"})[4:]))
	w.add("FuzzApplicationProtocols", "zero-length-name", []byte{7, 0, 0, 0, 2, 0, 0, 0, 1, 0, 0})
	w.add("FuzzApplicationProtocols", "empty", []byte{0, 0, 0, 0})

	// FuzzImportPFX: files of every encoder, with few iterations so the
	// fuzzer spends its time in the parser.
	chainCA := fx.client.X509
	for _, e := range []struct {
		name string
		enc  *pkcs12.Encoder
	}{{"modern2023", pkcs12.Modern2023}, {"modern2026", pkcs12.Modern2026}, {"legacydes", pkcs12.LegacyDES},
		{"legacyrc2", pkcs12.LegacyRC2}, {"passwordless", pkcs12.Passwordless}} {
		enc := e.enc.WithIterations(2)
		pw := "pass"
		if e.name == "passwordless" {
			enc, pw = e.enc, ""
		}
		der, err := enc.Encode(fx.ecdsa.Key, fx.ecdsa.X509, []*x509.Certificate{chainCA}, pw)
		require.NoError(t, err, e.name)
		w.add("FuzzImportPFX", e.name, der, pw, pw != "")
		if e.name == "legacydes" {
			w.add("FuzzImportPFX", e.name+"-wrong-password", der, "wrong", true)
		}
	}
	ts, err := pkcs12.LegacyDES.WithIterations(2).EncodeTrustStore([]*x509.Certificate{fx.ecdsa.X509, fx.rsa.X509}, "pass")
	require.NoError(t, err)
	w.add("FuzzImportPFX", "truststore", ts, "pass", true)
	w.add("FuzzImportPFX", "not-der", []byte("not a pfx"), "", false)

	// FuzzLoadPEM.
	ecP8, err := x509.MarshalPKCS8PrivateKey(fx.ecdsa.Key)
	require.NoError(t, err)
	ecSEC1, err := x509.MarshalECPrivateKey(fx.ecdsa.Key.(*ecdsa.PrivateKey))
	require.NoError(t, err)
	rsaP1 := x509.MarshalPKCS1PrivateKey(fx.rsa.Key.(*rsa.PrivateKey))
	_, edKey, err := ed25519.GenerateKey(rand.Reader)
	require.NoError(t, err)
	edCert := fuzzFixedCert(t, edKey, "ed25519")
	edP8, err := x509.MarshalPKCS8PrivateKey(edKey)
	require.NoError(t, err)
	ecCert, rsaCert := pemOf("CERTIFICATE", fx.ecdsa.Raw), pemOf("CERTIFICATE", fx.rsa.Raw)
	w.add("FuzzLoadPEM", "ec-pkcs8", ecCert, pemOf("PRIVATE KEY", ecP8), "")
	w.add("FuzzLoadPEM", "ec-sec1-in-chain", fuzzCat(ecCert, pemOf("CERTIFICATE", fx.client.Raw), pemOf("EC PRIVATE KEY", ecSEC1)), []byte(nil), "")
	w.add("FuzzLoadPEM", "rsa-pkcs1", rsaCert, pemOf("RSA PRIVATE KEY", rsaP1), "")
	w.add("FuzzLoadPEM", "ed25519", pemOf("CERTIFICATE", edCert.Raw), pemOf("PRIVATE KEY", edP8), "")
	w.add("FuzzLoadPEM", "ec-pbes2", ecCert, pemOf("ENCRYPTED PRIVATE KEY", encryptPKCS8PBES2(t, ecP8, "secret")), "secret")
	w.add("FuzzLoadPEM", "ec-pkcs12pbe", ecCert, pemOf("ENCRYPTED PRIVATE KEY", encryptPKCS8PKCS12(t, ecP8, "secret")), "secret")
	//lint:ignore SA1019 legacy OpenSSL key encryption is a supported input
	legacy, err := x509.EncryptPEMBlock(rand.Reader, "RSA PRIVATE KEY", rsaP1, []byte("secret"), x509.PEMCipherAES128) //nolint:staticcheck
	require.NoError(t, err)
	w.add("FuzzLoadPEM", "rsa-legacy-encrypted", rsaCert, pem.EncodeToMemory(legacy), "secret")
	w.add("FuzzLoadPEM", "mismatch", rsaCert, pemOf("PRIVATE KEY", ecP8), "")
	w.add("FuzzLoadPEM", "no-key", ecCert, []byte(nil), "")

	// FuzzCredentialConfig: encoded configurations (see fuzzDecodeCredConfig).
	le := func(v uint32) []byte { return binary.LittleEndian.AppendUint32(nil, v) }
	w.add("FuzzCredentialConfig", "server-schannel-cred", fuzzCat(le(CredInbound), []byte{0}, le(0), le(0), le(0), []byte{0, 0, 1, 0}))
	w.add("FuzzCredentialConfig", "client-sch-credentials", fuzzCat(le(CredOutbound), []byte{2}, le(FlagManualCredValidation), le(0), le(0),
		[]byte{0, 1}, le(^uint32(protTLS13Client)), []byte{0, 0, 1, 2, 0, 0, 0}))
	w.add("FuzzCredentialConfig", "strengths-and-algs", fuzzCat(le(CredInbound), []byte{5}, le(0), le(protTLS12Server), le(256), le(256), le(0),
		[]byte{2, 1, 0x80}, le(calgAES128), []byte{0, 1, 0}))
	w.add("FuzzCredentialConfig", "disabled-crypto", fuzzCat(le(CredBoth), []byte{2}, le(0), le(0), le(0),
		[]byte{0, 1}, le(0), []byte{0, 0, 2, 2, 0, 0, 0, 2, 1, 0, 0, 1, 5}))
	w.add("FuzzCredentialConfig", "no-authdata-inbound", fuzzCat(le(CredInbound), []byte{0x80}))
	w.add("FuzzCredentialConfig", "bad-version", fuzzCat(le(CredOutbound), []byte{3}, le(6)))
	w.add("FuzzCredentialConfig", "bogus-and-keyless", fuzzCat(le(CredInbound), []byte{0}, le(0), le(0), le(0), []byte{0, 0, 3, 2, 4, 3}))

	for target, n := range w.count {
		t.Logf("%s: %d seeds", target, n)
	}
}

// TestFuzzSeedsComplete checks that the recorded seeds still replay as
// complete handshakes (the deterministic-random design above works): a
// seed that stopped reaching SEC_E_OK would leave the fuzzer at the first
// message. If a Go release changes how crypto/tls draws randomness this
// fails: regenerate the seeds with `go generate ./engine`.
func TestFuzzSeedsComplete(t *testing.T) {
	for _, tc := range []struct {
		target string
		run    func(*testing.T, []byte) (Status, bool)
	}{{"FuzzServerStep", serverStepTarget}, {"FuzzClientStep", clientStepTarget}} {
		files, _ := filepath.Glob(filepath.Join("testdata", "fuzz", tc.target, "seed-tls*"))
		require.NotEmpty(t, files, tc.target)
		for _, file := range files {
			data := readFuzzSeed(t, file)
			t.Run(tc.target+"/"+filepath.Base(file), func(t *testing.T) {
				st, est := tc.run(t, data)
				require.True(t, est, "ended with %v before completing", st)
			})
		}
	}
	files, _ := filepath.Glob(filepath.Join("testdata", "fuzz", "FuzzDecrypt", "seed-scenario*-records"))
	require.NotEmpty(t, files)
	for _, file := range files {
		data := readFuzzSeed(t, file)
		t.Run("FuzzDecrypt/"+filepath.Base(file), func(t *testing.T) {
			seen := decryptTarget(t, data)
			require.NotEmpty(t, seen)
			require.Equal(t, StatusContextExpiredInfo, seen[len(seen)-1], "statuses %v", seen)
		})
	}
}

// readFuzzSeed reads the single []byte value of a corpus file.
func readFuzzSeed(t *testing.T, file string) []byte {
	raw, err := os.ReadFile(file)
	require.NoError(t, err)
	lines := strings.Split(strings.TrimSpace(string(raw)), "\n")
	require.Len(t, lines, 2, file)
	require.Equal(t, "go test fuzz v1", lines[0])
	lit := strings.TrimSuffix(strings.TrimPrefix(lines[1], "[]byte("), ")")
	s, err := strconv.Unquote(lit)
	require.NoError(t, err, file)
	return []byte(s)
}
