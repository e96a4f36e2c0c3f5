/*
 * common.h - helpers shared by the C tests in ctest/: an ok() assertion that
 * prints file, line and status names, status naming, certificate loading
 * from the generated test data, and SecBuffer descriptor helpers.
 * Each test program ends with test_summary(), which prints
 * "N passed, M failed" and returns the exit code.
 */
#ifndef SECUR32_CTEST_COMMON_H
#define SECUR32_CTEST_COMMON_H

#define SECURITY_WIN32
#include <windows.h>
#include <security.h>
#include <schannel.h>
#include <schannel_linux.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern int test_passed, test_failed;

#define ok(cond, ...)                                                          \
    do {                                                                       \
        if (cond) {                                                            \
            __atomic_add_fetch(&test_passed, 1, __ATOMIC_RELAXED);            \
        } else {                                                               \
            __atomic_add_fetch(&test_failed, 1, __ATOMIC_RELAXED);            \
            fprintf(stderr, "%s:%d: FAIL: ", __FILE__, __LINE__);              \
            fprintf(stderr, __VA_ARGS__);                                      \
            fputc('\n', stderr);                                               \
        }                                                                      \
    } while (0)

/* ok_status checks that `got` equals `want` and names both on failure. */
#define ok_status(got, want)                                                   \
    do {                                                                       \
        SECURITY_STATUS g_ = (got), w_ = (want);                               \
        ok(g_ == w_, "%s: got %s (0x%08x), want %s (0x%08x)", #got,           \
           status_name(g_), (unsigned)g_, status_name(w_), (unsigned)w_);      \
    } while (0)

const char *status_name(SECURITY_STATUS s);
int test_summary(void);

/* testdata_path returns "$SECUR32_TESTDATA/name" (or argv-provided dir). */
const char *testdata_path(const char *name);
void testdata_init(int argc, char **argv);

/* load_pem_cert loads "<base>.crt" + "<base>.key" from the test data with
 * the PEM extension; aborts the test on failure. */
PCCERT_CONTEXT load_pem_cert(const char *base);

/* live_handles is the library's count of live handles and certificate
 * objects (test hook gosspi_LiveHandles). */
int live_handles(void);
/* live_goroutines is runtime.NumGoroutine() inside the library. */
int live_goroutines(void);
/* live_allocs counts caller-owned blocks not yet given to FreeContextBuffer. */
long live_allocs(void);
/* leak_check waits up to 2 s for goroutines to settle, then checks handles,
 * goroutines and allocations against the values given. */
void leak_check(int handles, int goroutines, long allocs);

#endif
