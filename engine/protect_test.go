package engine

import (
	"bytes"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
)

func established(t *testing.T, prot uint32) *pair {
	cert := ecdsaCert(t)
	p := runHandshake(t, clientCred(t, FlagManualCredValidation, prot, nil), serverCred(t, cert, prot), whole,
		StepInput{OutputLimit: -1}, StepInput{OutputLimit: -1})
	plain, sts := open(t, p.client, p.toClient) // TLS 1.3 tickets: consumed silently
	require.Empty(t, plain)
	for _, st := range sts {
		require.Equal(t, StatusOK, st)
	}
	return p
}

// seal encrypts msg with ctx into one contiguous record.
func seal(t *testing.T, ctx *Context, msg []byte) []byte {
	sz, ok := ctx.StreamSizes()
	require.True(t, ok)
	buf := make([]byte, int(sz.Header)+len(msg)+int(sz.Trailer))
	copy(buf[sz.Header:], msg)
	h, tl, st := ctx.Encrypt(buf[:sz.Header], buf[sz.Header:int(sz.Header)+len(msg)], buf[int(sz.Header)+len(msg):])
	require.Equal(t, StatusOK, st)
	if len(msg) == 0 {
		return nil
	}
	require.Equal(t, int(sz.Header), h)
	return buf[:h+len(msg)+tl]
}

// open decrypts every record in wire and returns the plaintext and the
// statuses seen.
func open(t *testing.T, ctx *Context, wire []byte) ([]byte, []Status) {
	var plain []byte
	var sts []Status
	for len(wire) > 0 {
		r := ctx.Decrypt(wire)
		sts = append(sts, r.Status)
		if r.Status != StatusOK && r.Status != StatusRenegotiate && r.Status != StatusContextExpiredInfo {
			return plain, sts
		}
		plain = append(plain, wire[r.HeaderLen:r.HeaderLen+r.DataLen]...)
		wire = wire[r.RecordLen:]
	}
	return plain, sts
}

func TestRecordRoundTrip(t *testing.T) {
	for _, prot := range []uint32{protTLS12Server | protTLS12Client, protTLS13Server | protTLS13Client} {
		p := established(t, prot)
		// Tickets the server sent after the handshake are consumed silently.
		for _, n := range []int{0, 1, 2, 15, 16, 17, 255, 1024, 4096, 16383, 16384} {
			msg := bytes.Repeat([]byte{byte(n)}, n)
			got, _ := open(t, p.server, seal(t, p.client, msg))
			require.Equal(t, msg, append([]byte{}, got...), "c->s %d", n)
			got, _ = open(t, p.client, seal(t, p.server, msg))
			require.Equal(t, msg, append([]byte{}, got...), "s->c %d", n)
		}
		// Several records in one buffer, one per call.
		wire := append(seal(t, p.client, []byte("one")), seal(t, p.client, []byte("two"))...)
		r := p.server.Decrypt(wire)
		require.Equal(t, StatusOK, r.Status)
		require.Equal(t, "one", string(wire[r.HeaderLen:r.HeaderLen+r.DataLen]))
		require.Less(t, r.RecordLen, len(wire))
		// Partial record.
		rec := seal(t, p.client, []byte("hello"))
		r = p.server.Decrypt(rec[:len(rec)-5])
		require.Equal(t, StatusIncompleteMessage, r.Status)
		require.Equal(t, 5, r.Missing)
		r = p.server.Decrypt(rec[:3])
		require.Equal(t, StatusIncompleteMessage, r.Status)
		require.Equal(t, 2, r.Missing)
		// Oversize message.
		sz, _ := p.client.StreamSizes()
		big := make([]byte, int(sz.Header)+16385+int(sz.Trailer))
		_, _, st := p.client.Encrypt(big[:sz.Header], big[sz.Header:int(sz.Header)+16385], big[int(sz.Header)+16385:])
		require.Equal(t, StatusEncryptFailure, st)
		// Tampered record.
		rec = seal(t, p.client, []byte("secret"))
		rec[len(rec)-3] ^= 1
		r = p.server.Decrypt(rec)
		require.Contains(t, []Status{StatusMessageAltered, StatusDecryptFailure}, r.Status, r.Status.String())
		r = p.server.Decrypt(seal(t, p.client, []byte("after")))
		require.Equal(t, StatusContextExpired, r.Status)
		p.client.Close()
		p.server.Close()
	}
}

