/*
 * stress.c - many client <-> server handshakes through the library on many
 * threads at once, each followed by application data both ways
 * (EncryptMessage / DecryptMessage, every byte checked), with contexts
 * deleted at random in the middle of handshakes and of data transfers.
 * Some credentials are SCH_CRED_LINUX_THREAD_AFFINE (each run keeps its
 * contexts on its thread), the others any-thread.
 *
 *   stress THREADS HANDSHAKES_PER_THREAD BYTES_EACH_WAY [TESTDATA_DIR]
 *
 * Checks: no crash; no deadlock (a watchdog ends the run when no handshake
 * step completes for 60 s); every call returns what a correct exchange
 * gives; live handles, goroutines and caller-owned allocations back to the
 * baseline at the end; and RSS (from /proc/self/statm) after the whole run
 * at most 5% above RSS after the first 10% of the handshakes (runs of 500
 * handshakes or more). Prints
 * handshakes per second and MiB/s. Deterministic per thread (seeded from
 * the thread number), not across threads.
 *
 * `make stress` runs the full size; ctest/test_stress.sh a CI-sized one.
 * Not a test_*.c: it needs arguments.
 */
#define _POSIX_C_SOURCE 200809L
#include "common.h"
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <time.h>
#include <unistd.h>

static int nthreads, per_thread;
static size_t bytes_each_way;
static long total_handshakes;
static PCCERT_CONTEXT certs[2];
static CredHandle shared_server[2], shared_client;

static long done_handshakes;  /* completed (or deliberately abandoned) runs */
static long ok_handshakes;    /* handshakes that reached SEC_E_OK both sides */
static long deleted_mid_hs, deleted_mid_stream;
static long long bytes_moved;
static long progress;         /* bumped on every successful call */
static long rss_at_10 = -1;

static long rss_kib(void) {
    FILE *f = fopen("/proc/self/statm", "r");
    long size = 0, res = 0;
    if (f) {
        if (fscanf(f, "%ld %ld", &size, &res) != 2) res = 0;
        fclose(f);
    }
    return res * (sysconf(_SC_PAGESIZE) / 1024);
}

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static uint64_t xs(uint64_t *s) {
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * 0x2545F4914F6CDD1Dull;
}

typedef struct { unsigned char *p; size_t n, cap; } buf;

static void put(buf *b, const void *p, size_t n) {
    if (b->n + n > b->cap) {
        b->cap = (b->n + n) * 2 + 1024;
        b->p = realloc(b->p, b->cap);
    }
    memcpy(b->p + b->n, p, n);
    b->n += n;
}

static void drop(buf *b, size_t n) {
    memmove(b->p, b->p + n, b->n - n);
    b->n -= n;
}

typedef struct {
    int server;
    CredHandle *cred;
    CtxtHandle ctx;
    int have, done;
    buf in; /* received, not consumed */
} side;

/* step runs one ISC/ASC call on everything `s` has received; the output
 * goes to `out`. */
