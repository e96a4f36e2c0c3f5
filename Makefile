# Makefile - build, test, demo and install libsecur32.so, the Windows Schannel
# SSPI package for Linux.
#
#   make                 build build/libsecur32.so
#   make demo            build, then run examples/https_server against curl (examples/demo.sh)
#   make test            Go tests, cgo/unsafe purity check, then ctest
#   make install PREFIX=/some/prefix [DESTDIR=...]
#   make bench / bench-smoke   benchmarks against Go crypto/tls and OpenSSL
#   make fuzz / stress         long fuzzing and stress runs (ctest runs short ones)
#   make clean
#
# The Go toolchain does the real build; this file only tracks what it depends
# on so that an up-to-date library is not linked again. The header that cgo
# generates next to the library (build/libsecur32.h) is an internal artefact:
# the public contract is include/*.h, which is what gets installed.

MAKEFLAGS += --no-print-directory

GO      ?= go
CC      ?= cc
PREFIX  ?= /usr/local
DESTDIR ?=
VERSION := 0.1.0

BUILD   := build
LIB     := $(BUILD)/libsecur32.so
SONAME  := libsecur32.so
CMAKE_BUILD := $(BUILD)/cmake

# Every input of the Go build: package sources, cgo shims and the headers they
# include. Test files do not change the library.
LIB_SOURCES := go.mod go.sum $(shell find capi engine internal include -type f \
	\( -name '*.go' -o -name '*.c' -o -name '*.h' \) ! -name '*_test.go' 2>/dev/null)
