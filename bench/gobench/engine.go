package main

import (
	"crypto"
	"crypto/tls"
	"fmt"
	"runtime"
	"time"

	"secur32/engine"
)

// The engine rows drive secur32/engine directly (no cgo, no C ABI): the
// same Context.Step / Encrypt / Decrypt calls capi makes, with the same
// credentials as sspi_bench.c. Comparing them with the "ours" rows (C ABI)
// separates the cost of the cgo boundary from that of the engine, and
// comparing them with the "go" rows shows the engine's cost over plain
// crypto/tls.

// SP_PROT_* bits (schannel.h).
const (
	protTLS12 = 0x400 | 0x800
	protTLS13 = 0x1000 | 0x2000
)

func engineCert(certDir, base string) *engine.Certificate {
	tc := loadCert(certDir, base)
	c, err := engine.ParseCertificate(tc.Certificate[0])
	if err != nil {
		panic(err)
	}
	c.Key = tc.PrivateKey.(crypto.Signer)
	return c
}

type cipherLimit int

const (
	cipherAny cipherLimit = iota
	cipherAES256Only
	cipherChaChaOnly
)

// engineCreds mirrors acquire() in sspi_bench.c.
func engineCreds(cert *engine.Certificate, protocols uint32, limit cipherLimit, flags uint32) *engine.Credentials {
	tp := engine.TLSParameters{DisabledProtocols: ^protocols}
	switch limit {
	case cipherAES256Only:
		tp.DisabledCrypto = []engine.CryptoSetting{
			{Usage: 2, Algorithm: "AES", MinBits: 128, MaxBits: 128},
			{Usage: 2, Algorithm: "CHACHA20_POLY1305"},
		}
	case cipherChaChaOnly:
		tp.DisabledCrypto = []engine.CryptoSetting{{Usage: 2, Algorithm: "AES"}}
	}
	cfg := &engine.CredentialConfig{Version: 5, Flags: flags, TLSParams: []engine.TLSParameters{tp}}
	use := uint32(engine.CredOutbound)
	if cert != nil {
		cfg.Certs = []engine.CertInput{{Cert: cert}}
		use = engine.CredInbound
	} else {
		cfg.Flags |= engine.FlagManualCredValidation | engine.FlagNoDefaultCreds
	}
	c, st := engine.NewCredentials(use, cfg)
	if st != engine.StatusOK {
		panic("engine.NewCredentials: " + st.String())
	}
	return c
}

const (
	ascReq = 0x4 | 0x8 | 0x10 | 0x10000 | engine.AscReqAllocateMemory // REPLAY SEQUENCE CONFIDENTIALITY STREAM
	iscReq = 0x4 | 0x8 | 0x10 | 0x8000 | engine.IscReqAllocateMemory | engine.IscReqUseSuppliedCreds
)

// engineHandshake runs one in-memory handshake through engine.Context.Step,
// as sspi_bench.c does through the C ABI: whole tokens, leftover bytes kept
// for the next call. With meter, the process CPU of every server Step (and
// of the server's Close when the context is not kept) is added to *srvCPU.
// It returns the established contexts; the client has processed the
// post-handshake records when processTickets is set.
func engineHandshake(scred, ccred *engine.Credentials, processTickets, meter bool, srvCPU *float64) (srv, cli *engine.Context) {
	cli = engine.NewClientContext(ccred, "localhost")
	srv = engine.NewServerContext(scred)
	r := cli.Step(engine.StepInput{InputNull: true, ContextReq: iscReq, OutputLimit: -1, Cred: ccred})
	if r.Status != engine.StatusContinueNeeded {
		panic("engine ISC #1: " + r.Status.String())
	}
	toS, toC := r.Output, []byte(nil)
	cdone, sdone := false, false
	for guard := 0; guard < 16; guard++ {
		switch {
		case !sdone && len(toS) > 0:
			var c0 float64
			if meter {
				c0 = cpuNow()
			}
			r = srv.Step(engine.StepInput{Token: toS, HasExtraSlot: true, ContextReq: ascReq, OutputLimit: -1, Cred: scred})
			if meter {
				*srvCPU += cpuNow() - c0
			}
			if r.Status != engine.StatusOK && r.Status != engine.StatusContinueNeeded {
				panic("engine ASC: " + r.Status.String())
			}
			toC = append(toC, r.Output...)
			toS = toS[r.Consumed:]
			sdone = r.Status == engine.StatusOK
		case !cdone && len(toC) > 0:
			r = cli.Step(engine.StepInput{Token: toC, HasExtraSlot: true, ContextReq: iscReq, OutputLimit: -1, Cred: ccred})
			if r.Status != engine.StatusOK && r.Status != engine.StatusContinueNeeded {
				panic("engine ISC: " + r.Status.String())
			}
			toS = append(toS, r.Output...)
			toC = toC[r.Consumed:]
			cdone = r.Status == engine.StatusOK
		default:
			guard = 16
		}
	}
	if !cdone || !sdone {
		panic("engine handshake did not finish")
	}
	for processTickets && len(toC) > 0 {
		d := cli.Decrypt(toC)
		if d.Status != engine.StatusOK {
			panic("engine client Decrypt (ticket): " + d.Status.String())
		}
		toC = toC[d.RecordLen:]
	}
	return srv, cli
}