static SECURITY_STATUS step(side *s, buf *out) {
    SecBuffer ib[2] = {{(ULONG)s->in.n, SECBUFFER_TOKEN, s->in.p}, {0, SECBUFFER_EMPTY, NULL}};
    SecBufferDesc id = {SECBUFFER_VERSION, 2, ib};
    SecBuffer ob[1] = {{0, SECBUFFER_TOKEN, NULL}};
    SecBufferDesc od = {SECBUFFER_VERSION, 1, ob};
    ULONG attrs;
    CtxtHandle nc;
    SECURITY_STATUS st;
    if (s->server)
        st = AcceptSecurityContext(s->cred, s->have ? &s->ctx : NULL, &id,
                                   ASC_REQ_ALLOCATE_MEMORY | ASC_REQ_STREAM | ASC_REQ_CONFIDENTIALITY, 0, &nc, &od, &attrs, NULL);
    else
        st = InitializeSecurityContextA(s->cred, s->have ? &s->ctx : NULL, (SEC_CHAR *)"localhost",
                                        ISC_REQ_ALLOCATE_MEMORY | ISC_REQ_STREAM | ISC_REQ_CONFIDENTIALITY, 0, 0,
                                        s->have ? &id : NULL, 0, &nc, &od, &attrs, NULL);
    if (st == SEC_E_OK || st == SEC_I_CONTINUE_NEEDED) {
        if (!s->have) {
            s->ctx = nc;
            s->have = 1;
        }
        if (ob[0].cbBuffer) put(out, ob[0].pvBuffer, ob[0].cbBuffer);
        size_t extra = ib[1].BufferType == SECBUFFER_EXTRA ? ib[1].cbBuffer : 0;
        drop(&s->in, s->in.n - extra);
        if (st == SEC_E_OK) s->done = 1;
        __atomic_add_fetch(&progress, 1, __ATOMIC_RELAXED);
    }
    if (ob[0].pvBuffer) FreeContextBuffer(ob[0].pvBuffer);
    return st;
}

/* The data of direction `tag` at stream offset `off` is byte (off * 31 +
 * tag) mod 256, which repeats every 256 bytes: a table of one record plus
 * one period serves every offset. */
#define PATTERN_MAX (32768 + 256)
static unsigned char pattern_table[3][PATTERN_MAX];

static void pattern_init(void) {
    for (unsigned tag = 1; tag <= 2; tag++)
        for (size_t i = 0; i < PATTERN_MAX; i++) pattern_table[tag][i] = (unsigned char)(i * 31 + tag);
}

static const unsigned char *pattern(size_t off, unsigned tag) { return pattern_table[tag] + off % 256; }

/* send_recv moves `n` bytes from `from` to `to` as records; returns 0 on
 * success. `to->in` may start with records left from the handshake (TLS
 * 1.3 tickets). */
static int send_recv(side *from, side *to, size_t n, size_t off, unsigned tag) {
    SecPkgContext_StreamSizes sz;
    SECURITY_STATUS st = QueryContextAttributesA(&from->ctx, SECPKG_ATTR_STREAM_SIZES, &sz);
    ok_status(st, SEC_E_OK);
    if (st != SEC_E_OK) return -1;
    size_t max = sz.cbMaximumMessage;
    unsigned char *rec = malloc(sz.cbHeader + max + sz.cbTrailer);
    size_t sent = 0;
    int rc = 0;
    while (sent < n && rc == 0) {
        size_t len = n - sent < max ? n - sent : max;
        memcpy(rec + sz.cbHeader, pattern(off + sent, tag), len);
        SecBuffer b[4] = {{sz.cbHeader, SECBUFFER_STREAM_HEADER, rec}, {(ULONG)len, SECBUFFER_DATA, rec + sz.cbHeader},
                          {sz.cbTrailer, SECBUFFER_STREAM_TRAILER, rec + sz.cbHeader + len}, {0, SECBUFFER_EMPTY, NULL}};
        SecBufferDesc d = {SECBUFFER_VERSION, 4, b};
        st = EncryptMessage(&from->ctx, 0, &d, 0);
        ok_status(st, SEC_E_OK);
        if (st != SEC_E_OK) {
            rc = -1;
            break;
        }
        put(&to->in, rec, b[0].cbBuffer + b[1].cbBuffer + b[2].cbBuffer);
        /* The receiver decrypts everything it has, record by record. */
        size_t got = 0;
        while (to->in.n > 0) {
            SecBuffer r[4] = {{(ULONG)to->in.n, SECBUFFER_DATA, to->in.p}, {0, SECBUFFER_EMPTY, NULL},
                              {0, SECBUFFER_EMPTY, NULL}, {0, SECBUFFER_EMPTY, NULL}};
            SecBufferDesc rd = {SECBUFFER_VERSION, 4, r};
            st = DecryptMessage(&to->ctx, &rd, 0, NULL);
            if (st != SEC_E_OK) {
                ok_status(st, SEC_E_OK);
                rc = -1;
                break;
            }
            if (r[1].cbBuffer) {
                if (r[1].cbBuffer > PATTERN_MAX - 256 || memcmp(pattern(off + sent + got, tag), r[1].pvBuffer, r[1].cbBuffer) != 0) {
                    ok(0, "plaintext differs");
                    rc = -1;
                }
                got += r[1].cbBuffer;
            }
            size_t extra = r[3].BufferType == SECBUFFER_EXTRA ? r[3].cbBuffer : 0;
            drop(&to->in, to->in.n - extra);
        }
        ok(rc != 0 || got == len, "decrypted %zu of %zu bytes", got, len);
        sent += len;
        __atomic_add_fetch(&progress, 1, __ATOMIC_RELAXED);
    }
    free(rec);
    __atomic_add_fetch(&bytes_moved, (long long)sent, __ATOMIC_RELAXED);
    return rc;
}

