#!/usr/bin/env bash
# test_race.sh - the Go tests of the engine and the internal packages under
# the race detector: go test -race ./engine ./internal/...
# Every handshake runs its crypto/tls side on a goroutine of its own (the
# driver), so even the sequential tests exercise the hand-off between the
# calling goroutine and that one; the fuzz targets' corpora run as tests too.
#
# The race detector cannot be used on libsecur32.so itself from a C program:
# a -race c-shared library loaded by a program that is not built with
# ThreadSanitizer cannot map its shadow memory (tried: "ThreadSanitizer
# failed to allocate ... errno 12").
#
# Environment: SECUR32_SOURCE_DIR, GO.
set -u
src=${SECUR32_SOURCE_DIR:-$(cd "$(dirname "$0")/.." && pwd)}
go=${GO:-go}
command -v "$go" >/dev/null 2>&1 || go=/usr/local/go/bin/go
cd "$src" || exit 1
if CGO_ENABLED=1 "$go" test -race -count=1 ./engine ./internal/...; then
	echo "1 passed, 0 failed"
else
	echo "0 passed, 1 failed"
	exit 1
fi
