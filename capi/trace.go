package main

/*
#include "capi.h"
*/
import "C"

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"
	"unsafe"

	"secur32/engine"
)

// Call tracing (SECUR32_TRACE): every SSPI call with its arguments, the
// buffer descriptors as they are when the call returns (types and sizes,
// never contents), the status name and the time taken, one line per call.
// SECUR32_TRACE=1 (or "stderr") writes to stderr, any other value is a file
// path to append to. Off when unset; then the cost is one branch per call.
var (
	tracing  = os.Getenv("SECUR32_TRACE") != ""
	traceMu  sync.Mutex
	traceOut io.Writer
)

func init() {
	if !tracing {
		return
	}
	v := os.Getenv("SECUR32_TRACE")
	traceOut = os.Stderr
	if v != "1" && v != "stderr" {
		f, err := os.OpenFile(v, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
		if err == nil {
			traceOut = f
		}
	}
}

// traceCall writes one trace line; defer it before boundary so that it sees
// the final status:
//
//	if tracing {
//		defer traceCall("Name", time.Now(), &st, func() string { return ... })
//	}
//	defer boundary(&st)
func traceCall(name string, start time.Time, st *C.SECURITY_STATUS, args func() string) {
	d := time.Since(start)
	s := engine.Status(uint32(int32(*st)))
	line := fmt.Sprintf("secur32: %s(%s) = %s (0x%08X) in %v\n", name, args(), s, uint32(s), d)
	traceMu.Lock()
	io.WriteString(traceOut, line)
	traceMu.Unlock()
}

var bufferTypeNames = map[uint32]string{
	0: "EMPTY", 1: "DATA", 2: "TOKEN", 3: "PKG_PARAMS", 4: "MISSING", 5: "EXTRA", 6: "STREAM_TRAILER",
	7: "STREAM_HEADER", 10: "STREAM", 14: "CHANNEL_BINDINGS", 17: "ALERT", 18: "APPLICATION_PROTOCOLS", 24: "DTLS_MTU",
}

// traceDesc renders a SecBufferDesc as "[TOKEN 517, EMPTY 0]".
func traceDesc(d *C.SecBufferDesc) string {
	if d == nil {
		return "NULL"
	}
	bufs, ok := buffers(d)
	if !ok {
		return fmt.Sprintf("{cBuffers %d, pBuffers %p}", d.cBuffers, unsafe.Pointer(d.pBuffers))
	}
	parts := make([]string, 0, len(bufs))
	for i := range bufs {
		t := uint32(bufs[i].BufferType)
		name, ok := bufferTypeNames[t&bufTypeMask]
		if !ok {
			name = fmt.Sprintf("0x%x", t&bufTypeMask)
		}
		if t&^bufTypeMask != 0 {
			name += fmt.Sprintf("|0x%x", t&^bufTypeMask)
		}
		parts = append(parts, fmt.Sprintf("%s %d", name, bufs[i].cbBuffer))
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// traceHandle renders a SecHandle pointer.
func traceHandle(h *C.SecHandle) string {
	if h == nil {
		return "NULL"
	}
	return fmt.Sprintf("{%x:%x}", uint64(h.dwLower), uint64(h.dwUpper))
}
