// Command gobench is the Go side of `make bench`: the pure Go crypto/tls
// pair (the "go" rows) and secur32/engine driven directly without cgo (the
// "engine" rows), measured like the C programs in bench/. It prints one
// JSON object per line; bench/report.py assembles them.
//
//	gobench CERTDIR handshake go|engine GROUPS CASE...   GROUPS: x25519 | default (ignored for engine)
//	gobench CERTDIR records go|engine
//	gobench CERTDIR memory go|engine
//
// The Go code lives in bench/gobench rather than bench/ because a Go
// package directory cannot also hold the C programs of bench/*.c.
package main

import (
	"encoding/json"
	"fmt"
	"os"
)

func emit(v any) {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	os.Stdout.Write(append(b, '\n'))
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: gobench CERTDIR handshake go|engine GROUPS CASE... | records go|engine | memory go|engine")
	os.Exit(2)
}

func main() {
	if len(os.Args) < 4 {
		usage()
	}
	s := loadSettings()
	certDir, cmd, stack := os.Args[1], os.Args[2], os.Args[3]
	switch {
	case cmd == "handshake" && len(os.Args) >= 5:
		for _, name := range os.Args[5:] {
			if stack == "go" {
				emit(benchGoHandshake(s, certDir, name, os.Args[4]))
			} else {
				emit(benchEngineHandshake(s, certDir, name))
			}
		}
	case cmd == "records" && stack == "go":
		for _, m := range benchGoRecords(s, certDir) {
			emit(m)
		}
	case cmd == "records" && stack == "engine":
		for _, m := range benchEngineRecords(s, certDir) {
			emit(m)
		}
	case cmd == "memory" && stack == "go":
		emit(benchGoMemory(s, certDir))
	case cmd == "memory" && stack == "engine":
		emit(benchEngineMemory(s, certDir))
	default:
		usage()
	}
}
