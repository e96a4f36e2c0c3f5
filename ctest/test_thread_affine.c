/*
 * test_thread_affine.c - what SCH_CRED_LINUX_THREAD_AFFINE promises and
 * what happens when a caller breaks the promise (schannel_linux.h):
 *   - a handshake whose calls stay on their thread completes, and after it
 *     any thread may encrypt, decrypt, query and delete;
 *   - ISC/ASC from another thread mid-handshake returns
 *     SEC_E_UNSUPPORTED_FUNCTION and changes nothing;
 *   - DeleteSecurityContext from another thread mid-handshake succeeds and
 *     the parked handshake is released by its thread's next call;
 *   - a context whose thread has exited mid-handshake is refused, never
 *     resumed (the Go runtime would abort the process), and deleting it
 *     leaks only that handshake.
 *   - SECUR32_THREAD_AFFINE=1 in the environment makes a credential
 *     without the flag behave as with it (the program runs itself again
 *     with the variable set).
 * The handshakes with the flag across the whole matrix (and under valgrind
 * and ASan) are in test_handshake.c.
 */
#define _POSIX_C_SOURCE 200809L
#include "common.h"
#include <pthread.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* ---- A worker thread that runs closures on request, so a test can make
 * calls on a thread that stays alive between them. ---- */

typedef struct {
    pthread_t t;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    void (*fn)(void *);
    void *arg;
    int busy, quit;
} worker;

static void *worker_main(void *p) {
    worker *w = p;
    pthread_mutex_lock(&w->mu);
    for (;;) {
        while (!w->busy && !w->quit) pthread_cond_wait(&w->cv, &w->mu);
        if (w->busy) {
            pthread_mutex_unlock(&w->mu);
            w->fn(w->arg);
            pthread_mutex_lock(&w->mu);
            w->busy = 0;
            pthread_cond_broadcast(&w->cv);
            continue;
        }
        break;
    }
    pthread_mutex_unlock(&w->mu);
    return NULL;
}

static void worker_start(worker *w) {
    memset(w, 0, sizeof *w);
    pthread_mutex_init(&w->mu, NULL);
    pthread_cond_init(&w->cv, NULL);
    pthread_create(&w->t, NULL, worker_main, w);
}

/* worker_run runs fn(arg) on w and waits for it. */
static void worker_run(worker *w, void (*fn)(void *), void *arg) {
    pthread_mutex_lock(&w->mu);
    w->fn = fn;
    w->arg = arg;
    w->busy = 1;
    pthread_cond_broadcast(&w->cv);
    while (w->busy) pthread_cond_wait(&w->cv, &w->mu);
    pthread_mutex_unlock(&w->mu);
}

static void worker_stop(worker *w) {
    pthread_mutex_lock(&w->mu);
    w->quit = 1;
    pthread_cond_broadcast(&w->cv);
    pthread_mutex_unlock(&w->mu);
    pthread_join(w->t, NULL);
}

/* ---- Handshake steps ---- */

typedef struct {
    CredHandle cred;
    CtxtHandle ctx;
    int have_ctx, server;
    unsigned char in[32768];
    ULONG in_len;
    unsigned char out[32768];
    ULONG out_len;
    SECURITY_STATUS st;
} side;

/* step makes one ISC/ASC call with s->in (whole tokens); the output token
 * goes to s->out, unconsumed input stays in s->in. */
