#!/usr/bin/env bash
# test_fuzz_abi.sh - builds ctest/fuzz_abi.c against the library and runs it:
# random calls of every SSPI entry point with random descriptors and
# handles (see fuzz_abi.c). CI runs a short pass; `make fuzz` a long one.
#
#   test_fuzz_abi.sh [CALLS [SEED...]]     default: 20000 calls, seeds 1 2 3
#
# Environment: SECUR32_SOURCE_DIR, SECUR32_LIB (default build/libsecur32.so),
# SECUR32_TESTDATA (the certificates of gen_certs.sh; generated into a
# temporary directory when unset), CC.
set -u
src=${SECUR32_SOURCE_DIR:-$(cd "$(dirname "$0")/.." && pwd)}
lib=${SECUR32_LIB:-$src/build/libsecur32.so}
cc=${CC:-cc}
calls=${1:-${FUZZ_ABI_CALLS:-20000}}
shift || true
seeds=${*:-${FUZZ_ABI_SEEDS:-1 2 3}}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
data=${SECUR32_TESTDATA:-}
if [ -z "$data" ] || [ ! -f "$data/p256.crt" ]; then
	data=$tmp/testdata
	bash "$src/ctest/gen_certs.sh" "$data" || { echo "gen_certs.sh failed"; echo "0 passed, 1 failed"; exit 1; }
fi

passed=0 failed=0
cflags="-std=c11 -O1 -g -Wall -Wextra -I$src/include"
if ! { "$cc" $cflags -Werror -c -o "$tmp/fuzz_abi.o" "$src/ctest/fuzz_abi.c" &&
	"$cc" $cflags -c -o "$tmp/common.o" "$src/ctest/common.c" &&
	"$cc" -o "$tmp/fuzz_abi" "$tmp/fuzz_abi.o" "$tmp/common.o" \
		-L"$(dirname "$lib")" -lsecur32 -Wl,-rpath,"$(dirname "$lib")"; }; then
	echo "FAIL: building fuzz_abi"
	echo "0 passed, 1 failed"
	exit 1
fi
for seed in $seeds; do
	start=$(date +%s)
	if "$tmp/fuzz_abi" "$seed" "$calls" "$data"; then
		passed=$((passed + 1))
		echo "PASS: fuzz_abi seed $seed, $calls calls in $(($(date +%s) - start)) s"
	else
		failed=$((failed + 1))
		echo "FAIL: fuzz_abi seed $seed ($calls calls); rerun with SECUR32_TRACE=/dev/stderr to see the calls"
	fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
