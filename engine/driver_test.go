package engine

import (
	"runtime"
	"testing"

	"github.com/stretchr/testify/require"
)

// affineServer and affineClient are serverCred and clientCred with
// SCH_CRED_LINUX_THREAD_AFFINE.
func affineServer(t *testing.T, cert *Certificate, protocols uint32) *Credentials {
	return serverCredFlags(t, cert, protocols, FlagThreadAffine)
}

func affineClient(t *testing.T, protocols uint32) *Credentials {
	return clientCred(t, FlagManualCredValidation|FlagThreadAffine, protocols, nil)
}

func TestThreadAffineHandshakeMatrix(t *testing.T) {
	cert := ecdsaCert(t)
	versions := map[string]uint32{"tls12": protTLS12Server | protTLS12Client, "tls13": protTLS13Server | protTLS13Client}
	splits := map[string]func(int) int{"whole": whole, "byte": oneByte}
	for vn, prot := range versions {
		for sn, split := range splits {
			t.Run(vn+"/"+sn, func(t *testing.T) {
				srv := affineServer(t, cert, prot)
				cli := affineClient(t, prot)
				runHandshake(t, cli, srv, whole, StepInput{OutputLimit: -1}, StepInput{OutputLimit: -1})
				before := driverGoroutines()
				p := runHandshake(t, cli, srv, split, StepInput{OutputLimit: -1, Thread: 7}, StepInput{OutputLimit: -1, Thread: 9})
				require.True(t, p.client.drv.coro)
				require.True(t, p.server.drv.coro)
				require.Zero(t, driverGoroutines()-before, "a finished coroutine is gone")
				msg := []byte("hello")
				hdr, tr := make([]byte, p.client.sizes.Header), make([]byte, p.client.sizes.Trailer)
				_, _, st := p.client.Encrypt(hdr, append([]byte(nil), msg...), tr)
				require.Equal(t, StatusOK, st)
				p.client.Close()
				p.server.Close()
			})
		}
	}
}

// TestThreadAffineWrongThread: while a thread-affine handshake is parked,
// another thread gets SEC_E_UNSUPPORTED_FUNCTION and changes nothing; the
// home thread goes on.
func TestThreadAffineWrongThread(t *testing.T) {
	srv := affineServer(t, ecdsaCert(t), 0)
	cli := affineClient(t, 0)
	c := NewClientContext(cli, "localhost")
	hello := c.Step(StepInput{InputNull: true, OutputLimit: -1, Thread: 1})
	require.Equal(t, StatusContinueNeeded, hello.Status)
	s := NewServerContext(srv)
	r := s.Step(StepInput{Token: hello.Output, HasExtraSlot: true, OutputLimit: -1, Thread: 2})
	require.Equal(t, StatusContinueNeeded, r.Status)

	wrong := c.Step(StepInput{Token: r.Output, HasExtraSlot: true, OutputLimit: -1, Thread: 3})
	require.Equal(t, StatusUnsupportedFunction, wrong.Status)
	r2 := c.Step(StepInput{Token: r.Output, HasExtraSlot: true, OutputLimit: -1, Thread: 1})
	require.Equal(t, StatusOK, r2.Status)
	require.Equal(t, StatusUnsupportedFunction, s.Step(StepInput{Token: r2.Output, HasExtraSlot: true, OutputLimit: -1, Thread: 1}).Status)
	r3 := s.Step(StepInput{Token: r2.Output, HasExtraSlot: true, OutputLimit: -1, Thread: 2})
	require.Equal(t, StatusOK, r3.Status)
	// Established: any thread may call.
	require.Equal(t, StatusIncompleteMessage, s.Step(StepInput{InputNull: true, OutputLimit: -1, Thread: 5}).Status)
	c.Close()
	s.CloseOn(5)
	require.Zero(t, Orphans())
}

// TestThreadAffineDeleteElsewhere: deleting a context whose handshake is
// parked on another thread leaves it to that thread's next call.
func TestThreadAffineDeleteElsewhere(t *testing.T) {
	srv := affineServer(t, ecdsaCert(t), 0)
	cli := affineClient(t, 0)
	runHandshake(t, cli, srv, whole, StepInput{OutputLimit: -1}, StepInput{OutputLimit: -1})
	before := driverGoroutines()
	for i := 0; i < 20; i++ {
		c := NewClientContext(cli, "localhost")
		hello := c.Step(StepInput{InputNull: true, OutputLimit: -1, Thread: 11})
		s := NewServerContext(srv)
		s.Step(StepInput{Token: hello.Output, HasExtraSlot: true, OutputLimit: -1, Thread: 12})
		c.CloseOn(13)
		s.CloseOn(12) // its own thread: stopped at once
	}
	require.Equal(t, 20, Orphans())
	require.Equal(t, 20, driverGoroutines()-before)
	ReapOrphans(12)
	require.Equal(t, 20, Orphans(), "another thread's orphans stay")
	ReapOrphans(11)
	require.Zero(t, Orphans())
	runtime.Gosched()
	require.Zero(t, driverGoroutines()-before)
}
