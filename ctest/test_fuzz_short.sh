#!/usr/bin/env bash
# test_fuzz_short.sh - the CI smoke pass of the Go fuzz targets: each target
# of engine/fuzz_test.go runs for a few seconds (FUZZ_SHORT_TIME, default
# 5s) through ctest/fuzz.sh. `make fuzz` runs the same targets for longer.
set -u
src=${SECUR32_SOURCE_DIR:-$(cd "$(dirname "$0")/.." && pwd)}
exec bash "$src/ctest/fuzz.sh" "${FUZZ_SHORT_TIME:-5s}"