func engineNegotiated(srv *engine.Context) map[string]any {
	ci, st := srv.CipherInfo()
	if st != engine.StatusOK {
		panic("CipherInfo: " + st.String())
	}
	si, _ := srv.SessionInfo()
	v := "TLS1.2"
	if ci.Protocol == tls.VersionTLS13 {
		v = "TLS1.3"
	}
	return map[string]any{
		"version": v,
		"suite":   ci.CipherSuiteName,
		"group":   tls.CurveID(ci.KeyType).String(),
		"resumed": si.Flags&1 != 0,
	}
}

func benchEngineHandshake(s settings, certDir, name string) map[string]any {
	prot, cert, resume, cflags := uint32(protTLS13), "p256", false, uint32(0)
	switch name {
	case "tls13_ecdsa":
	case "tls13_rsa":
		cert = "rsa"
	case "tls12_ecdsa":
		prot, cflags = protTLS12, engine.FlagDisableReconnects
	case "tls13_resume":
		resume = true
	default:
		panic("unknown case " + name)
	}
	scred := engineCreds(engineCert(certDir, cert), prot, cipherAny, 0)
	ccred := engineCreds(nil, prot, cipherAny, cflags)
	var neg map[string]any
	var sink float64
	until := cpuNow() + s.RoundS // warm-up: one unreported round
	for warm := 0; warm < 3 || cpuNow() < until; warm++ {
		srv, cli := engineHandshake(scred, ccred, resume, false, &sink)
		neg = engineNegotiated(srv)
		srv.Close()
		cli.Close()
		if warm > 0 && neg["resumed"] != resume {
			panic("engine: resumption state not as expected")
		}
	}
	var rounds []hsRound
	for r := 0; r < s.Rounds; r++ {
		var rd hsRound
		w0, c0 := wallNow(), cpuNow()
		for rd.N < 3 || (rd.CPU < s.RoundS && rd.Wall < roundWallCap*s.RoundS) {
			srv, cli := engineHandshake(scred, ccred, resume, true, &rd.ServerCPU)
			if rd.N == 0 {
				neg = engineNegotiated(srv)
				if neg["resumed"] != resume {
					panic("engine: resumption state not as expected")
				}
			}
			sc := cpuNow()
			srv.Close()
			rd.ServerCPU += cpuNow() - sc
			cli.Close()
			rd.N++
			rd.Wall = wallNow() - w0
			rd.CPU = cpuNow() - c0
		}
		rounds = append(rounds, rd)
	}
	m := common("handshake", "engine")
	m["case"] = name
	m["negotiated"] = neg
	m["rounds"] = rounds
	return m
}

func engineEncryptBatch(ctx *engine.Context, wire []byte, k, size int, sz engine.StreamSizes) {
	h, t := int(sz.Header), int(sz.Trailer)
	slot := h + size + t
	for i := 0; i < k; i++ {
		p := wire[i*slot : (i+1)*slot]
		hl, tl, st := ctx.Encrypt(p[:h], p[h:h+size], p[h+size:])
		if st != engine.StatusOK || hl != h || tl != t {
			panic(fmt.Sprintf("engine Encrypt: %v %d %d", st, hl, tl))
		}
	}
}

func engineDecryptBatch(ctx *engine.Context, wire []byte, k, size int) {
	for i := 0; i < k; i++ {
		d := ctx.Decrypt(wire)
		if d.Status != engine.StatusOK || d.DataLen != size {
			panic(fmt.Sprintf("engine Decrypt: %v %d", d.Status, d.DataLen))
		}
		wire = wire[d.RecordLen:]
	}
	if len(wire) != 0 {
		panic("engine Decrypt left bytes")
	}
}