static void step(void *p) {
    side *s = p;
    SecBuffer inb[2] = {{s->in_len, SECBUFFER_TOKEN, s->in}, {0, SECBUFFER_EMPTY, NULL}};
    SecBufferDesc in = {SECBUFFER_VERSION, 2, inb};
    SecBuffer outb[1] = {{0, SECBUFFER_TOKEN, NULL}};
    SecBufferDesc out = {SECBUFFER_VERSION, 1, outb};
    ULONG attrs;
    CtxtHandle nc;
    int first = !s->have_ctx;
    if (s->server)
        s->st = AcceptSecurityContext(&s->cred, first ? NULL : &s->ctx, &in, ASC_REQ_ALLOCATE_MEMORY | ASC_REQ_STREAM, 0,
                                      &nc, &out, &attrs, NULL);
    else
        s->st = InitializeSecurityContextA(&s->cred, first ? NULL : &s->ctx, "localhost",
                                           ISC_REQ_ALLOCATE_MEMORY | ISC_REQ_STREAM, 0, 0, first ? NULL : &in, 0, &nc,
                                           &out, &attrs, NULL);
    s->out_len = 0;
    if (s->st == SEC_E_OK || s->st == SEC_I_CONTINUE_NEEDED) {
        if (first) {
            s->ctx = nc;
            s->have_ctx = 1;
        }
        memcpy(s->out, outb[0].pvBuffer, outb[0].cbBuffer);
        s->out_len = outb[0].cbBuffer;
        FreeContextBuffer(outb[0].pvBuffer);
        ULONG left = inb[1].BufferType == SECBUFFER_EXTRA ? inb[1].cbBuffer : 0;
        if (first && !s->server) left = 0;
        memmove(s->in, s->in + s->in_len - left, left);
        s->in_len = left;
    }
}

/* deliver moves from's output to to's input. */
static void deliver(side *from, side *to) {
    memcpy(to->in + to->in_len, from->out, from->out_len);
    to->in_len += from->out_len;
    from->out_len = 0;
}

static DWORD affine_flag = SCH_CRED_LINUX_THREAD_AFFINE;

static void acquire(side *c, side *s, PCCERT_CONTEXT cert) {
    memset(c, 0, sizeof *c);
    memset(s, 0, sizeof *s);
    s->server = 1;
    SCHANNEL_CRED sc;
    memset(&sc, 0, sizeof sc);
    sc.dwVersion = SCHANNEL_CRED_VERSION;
    sc.dwFlags = affine_flag;
    sc.cCreds = 1;
    sc.paCred = &cert;
    ok_status(AcquireCredentialsHandleA(NULL, UNISP_NAME_A, SECPKG_CRED_INBOUND, NULL, &sc, NULL, NULL, &s->cred, NULL), SEC_E_OK);
    memset(&sc, 0, sizeof sc);
    sc.dwVersion = SCHANNEL_CRED_VERSION;
    sc.dwFlags = affine_flag | SCH_CRED_MANUAL_CRED_VALIDATION;
    ok_status(AcquireCredentialsHandleA(NULL, UNISP_NAME_A, SECPKG_CRED_OUTBOUND, NULL, &sc, NULL, NULL, &c->cred, NULL), SEC_E_OK);
}

static void release(side *c, side *s) {
    if (c->have_ctx) ok_status(DeleteSecurityContext(&c->ctx), SEC_E_OK);
    if (s->have_ctx) ok_status(DeleteSecurityContext(&s->ctx), SEC_E_OK);
    ok_status(FreeCredentialsHandle(&c->cred), SEC_E_OK);
    ok_status(FreeCredentialsHandle(&s->cred), SEC_E_OK);
}

/* wait_goroutines waits up to 2 s for the library's goroutine count to
 * reach want and returns the last count. */
static int wait_goroutines(int want) {
    int n = live_goroutines();
    for (int i = 0; i < 200 && n != want; i++) {
        struct timespec ts = {0, 10 * 1000 * 1000};
        nanosleep(&ts, NULL);
        n = live_goroutines();
    }
    return n;
}

static void delete_ctx(void *p) { ((side *)p)->st = DeleteSecurityContext(&((side *)p)->ctx); }
static void encrypt_null(void *p) { ((side *)p)->st = EncryptMessage(NULL, 0, NULL, 0); }

