package main

/*
#include "capi.h"
*/
import "C"

import (
	"fmt"
	"os"
	"runtime/debug"

	"secur32/engine"
)

// boundary converts a panic in Go into SEC_E_INTERNAL_ERROR so that it never
// crosses into C. Every export that returns a SECURITY_STATUS defers it:
//
//	defer boundary(&st)
func boundary(st *C.SECURITY_STATUS) {
	if r := recover(); r != nil {
		fmt.Fprintf(os.Stderr, "libsecur32: internal error (panic): %v\n%s", r, debug.Stack())
		*st = status(engine.StatusInternalError)
	}
}

// boundaryNil is boundary for exports that return a pointer: a panic becomes
// NULL with the last error E_UNEXPECTED-like ERROR_INVALID_DATA.
func boundaryNil[T any](p **T, lastErr *C.DWORD) {
	if r := recover(); r != nil {
		fmt.Fprintf(os.Stderr, "libsecur32: internal error (panic): %v\n%s", r, debug.Stack())
		*p = nil
		if lastErr != nil {
			*lastErr = C.DWORD(C.ERROR_INVALID_DATA)
		}
	}
}

// status converts an engine status to the C type.
func status(s engine.Status) C.SECURITY_STATUS {
	u := uint32(s)
	return C.SECURITY_STATUS(int32(u))
}
