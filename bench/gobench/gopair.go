package main

import (
	"crypto/tls"
	"fmt"
	"path/filepath"
	"sync"
)

// The Go crypto/tls pair: a client and a server tls.Conn in one process
// over a pipe (pipe.go). The server side is configured as a plain Go
// server would be: one tls.Config shared by every connection.

type goCase struct {
	name    string
	cert    string // "p256" or "rsa"
	version uint16
	suite   uint16 // TLS 1.2 only
	resume  bool
}

var goCases = map[string]goCase{
	"tls13_ecdsa":  {name: "tls13_ecdsa", cert: "p256", version: tls.VersionTLS13},
	"tls13_rsa":    {name: "tls13_rsa", cert: "rsa", version: tls.VersionTLS13},
	"tls12_ecdsa":  {name: "tls12_ecdsa", cert: "p256", version: tls.VersionTLS12, suite: tls.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256},
	"tls13_resume": {name: "tls13_resume", cert: "p256", version: tls.VersionTLS13, resume: true},
}

// noCache is a ClientSessionCache that never returns a session: the client
// offers resumption (psk_dhe_ke), so the server issues its ticket, but
// never resumes — what libsecur32's client does in the full-handshake rows.
type noCache struct{}

func (noCache) Get(string) (*tls.ClientSessionState, bool) { return nil, false }
func (noCache) Put(string, *tls.ClientSessionState)        {}

var certCache sync.Map

func loadCert(certDir, base string) tls.Certificate {
	if c, ok := certCache.Load(base); ok {
		return c.(tls.Certificate)
	}
	c, err := tls.LoadX509KeyPair(filepath.Join(certDir, base+".crt"), filepath.Join(certDir, base+".key"))
	if err != nil {
		panic(err)
	}
	certCache.Store(base, c)
	return c
}

// goConfigs returns the server and client configs of a case. groups is
// "x25519" (pinned: CurvePreferences) or "default" (crypto/tls's default
// list: X25519MLKEM768 first for TLS 1.3, what libsecur32 negotiates).
func goConfigs(certDir string, c goCase, groups string) (srv, cli *tls.Config) {
	srv = &tls.Config{
		Certificates:                []tls.Certificate{loadCert(certDir, c.cert)},
		MinVersion:                  c.version,
		MaxVersion:                  c.version,
		DynamicRecordSizingDisabled: true, // as libsecur32: one Write, one record
	}
	cli = &tls.Config{
		ServerName:                  "localhost",
		InsecureSkipVerify:          true,
		MinVersion:                  c.version,
		MaxVersion:                  c.version,
		DynamicRecordSizingDisabled: true,
	}
	if c.suite != 0 {
		srv.CipherSuites = []uint16{c.suite}
		cli.CipherSuites = []uint16{c.suite}
	}
	if groups == "x25519" {
		curves := []tls.CurveID{tls.X25519}
		if c.version < tls.VersionTLS13 {
			curves = append(curves, tls.CurveP256) // the ECDSA certificate's curve must be listed in TLS 1.2
		}
		srv.CurvePreferences = curves
		cli.CurvePreferences = curves
	}
	switch {
	case c.resume:
		cli.ClientSessionCache = tls.NewLRUClientSessionCache(16)
	case c.version >= tls.VersionTLS13:
		cli.ClientSessionCache = noCache{}
	}
	return srv, cli
}

type goNegotiated struct {
	Version string `json:"version"`
	Suite   string `json:"suite"`
	Group   string `json:"group"`
	Resumed bool   `json:"resumed"`
}

func negotiatedOf(cs tls.ConnectionState) goNegotiated {
	v := "TLS1.2"
	if cs.Version == tls.VersionTLS13 {
		v = "TLS1.3"
	}
	return goNegotiated{Version: v, Suite: tls.CipherSuiteName(cs.CipherSuite), Group: cs.CurveID.String(), Resumed: cs.DidResume}
}

// goPair runs handshakes between fresh client and server conns.
type goPair struct {
	srvCfg, cliCfg *tls.Config
	p              *pipe
	readTicket     bool // client processes the post-handshake ticket
}

func newGoPair(srv, cli *tls.Config, meter, readTicket bool) *goPair {
	return &goPair{srvCfg: srv, cliCfg: cli, p: newPipe(true, meter), readTicket: readTicket}
}

// handshake runs one handshake, the client and the server each on its own
// goroutine taking turns; it returns both conns and the server's CPU time.
func (g *goPair) handshake() (srv, cli *tls.Conn, serverCPU float64) {
	p := g.p
	p.reset()
	cli = tls.Client(end{p, sideClient}, g.cliCfg)
	var wg sync.WaitGroup
	var cerr, serr error
	wg.Add(2)
	go func() {
		defer wg.Done()
		p.waitTurn(sideClient)
		cerr = cli.Handshake()
		p.finish(sideClient)
	}()
	go func() {
		defer wg.Done()
		p.waitTurn(sideServer)
		srv = tls.Server(end{p, sideServer}, g.srvCfg)
		serr = srv.Handshake()
		p.finish(sideServer)
	}()
	wg.Wait()
	p.stopTurns()
	if cerr != nil || serr != nil {
		panic(fmt.Sprintf("go handshake: client %v, server %v", cerr, serr))
	}
	if g.readTicket {
		var b [1]byte
		if _, err := cli.Read(b[:]); err != errWouldBlock {
			panic(fmt.Sprintf("go client ticket read: %v", err))
		}
	}
	return srv, cli, p.srvCPU
}