static void finish_one(void) {
    long d = __atomic_add_fetch(&done_handshakes, 1, __ATOMIC_RELAXED);
    if (d == total_handshakes / 10) {
        long r = rss_kib();
        __atomic_store_n(&rss_at_10, r, __ATOMIC_RELAXED);
    }
}

static void one_connection(uint64_t *rng, int thread) {
    side c = {0}, s = {0};
    s.server = 1;
    int k = (int)(xs(rng) % 2);
    CredHandle own_server, own_client;
    int own = (xs(rng) % 4) == 0; /* a quarter of the runs acquire their own credentials */
    if (own) {
        TLS_PARAMETERS tp = {0};
        tp.grbitDisabledProtocols = (xs(rng) % 2) ? ~(DWORD)SP_PROT_TLS1_2 : ~(DWORD)SP_PROT_TLS1_3;
        SCH_CREDENTIALS sc = {0};
        sc.dwVersion = SCH_CREDENTIALS_VERSION;
        sc.dwFlags = (xs(rng) % 2) ? SCH_CRED_LINUX_THREAD_AFFINE : 0; /* each run stays on its thread */
        sc.cCreds = 1;
        sc.paCred = &certs[k];
        sc.cTlsParameters = 1;
        sc.pTlsParameters = &tp;
        ok_status(AcquireCredentialsHandleA(NULL, (SEC_CHAR *)UNISP_NAME_A, SECPKG_CRED_INBOUND, NULL, &sc, NULL, NULL, &own_server, NULL), SEC_E_OK);
        SCH_CREDENTIALS cc = {0};
        cc.dwVersion = SCH_CREDENTIALS_VERSION;
        cc.dwFlags = SCH_CRED_MANUAL_CRED_VALIDATION | SCH_CRED_NO_DEFAULT_CREDS |
                     ((xs(rng) % 2) ? SCH_CRED_LINUX_THREAD_AFFINE : 0);
        ok_status(AcquireCredentialsHandleA(NULL, (SEC_CHAR *)UNISP_NAME_A, SECPKG_CRED_OUTBOUND, NULL, &cc, NULL, NULL, &own_client, NULL), SEC_E_OK);
        s.cred = &own_server;
        c.cred = &own_client;
    } else {
        s.cred = &shared_server[k];
        c.cred = &shared_client;
    }
    int r = (int)(xs(rng) % 100);
    int kill_hs = r < 4 ? 1 + (int)(xs(rng) % 3) : 0;    /* delete after this many steps */
    int kill_stream = r >= 4 && r < 8;                     /* delete in the middle of the data */
    buf toS = {0}, toC = {0};
    SECURITY_STATUS st = step(&c, &toS);
    int steps = 1;
    while ((st == SEC_I_CONTINUE_NEEDED || st == SEC_E_OK) && !(c.done && s.done) && steps < 20) {
        if (kill_hs && steps >= kill_hs) break;
        if (toS.n && !s.done) {
            put(&s.in, toS.p, toS.n);
            toS.n = 0;
            st = step(&s, &toC);
        } else if (toC.n && !c.done) {
            put(&c.in, toC.p, toC.n);
            toC.n = 0;
            st = step(&c, &toS);
        } else {
            break;
        }
        steps++;
    }
    if (kill_hs && !(c.done && s.done)) {
        __atomic_add_fetch(&deleted_mid_hs, 1, __ATOMIC_RELAXED);
    } else {
        ok(c.done && s.done && st == SEC_E_OK, "thread %d: handshake did not complete (%s after %d steps)", thread, status_name(st), steps);
        if (c.done && s.done) {
            __atomic_add_fetch(&ok_handshakes, 1, __ATOMIC_RELAXED);
            put(&c.in, toC.p, toC.n); /* tickets */
            toC.n = 0;
            size_t n = bytes_each_way;
            if (kill_stream) n = n ? (size_t)(xs(rng) % n) : 0;
            if (send_recv(&c, &s, n, 0, 1) == 0) send_recv(&s, &c, n, 0, 2);
            if (kill_stream) {
                __atomic_add_fetch(&deleted_mid_stream, 1, __ATOMIC_RELAXED);
                /* Encrypt a record that is never decrypted, then delete. */
                SecPkgContext_StreamSizes sz;
                if (QueryContextAttributesA(&c.ctx, SECPKG_ATTR_STREAM_SIZES, &sz) == SEC_E_OK) {
                    unsigned char m[64];
                    SecBuffer b[4] = {{sz.cbHeader, SECBUFFER_STREAM_HEADER, m}, {8, SECBUFFER_DATA, m + sz.cbHeader},
                                      {sz.cbTrailer, SECBUFFER_STREAM_TRAILER, m + sz.cbHeader + 8}, {0, SECBUFFER_EMPTY, NULL}};
                    SecBufferDesc d = {SECBUFFER_VERSION, 4, b};
                    ok_status(EncryptMessage(&c.ctx, 0, &d, 0), SEC_E_OK);
                }
            }
        }
    }
    /* Delete in a random order; the survivor must still answer. */
    if (xs(rng) % 2) {
        if (c.have) ok_status(DeleteSecurityContext(&c.ctx), SEC_E_OK);
        if (s.have) ok_status(DeleteSecurityContext(&s.ctx), SEC_E_OK);
    } else {
        if (s.have) ok_status(DeleteSecurityContext(&s.ctx), SEC_E_OK);
        if (c.have) ok_status(DeleteSecurityContext(&c.ctx), SEC_E_OK);
    }
    if (own) {
        ok_status(FreeCredentialsHandle(&own_server), SEC_E_OK);
        ok_status(FreeCredentialsHandle(&own_client), SEC_E_OK);
    }
    free(toS.p);
    free(toC.p);
    free(c.in.p);
    free(s.in.p);
    finish_one();
}

