#!/usr/bin/env bash
# test_asan.sh - AddressSanitizer over both sides of the C boundary: the
# library is built with `go build -asan` (Go code checks its accesses to C
# memory against ASan's shadow, so capi reading or writing past a caller's
# buffer is caught) and every C test (ctest/test_*.c), fuzz_abi, a small
# stress run and the C/C++ examples are built with -fsanitize=address
# against it. LeakSanitizer is on: every malloc'ed block must be freed.
#
# Environment: SECUR32_SOURCE_DIR, SECUR32_BUILD_DIR (the asan build goes
# to its asan/ directory, so a second run reuses the Go build cache),
# SECUR32_TESTDATA, CC (gcc or clang; Go must use the same one), CXX, GO.
set -u
src=${SECUR32_SOURCE_DIR:-$(cd "$(dirname "$0")/.." && pwd)}
build=${SECUR32_BUILD_DIR:-$src/build/cmake}
data=${SECUR32_TESTDATA:-$build/testdata}
cc=${CC:-gcc}
cxx=${CXX:-g++}
go=${GO:-go}
command -v "$go" >/dev/null 2>&1 || go=/usr/local/go/bin/go
out=$build/asan
mkdir -p "$out"

tmp=$(mktemp -d)
server_pid=
cleanup() {
	if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null; fi
	rm -rf "$tmp"
}
trap cleanup EXIT

passed=0 failed=0
pass() { passed=$((passed + 1)); echo "PASS: $*"; }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }

if ! (cd "$src" && CGO_ENABLED=1 CC="$cc" "$go" build -asan -buildmode=c-shared \
	-ldflags=-extldflags=-Wl,-soname,libsecur32.so -o "$out/libsecur32.so" ./capi) >"$tmp/build.log" 2>&1; then
	cat "$tmp/build.log"
	fail "go build -asan"
	echo "$passed passed, $failed failed"
	exit 1
fi

san="-fsanitize=address -fno-omit-frame-pointer -g -O1"
link="-L$out -lsecur32 -Wl,-rpath,$out -lpthread"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:halt_on_error=1
export SECUR32_TESTDATA=$data

"$cc" -std=c11 $san -I"$src/include" -c -o "$tmp/common.o" "$src/ctest/common.c" || fail "compiling common.c"

# run NAME PROGRAM ARGS...: the program must exit 0 without an ASan report.
run() {
	local name=$1 rc
	shift
	"$@" >"$tmp/$name.out" 2>&1
	rc=$?
	if [ "$rc" -eq 0 ] && ! grep -q 'ERROR: \(Address\|Leak\)Sanitizer' "$tmp/$name.out"; then
		pass "$name"
	else
		fail "$name (exit status $rc)"
		grep -A40 'ERROR: \(Address\|Leak\)Sanitizer' "$tmp/$name.out" | head -60
		tail -5 "$tmp/$name.out"
	fi
}

for f in "$src"/ctest/test_*.c "$src/ctest/fuzz_abi.c" "$src/ctest/stress.c"; do
	name=$(basename "$f" .c)
	if ! "$cc" -std=c11 $san -I"$src/include" -o "$tmp/$name" "$f" "$tmp/common.o" $link 2>"$tmp/$name.cc"; then
		cat "$tmp/$name.cc"
		fail "compiling $name"
		continue
	fi
	case $name in
	fuzz_abi) run fuzz_abi "$tmp/fuzz_abi" 11 20000 "$data" ;;
	stress) run stress "$tmp/stress" 4 25 65536 "$data" ;;
	*) run "$name" "$tmp/$name" "$data" ;;
	esac
done

# Examples.
ex=$src/examples
if "$cc" -std=c11 $san -I"$src/include" -o "$tmp/demo_package_info" "$ex/demo_package_info.c" $link; then
	run demo_package_info "$tmp/demo_package_info" "$data/p256.crt" "$data/p256.key"
else
	fail "compiling demo_package_info"
fi
if "$cxx" -std=c++17 $san -I"$src/include" -o "$tmp/cpp_raii" "$ex/cpp_raii.cpp" $link; then
	run cpp_raii "$tmp/cpp_raii"
else
	fail "compiling cpp_raii"
fi
if "$cc" -std=c11 $san -I"$src/include" -o "$tmp/https_server" "$ex/https_server.c" "$ex/sspi_conn.c" $link &&
	"$cc" -std=c11 $san -I"$src/include" -o "$tmp/tls_client" "$ex/tls_client.c" $link; then
	"$tmp/https_server" --port 0 --cert "$data/p256.crt" --key "$data/p256.key" --max-requests 2 >"$tmp/https_server.out" 2>&1 &
	server_pid=$!
	port=
	for _ in $(seq 1 300); do
		port=$(sed -n 's/^PORT \([0-9]*\).*/\1/p' "$tmp/https_server.out" | head -1)
		[ -n "$port" ] && break
		kill -0 "$server_pid" 2>/dev/null || break
		sleep 0.1
	done
	if [ -n "$port" ]; then
		run tls_client "$tmp/tls_client" --insecure localhost "$port" /
		run tls_client_tls12 "$tmp/tls_client" --insecure --tls1.2 localhost "$port" /
	fi
	for _ in $(seq 1 300); do
		kill -0 "$server_pid" 2>/dev/null || break
		sleep 0.1
	done
	kill "$server_pid" 2>/dev/null
	rc=0
	wait "$server_pid" || rc=$?
	server_pid=
	if [ -n "$port" ] && [ "$rc" -eq 0 ] && ! grep -q 'ERROR: \(Address\|Leak\)Sanitizer' "$tmp/https_server.out"; then
		pass https_server
	else
		fail "https_server (exit status $rc)"
		grep -A40 'ERROR: \(Address\|Leak\)Sanitizer' "$tmp/https_server.out" | head -60
		tail -5 "$tmp/https_server.out"
	fi
else
	fail "compiling https_server / tls_client"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
