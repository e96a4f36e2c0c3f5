package main

/*
#include "capi.h"
*/
import "C"

import (
	"unicode/utf16"
	"unsafe"
)

const maxSSPIStringUnits = 1 << 15

// goString reads a NUL-terminated string from C: UTF-8 for the A entry
// points (wide == 0), UTF-16 for the W ones. ok is false for NULL.
func goString(p unsafe.Pointer, wide C.int) (s string, ok bool) {
	if p == nil {
		return "", false
	}
	if wide == 0 {
		return C.GoStringN((*C.char)(p), C.int(C.strnlen((*C.char)(p), maxSSPIStringUnits))), true
	}
	units := unsafe.Slice((*uint16)(p), maxSSPIStringUnits)
	n := 0
	for n < len(units) && units[n] != 0 {
		n++
	}
	return string(utf16.Decode(units[:n])), true
}

// unicodeString reads a UNICODE_STRING (Length counts bytes).
func unicodeString(u *C.UNICODE_STRING) string {
	if u == nil || u.Buffer == nil || u.Length == 0 {
		return ""
	}
	units := unsafe.Slice((*uint16)(unsafe.Pointer(u.Buffer)), int(u.Length)/2)
	return string(utf16.Decode(units))
}

// cString returns a malloc'ed copy of s, UTF-8 or UTF-16 with a terminator.
// The caller (C) frees it with FreeContextBuffer.
func cString(s string, wide C.int) unsafe.Pointer {
	if wide == 0 {
		p := C.secur32_alloc(C.size_t(len(s) + 1))
		copy(unsafe.Slice((*byte)(p), len(s)), s)
		return p
	}
	u := utf16.Encode([]rune(s))
	p := C.secur32_alloc(C.size_t(len(u)+1) * 2)
	copy(unsafe.Slice((*uint16)(p), len(u)+1), u)
	return p
}
