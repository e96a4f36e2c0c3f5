#!/usr/bin/env bash
# test_stress.sh - builds ctest/stress.c against the library and runs it: N
# threads x M in-process handshakes with K bytes each way, random deletes
# mid-handshake and mid-stream, leak and RSS checks (see stress.c).
#
#   test_stress.sh [THREADS HANDSHAKES_PER_THREAD BYTES_EACH_WAY]
#
# CI runs the default, a CI-sized 8 x 250 x 256 KiB (a few seconds); `make
# stress` runs the full 16 x 2000 x 1 MiB.
#
# Environment: SECUR32_SOURCE_DIR, SECUR32_LIB (default build/libsecur32.so),
# SECUR32_TESTDATA (generated into a temporary directory when unset), CC.
set -u
src=${SECUR32_SOURCE_DIR:-$(cd "$(dirname "$0")/.." && pwd)}
lib=${SECUR32_LIB:-$src/build/libsecur32.so}
cc=${CC:-cc}
threads=${1:-8}
per_thread=${2:-250}
bytes=${3:-262144}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
data=${SECUR32_TESTDATA:-}
if [ -z "$data" ] || [ ! -f "$data/p256.crt" ]; then
	data=$tmp/testdata
	bash "$src/ctest/gen_certs.sh" "$data" || { echo "gen_certs.sh failed"; echo "0 passed, 1 failed"; exit 1; }
fi

cflags="-std=c11 -O2 -g -Wall -Wextra -I$src/include"
if ! { "$cc" $cflags -Werror -c -o "$tmp/stress.o" "$src/ctest/stress.c" &&
	"$cc" $cflags -O1 -c -o "$tmp/common.o" "$src/ctest/common.c" &&
	"$cc" -o "$tmp/stress" "$tmp/stress.o" "$tmp/common.o" \
		-L"$(dirname "$lib")" -lsecur32 -Wl,-rpath,"$(dirname "$lib")" -lpthread; }; then
	echo "FAIL: building stress"
	echo "0 passed, 1 failed"
	exit 1
fi
"$tmp/stress" "$threads" "$per_thread" "$bytes" "$data"
