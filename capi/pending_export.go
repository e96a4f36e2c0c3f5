package main

/*
#include "capi.h"
*/
import "C"

import (
	"unsafe"

	"secur32/engine"
)

// The exports below validate their handles; the operations themselves
// arrive with the record-layer work and return SEC_E_UNSUPPORTED_FUNCTION
// until then.

//export gosspi_SetCredentialsAttributes
func gosspi_SetCredentialsAttributes(ph *C.CredHandle, attr C.ULONG, buf unsafe.Pointer, cb C.ULONG) (st C.SECURITY_STATUS) {
	defer boundary(&st)
	if lookupCred(ph) == nil {
		return status(engine.StatusInvalidHandle)
	}
	return status(engine.StatusUnsupportedFunction)
}

//export gosspi_SetContextAttributes
func gosspi_SetContextAttributes(ph *C.CtxtHandle, attr C.ULONG, buf unsafe.Pointer, cb C.ULONG) (st C.SECURITY_STATUS) {
	defer boundary(&st)
	if lookupCtx(ph) == nil {
		return status(engine.StatusInvalidHandle)
	}
	return status(engine.StatusUnsupportedFunction)
}