func TestCloseNotify(t *testing.T) {
	for _, prot := range []uint32{protTLS12Server | protTLS12Client, protTLS13Server | protTLS13Client} {
		p := established(t, prot)
		require.Equal(t, StatusOK, p.client.ApplyControl([]byte{1, 0, 0, 0}))
		r := p.client.Step(StepInput{InputNull: true, OutputLimit: -1})
		require.Equal(t, StatusOK, r.Status)
		require.NotEmpty(t, r.Output)
		_, sts := open(t, p.server, r.Output)
		require.Equal(t, StatusContextExpiredInfo, sts[len(sts)-1])
		_, _, st := p.client.Encrypt(make([]byte, 13), []byte("x"), make([]byte, 17))
		require.Equal(t, StatusContextExpired, st)
		p.client.Close()
		p.server.Close()
	}
}

func TestControlTokenValidation(t *testing.T) {
	c := NewClientContext(clientCred(t, FlagManualCredValidation, 0, nil), "x")
	require.Equal(t, StatusUnsupportedFunction, c.ApplyControl([]byte{1, 0}))
	require.Equal(t, StatusUnsupportedFunction, c.ApplyControl([]byte{0, 0, 0, 0}))
	require.Equal(t, StatusInvalidToken, c.ApplyControl([]byte{2, 0, 0, 0, 2, 0, 0, 0}))
	require.Equal(t, StatusOK, c.ApplyControl([]byte{1, 0, 0, 0, 0}))
	c.Step(StepInput{InputNull: true, OutputLimit: -1}) // not started: first call gives the close_notify
	require.Equal(t, StatusOK, c.ApplyControl([]byte{2, 0, 0, 0, 2, 0, 0, 0, 42, 0, 0, 0}))
	r := c.Step(StepInput{InputNull: true, OutputLimit: -1})
	require.Equal(t, []byte{0x15, 3, 1, 0, 2, 2, 42}, r.Output)
	c.Close()
}

func TestRenegotiateOnTicketFlag(t *testing.T) {
	prot := uint32(protTLS13Server | protTLS13Client)
	cli := clientCred(t, FlagManualCredValidation|FlagRenegotiateOnTicket, prot, nil)
	p := runHandshake(t, cli, serverCred(t, ecdsaCert(t), prot), whole, StepInput{OutputLimit: -1}, StepInput{OutputLimit: -1})
	require.NotEmpty(t, p.toClient)
	wire := p.toClient
	tickets := 0
	for len(wire) > 0 {
		r := p.client.Decrypt(wire)
		require.Equal(t, StatusRenegotiate, r.Status)
		tickets++
		// Until the ISC call, records are refused.
		_, _, st := p.client.Encrypt(make([]byte, 5), []byte("x"), make([]byte, 17))
		require.Equal(t, StatusContextExpired, st)
		rest := wire[r.RecordLen:]
		res := p.client.Step(StepInput{Token: rest, HasExtraSlot: true, OutputLimit: -1})
		require.Equal(t, StatusOK, res.Status)
		require.Zero(t, res.Consumed, "every byte goes back as EXTRA")
		require.Empty(t, res.Output)
		wire = rest
	}
	require.GreaterOrEqual(t, tickets, 1)
	got, _ := open(t, p.server, seal(t, p.client, []byte("after tickets")))
	require.Equal(t, "after tickets", string(got))
	p.client.Close()
	p.server.Close()
}

func TestKeyLogFile(t *testing.T) {
	path := t.TempDir() + "/keys.log"
	t.Setenv("SSLKEYLOGFILE", path)
	keyLogOnce, keyLog = sync.Once{}, nil
	defer func() { keyLogOnce, keyLog = sync.Once{}, nil }()
	for _, prot := range []uint32{protTLS12Server | protTLS12Client, protTLS13Server | protTLS13Client} {
		p := established(t, prot)
		p.client.Close()
		p.server.Close()
	}
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	log := string(data)
	require.Contains(t, log, "CLIENT_RANDOM ")                   // TLS 1.2
	require.Contains(t, log, "CLIENT_HANDSHAKE_TRAFFIC_SECRET ") // TLS 1.3
	require.Contains(t, log, "SERVER_TRAFFIC_SECRET_0 ")
	for _, line := range strings.Split(strings.TrimSpace(log), "\n") {
		require.Len(t, strings.Fields(line), 3, line)
	}
}
