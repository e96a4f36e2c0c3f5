// Package handle implements the typed, generation-checked handle tables that
// back every opaque value the library gives to C: SecHandle pairs for
// credentials and contexts, and the pointer-sized keys for certificate stores.
//
// A handle is two words. Lower is the slot index plus one (so an all-zero
// handle is never valid). Upper packs a magic byte, the kind and the slot's
// generation, so a handle of the wrong kind, a handle whose slot was freed
// (stale) and a forged value are all rejected by Get with ok == false. The
// value (^0, ^0) written by SecInvalidateHandle is rejected the same way.
//
// Tables are safe for concurrent use.
package handle

import "sync"

// Kind tags what a handle refers to. A handle of one kind never resolves in a
// table of another kind.
type Kind uint8

// The kinds of handle the library issues.
const (
	KindCredential Kind = 1 // CredHandle
	KindContext    Kind = 2 // CtxtHandle
	KindStore      Kind = 3 // HCERTSTORE
	KindCert       Kind = 4 // PCCERT_CONTEXT registry
)

const magic = 0x5C // top byte of Upper: "SChannel"

// Handle is the two-word value stored in a SecHandle (dwLower, dwUpper).
type Handle struct {
	Lower uint64
	Upper uint64
}

type slot[T any] struct {
	gen   uint32
	live  bool
	value T
}

// Table maps handles of one Kind to values of type T.
type Table[T any] struct {
	kind  Kind
	mu    sync.RWMutex
	slots []slot[T]
	free  []uint32
	live  int
}

// NewTable returns an empty table issuing handles of the given kind.
func NewTable[T any](kind Kind) *Table[T] {
	return &Table[T]{kind: kind}
}

func (t *Table[T]) upper(gen uint32) uint64 {
	return uint64(magic)<<56 | uint64(t.kind)<<48 | uint64(gen)
}

// Add stores v and returns a new handle for it.
func (t *Table[T]) Add(v T) Handle {
	t.mu.Lock()
	defer t.mu.Unlock()
	var idx uint32
	if n := len(t.free); n > 0 {
		idx = t.free[n-1]
		t.free = t.free[:n-1]
	} else {
		idx = uint32(len(t.slots))
		t.slots = append(t.slots, slot[T]{})
	}
	s := &t.slots[idx]
	s.gen++
	if s.gen == 0 {
		s.gen = 1
	}
	s.live = true
	s.value = v
	t.live++
	return Handle{Lower: uint64(idx) + 1, Upper: t.upper(s.gen)}
}

func (t *Table[T]) index(h Handle) (uint32, bool) {
	if h.Lower == 0 || h.Lower > uint64(len(t.slots)) {
		return 0, false
	}
	idx := uint32(h.Lower - 1)
	s := &t.slots[idx]
	if !s.live || h.Upper != t.upper(s.gen) {
		return 0, false
	}
	return idx, true
}

// Get returns the value for h, or ok == false when h is not a live handle of
// this table's kind.
func (t *Table[T]) Get(h Handle) (v T, ok bool) {
	t.mu.RLock()
	defer t.mu.RUnlock()
	idx, ok := t.index(h)
	if !ok {
		return v, false
	}
	return t.slots[idx].value, true
}

// Remove deletes h and returns its value; ok == false when h was not live.
// The slot's generation changes, so h (and any copy of it) becomes stale.
func (t *Table[T]) Remove(h Handle) (v T, ok bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	idx, ok := t.index(h)
	if !ok {
		return v, false
	}
	s := &t.slots[idx]
	v = s.value
	var zero T
	s.value = zero
	s.live = false
	t.free = append(t.free, idx)
	t.live--
	return v, true
}

// Len returns the number of live handles.
func (t *Table[T]) Len() int {
	t.mu.RLock()
	defer t.mu.RUnlock()
	return t.live
}

// Each calls f for every live value (under the read lock; f must not call
// back into the table).
func (t *Table[T]) Each(f func(Handle, T)) {
	t.mu.RLock()
	defer t.mu.RUnlock()
	for i := range t.slots {
		if t.slots[i].live {
			f(Handle{Lower: uint64(i) + 1, Upper: t.upper(t.slots[i].gen)}, t.slots[i].value)
		}
	}
}