static void *worker(void *arg) {
    int t = (int)(intptr_t)arg;
    uint64_t rng = 0x9E3779B97F4A7C15ull * (uint64_t)(t + 1);
    for (int i = 0; i < per_thread; i++) one_connection(&rng, t);
    return NULL;
}

static void on_alarm(int sig) {
    (void)sig;
    static const char msg[] = "stress: no progress for 60 s (deadlock?)\n";
    ssize_t r = write(2, msg, sizeof msg - 1);
    (void)r;
    _exit(3);
}

int main(int argc, char **argv) {
    if (argc < 4) {
        fprintf(stderr, "usage: %s THREADS HANDSHAKES_PER_THREAD BYTES_EACH_WAY [TESTDATA_DIR]\n", argv[0]);
        return 2;
    }
    nthreads = atoi(argv[1]);
    per_thread = atoi(argv[2]);
    bytes_each_way = (size_t)strtoull(argv[3], NULL, 0);
    total_handshakes = (long)nthreads * per_thread;
    char *td[2] = {argv[0], argc > 4 ? argv[4] : NULL};
    testdata_init(argc > 4 ? 2 : 1, td);
    signal(SIGALRM, on_alarm);
    pattern_init();

    int hbase = live_handles(), gbase = live_goroutines();
    long abase = live_allocs();
    certs[0] = load_pem_cert("p256");
    certs[1] = load_pem_cert("rsa");
    for (int k = 0; k < 2; k++) {
        SCHANNEL_CRED sc = {0};
        sc.dwVersion = SCHANNEL_CRED_VERSION;
        sc.dwFlags = k ? SCH_CRED_LINUX_THREAD_AFFINE : 0; /* RSA runs: handshakes on the calling thread */
        sc.cCreds = 1;
        sc.paCred = &certs[k];
        ok_status(AcquireCredentialsHandleA(NULL, (SEC_CHAR *)UNISP_NAME_A, SECPKG_CRED_INBOUND, NULL, &sc, NULL, NULL, &shared_server[k], NULL), SEC_E_OK);
    }
    SCHANNEL_CRED cc = {0};
    cc.dwVersion = SCHANNEL_CRED_VERSION;
    cc.dwFlags = SCH_CRED_MANUAL_CRED_VALIDATION | SCH_CRED_NO_DEFAULT_CREDS;
    ok_status(AcquireCredentialsHandleA(NULL, (SEC_CHAR *)UNISP_NAME_A, SECPKG_CRED_OUTBOUND, NULL, &cc, NULL, NULL, &shared_client, NULL), SEC_E_OK);

    long rss_start = rss_kib();
    double t0 = now();
    pthread_t *th = calloc((size_t)nthreads, sizeof *th);
    for (int t = 0; t < nthreads; t++) pthread_create(&th[t], NULL, worker, (void *)(intptr_t)t);
    /* Watchdog: progress must move at least once a minute. */
    long last = -1;
    for (;;) {
        long p = __atomic_load_n(&progress, __ATOMIC_RELAXED);
        if (p != last) {
            alarm(60);
            last = p;
        }
        if (__atomic_load_n(&done_handshakes, __ATOMIC_RELAXED) >= total_handshakes) break;
        struct timespec ts = {0, 20 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    for (int t = 0; t < nthreads; t++) pthread_join(th[t], NULL);
    alarm(120);
    double secs = now() - t0;
    free(th);
    long rss_end = rss_kib();

    ok_status(FreeCredentialsHandle(&shared_server[0]), SEC_E_OK);
    ok_status(FreeCredentialsHandle(&shared_server[1]), SEC_E_OK);
    ok_status(FreeCredentialsHandle(&shared_client), SEC_E_OK);
    CertFreeCertificateContext(certs[0]);
    CertFreeCertificateContext(certs[1]);
    leak_check(hbase, gbase, abase);
    alarm(0);

    printf("stress: %d threads x %d handshakes, %zu bytes each way: %ld complete, %ld deleted mid-handshake, "
           "%ld deleted mid-stream\n", nthreads, per_thread, bytes_each_way, ok_handshakes, deleted_mid_hs, deleted_mid_stream);
    printf("stress: %.1f s, %.0f handshakes/s, %.1f MiB/s of application data (both directions)\n", secs,
           total_handshakes / secs, bytes_moved / secs / 1048576.0);
    printf("stress: RSS %ld KiB at start, %ld KiB after 10%% of the handshakes, %ld KiB at the end\n", rss_start, rss_at_10, rss_end);
    /* Below a few hundred handshakes the first 10% is still warm-up
     * (heap growth, thread creation): the comparison means nothing. */
    if (rss_at_10 > 0 && total_handshakes >= 500)
        ok(rss_end <= rss_at_10 + rss_at_10 / 20, "RSS grew from %ld KiB (10%%) to %ld KiB (end): more than 5%%", rss_at_10, rss_end);
    return test_summary();
}
