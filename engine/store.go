// Certificate stores with crypt32 memory-store semantics (spec §15.2):
// ordered entries, the CERT_STORE_ADD_* dispositions, enumeration and find
// that consume the previous context's reference, and the lifetime rule that
// a store lives while it is open or any of its contexts is referenced.

package engine

import (
	"bytes"
	"errors"
	"sync"
)

// AddDisposition is the dwAddDisposition of CertAdd*ToStore.
type AddDisposition uint32

// The dispositions. A certificate "matches" an entry when their DER
// encodings are identical (same SHA-1 thumbprint), as crypt32 does.
const (
	AddNew                              AddDisposition = 1 // CERT_STORE_ADD_NEW: fail with ErrExists on a match
	AddUseExisting                      AddDisposition = 2 // CERT_STORE_ADD_USE_EXISTING: return the match, merging missing properties into it
	AddReplaceExisting                  AddDisposition = 3 // CERT_STORE_ADD_REPLACE_EXISTING: the new entry takes the match's place
	AddAlways                           AddDisposition = 4 // CERT_STORE_ADD_ALWAYS: no check, duplicates allowed
	AddReplaceExistingInheritProperties AddDisposition = 5 // CERT_STORE_ADD_REPLACE_EXISTING_INHERIT_PROPERTIES
	AddNewer                            AddDisposition = 6 // CERT_STORE_ADD_NEWER: replace only when NotBefore is later, else ErrExists
	AddNewerInheritProperties           AddDisposition = 7 // CERT_STORE_ADD_NEWER_INHERIT_PROPERTIES
)

// Store errors. capi reports ErrExists as CRYPT_E_EXISTS, ErrStoreClosed
// and ErrWrongStore and ErrDisposition as E_INVALIDARG.
var (
	ErrExists      = errors.New("crypt32: the certificate is already in the store")
	ErrStoreClosed = errors.New("crypt32: the store has no open handle")
	ErrWrongStore  = errors.New("crypt32: the context belongs to another store")
	ErrDisposition = errors.New("crypt32: unknown add disposition")
)

// A Store is an ordered collection of certificate entries, safe for
// concurrent use.
//
// Lifetime: a store is alive while it has an open handle (NewStore gives
// one; Close drops it) or while any entry that was ever in it holds a
// context reference. When it dies every remaining entry is released at
// once. An entry removed from a live store (replaced) is released as soon
// as its own references reach zero. Methods that can release things return
// a Freed value saying what the caller (capi) must now free.
type Store struct {
	mu      sync.Mutex
	entries []*Entry // live entries in enumeration order
	seq     uint64   // last sequence number given out
	opens   int      // open handles
	refs    int      // context references held on this store's entries
	dead    bool
}

// An Entry is one certificate in a store: what a CERT_CONTEXT stands for.
// Its reference count is the number of context references callers hold.
type Entry struct {
	store   *Store
	cert    *Certificate // guarded by store.mu (USE_EXISTING may merge properties)
	seq     uint64
	refs    int
	removed bool
}

// Freed lists what an operation released: entries whose contexts are gone
// and whether the store itself died (its handle must be forgotten).
type Freed struct {
	Entries []*Entry
	Store   bool
}

// NewStore returns an empty, open store (CertOpenStore of a memory store).
func NewStore() *Store { return &Store{opens: 1} }

// Certificate returns the entry's certificate.
func (e *Entry) Certificate() *Certificate {
	e.store.mu.Lock()
	defer e.store.mu.Unlock()
	return e.cert
}

// Store returns the store the entry belongs (or belonged) to.
func (e *Entry) Store() *Store { return e.store }

// Refs returns the entry's context reference count.
func (e *Entry) Refs() int {
	e.store.mu.Lock()
	defer e.store.mu.Unlock()
	return e.refs
}

// Alive reports whether the store has not died yet.
func (s *Store) Alive() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return !s.dead
}

// Open reports whether the store still has an open handle.
func (s *Store) Open() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.opens > 0
}

// Len returns the number of entries.
func (s *Store) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.entries)
}

// Entries returns the entries in enumeration order.
func (s *Store) Entries() []*Entry {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]*Entry(nil), s.entries...)
}

// Certificates returns the certificates in enumeration order.
func (s *Store) Certificates() []*Certificate {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]*Certificate, len(s.entries))
	for i, e := range s.entries {
		out[i] = e.cert
	}
	return out
}