static void roundtrip(void *p) {
    side **pair = p; /* [0] encrypts, [1] decrypts */
    SecPkgContext_StreamSizes sz;
    ok_status(QueryContextAttributesA(&pair[0]->ctx, SECPKG_ATTR_STREAM_SIZES, &sz), SEC_E_OK);
    unsigned char buf[1024];
    memcpy(buf + sz.cbHeader, "ping", 4);
    SecBuffer b[4] = {{sz.cbHeader, SECBUFFER_STREAM_HEADER, buf},
                      {4, SECBUFFER_DATA, buf + sz.cbHeader},
                      {sz.cbTrailer, SECBUFFER_STREAM_TRAILER, buf + sz.cbHeader + 4},
                      {0, SECBUFFER_EMPTY, NULL}};
    SecBufferDesc d = {SECBUFFER_VERSION, 4, b};
    ok_status(EncryptMessage(&pair[0]->ctx, 0, &d, 0), SEC_E_OK);
    ULONG len = b[0].cbBuffer + b[1].cbBuffer + b[2].cbBuffer;
    SecBuffer r[4] = {{len, SECBUFFER_DATA, buf}, {0, SECBUFFER_EMPTY, NULL}, {0, SECBUFFER_EMPTY, NULL}, {0, SECBUFFER_EMPTY, NULL}};
    SecBufferDesc rd = {SECBUFFER_VERSION, 4, r};
    ok_status(DecryptMessage(&pair[1]->ctx, &rd, 0, NULL), SEC_E_OK);
    ok(r[1].BufferType == SECBUFFER_DATA && r[1].cbBuffer == 4 && !memcmp(r[1].pvBuffer, "ping", 4), "ping not decrypted");
}

/* Calls stay on their threads (client on main, server on w1), then the
 * established contexts are used from other threads. */
static void test_promise_kept(PCCERT_CONTEXT cert, worker *w1, worker *w2) {
    side c, s;
    acquire(&c, &s, cert);
    step(&c); /* ClientHello */
    ok_status(c.st, SEC_I_CONTINUE_NEEDED);
    deliver(&c, &s);
    worker_run(w1, step, &s);
    ok_status(s.st, SEC_I_CONTINUE_NEEDED);
    deliver(&s, &c);
    step(&c);
    ok_status(c.st, SEC_E_OK);
    deliver(&c, &s);
    worker_run(w1, step, &s);
    ok_status(s.st, SEC_E_OK);
    /* Established: the promise has ended. */
    side *pair[2] = {&c, &s}; /* the client's leftover input holds tickets */
    worker_run(w2, roundtrip, pair);
    release(&c, &s);
}

/* ISC/ASC from the wrong thread mid-handshake: refused, nothing changes. */
static void test_wrong_thread(PCCERT_CONTEXT cert, worker *w1) {
    side c, s;
    acquire(&c, &s, cert);
    step(&c);
    deliver(&c, &s);
    worker_run(w1, step, &s); /* the server's handshake now lives on w1 */
    ok_status(s.st, SEC_I_CONTINUE_NEEDED);
    deliver(&s, &c);
    step(&c);
    ok_status(c.st, SEC_E_OK);
    deliver(&c, &s);
    ULONG before = s.in_len;
    step(&s); /* main thread: wrong */
    ok_status(s.st, SEC_E_UNSUPPORTED_FUNCTION);
    ok(s.in_len == before && s.out_len == 0, "refused call consumed or produced bytes");
    worker_run(w1, step, &s); /* right thread: goes on */
    ok_status(s.st, SEC_E_OK);
    release(&c, &s);
}

/* DeleteSecurityContext from the wrong thread mid-handshake. */
static void test_delete_elsewhere(PCCERT_CONTEXT cert, worker *w1, int gbase) {
    side c, s;
    acquire(&c, &s, cert);
    step(&c);
    deliver(&c, &s);
    worker_run(w1, step, &s);
    ok_status(s.st, SEC_I_CONTINUE_NEEDED);
    int parked = live_goroutines();
    ok(parked >= gbase + 2, "two parked handshakes expected (%d, base %d)", parked, gbase);
    /* Both deleted from a thread that is neither's home. */
    worker w3;
    worker_start(&w3);
    worker_run(&w3, delete_ctx, &s);
    ok_status(s.st, SEC_E_OK);
    worker_run(&w3, delete_ctx, &c);
    ok_status(c.st, SEC_E_OK);
    worker_stop(&w3);
    c.have_ctx = s.have_ctx = 0;
    ok(wait_goroutines(parked) == parked, "a parked handshake was stopped off its thread");
    /* Their threads' next calls (any entry point, even a failing one) release them. */
    worker_run(w1, encrypt_null, &s);
    ok_status(s.st, SEC_E_INVALID_HANDLE);
    encrypt_null(&c);
    int n = wait_goroutines(gbase);
    ok(n == gbase, "orphaned handshakes not released: %d goroutines, base %d", n, gbase);
    release(&c, &s);
}

