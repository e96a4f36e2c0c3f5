#define _POSIX_C_SOURCE 200809L
#include "common.h"

int test_passed, test_failed;
static char testdata_dir[1024];

const char *status_name(SECURITY_STATUS s) { return SchLinuxStatusName(s); }

int test_summary(void) {
    printf("%d passed, %d failed\n", test_passed, test_failed);
    return test_failed ? 1 : 0;
}

void testdata_init(int argc, char **argv) {
    const char *d = getenv("SECUR32_TESTDATA");
    if (argc > 1) d = argv[1];
    if (!d) d = "build/testdata";
    snprintf(testdata_dir, sizeof testdata_dir, "%s", d);
}

const char *testdata_path(const char *name) {
    static char buf[4][1200];
    static int i;
    i = (i + 1) % 4;
    snprintf(buf[i], sizeof buf[i], "%s/%s", testdata_dir, name);
    return buf[i];
}

PCCERT_CONTEXT load_pem_cert(const char *base) {
    char crt[256], key[256];
    snprintf(crt, sizeof crt, "%s.crt", base);
    snprintf(key, sizeof key, "%s.key", base);
    PCCERT_CONTEXT c = SchLinuxLoadCertificatePemFiles(testdata_path(crt), testdata_path(key), NULL);
    if (!c) {
        fprintf(stderr, "cannot load %s (error 0x%x)\n", testdata_path(crt), (unsigned)GetLastError());
        exit(2);
    }
    return c;
}

extern int gosspi_LiveHandles(void);
extern int gosspi_LiveGoroutines(void);
extern long secur32_live_allocs(void);
int live_handles(void) { return gosspi_LiveHandles(); }
int live_goroutines(void) { return gosspi_LiveGoroutines(); }
long live_allocs(void) { return secur32_live_allocs(); }

#include <time.h>
void leak_check(int handles, int goroutines, long allocs) {
    for (int i = 0; i < 200 && live_goroutines() > goroutines; i++) {
        struct timespec ts = {0, 10 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    ok(live_handles() == handles, "live handles %d, baseline %d", live_handles(), handles);
    ok(live_goroutines() <= goroutines, "goroutines %d, baseline %d", live_goroutines(), goroutines);
    ok(live_allocs() == allocs, "live allocations %ld, baseline %ld", live_allocs(), allocs);
}
