// Command capi is built with -buildmode=c-shared into libsecur32.so. It is
// the only cgo in the project: thin exports that validate arguments, look up
// handles, view C buffers, call one engine method, copy results out and
// return the status. Every public C symbol is a small C function in a
// *_shim.c file (so the exact Windows prototype, const included, is the one
// the header declares) that forwards to a Go export named gosspi_<Name>.
package main

/*
#cgo CFLAGS: -I${SRCDIR}/../include -I${SRCDIR} -Wall -Wno-unused-function
#include "capi.h"
*/
import "C"

func main() {}