type hsRound struct {
	N         int     `json:"n"`
	CPU       float64 `json:"cpu_s"`
	ServerCPU float64 `json:"server_cpu_s"`
	Wall      float64 `json:"wall_s"`
}

func benchGoHandshake(s settings, certDir, name, groups string) map[string]any {
	c, ok := goCases[name]
	if !ok {
		panic("unknown case " + name)
	}
	srvCfg, cliCfg := goConfigs(certDir, c, groups)
	g := newGoPair(srvCfg, cliCfg, true, c.resume)
	var neg goNegotiated
	until := cpuNow() + s.RoundS // warm-up: one unreported round
	for warm := 0; warm < 3 || cpuNow() < until; warm++ {
		srv, _, _ := g.handshake()
		neg = negotiatedOf(srv.ConnectionState())
		if warm > 0 && neg.Resumed != c.resume {
			panic("go: resumption state not as expected")
		}
	}
	var rounds []hsRound
	for r := 0; r < s.Rounds; r++ {
		var rd hsRound
		w0, c0 := wallNow(), cpuNow()
		for rd.N < 3 || (rd.CPU < s.RoundS && rd.Wall < roundWallCap*s.RoundS) {
			srv, _, scpu := g.handshake()
			if rd.N == 0 {
				neg = negotiatedOf(srv.ConnectionState())
				if neg.Resumed != c.resume {
					panic("go: resumption state not as expected")
				}
			}
			rd.ServerCPU += scpu
			rd.N++
			rd.Wall = wallNow() - w0
			rd.CPU = cpuNow() - c0
		}
		rounds = append(rounds, rd)
	}
	m := common("handshake", "go")
	m["case"] = name
	m["groups"] = groups
	m["pipe"] = "buffered in-memory pipe with turn-taking (bench/gobench/pipe.go)"
	m["negotiated"] = neg
	m["rounds"] = rounds
	return m
}

type recRound struct {
	Calls  int     `json:"calls"`
	Bytes  int     `json:"bytes"`
	EncCPU float64 `json:"enc_cpu_s"`
	DecCPU float64 `json:"dec_cpu_s"`
}

// recordCiphers: AES-128-GCM over TLS 1.3 (crypto/tls picks it on AES-NI
// hardware; TLS 1.3 suites are not configurable), AES-256-GCM and
// ChaCha20-Poly1305 over TLS 1.2.
var recordCiphers = []struct {
	name    string
	version uint16
	suite   uint16
}{
	{"AES-128-GCM", tls.VersionTLS13, 0},
	{"AES-256-GCM", tls.VersionTLS12, tls.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384},
	{"ChaCha20-Poly1305", tls.VersionTLS12, tls.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256},
}

func writeN(c *tls.Conn, msg []byte, k int) {
	for i := 0; i < k; i++ {
		if _, err := c.Write(msg); err != nil {
			panic(err)
		}
	}
}

func readN(c *tls.Conn, buf []byte, total int) {
	for got := 0; got < total; {
		n, err := c.Read(buf)
		if err != nil {
			panic(err)
		}
		got += n
	}
}

func benchGoRecords(s settings, certDir string) []map[string]any {
	var out []map[string]any
	for _, rc := range recordCiphers {
		gc := goCase{cert: "p256", version: rc.version, suite: rc.suite}
		srvCfg, cliCfg := goConfigs(certDir, gc, "x25519")
		g := newGoPair(srvCfg, cliCfg, false, true)
		srv, cli, _ := g.handshake()
		neg := negotiatedOf(srv.ConnectionState())
		msg := make([]byte, 16384)
		buf := make([]byte, 16384)
		for _, size := range recSizes {
			k := recBatch(size, s.Smoke)
			writeN(srv, msg[:size], k)
			readN(cli, buf[:size], k*size)
			var rounds []recRound
			for r := 0; r < s.Rounds; r++ {
				var rd recRound
				w0, c0r := wallNow(), cpuNow()
				for {
					c0 := cpuNow()
					writeN(srv, msg[:size], k) // timed: server Write
					rd.EncCPU += cpuNow() - c0
					readN(cli, buf[:size], k*size)
					writeN(cli, msg[:size], k)
					c0 = cpuNow()
					readN(srv, buf[:size], k*size) // timed: server Read
					rd.DecCPU += cpuNow() - c0
					rd.Calls += k
					if cpuNow()-c0r >= s.RecRoundS || wallNow()-w0 >= roundWallCap*s.RecRoundS {
						break
					}
				}
				rd.Bytes = rd.Calls * size
				rounds = append(rounds, rd)
			}
			m := common("record", "go")
			m["cipher"] = rc.name
			m["size"] = size
			m["negotiated"] = neg
			m["rounds"] = rounds
			out = append(out, m)
		}
	}
	return out
}
