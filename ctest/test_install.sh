#!/usr/bin/env bash
# test_install.sh - `make install PREFIX=...` produces a tree that a
# consumer can build against in the two usual ways, pkg-config and CMake's
# find_package(Secur32), and the resulting programs run.
#
# Environment: SECUR32_SOURCE_DIR (default: the parent of this script's
# directory). The library is built by make only if build/libsecur32.so is out
# of date.
set -u

src=${SECUR32_SOURCE_DIR:-$(cd "$(dirname "$0")/.." && pwd)}
cc=${CC:-cc}

passed=0
failed=0
pass() { passed=$((passed + 1)); echo "PASS: $*"; }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }
finish() {
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
	exit
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
prefix=$tmp/prefix

# Run from ctest under `make test`, the outer make's job-server settings
# would leak into this make; it is an independent build.
if env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s -C "$src" install PREFIX="$prefix" >"$tmp/install.log" 2>&1; then
	pass "make install PREFIX=$prefix"
else
	cat "$tmp/install.log"
	fail "make install PREFIX=$prefix"
	finish
fi

for f in lib/libsecur32.so include/secur32/windows.h include/secur32/sspi.h \
	include/secur32/security.h include/secur32/schannel.h \
	include/secur32/wincrypt.h include/secur32/wintypes.h \
	include/secur32/schannel_linux.h lib/pkgconfig/secur32.pc \
	lib/cmake/Secur32/Secur32Config.cmake lib/cmake/Secur32/Secur32ConfigVersion.cmake; do
	if [ -f "$prefix/$f" ]; then
		pass "installed $f"
	else
		fail "missing $f"
	fi
done
if [ -e "$prefix/include/secur32/libsecur32.h" ] || [ -e "$prefix/include/libsecur32.h" ]; then
	fail "cgo's generated libsecur32.h must not be installed"
else
	pass "cgo's generated header is not installed"
fi

# A consumer written as for Windows.
mkdir -p "$tmp/app"
cat >"$tmp/app/app.c" <<'EOF'
#define SECURITY_WIN32
#include <windows.h>
#include <security.h>
#include <schannel.h>
#include <stdio.h>

int main(void)
{
	PSecPkgInfoA info = NULL;
	SECURITY_STATUS st = QuerySecurityPackageInfoA((LPSTR)UNISP_NAME_A, &info);
	if (st != SEC_E_OK || info == NULL) {
		printf("QuerySecurityPackageInfoA failed: 0x%08x\n", (unsigned)st);
		return 1;
	}
	int ok = info->cbMaxToken == 24576;
	printf("%s: cbMaxToken %lu\n", info->Name, (unsigned long)info->cbMaxToken);
	FreeContextBuffer(info);
	return ok ? 0 : 1;
}
EOF

# 1. pkg-config
if flags=$(PKG_CONFIG_PATH="$prefix/lib/pkgconfig" pkg-config --cflags --libs secur32); then
	pass "pkg-config --cflags --libs secur32: $flags"
	# shellcheck disable=SC2086 # the flags are meant to be split
	if "$cc" -std=c11 -Wall -Wextra -Werror -o "$tmp/app/app_pc" "$tmp/app/app.c" $flags >"$tmp/pc.log" 2>&1; then
		pass "cc app.c \$(pkg-config --cflags --libs secur32)"
		if LD_LIBRARY_PATH="$prefix/lib" "$tmp/app/app_pc"; then
			pass "pkg-config app runs (cbMaxToken == 24576)"
		else
			fail "pkg-config app failed"
		fi
	else
		cat "$tmp/pc.log"
		fail "cc app.c \$(pkg-config --cflags --libs secur32)"
	fi
else
	fail "pkg-config --cflags --libs secur32"
fi

# 2. CMake find_package
cat >"$tmp/app/CMakeLists.txt" <<'EOF'
cmake_minimum_required(VERSION 3.16)
project(secur32_consumer LANGUAGES C)
find_package(Secur32 0.1 REQUIRED)
add_executable(app app.c)
set_target_properties(app PROPERTIES C_STANDARD 11 C_STANDARD_REQUIRED ON)
target_compile_options(app PRIVATE -Wall -Wextra -Werror)
target_link_libraries(app PRIVATE Secur32::secur32)
EOF
if cmake -S "$tmp/app" -B "$tmp/app/build" -DCMAKE_PREFIX_PATH="$prefix" >"$tmp/cmake.log" 2>&1 &&
	cmake --build "$tmp/app/build" >>"$tmp/cmake.log" 2>&1; then
	pass "find_package(Secur32) + target_link_libraries(app Secur32::secur32)"
	if LD_LIBRARY_PATH="$prefix/lib" "$tmp/app/build/app"; then
		pass "CMake app runs (cbMaxToken == 24576)"
	else
		fail "CMake app failed"
	fi
else
	cat "$tmp/cmake.log"
	fail "find_package(Secur32) + target_link_libraries(app Secur32::secur32)"
fi

finish
