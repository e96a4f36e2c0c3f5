package handle

import (
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestAddGetRemove(t *testing.T) {
	tab := NewTable[string](KindCredential)
	h := tab.Add("a")
	v, ok := tab.Get(h)
	require.True(t, ok)
	require.Equal(t, "a", v)
	require.Equal(t, 1, tab.Len())

	v, ok = tab.Remove(h)
	require.True(t, ok)
	require.Equal(t, "a", v)
	_, ok = tab.Get(h)
	require.False(t, ok, "stale handle must not resolve")
	_, ok = tab.Remove(h)
	require.False(t, ok, "double free must fail")

	h2 := tab.Add("b") // reuses the slot with a new generation
	require.Equal(t, h.Lower, h2.Lower)
	require.NotEqual(t, h.Upper, h2.Upper)
	_, ok = tab.Get(h)
	require.False(t, ok, "old generation must not resolve to the new value")
}

func TestRejectsForgedZeroInvalidAndWrongKind(t *testing.T) {
	creds := NewTable[int](KindCredential)
	ctxs := NewTable[int](KindContext)
	hc := creds.Add(1)
	hx := ctxs.Add(2)
	for _, h := range []Handle{
		{},
		{Lower: ^uint64(0), Upper: ^uint64(0)}, // SecInvalidateHandle
		{Lower: hc.Lower, Upper: hc.Upper + 1},
		{Lower: hc.Lower + 100, Upper: hc.Upper},
		{Lower: 0xdeadbeef, Upper: 0xdeadbeef},
		hx, // wrong kind
	} {
		_, ok := creds.Get(h)
		require.False(t, ok, "%+v", h)
	}
	_, ok := ctxs.Get(hc)
	require.False(t, ok)
}

func TestConcurrent(t *testing.T) {
	tab := NewTable[int](KindContext)
	var wg sync.WaitGroup
	for g := 0; g < 16; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 2000; i++ {
				h := tab.Add(i)
				v, ok := tab.Get(h)
				if !ok || v != i {
					t.Errorf("lost value")
					return
				}
				if _, ok := tab.Remove(h); !ok {
					t.Errorf("remove failed")
					return
				}
			}
		}()
	}
	wg.Wait()
	require.Equal(t, 0, tab.Len())
}

func TestEach(t *testing.T) {
	tab := NewTable[int](KindStore)
	a, b := tab.Add(1), tab.Add(2)
	tab.Remove(a)
	var got []int
	tab.Each(func(h Handle, v int) {
		require.Equal(t, b, h)
		got = append(got, v)
	})
	require.Equal(t, []int{2}, got)
}
