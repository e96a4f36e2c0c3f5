#!/usr/bin/env bash
# test_trace.sh - SECUR32_TRACE writes one line per SSPI call with the buffer
# descriptors and the status name, and never the contents of a buffer.
set -u
build=${SECUR32_BUILD_DIR:-build/cmake}
data=${SECUR32_TESTDATA:-$build/testdata}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
check() { if "$@"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: $*"; fi; }

SECUR32_TRACE="$tmp/trace.log" "$build/test_errors" "$data" >/dev/null 2>&1
check test -s "$tmp/trace.log"
check grep -q 'AcceptSecurityContext(cred=.* in=\[TOKEN 8, EMPTY 0\] .* = SEC_E_INVALID_TOKEN (0x80090308)' "$tmp/trace.log"
check grep -q 'ApplyControlToken(ctx=.* = SEC_E_OK' "$tmp/trace.log"
check grep -q 'DecryptMessage(ctx=.*msg=\[DATA 10, EMPTY 0, EMPTY 0\]) = SEC_E_INVALID_TOKEN' "$tmp/trace.log"
# Every line names a call and a status.
check test "$(grep -cv '^secur32: [A-Za-z]*(.*) = [A-Z_]* (0x[0-9A-F]\{8\}) in ' "$tmp/trace.log")" = 0
# Off by default.
"$build/test_errors" "$data" >"$tmp/out" 2>&1
check test "$(grep -c '^secur32:' "$tmp/out")" = 0
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
