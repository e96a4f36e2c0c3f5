package main

/*
#include "capi.h"
*/
import "C"

import (
	"sync"

	"secur32/engine"
)

// statusStrings caches the C copies of status names and messages; the set
// of known statuses is fixed, unknown values share one entry.
var statusStrings struct {
	mu   sync.Mutex
	name map[engine.Status]*C.char
	msg  map[engine.Status]*C.char
}

func cachedCString(m *map[engine.Status]*C.char, key engine.Status, s string) *C.char {
	if *m == nil {
		*m = map[engine.Status]*C.char{}
	}
	if p, ok := (*m)[key]; ok {
		return p
	}
	p := C.CString(s) // lives for the life of the process
	(*m)[key] = p
	return p
}

//export gosspi_StatusString
func gosspi_StatusString(st C.SECURITY_STATUS, message C.int) *C.char {
	s := engine.Status(uint32(int32(st)))
	known := s.Message() != "Unknown status."
	key := s
	if !known {
		key = 0xFFFFFFFF
	}
	statusStrings.mu.Lock()
	defer statusStrings.mu.Unlock()
	if message != 0 {
		return cachedCString(&statusStrings.msg, key, s.Message())
	}
	if !known {
		return cachedCString(&statusStrings.name, key, "UNKNOWN_STATUS")
	}
	return cachedCString(&statusStrings.name, key, s.String())
}
