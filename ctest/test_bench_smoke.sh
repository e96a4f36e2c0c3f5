#!/usr/bin/env bash
# test_bench_smoke.sh - the benchmarks still run: `make bench-smoke` runs every
# benchmark program for a few iterations (no thresholds; results go to
# build/bench/smoke-*.json, not bench/results/).
set -u
src=${SECUR32_SOURCE_DIR:-$(cd "$(dirname "$0")/.." && pwd)}
if make -s -C "$src" bench-smoke >/tmp/bench-smoke.$$ 2>&1; then
    tail -n 3 /tmp/bench-smoke.$$
    echo "1 passed, 0 failed"
    rm -f /tmp/bench-smoke.$$
else
    cat /tmp/bench-smoke.$$
    echo "0 passed, 1 failed"
    rm -f /tmp/bench-smoke.$$
    exit 1
fi
