package main

/*
#include "capi.h"
*/
import "C"

import (
	"runtime"

	"secur32/engine"
	"secur32/internal/handle"
)

var (
	credTable = handle.NewTable[*engine.Credentials](handle.KindCredential)
	ctxTable  = handle.NewTable[*engine.Context](handle.KindContext)
)

// reapOrphans stops the parked thread-affine handshakes of contexts deleted
// from other threads whose home is the calling thread (engine.ReapOrphans);
// one atomic load when there are none.
func reapOrphans() {
	if engine.Orphans() > 0 {
		engine.ReapOrphans(uint64(C.secur32_thread_token()))
	}
}

func toHandle(h *C.SecHandle) handle.Handle {
	return handle.Handle{Lower: uint64(h.dwLower), Upper: uint64(h.dwUpper)}
}

func putHandle(dst *C.SecHandle, h handle.Handle) {
	dst.dwLower = C.ULONG_PTR(h.Lower)
	dst.dwUpper = C.ULONG_PTR(h.Upper)
}

// lookupCred returns the credential behind phCredential, or nil.
func lookupCred(ph *C.CredHandle) *engine.Credentials {
	if ph == nil {
		return nil
	}
	c, _ := credTable.Get(toHandle(ph))
	return c
}

// lookupCtx returns the context behind phContext, or nil.
func lookupCtx(ph *C.CtxtHandle) *engine.Context {
	if ph == nil {
		return nil
	}
	c, _ := ctxTable.Get(toHandle(ph))
	return c
}

//export gosspi_LiveHandles
func gosspi_LiveHandles() C.int {
	return C.int(credTable.Len() + ctxTable.Len() + liveCertObjects())
}

//export gosspi_LiveGoroutines
func gosspi_LiveGoroutines() C.int {
	return C.int(runtime.NumGoroutine())
}