// Add adds c with the given disposition. With ref true the returned entry
// carries a new context reference for the caller (ppStoreContext). On
// ErrExists no entry is returned. A replaced entry without references is
// reported in Freed.
func (s *Store) Add(c *Certificate, disp AddDisposition, ref bool) (*Entry, Freed, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var f Freed
	if s.dead {
		return nil, f, ErrStoreClosed
	}
	if disp < AddNew || disp > AddNewerInheritProperties {
		return nil, f, ErrDisposition
	}
	if c == nil || c.X509 == nil {
		return nil, f, ErrCertEncoding
	}
	idx := -1
	if disp != AddAlways {
		for i, e := range s.entries {
			if bytes.Equal(e.cert.Raw, c.Raw) {
				idx = i
				break
			}
		}
	}
	if idx >= 0 {
		old := s.entries[idx]
		switch disp {
		case AddNew:
			return nil, f, ErrExists
		case AddUseExisting:
			old.cert = mergeProperties(old.cert, c)
			if ref {
				s.refLocked(old)
			}
			return old, f, nil
		case AddNewer, AddNewerInheritProperties:
			if !c.X509.NotBefore.After(old.cert.X509.NotBefore) {
				return nil, f, ErrExists
			}
		}
		if disp == AddReplaceExistingInheritProperties || disp == AddNewerInheritProperties {
			c = mergeProperties(c, old.cert)
		}
		e := &Entry{store: s, cert: c, seq: old.seq}
		s.entries[idx] = e
		old.removed = true
		if old.refs == 0 {
			f.Entries = append(f.Entries, old)
		}
		if ref {
			s.refLocked(e)
		}
		return e, f, nil
	}
	s.seq++
	e := &Entry{store: s, cert: c, seq: s.seq}
	s.entries = append(s.entries, e)
	if ref {
		s.refLocked(e)
	}
	return e, f, nil
}

// mergeProperties returns dst with the key and friendly name of src filled
// in where dst has none.
func mergeProperties(dst, src *Certificate) *Certificate {
	if (dst.Key != nil || src.Key == nil) && (dst.FriendlyName != "" || src.FriendlyName == "") {
		return dst
	}
	cp := *dst
	if cp.Key == nil {
		cp.Key = src.Key
	}
	if cp.FriendlyName == "" {
		cp.FriendlyName = src.FriendlyName
	}
	return &cp
}

func (s *Store) refLocked(e *Entry) {
	e.refs++
	s.refs++
}

// AddRef adds a context reference (CertDuplicateCertificateContext).
func (e *Entry) AddRef() {
	e.store.mu.Lock()
	defer e.store.mu.Unlock()
	e.store.refLocked(e)
}

// Release drops a context reference (CertFreeCertificateContext). Releasing
// an entry without references does nothing.
func (e *Entry) Release() Freed {
	s := e.store
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.releaseLocked(e)
}

func (s *Store) releaseLocked(e *Entry) Freed {
	var f Freed
	if e.refs == 0 {
		return f
	}
	e.refs--
	s.refs--
	if e.removed && e.refs == 0 {
		f.Entries = append(f.Entries, e)
	}
	s.maybeDieLocked(&f)
	return f
}

func (s *Store) maybeDieLocked(f *Freed) {
	if s.dead || s.opens > 0 || s.refs > 0 {
		return
	}
	s.dead = true
	f.Store = true
	f.Entries = append(f.Entries, s.entries...)
	s.entries = nil
}

// Close drops the open handle (CertCloseStore). pending reports that
// contexts are still referenced and keep the store alive
// (CERT_CLOSE_STORE_CHECK_FLAG turns that into CRYPT_E_PENDING_CLOSE).
// Closing a store without an open handle returns ErrStoreClosed.
func (s *Store) Close() (pending bool, f Freed, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.opens == 0 {
		return false, f, ErrStoreClosed
	}
	s.opens--
	s.maybeDieLocked(&f)
	return s.opens == 0 && s.refs > 0, f, nil
}

// Next returns the first entry after prev (nil = from the start) for which
// match (nil = any; called with the store locked) is true, with a new context reference, and releases
// the caller's reference on prev, as CertEnumCertificatesInStore and
// CertFindCertificateInStore do. The new reference is taken before prev is
// released, so enumerating a closed store cannot kill it midway. A prev of
// another store is released and ErrWrongStore returned; nil with no error
// means the end.
func (s *Store) Next(prev *Entry, match func(*Certificate) bool) (*Entry, Freed, error) {
	if prev != nil && prev.store != s {
		return nil, prev.Release(), ErrWrongStore
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var after uint64
	if prev != nil {
		after = prev.seq
	}
	var next *Entry
	for _, e := range s.entries {
		if e.seq > after && (match == nil || match(e.cert)) {
			next = e
			break
		}
	}
	if next != nil {
		s.refLocked(next)
	}
	var f Freed
	if prev != nil {
		f = s.releaseLocked(prev)
	}
	return next, f, nil
}
