#!/usr/bin/env bash
# test_api_doc.sh - docs/api.md is generated from the header comments: it must
# be up to date, and every exported function must be documented in it.
set -u
src=${SECUR32_SOURCE_DIR:-$(cd "$(dirname "$0")/.." && pwd)}
lib=${SECUR32_LIB:-$src/build/libsecur32.so}
pass=0 fail=0
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
python3 "$src/tools/gen_api_doc.py" >"$tmp"
if diff -q "$tmp" "$src/docs/api.md" >/dev/null; then pass=$((pass + 1)); else
    fail=$((fail + 1)); echo "FAIL: docs/api.md is stale: run python3 tools/gen_api_doc.py > docs/api.md"; fi
for f in $(nm -D --defined-only "$lib" | awk '$2 == "T" {print $3}' | grep -E '^[A-Z][A-Za-z0-9]+$'); do
    if grep -q "^#### \`$f\`" "$src/docs/api.md"; then pass=$((pass + 1)); else
        fail=$((fail + 1)); echo "FAIL: $f is exported but has no documented declaration"; fi
done
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
