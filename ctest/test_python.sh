#!/usr/bin/env bash
# test_python.sh - runs the Python binding's unittest suite (python/tests)
# against libsecur32.so: ctypes layouts and header parity, raw calls, the
# Pythonic contexts, and handshakes with Python's own ssl module as the
# peer. The last line is python/tests/run.py's "N passed, M failed, K
# skipped"; the exit status is non-zero when a test failed.
#
# Environment: SECUR32_LIB (the .so; default build/libsecur32.so),
# SECUR32_TESTDATA (certificates from gen_certs.sh; optional, the tests make
# their own with openssl otherwise), SECUR32_SOURCE_DIR (default: the parent
# of this script's directory) and PYTHON (default python3).
set -u

src=${SECUR32_SOURCE_DIR:-$(cd "$(dirname "$0")/.." && pwd)}
export SECUR32_LIB=${SECUR32_LIB:-$src/build/libsecur32.so}
if [ -n "${SECUR32_TESTDATA:-}" ]; then
	export SECUR32_TESTDATA
fi
python=${PYTHON:-python3}

if ! command -v "$python" >/dev/null 2>&1; then
	echo "FAIL: $python not found"
	echo "0 passed, 1 failed"
	exit 1
fi
if [ ! -f "$SECUR32_LIB" ]; then
	echo "FAIL: library not found: $SECUR32_LIB"
	echo "0 passed, 1 failed"
	exit 1
fi

cd "$src" || exit 1
# -B: leave no __pycache__ directories in the source tree.
exec "$python" -B python/tests/run.py