/* The home thread exits mid-handshake. */
static void step_then_exit(void *p) { step(p); }

static void test_thread_exited(PCCERT_CONTEXT cert, int gbase) {
    side c, s;
    acquire(&c, &s, cert);
    worker w;
    worker_start(&w);
    worker_run(&w, step_then_exit, &c);
    ok_status(c.st, SEC_I_CONTINUE_NEEDED);
    worker_stop(&w); /* the client's home thread is gone */
    deliver(&c, &s);
    step(&s);
    ok_status(s.st, SEC_I_CONTINUE_NEEDED);
    deliver(&s, &c);
    /* Other threads, including one that may reuse the exited thread's
     * runtime state: refused every time, never resumed. */
    for (int i = 0; i < 4; i++) {
        worker w2;
        worker_start(&w2);
        worker_run(&w2, step, &c);
        ok_status(c.st, SEC_E_UNSUPPORTED_FUNCTION);
        worker_stop(&w2);
    }
    step(&c);
    ok_status(c.st, SEC_E_UNSUPPORTED_FUNCTION);
    release(&c, &s); /* the server's own thread: released; the client's: leaked */
    int n = wait_goroutines(gbase + 1);
    ok(n == gbase + 1, "expected exactly the orphaned client handshake to remain: %d goroutines, base %d", n, gbase);
}

/* run_with_env runs this program again with SECUR32_THREAD_AFFINE=1 and
 * "env" as its last argument; returns its exit status. */
static int run_with_env(int argc, char **argv) {
    pid_t pid = fork();
    if (pid == 0) {
        char *args[8] = {0};
        int n = 0;
        for (int i = 0; i < argc && n < 6; i++) args[n++] = argv[i];
        args[n++] = "env";
        setenv("SECUR32_THREAD_AFFINE", "1", 1);
        execv("/proc/self/exe", args);
        _exit(127);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

int main(int argc, char **argv) {
    int env_mode = argc > 1 && !strcmp(argv[argc - 1], "env");
    if (env_mode) argc--;
    testdata_init(argc, argv);
    PCCERT_CONTEXT cert = load_pem_cert("p256");
    if (env_mode) {
        /* Credentials without the flag: the environment sets it. */
        worker w1;
        worker_start(&w1);
        affine_flag = 0;
        test_wrong_thread(cert, &w1);
        worker_stop(&w1);
        CertFreeCertificateContext(cert);
        return test_summary();
    }
    int hbase = live_handles();
    long abase = live_allocs();
    worker w1, w2;
    worker_start(&w1);
    worker_start(&w2);
    /* Warm up the runtime's lazily started goroutines. */
    test_promise_kept(cert, &w1, &w2);
    int gbase = wait_goroutines(-1);

    for (int i = 0; i < 20; i++) test_promise_kept(cert, &w1, &w2);
    ok(wait_goroutines(gbase) == gbase, "goroutines after kept promises");
    test_wrong_thread(cert, &w1);
    test_delete_elsewhere(cert, &w1, gbase);
    worker_stop(&w1);
    worker_stop(&w2);
    /* A C thread that has called in counts as one goroutine while it lives. */
    test_thread_exited(cert, wait_goroutines(gbase - 2));
    ok(live_handles() == hbase, "handles %d, base %d", live_handles(), hbase);
    ok(live_allocs() == abase, "allocations %ld, base %ld", live_allocs(), abase);
    CertFreeCertificateContext(cert);
    ok(run_with_env(argc, argv) == 0, "SECUR32_THREAD_AFFINE=1 run failed");
    return test_summary();
}
