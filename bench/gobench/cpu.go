package main

import (
	"os"
	"runtime"
	"strconv"
	"syscall"
	"time"
	"unsafe"
)

const clockProcessCPUTimeID = 2 // CLOCK_PROCESS_CPUTIME_ID

// cpuNow is the CPU time of the whole process (every thread), in seconds:
// clock_gettime(CLOCK_PROCESS_CPUTIME_ID), the clock the C programs use.
func cpuNow() float64 {
	var ts syscall.Timespec
	_, _, errno := syscall.Syscall(syscall.SYS_CLOCK_GETTIME, clockProcessCPUTimeID, uintptr(unsafe.Pointer(&ts)), 0)
	if errno != 0 {
		panic("clock_gettime(CLOCK_PROCESS_CPUTIME_ID): " + errno.Error())
	}
	return float64(ts.Sec) + float64(ts.Nsec)*1e-9
}

var wallBase = time.Now()

// wallNow is monotonic wall-clock time in seconds.
func wallNow() float64 { return time.Since(wallBase).Seconds() }

// roundWallCap: rounds last s.RoundS (s.RecRoundS) of process CPU time, up
// to roundWallCap times that in wall time (bench.h's ROUND_WALL_CAP).
const roundWallCap = 20

// settings mirrors bench/bench.h: BENCH_SMOKE=1 makes every loop tiny;
// BENCH_ROUNDS, BENCH_ROUND_SECONDS and BENCH_MEM_CONTEXTS override.
type settings struct {
	Smoke       bool
	Rounds      int
	RoundS      float64
	RecRoundS   float64
	MemContexts int
}

func loadSettings() settings {
	s := settings{Rounds: 5, RoundS: 0.25, RecRoundS: 0.15, MemContexts: 10000}
	if v := os.Getenv("BENCH_SMOKE"); v != "" && v != "0" {
		s = settings{Smoke: true, Rounds: 1, RoundS: 0.01, RecRoundS: 0.005, MemContexts: 100}
	}
	if n, err := strconv.Atoi(os.Getenv("BENCH_ROUNDS")); err == nil && n > 0 {
		s.Rounds = n
	}
	if f, err := strconv.ParseFloat(os.Getenv("BENCH_ROUND_SECONDS"), 64); err == nil && f > 0 {
		s.RoundS = f
	}
	if n, err := strconv.Atoi(os.Getenv("BENCH_MEM_CONTEXTS")); err == nil && n > 0 {
		s.MemContexts = n
	}
	return s
}

// envOrNil returns the value of an environment variable, or nil if unset.
func envOrNil(name string) any {
	if v, ok := os.LookupEnv(name); ok {
		return v
	}
	return nil
}

// common returns the fields every JSON line carries.
func common(kind, stack string) map[string]any {
	return map[string]any{
		"kind":           kind,
		"stack":          stack,
		"gomaxprocs_env": envOrNil("GOMAXPROCS"),
		"gomaxprocs":     runtime.GOMAXPROCS(0),
		"godebug":        envOrNil("GODEBUG"),
		"nproc":          runtime.NumCPU(),
		"go_version":     runtime.Version(),
	}
}

// recSizes and recBatch mirror bench.h: 16 KiB, 1 KiB and 64-byte
// messages, about 1 MiB of plaintext per batch (64 KiB in a smoke run).
var recSizes = []int{16384, 1024, 64}

func recBatch(size int, smoke bool) int {
	total := 1 << 20
	if smoke {
		total = 1 << 16
	}
	if k := total / size; k > 1 {
		return k
	}
	return 1
}
