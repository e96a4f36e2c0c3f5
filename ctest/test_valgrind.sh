#!/usr/bin/env bash
# test_valgrind.sh - the C tests and the examples under valgrind memcheck:
# test_errors, test_credentials, test_certs, test_handshake, fuzz_abi (a
# short random pass over every entry point), demo_package_info, cpp_raii and
# https_server answering tls_client twice. Each must finish with no memcheck
# error outside the Go runtime and no definitely-lost block.
#
#   valgrind --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite
#            --suppressions=ctest/valgrind.supp
#            --undef-value-errors=no --max-stackframe=65536
#
# Why the two extra options, and what is and is not checked: see the header
# of ctest/valgrind.supp. In short, valgrind cannot follow the Go runtime's
# goroutine stacks, so errors whose innermost frame is Go code are
# suppressed, and definedness (uninitialised values) is not tracked because
# values computed by Go code look uninitialised to valgrind when they reach C
# (tested: test_handshake.c reports them on bytes the library wrote). What
# remains checked: invalid reads and writes and frees in C code (capi/*.c,
# the programs) and every malloc'ed block the library hands out or keeps.
# ctest/test_asan.sh checks the Go side of the boundary.
#
# GODEBUG=cpu.rdtscp=off: valgrind 3.19 does not implement RDTSCP, which the
# Go runtime uses for its clock when the CPU has it (SIGILL otherwise). The
# vendored golang.org/x/sys/cpu prints a harmless 'unknown cpu feature
# "rdtscp"' line for it.
#
# Environment: SECUR32_BUILD_DIR (the CMake build with the test programs and
# examples/), SECUR32_SOURCE_DIR, SECUR32_TESTDATA, SECUR32_LIB, CC.
set -u
src=${SECUR32_SOURCE_DIR:-$(cd "$(dirname "$0")/.." && pwd)}
build=${SECUR32_BUILD_DIR:-$src/build/cmake}
lib=${SECUR32_LIB:-$build/libsecur32.so}
data=${SECUR32_TESTDATA:-$build/testdata}
cc=${CC:-cc}
keep=$build/valgrind-logs # logs of failed runs are kept here

if ! command -v valgrind >/dev/null 2>&1; then
	echo "valgrind is not installed: nothing checked"
	echo "0 passed, 0 failed"
	exit 0
fi

tmp=$(mktemp -d)
server_pid=
cleanup() {
	if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null; fi
	rm -rf "$tmp"
}
trap cleanup EXIT

export GODEBUG=cpu.rdtscp=off
vg() {
	valgrind --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite \
		--suppressions="$src/ctest/valgrind.supp" --undef-value-errors=no --max-stackframe=65536 \
		--log-file="$tmp/$1.vg" "${@:2}"
}

passed=0 failed=0
# check NAME: the program's status was $rc; valgrind's verdict is in NAME.vg.
check() {
	local name=$1 rc=$2 errors leaks
	errors=$(grep -o 'ERROR SUMMARY: [0-9]*' "$tmp/$name.vg" | tail -1 | grep -o '[0-9]*$')
	leaks=$(grep -o 'definitely lost: [0-9,]* bytes' "$tmp/$name.vg" | tail -1)
	if [ "$rc" -eq 0 ] && [ "${errors:-x}" = 0 ]; then
		passed=$((passed + 1))
		echo "PASS: $name (${leaks:-no leak summary})"
	else
		failed=$((failed + 1))
		echo "FAIL: $name: exit status $rc, ${errors:-no} memcheck errors (log: $keep/$name.vg)"
		mkdir -p "$keep" && cp "$tmp/$name.vg" "$keep/"
		grep -v '^==[0-9]*== *$' "$tmp/$name.vg" | head -80
		[ -f "$tmp/$name.out" ] && tail -20 "$tmp/$name.out"
	fi
}

run() { # run NAME PROGRAM ARGS...
	local name=$1
	shift
	if [ ! -x "$1" ]; then
		failed=$((failed + 1))
		echo "FAIL: $name: $1 is not built"
		return
	fi
	vg "$name" "$@" >"$tmp/$name.out" 2>&1
	check "$name" $?
}

for t in test_errors test_credentials test_certs test_handshake; do
	run "$t" "$build/$t" "$data"
done

# fuzz_abi: a short random pass (it is not built by CMake).
cflags="-std=c11 -O1 -g -Wall -Wextra -I$src/include"
if "$cc" $cflags -c -o "$tmp/fuzz_abi.o" "$src/ctest/fuzz_abi.c" &&
	"$cc" $cflags -c -o "$tmp/common.o" "$src/ctest/common.c" &&
	"$cc" -o "$tmp/fuzz_abi" "$tmp/fuzz_abi.o" "$tmp/common.o" -L"$(dirname "$lib")" -lsecur32 \
		-Wl,-rpath,"$(dirname "$lib")"; then
	run fuzz_abi "$tmp/fuzz_abi" 7 3000 "$data"
else
	failed=$((failed + 1))
	echo "FAIL: building fuzz_abi"
fi

# Examples.
run demo_package_info "$build/examples/demo_package_info" "$data/p256.crt" "$data/p256.key"
export SECUR32_TESTDATA=$data
run cpp_raii "$build/examples/cpp_raii"

# https_server answers two tls_client requests (the second resumes), both
# under valgrind.
if [ -x "$build/examples/https_server" ] && [ -x "$build/examples/tls_client" ]; then
	vg https_server "$build/examples/https_server" --port 0 --cert "$data/p256.crt" --key "$data/p256.key" \
		--max-requests 2 >"$tmp/https_server.out" 2>&1 &
	server_pid=$!
	port=
	for _ in $(seq 1 600); do
		port=$(sed -n 's/^PORT \([0-9]*\).*/\1/p' "$tmp/https_server.out" | head -1)
		[ -n "$port" ] && break
		kill -0 "$server_pid" 2>/dev/null || break
		sleep 0.1
	done
	if [ -z "$port" ]; then
		echo "https_server did not report its port:"
		cat "$tmp/https_server.out"
	else
		run tls_client "$build/examples/tls_client" --insecure localhost "$port" /
		run tls_client_again "$build/examples/tls_client" --insecure --tls1.2 localhost "$port" /
	fi
	# It exits after two answered requests; give it 60 s.
	for _ in $(seq 1 600); do
		kill -0 "$server_pid" 2>/dev/null || break
		sleep 0.1
	done
	if kill -0 "$server_pid" 2>/dev/null; then
		kill "$server_pid"
		echo "https_server did not exit after two requests"
	fi
	rc=0
	wait "$server_pid" || rc=$?
	server_pid=
	check https_server "$rc"
else
	failed=$((failed + 1))
	echo "FAIL: examples/https_server or examples/tls_client is not built"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