HEADERS     := $(wildcard include/*.h)

GO_BUILD_FLAGS := -buildmode=c-shared -ldflags=-extldflags=-Wl,-soname,$(SONAME)

DEMO := $(BUILD)/demo_package_info

.PHONY: all test check-purity go-test ctest demo install uninstall clean

all: $(LIB)

$(LIB): $(LIB_SOURCES)
	@mkdir -p $(BUILD)
	CGO_ENABLED=1 $(GO) build $(GO_BUILD_FLAGS) -o $@ ./capi

# ---------------------------------------------------------------------------
# Tests

test: $(LIB) check-purity go-test ctest

# engine/ and internal/ must build without cgo (they import neither "C" nor
# "unsafe"); engine/purity_test.go enforces the rule on every file, this step
# proves the packages really build with cgo off.
check-purity:
	CGO_ENABLED=0 $(GO) build ./engine/... ./internal/...
	CGO_ENABLED=0 $(GO) test -count=1 -run '^TestPurity' ./engine

go-test: check-purity
	$(GO) test ./...

ctest: $(LIB) go-test
	cmake -S . -B $(CMAKE_BUILD)
	cmake --build $(CMAKE_BUILD) -j2
	ctest --test-dir $(CMAKE_BUILD) --output-on-failure

# ---------------------------------------------------------------------------
# Demo: examples/demo.sh starts examples/https_server (Windows SSPI code linked
# with -lsecur32) on 127.0.0.1 with a throwaway certificate, fetches a page
# with curl (or Python's ssl), and prints what both sides negotiated.
# examples/demo_package_info.c (the package and credential information) is
# built too: $(DEMO) CERT.pem KEY.pem.

DEMO_SERVER := $(BUILD)/https_server

$(DEMO): examples/demo_package_info.c $(HEADERS) $(LIB)
	$(CC) -std=c11 -Wall -Wextra -Werror -Iinclude -o $@ $< \
		-L$(BUILD) -lsecur32 -Wl,-rpath,'$$ORIGIN'

$(DEMO_SERVER): examples/https_server.c examples/sspi_conn.c examples/sspi_conn.h $(HEADERS) $(LIB)
	$(CC) -std=c11 -Wall -Wextra -Werror -Iinclude -o $@ examples/https_server.c examples/sspi_conn.c \
		-L$(BUILD) -lsecur32 -Wl,-rpath,'$$ORIGIN'

demo: $(LIB) $(DEMO) $(DEMO_SERVER)
	@bash examples/demo.sh $(BUILD)

# ---------------------------------------------------------------------------
# Install: the library, every public header under include/secur32/, a
# pkg-config file and a CMake package (imported target Secur32::secur32).

LIBDIR     := $(PREFIX)/lib
INCLUDEDIR := $(PREFIX)/include/secur32
PCDIR      := $(LIBDIR)/pkgconfig
CMAKEDIR   := $(LIBDIR)/cmake/Secur32

define PC_FILE
prefix=$(PREFIX)
libdir=$${prefix}/lib
includedir=$${prefix}/include

Name: secur32
Description: The Windows Schannel SSPI package for Linux
Version: $(VERSION)
Cflags: -I$${includedir}/secur32
Libs: -L$${libdir} -lsecur32
endef

# The CMake files locate the prefix from their own directory, so an installed
# tree can be moved.
define CMAKE_CONFIG
# Secur32Config.cmake - imported target Secur32::secur32 for libsecur32.so.
get_filename_component(_secur32_prefix "$${CMAKE_CURRENT_LIST_DIR}/../../.." ABSOLUTE)
if(NOT TARGET Secur32::secur32)
  add_library(Secur32::secur32 SHARED IMPORTED)
  set_target_properties(Secur32::secur32 PROPERTIES
    IMPORTED_LOCATION "$${_secur32_prefix}/lib/libsecur32.so"
    IMPORTED_SONAME "$(SONAME)"
    INTERFACE_INCLUDE_DIRECTORIES "$${_secur32_prefix}/include/secur32")
endif()
unset(_secur32_prefix)
set(Secur32_FOUND TRUE)
endef

define CMAKE_CONFIG_VERSION
# Secur32ConfigVersion.cmake - compatible with any requested version <= ours
# that has the same major version.
set(PACKAGE_VERSION "$(VERSION)")
string(REGEX MATCH "^[0-9]+" _secur32_major "$${PACKAGE_VERSION}")
if(PACKAGE_FIND_VERSION VERSION_GREATER PACKAGE_VERSION OR
   NOT "$${PACKAGE_FIND_VERSION_MAJOR}" STREQUAL "$${_secur32_major}")
  set(PACKAGE_VERSION_COMPATIBLE FALSE)
else()
  set(PACKAGE_VERSION_COMPATIBLE TRUE)
  if(PACKAGE_FIND_VERSION STREQUAL PACKAGE_VERSION)
    set(PACKAGE_VERSION_EXACT TRUE)
  endif()
endif()
if(NOT PACKAGE_FIND_VERSION)
  set(PACKAGE_VERSION_COMPATIBLE TRUE)
endif()
if(NOT "$${CMAKE_SIZEOF_VOID_P}" STREQUAL "" AND NOT "$${CMAKE_SIZEOF_VOID_P}" STREQUAL "8")
  set(PACKAGE_VERSION "$${PACKAGE_VERSION} (64-bit)")
  set(PACKAGE_VERSION_UNSUITABLE TRUE)
endif()
unset(_secur32_major)
endef

export PC_FILE CMAKE_CONFIG CMAKE_CONFIG_VERSION

install: $(LIB)
	install -d $(DESTDIR)$(LIBDIR) $(DESTDIR)$(INCLUDEDIR) $(DESTDIR)$(PCDIR) $(DESTDIR)$(CMAKEDIR)
	install -m 0755 $(LIB) $(DESTDIR)$(LIBDIR)/libsecur32.so
	install -m 0644 $(HEADERS) $(DESTDIR)$(INCLUDEDIR)/
	printf '%s\n' "$$PC_FILE" > $(DESTDIR)$(PCDIR)/secur32.pc
	printf '%s\n' "$$CMAKE_CONFIG" > $(DESTDIR)$(CMAKEDIR)/Secur32Config.cmake
	printf '%s\n' "$$CMAKE_CONFIG_VERSION" > $(DESTDIR)$(CMAKEDIR)/Secur32ConfigVersion.cmake

uninstall:
	rm -f $(DESTDIR)$(LIBDIR)/libsecur32.so $(DESTDIR)$(PCDIR)/secur32.pc
	rm -rf $(DESTDIR)$(INCLUDEDIR) $(DESTDIR)$(CMAKEDIR)

clean:
	rm -rf $(BUILD)

# ---------------------------------------------------------------------------
# Benchmarks (bench/README.md): `make bench` runs every program once (2-3
# minutes on an idle 2-CPU machine, longer when other processes compete) and
# writes bench/results/<date>-<time>.json; `make bench-smoke` (or
# BENCH_SMOKE=1) runs each for a few iterations, no thresholds. The OpenSSL
# reference needs libssl-dev.

BENCH_BUILD   := $(BUILD)/bench
BENCH_CFLAGS  := -O2 -std=c11 -Wall -Wextra -Werror
BENCH_GO_SRCS := $(filter-out %_test.go,$(wildcard bench/gobench/*.go)) go.mod go.sum \
	$(shell find engine internal -name '*.go' ! -name '*_test.go' 2>/dev/null)
BENCH_PROGS   := $(BENCH_BUILD)/sspi_bench $(BENCH_BUILD)/openssl_bench $(BENCH_BUILD)/gobench

.PHONY: bench bench-smoke

$(BENCH_BUILD)/sspi_bench: bench/sspi_bench.c bench/bench.h $(HEADERS) $(LIB)
	@mkdir -p $(BENCH_BUILD)
	$(CC) $(BENCH_CFLAGS) -Iinclude -o $@ $< -L$(BUILD) -lsecur32 -Wl,-rpath,'$$ORIGIN/..' -lpthread

$(BENCH_BUILD)/openssl_bench: bench/openssl_bench.c bench/bench.h
	@mkdir -p $(BENCH_BUILD)
	@printf '#include <openssl/ssl.h>\n' | $(CC) -E -x c - >/dev/null 2>&1 || \
		{ echo "bench: the OpenSSL headers are missing: apt-get install libssl-dev" >&2; exit 1; }
	$(CC) $(BENCH_CFLAGS) -o $@ $< -lssl -lcrypto -lpthread

$(BENCH_BUILD)/gobench: $(BENCH_GO_SRCS)
	@mkdir -p $(BENCH_BUILD)
	$(GO) build -o $@ ./bench/gobench

bench: $(BENCH_PROGS)
	bench/run.sh

bench-smoke: $(BENCH_PROGS)
	BENCH_SMOKE=1 bench/run.sh

# ---------------------------------------------------------------------------
# Hardening: fuzzing and stress, longer than the passes ctest runs
# (ctest/test_fuzz_short.sh, test_fuzz_abi.sh, test_stress.sh).
#
#   make fuzz    every Go fuzz target of engine/ for FUZZTIME each (a table of
#                executions per target at the end), then ctest/fuzz_abi.c for
#                FUZZ_ABI_CALLS calls per seed in FUZZ_ABI_SEEDS
#   make stress  ctest/stress.c: STRESS_THREADS threads x STRESS_HANDSHAKES
#                handshakes, STRESS_BYTES each way after each
#
# A Go crasher lands in engine/testdata/fuzz/<Target>/ and stays there as the
# regression test. Both targets need the certificates of ctest/gen_certs.sh,
# made in $(BUILD)/testdata.

FUZZTIME          ?= 30s
FUZZ_ABI_CALLS    ?= 1000000
FUZZ_ABI_SEEDS    ?= 1 2 3 4
STRESS_THREADS    ?= 16
STRESS_HANDSHAKES ?= 2000
STRESS_BYTES      ?= 1048576
HARDENING_ENV      = SECUR32_LIB=$(CURDIR)/$(LIB) SECUR32_TESTDATA=$(CURDIR)/$(BUILD)/testdata

.PHONY: fuzz stress

fuzz: $(LIB)
	@bash ctest/gen_certs.sh $(BUILD)/testdata
	@status=0; \
	GO=$(GO) bash ctest/fuzz.sh $(FUZZTIME) || status=1; \
	$(HARDENING_ENV) bash ctest/test_fuzz_abi.sh $(FUZZ_ABI_CALLS) $(FUZZ_ABI_SEEDS) || status=1; \
	exit $$status

stress: $(LIB)
	@bash ctest/gen_certs.sh $(BUILD)/testdata
	$(HARDENING_ENV) bash ctest/test_stress.sh $(STRESS_THREADS) $(STRESS_HANDSHAKES) $(STRESS_BYTES)
