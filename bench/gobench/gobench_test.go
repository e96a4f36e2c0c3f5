package main

// Go benchmarks over the same code as the gobench command, for ad-hoc
// profiling, e.g.
//
//	go test ./bench/gobench -run XXX -bench 'Handshake/engine/tls13_ecdsa' -cpuprofile cpu.out
//
// They generate their own certificates. `make bench` does not use them (it
// runs the gobench command, which takes medians of rounds and prints JSON).

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

var (
	benchCertsOnce sync.Once
	benchCertsDir  string
)

// testCertDir writes p256.crt/.key and rsa.crt/.key, as bench/run.sh does
// with the openssl command.
func testCertDir(b *testing.B) string {
	benchCertsOnce.Do(func() {
		dir, err := os.MkdirTemp("", "gobench-certs")
		if err != nil {
			b.Fatal(err)
		}
		ec, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		rk, _ := rsa.GenerateKey(rand.Reader, 2048)
		for name, key := range map[string]crypto.Signer{"p256": ec, "rsa": rk} {
			tmpl := &x509.Certificate{
				SerialNumber: big.NewInt(1),
				Subject:      pkix.Name{CommonName: "localhost"},
				NotBefore:    time.Now().Add(-time.Hour),
				NotAfter:     time.Now().Add(24 * time.Hour),
				DNSNames:     []string{"localhost"},
			}
			der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
			if err != nil {
				b.Fatal(err)
			}
			kd, err := x509.MarshalPKCS8PrivateKey(key)
			if err != nil {
				b.Fatal(err)
			}
			os.WriteFile(filepath.Join(dir, name+".crt"), pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600)
			os.WriteFile(filepath.Join(dir, name+".key"), pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: kd}), 0o600)
		}
		benchCertsDir = dir
	})
	return benchCertsDir
}

var benchCases = []string{"tls13_ecdsa", "tls13_rsa", "tls12_ecdsa", "tls13_resume"}

func BenchmarkHandshake(b *testing.B) {
	dir := testCertDir(b)
	for _, name := range benchCases {
		b.Run("go/"+name, func(b *testing.B) {
			c := goCases[name]
			srv, cli := goConfigs(dir, c, "default")
			g := newGoPair(srv, cli, true, c.resume)
			g.handshake()
			var scpu float64
			c0 := cpuNow()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				_, _, s := g.handshake()
				scpu += s
			}
			b.ReportMetric((cpuNow()-c0)/float64(b.N)*1e6, "cpu-µs/op")
			b.ReportMetric(scpu/float64(b.N)*1e6, "server-cpu-µs/op")
		})
		b.Run("engine/"+name, func(b *testing.B) {
			prot, cert, resume, cflags := uint32(protTLS13), "p256", name == "tls13_resume", uint32(0)
			if name == "tls13_rsa" {
				cert = "rsa"
			}
			if name == "tls12_ecdsa" {
				prot, cflags = protTLS12, 0x80 // SCH_CRED_DISABLE_RECONNECTS
			}
			scred := engineCreds(engineCert(dir, cert), prot, cipherAny, 0)
			ccred := engineCreds(nil, prot, cipherAny, cflags)
			var scpu float64
			s, c := engineHandshake(scred, ccred, resume, false, &scpu)
			s.Close()
			c.Close()
			scpu = 0
			c0 := cpuNow()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				s, c := engineHandshake(scred, ccred, resume, true, &scpu)
				s.Close()
				c.Close()
			}
			b.ReportMetric((cpuNow()-c0)/float64(b.N)*1e6, "cpu-µs/op")
			b.ReportMetric(scpu/float64(b.N)*1e6, "server-cpu-µs/op")
		})
	}
}

// BenchmarkRecord: server-side encryption and decryption of one record of
// AES-128-GCM (TLS 1.3) per op.
func BenchmarkRecord(b *testing.B) {
	dir := testCertDir(b)
	for _, size := range recSizes {
		b.Run("engine/"+itoa(size), func(b *testing.B) {
			scred := engineCreds(engineCert(dir, "p256"), protTLS13, cipherAny, 0)
			ccred := engineCreds(nil, protTLS13, cipherAny, 0)
			var sink float64
			srv, cli := engineHandshake(scred, ccred, true, false, &sink)
			sz, _ := srv.StreamSizes()
			wire := make([]byte, int(sz.Header)+size+int(sz.Trailer))
			b.SetBytes(int64(size))
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				engineEncryptBatch(srv, wire, 1, size, sz)
				engineDecryptBatch(cli, wire, 1, size)
			}
		})
		b.Run("go/"+itoa(size), func(b *testing.B) {
			srvCfg, cliCfg := goConfigs(dir, goCase{cert: "p256", version: tls.VersionTLS13}, "x25519")
			g := newGoPair(srvCfg, cliCfg, false, true)
			srv, cli, _ := g.handshake()
			msg, buf := make([]byte, size), make([]byte, size)
			b.SetBytes(int64(size))
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				writeN(srv, msg, 1)
				readN(cli, buf, size)
			}
		})
	}
}

func itoa(n int) string {
	switch n {
	case 16384:
		return "16KiB"
	case 1024:
		return "1KiB"
	}
	return "64B"
}
