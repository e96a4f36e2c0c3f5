package engine

import (
	"crypto/x509/pkix"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// enumerate walks the store with Next, releasing as it goes, and returns
// the certificates seen.
func enumerate(t *testing.T, s *Store) []*Certificate {
	t.Helper()
	var out []*Certificate
	var e *Entry
	for {
		next, _, err := s.Next(e, nil)
		require.NoError(t, err)
		if next == nil {
			return out
		}
		out = append(out, next.Certificate())
		e = next
	}
}

func TestStoreAddAndEnumerate(t *testing.T) {
	root, inter, leaf := testChain(t, "p256")
	s := NewStore()
	for _, c := range []*Certificate{leaf, inter, root} {
		_, f, err := s.Add(c, AddAlways, false)
		require.NoError(t, err)
		assert.Empty(t, f.Entries)
	}
	assert.Equal(t, []*Certificate{leaf, inter, root}, enumerate(t, s))
	assert.Equal(t, []*Certificate{leaf, inter, root}, s.Certificates())
	assert.Equal(t, 3, s.Len())

	// Enumeration hands out one reference per step and takes back the
	// previous one.
	e1, _, _ := s.Next(nil, nil)
	assert.Equal(t, 1, e1.Refs())
	e2, _, _ := s.Next(e1, nil)
	assert.Equal(t, 0, e1.Refs())
	assert.Equal(t, 1, e2.Refs())
	// Same entry (same context) every time.
	again, _, _ := s.Next(nil, nil)
	assert.Same(t, e1, again)
	again.Release()
	e2.Release()

	// Find with a predicate.
	hit, _, err := s.Next(nil, func(c *Certificate) bool { return c.MatchNameString("root", false) })
	require.NoError(t, err)
	assert.Same(t, root, hit.Certificate())
	miss, f, err := s.Next(hit, func(c *Certificate) bool { return c.MatchNameString("root", false) })
	require.NoError(t, err)
	assert.Nil(t, miss)
	assert.Empty(t, f.Entries)
	assert.Equal(t, 0, hit.Refs())
}

func TestStoreDispositions(t *testing.T) {
	_, _, leaf := testChain(t, "p256")
	bare := &Certificate{Raw: leaf.Raw, X509: leaf.X509}
	named := bare.WithKey(nil, "name")

	s := NewStore()
	e, _, err := s.Add(bare, AddNew, false)
	require.NoError(t, err)

	_, _, err = s.Add(bare, AddNew, true)
	assert.ErrorIs(t, err, ErrExists)

	// USE_EXISTING returns the same entry and merges missing properties.
	got, _, err := s.Add(leaf, AddUseExisting, true)
	require.NoError(t, err)
	assert.Same(t, e, got)
	assert.Equal(t, 1, got.Refs())
	assert.NotNil(t, got.Certificate().Key)
	got.Release()

	// REPLACE_EXISTING swaps the entry in place; the old one had no
	// references and is freed at once.
	repl, f, err := s.Add(named, AddReplaceExisting, false)
	require.NoError(t, err)
	assert.NotSame(t, e, repl)
	assert.Equal(t, []*Entry{e}, f.Entries)
	assert.Equal(t, 1, s.Len())
	assert.Nil(t, repl.Certificate().Key)

	// ..._INHERIT_PROPERTIES keeps the old entry's key; a referenced old
	// entry survives until released.
	_, _, err = s.Add(leaf, AddUseExisting, false) // gives repl the key back
	require.NoError(t, err)
	held, _, _ := s.Next(nil, nil)
	assert.Same(t, repl, held)
	inh, f, err := s.Add(bare, AddReplaceExistingInheritProperties, false)
	require.NoError(t, err)
	assert.Empty(t, f.Entries)
	assert.NotNil(t, inh.Certificate().Key)
	assert.Equal(t, "name", inh.Certificate().FriendlyName)
	f = held.Release()
	assert.Equal(t, []*Entry{held}, f.Entries)
	assert.False(t, f.Store)

	// ALWAYS adds duplicates.
	_, _, err = s.Add(bare, AddAlways, false)
	require.NoError(t, err)
	assert.Equal(t, 2, s.Len())

	// NEWER: the same certificate is not newer.
	_, _, err = s.Add(bare, AddNewer, false)
	assert.ErrorIs(t, err, ErrExists)

	_, _, err = s.Add(bare, 0, false)
	assert.ErrorIs(t, err, ErrDisposition)
	_, _, err = s.Add(bare, 8, false)
	assert.ErrorIs(t, err, ErrDisposition)
	_, _, err = s.Add(nil, AddAlways, false)
	assert.ErrorIs(t, err, ErrCertEncoding)
	_, _, err = s.Add(&Certificate{Raw: leaf.Raw}, AddAlways, false)
	assert.ErrorIs(t, err, ErrCertEncoding)
}

func TestStoreAddNewer(t *testing.T) {
	key := testKey(t, "p256", "leaf")
	old := makeTestCert(t, key, nil, nil, testCertOpts{subject: pkix.Name{CommonName: "n"}, notBefore: time.Now().Add(-48 * time.Hour).Truncate(time.Second)})
	s := NewStore()
	e, _, err := s.Add(old, AddNewer, false)
	require.NoError(t, err)
	// Matching is by identical encoding, so a different certificate is
	// simply added.
	newer := makeTestCert(t, key, nil, nil, testCertOpts{subject: pkix.Name{CommonName: "n"}})
	e2, _, err := s.Add(newer, AddNewer, false)
	require.NoError(t, err)
	assert.NotSame(t, e, e2)
	assert.Equal(t, 2, s.Len())
}

func TestStoreLifetime(t *testing.T) {
	root, inter, leaf := testChain(t, "p256")
	s := NewStore()
	eLeaf, _, _ := s.Add(leaf, AddAlways, true) // caller holds one reference
	_, _, _ = s.Add(inter, AddAlways, false)
	_, _, _ = s.Add(root, AddAlways, false)

	pending, f, err := s.Close()
	require.NoError(t, err)
	assert.True(t, pending)
	assert.False(t, f.Store)
	assert.True(t, s.Alive())
	assert.False(t, s.Open())

	_, _, err = s.Close()
	assert.ErrorIs(t, err, ErrStoreClosed)

	// A closed store kept alive by a context can still be enumerated, and
	// enumerating does not kill it midway.
	assert.Len(t, enumerate(t, s), 3)
	assert.True(t, s.Alive())

	eLeaf.AddRef()
	assert.Equal(t, 2, eLeaf.Refs())
	f = eLeaf.Release()
	assert.False(t, f.Store)
	f = eLeaf.Release()
	assert.True(t, f.Store)
	assert.Len(t, f.Entries, 3)
	assert.False(t, s.Alive())
	// Extra releases are harmless.
	assert.Equal(t, Freed{}, eLeaf.Release())

	// Closing an unreferenced store frees it at once.
	s2 := NewStore()
	_, _, _ = s2.Add(leaf, AddAlways, false)
	pending, f, err = s2.Close()
	require.NoError(t, err)
	assert.False(t, pending)
	assert.True(t, f.Store)
	assert.Len(t, f.Entries, 1)
	_, _, err = s2.Add(leaf, AddAlways, false)
	assert.ErrorIs(t, err, ErrStoreClosed)

	// Next with an entry of another store releases it and fails.
	a, b := NewStore(), NewStore()
	ea, _, _ := a.Add(leaf, AddAlways, true)
	_, _, _ = b.Add(leaf, AddAlways, false)
	next, _, err := b.Next(ea, nil)
	assert.ErrorIs(t, err, ErrWrongStore)
	assert.Nil(t, next)
	assert.Equal(t, 0, ea.Refs())
}

func TestStoreConcurrent(t *testing.T) {
	root, inter, leaf := testChain(t, "p256")
	s := NewStore()
	for _, c := range []*Certificate{leaf, inter, root} {
		_, _, _ = s.Add(c, AddAlways, false)
	}
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 200; j++ {
				var e *Entry
				for {
					next, _, err := s.Next(e, nil)
					if err != nil || next == nil {
						break
					}
					next.AddRef()
					next.Release()
					e = next
				}
			}
		}()
	}
	wg.Wait()
	for _, e := range s.Entries() {
		assert.Equal(t, 0, e.Refs())
	}
	_, f, err := s.Close()
	require.NoError(t, err)
	assert.True(t, f.Store)
}