func benchEngineRecords(s settings, certDir string) []map[string]any {
	var out []map[string]any
	limits := []struct {
		name  string
		prot  uint32
		limit cipherLimit
	}{
		{"AES-128-GCM", protTLS13, cipherAny},
		{"AES-256-GCM", protTLS12, cipherAES256Only},
		{"ChaCha20-Poly1305", protTLS12, cipherChaChaOnly},
	}
	cert := engineCert(certDir, "p256")
	for _, l := range limits {
		scred := engineCreds(cert, l.prot, l.limit, 0)
		ccred := engineCreds(nil, l.prot, l.limit, 0)
		var sink float64
		srv, cli := engineHandshake(scred, ccred, true, false, &sink)
		neg := engineNegotiated(srv)
		sz, ok := srv.StreamSizes()
		if !ok {
			panic("StreamSizes")
		}
		for _, size := range recSizes {
			k := recBatch(size, s.Smoke)
			wire := make([]byte, k*(int(sz.Header)+size+int(sz.Trailer)))
			engineEncryptBatch(srv, wire, k, size, sz)
			engineDecryptBatch(cli, wire, k, size)
			var rounds []recRound
			for r := 0; r < s.Rounds; r++ {
				var rd recRound
				w0, c0r := wallNow(), cpuNow()
				for {
					c0 := cpuNow()
					engineEncryptBatch(srv, wire, k, size, sz) // timed: server Encrypt
					rd.EncCPU += cpuNow() - c0
					engineDecryptBatch(cli, wire, k, size)
					engineEncryptBatch(cli, wire, k, size, sz)
					c0 = cpuNow()
					engineDecryptBatch(srv, wire, k, size) // timed: server Decrypt
					rd.DecCPU += cpuNow() - c0
					rd.Calls += k
					if cpuNow()-c0r >= s.RecRoundS || wallNow()-w0 >= roundWallCap*s.RecRoundS {
						break
					}
				}
				rd.Bytes = rd.Calls * size
				rounds = append(rounds, rd)
			}
			m := common("record", "engine")
			m["cipher"] = l.name
			m["size"] = size
			m["negotiated"] = neg
			m["rounds"] = rounds
			out = append(out, m)
		}
		srv.Close()
		cli.Close()
	}
	return out
}

// warmups is the number of handshakes run before a memory measurement.
func warmups(s settings) int {
	if s.Smoke {
		return 20
	}
	return 200
}

// settle waits for goroutines to exit and collects garbage twice.
func settle(target int) {
	for i := 0; i < 100 && runtime.NumGoroutine() > target; i++ {
		time.Sleep(10 * time.Millisecond)
	}
	runtime.GC()
	runtime.GC()
}

// benchEngineMemory measures the live Go heap and the goroutines held by n
// idle, established TLS 1.3 server contexts (client contexts closed).
func benchEngineMemory(s settings, certDir string) map[string]any {
	n := s.MemContexts
	scred := engineCreds(engineCert(certDir, "p256"), protTLS13, cipherAny, 0)
	ccred := engineCreds(nil, protTLS13, cipherAny, 0)
	var sink float64
	for i := 0; i < warmups(s); i++ {
		srv, cli := engineHandshake(scred, ccred, false, false, &sink)
		srv.Close()
		cli.Close()
	}
	g0 := runtime.NumGoroutine()
	settle(g0)
	var m0, m1 runtime.MemStats
	runtime.ReadMemStats(&m0)
	ctxs := make([]*engine.Context, n)
	for i := range ctxs {
		srv, cli := engineHandshake(scred, ccred, false, false, &sink)
		cli.Close()
		ctxs[i] = srv
	}
	g1 := runtime.NumGoroutine()
	settle(g0)
	runtime.ReadMemStats(&m1)
	g2 := runtime.NumGoroutine()
	for _, c := range ctxs {
		c.Close()
	}
	runtime.KeepAlive(ctxs)
	m := common("memory", "engine")
	m["what"] = "idle established TLS 1.3 server engine.Context values, client contexts closed; heap after runtime.GC"
	m["contexts"] = n
	m["heap_alloc_before"] = m0.HeapAlloc
	m["heap_alloc_after"] = m1.HeapAlloc
	m["heap_inuse_before"] = m0.HeapInuse
	m["heap_inuse_after"] = m1.HeapInuse
	m["goroutines_before"] = g0
	m["goroutines_after"] = g1
	m["goroutines_after_settle"] = g2
	return m
}

// benchGoMemory is the same measurement for idle server *tls.Conn values
// of the Go pair (the reference: what crypto/tls itself keeps).
func benchGoMemory(s settings, certDir string) map[string]any {
	n := s.MemContexts
	srvCfg, cliCfg := goConfigs(certDir, goCases["tls13_ecdsa"], "default")
	g := newGoPair(srvCfg, cliCfg, false, false)
	for i := 0; i < warmups(s); i++ {
		g.handshake()
	}
	g0 := runtime.NumGoroutine()
	settle(g0)
	var m0, m1 runtime.MemStats
	runtime.ReadMemStats(&m0)
	conns := make([]*tls.Conn, n)
	for i := range conns {
		// a pipe per connection, emptied, as each conn keeps its own
		g.p = newPipe(true, false)
		srv, _, _ := g.handshake()
		g.p.buf = [2][]byte{}
		conns[i] = srv
	}
	g1 := runtime.NumGoroutine()
	settle(g0)
	runtime.ReadMemStats(&m1)
	runtime.KeepAlive(conns)
	m := common("memory", "go")
	m["what"] = "idle established TLS 1.3 server *tls.Conn values (default groups) with their emptied pipe; heap after runtime.GC"
	m["contexts"] = n
	m["heap_alloc_before"] = m0.HeapAlloc
	m["heap_alloc_after"] = m1.HeapAlloc
	m["heap_inuse_before"] = m0.HeapInuse
	m["heap_inuse_after"] = m1.HeapInuse
	m["goroutines_before"] = g0
	m["goroutines_after"] = g1
	m["goroutines_after_settle"] = runtime.NumGoroutine()
	return m
}
