/*
 * sspi_bench.c - libsecur32.so measured through its C ABI, client and
 * server in one process, tokens passed in memory (see bench/README.md).
 *
 *   sspi_bench CERTDIR handshake CASE...   CASE: tls13_ecdsa tls13_rsa
 *                                                tls12_ecdsa tls13_resume
 *   sspi_bench CERTDIR records             AES-128-GCM (TLS 1.3), AES-256-GCM
 *                                          and ChaCha20-Poly1305 (TLS 1.2) x
 *                                          16 KiB, 1 KiB, 64 B
 *   sspi_bench CERTDIR memory              RSS and goroutines per idle context
 *   sspi_bench CERTDIR scale T...          handshakes/s with T threads, and the
 *                                          distribution of ASC call times
 *
 * CERTDIR holds p256.crt/p256.key and rsa.crt/rsa.key (PEM). Output: JSON
 * Lines on stdout. BENCH_SMOKE=1 shrinks every loop (bench.h).
 */
#include "bench.h"

#define SECURITY_WIN32
#include <windows.h>
#include <security.h>
#include <schannel.h>
#include <schannel_linux.h>
#include <pthread.h>

/* Test hook exported by libsecur32.so: runtime.NumGoroutine(). */
extern int gosspi_LiveGoroutines(void);

static bench_settings cfg;
static PCCERT_CONTEXT cert_p256, cert_rsa;

static const ULONG CREQ = ISC_REQ_SEQUENCE_DETECT | ISC_REQ_REPLAY_DETECT | ISC_REQ_CONFIDENTIALITY |
                          ISC_REQ_STREAM | ISC_REQ_ALLOCATE_MEMORY | ISC_REQ_USE_SUPPLIED_CREDS;
static const ULONG SREQ = ASC_REQ_SEQUENCE_DETECT | ASC_REQ_REPLAY_DETECT | ASC_REQ_CONFIDENTIALITY |
                          ASC_REQ_STREAM | ASC_REQ_ALLOCATE_MEMORY;

static void fail_status(const char *what, SECURITY_STATUS st) {
    fprintf(stderr, "sspi_bench: %s failed: 0x%08x\n", what, (unsigned)st);
    exit(1);
}

/* ------------------------------------------------------------------------ */
/* Credentials */

enum { CIPHER_ANY, CIPHER_AES256_ONLY, CIPHER_CHACHA_ONLY };

/* acquire gets a server (cert != NULL) or client credential limited to the
 * SP_PROT_* versions in `protocols` (both directions' bits) and, for TLS 1.2,
 * to one cipher family through TLS_PARAMETERS.pDisabledCrypto; `flags` are
 * extra SCH_CRED_* bits. */
static void acquire(CredHandle *h, PCCERT_CONTEXT cert, DWORD protocols, int cipher, DWORD flags) {
    static WCHAR aes[] = {'A', 'E', 'S', 0};
    static WCHAR chacha[] = {'C', 'H', 'A', 'C', 'H', 'A', '2', '0', '_', 'P', 'O', 'L', 'Y', '1', '3', '0', '5', 0};
    CRYPTO_SETTINGS cs[2];
    memset(cs, 0, sizeof cs);
    TLS_PARAMETERS tp;
    memset(&tp, 0, sizeof tp);
    tp.grbitDisabledProtocols = ~protocols;
    if (cipher == CIPHER_AES256_ONLY) {
        /* AES with 128-bit keys and ChaCha20 disabled: AES-256-GCM remains. */
        cs[0].eAlgorithmUsage = TlsParametersCngAlgUsageCipher;
        cs[0].strCngAlgId = (UNICODE_STRING){6, 8, aes};
        cs[0].dwMinBitLength = 128;
        cs[0].dwMaxBitLength = 128;
        cs[1].eAlgorithmUsage = TlsParametersCngAlgUsageCipher;
        cs[1].strCngAlgId = (UNICODE_STRING){34, 36, chacha};
        tp.cDisabledCrypto = 2;
        tp.pDisabledCrypto = cs;
    } else if (cipher == CIPHER_CHACHA_ONLY) {
        cs[0].eAlgorithmUsage = TlsParametersCngAlgUsageCipher;
        cs[0].strCngAlgId = (UNICODE_STRING){6, 8, aes};
        tp.cDisabledCrypto = 1;
        tp.pDisabledCrypto = cs;
    }
    SCH_CREDENTIALS sc;
    memset(&sc, 0, sizeof sc);
    sc.dwVersion = SCH_CREDENTIALS_VERSION;
    sc.dwFlags = flags;
    /* Stack "ours-affine": every credential promises thread-affine
     * handshakes (each ISC/ASC of a pair runs on one thread here). */
    if (getenv("SSPI_BENCH_THREAD_AFFINE")) sc.dwFlags |= SCH_CRED_LINUX_THREAD_AFFINE;
    sc.cTlsParameters = 1;
    sc.pTlsParameters = &tp;
    if (cert) {
        sc.cCreds = 1;
        sc.paCred = &cert;
    } else {
        sc.dwFlags |= SCH_CRED_MANUAL_CRED_VALIDATION | SCH_CRED_NO_DEFAULT_CREDS;
    }
    SECURITY_STATUS st = AcquireCredentialsHandleA(NULL, (LPSTR)UNISP_NAME_A,
                                                   cert ? SECPKG_CRED_INBOUND : SECPKG_CRED_OUTBOUND, NULL, &sc,
                                                   NULL, NULL, h, NULL);
    if (st != SEC_E_OK) fail_status("AcquireCredentialsHandle", st);
}

/* ------------------------------------------------------------------------ */
/* One in-memory handshake */

typedef struct {
    int measure_cpu;   /* accumulate process CPU around every server call */
    double server_cpu; /* seconds */
    uint64_t *asc_ns;  /* if non-NULL: wall time of every ASC call */
    size_t n_asc, cap_asc;
} meter;

typedef struct {
    bq to_s, to_c; /* client -> server, server -> client */
} wire;

typedef struct {
    unsigned protocol, suite, group;
    char suite_name[80];
    int resumed;
} neg_info;

static void wide_to_ascii(char *dst, size_t n, const WCHAR *src) {
    size_t i = 0;
    for (; i + 1 < n && src[i]; i++) dst[i] = (char)(src[i] < 128 ? src[i] : '?');
    dst[i] = 0;
}

static void query_info(CtxtHandle *s, neg_info *ni) {
    SecPkgContext_CipherInfo ci;
    memset(&ci, 0, sizeof ci);
    ci.dwVersion = SECPKGCONTEXT_CIPHERINFO_V1;
    SECURITY_STATUS st = QueryContextAttributesA(s, SECPKG_ATTR_CIPHER_INFO, &ci);
    if (st != SEC_E_OK) fail_status("QueryContextAttributes(CIPHER_INFO)", st);
    ni->protocol = ci.dwProtocol;
    ni->suite = ci.dwCipherSuite;
    ni->group = ci.dwKeyType;
    wide_to_ascii(ni->suite_name, sizeof ni->suite_name, ci.szCipherSuite);
    SecPkgContext_SessionInfo si;
    memset(&si, 0, sizeof si);
    st = QueryContextAttributesA(s, SECPKG_ATTR_SESSION_INFO, &si);
    if (st != SEC_E_OK) fail_status("QueryContextAttributes(SESSION_INFO)", st);
    ni->resumed = (si.dwFlags & SSL_SESSION_RECONNECT) != 0;
}

static void meter_asc(meter *m, uint64_t ns) {
    if (m->n_asc == m->cap_asc) {
        m->cap_asc = m->cap_asc * 2 + 1024;
        m->asc_ns = realloc(m->asc_ns, m->cap_asc * sizeof *m->asc_ns);
        if (!m->asc_ns) die("out of memory");
    }
    m->asc_ns[m->n_asc++] = ns;
}

/* client_decrypt_pending runs the client's DecryptMessage over whatever the
 * server sent after the handshake (TLS 1.3 NewSessionTicket records), so the
 * client credential caches the session for resumption. */
static void client_decrypt_pending(CtxtHandle *c, bq *in) {
    while (in->len) {
        SecBuffer b[4] = {{(ULONG)in->len, SECBUFFER_DATA, bq_data(in)},
                          {0, SECBUFFER_EMPTY, NULL},
                          {0, SECBUFFER_EMPTY, NULL},
                          {0, SECBUFFER_EMPTY, NULL}};
        SecBufferDesc d = {SECBUFFER_VERSION, 4, b};
        SECURITY_STATUS st = DecryptMessage(c, &d, 0, NULL);
        if (st != SEC_E_OK) fail_status("client DecryptMessage (ticket)", st);
        size_t extra = 0;
        for (int i = 1; i < 4; i++)
            if (b[i].BufferType == SECBUFFER_EXTRA) extra = b[i].cbBuffer;
        bq_consume(in, in->len - extra);
    }
}

/* handshake runs one full client <-> server handshake. The server's calls
 * (every AcceptSecurityContext with its FreeContextBuffer, and the final
 * DeleteSecurityContext when the server context is not kept) are metered.
 * With sctx_out / cctx_out the established contexts are kept open. */
static void handshake(CredHandle *scred, CredHandle *ccred, int process_tickets, meter *m, wire *w,
                      neg_info *ni, CtxtHandle *sctx_out, CtxtHandle *cctx_out) {
    CtxtHandle c, s;
    int have_s = 0, cdone = 0, sdone = 0;
    ULONG attrs;
    w->to_s.len = w->to_s.off = 0;
    w->to_c.len = w->to_c.off = 0;

    SecBuffer ob = {0, SECBUFFER_TOKEN, NULL};
    SecBufferDesc od = {SECBUFFER_VERSION, 1, &ob};
    SECURITY_STATUS st = InitializeSecurityContextA(ccred, NULL, (SEC_CHAR *)"localhost", CREQ, 0, 0, NULL, 0, &c,
                                                    &od, &attrs, NULL);
    if (st != SEC_I_CONTINUE_NEEDED) fail_status("ISC #1", st);
    bq_append(&w->to_s, ob.pvBuffer, ob.cbBuffer);
    FreeContextBuffer(ob.pvBuffer);

    for (int guard = 0; guard < 16; guard++) {
        if (!sdone && w->to_s.len) {
            SecBuffer ib[2] = {{(ULONG)w->to_s.len, SECBUFFER_TOKEN, bq_data(&w->to_s)}, {0, SECBUFFER_EMPTY, NULL}};
            SecBufferDesc id = {SECBUFFER_VERSION, 2, ib};
            ob = (SecBuffer){0, SECBUFFER_TOKEN, NULL};
            double c0 = m->measure_cpu ? cpu_now() : 0;
            uint64_t w0 = m->asc_ns ? wall_ns() : 0;
            st = AcceptSecurityContext(scred, have_s ? &s : NULL, &id, SREQ, 0, &s, &od, &attrs, NULL);
            if (m->asc_ns) meter_asc(m, wall_ns() - w0);
            if (st != SEC_E_OK && st != SEC_I_CONTINUE_NEEDED) fail_status("AcceptSecurityContext", st);
            have_s = 1;
            if (ob.cbBuffer) bq_append(&w->to_c, ob.pvBuffer, ob.cbBuffer);
            if (ob.pvBuffer) FreeContextBuffer(ob.pvBuffer);
            if (m->measure_cpu) m->server_cpu += cpu_now() - c0;
            size_t extra = ib[1].BufferType == SECBUFFER_EXTRA ? ib[1].cbBuffer : 0;
            bq_consume(&w->to_s, w->to_s.len - extra);
            if (st == SEC_E_OK) sdone = 1;
        } else if (!cdone && w->to_c.len) {
            SecBuffer ib[2] = {{(ULONG)w->to_c.len, SECBUFFER_TOKEN, bq_data(&w->to_c)}, {0, SECBUFFER_EMPTY, NULL}};
            SecBufferDesc id = {SECBUFFER_VERSION, 2, ib};
            ob = (SecBuffer){0, SECBUFFER_TOKEN, NULL};
            st = InitializeSecurityContextA(ccred, &c, (SEC_CHAR *)"localhost", CREQ, 0, 0, &id, 0, &c, &od, &attrs,
                                            NULL);
            if (st != SEC_E_OK && st != SEC_I_CONTINUE_NEEDED) fail_status("InitializeSecurityContext", st);
            if (ob.cbBuffer) bq_append(&w->to_s, ob.pvBuffer, ob.cbBuffer);
            if (ob.pvBuffer) FreeContextBuffer(ob.pvBuffer);
            size_t extra = ib[1].BufferType == SECBUFFER_EXTRA ? ib[1].cbBuffer : 0;
            bq_consume(&w->to_c, w->to_c.len - extra);
            if (st == SEC_E_OK) cdone = 1;
        } else {
            break;
        }
    }
    if (!cdone || !sdone) die("handshake did not finish");
    if (process_tickets) client_decrypt_pending(&c, &w->to_c);
    if (ni) query_info(&s, ni);

    if (sctx_out) {
        *sctx_out = s;
    } else {
        double c0 = m->measure_cpu ? cpu_now() : 0;
        DeleteSecurityContext(&s);
        if (m->measure_cpu) m->server_cpu += cpu_now() - c0;
    }
    if (cctx_out) *cctx_out = c;
    else DeleteSecurityContext(&c);
}

static void print_neg(const neg_info *ni) {
    printf("\"negotiated\":{\"version\":\"%s\",\"suite\":\"%s\",\"suite_id\":%u,\"group\":\"%s\",\"resumed\":%s}",
           ni->protocol == 0x0304 ? "TLS1.3" : ni->protocol == 0x0303 ? "TLS1.2" : "?", ni->suite_name, ni->suite,
           ni->suite ? group_name(ni->group) : "?", ni->resumed ? "true" : "false");
}

static void print_common(const char *kind) {
    printf("{\"kind\":\"%s\",\"stack\":\"%s\",\"gomaxprocs_env\":", kind,
           getenv("SSPI_BENCH_THREAD_AFFINE") ? "ours-affine" : "ours");
    json_env(stdout, "GOMAXPROCS");
    printf(",\"godebug\":");
    json_env(stdout, "GODEBUG");
    printf(",\"nproc\":%ld,", sysconf(_SC_NPROCESSORS_ONLN));
}

/* ------------------------------------------------------------------------ */
/* Handshake rows */

static void bench_handshake(const char *name) {
    DWORD prot;
    PCCERT_CONTEXT cert = cert_p256;
    int resume = 0;
    DWORD cflags = 0;
    /* TLS 1.3 full handshakes: the client offers resumption (psk_dhe_ke),
     * so the server issues its ticket, but never processes the ticket and
     * so never resumes. TLS 1.2: the client does not support tickets (it
     * would store the ticket during the handshake and resume). */
    if (!strcmp(name, "tls13_ecdsa")) prot = SP_PROT_TLS1_3;
    else if (!strcmp(name, "tls13_rsa")) prot = SP_PROT_TLS1_3, cert = cert_rsa;
    else if (!strcmp(name, "tls12_ecdsa")) prot = SP_PROT_TLS1_2, cflags = SCH_CRED_DISABLE_RECONNECTS;
    else if (!strcmp(name, "tls13_resume")) prot = SP_PROT_TLS1_3, resume = 1;
    else die("unknown handshake case");

    CredHandle sc, cc;
    acquire(&sc, cert, prot, CIPHER_ANY, 0);
    acquire(&cc, NULL, prot, CIPHER_ANY, cflags);
    wire w = {0};
    meter m = {0};
    m.measure_cpu = 1;
    neg_info ni = {0};

    /* Warm-up (not reported): primes the client's session cache for the
     * resumption case and checks what every handshake negotiates. */
    double until = cpu_now() + cfg.round_s; /* warm-up: one unreported round */
    int warm = 0;
    do {
        handshake(&sc, &cc, resume, &m, &w, &ni, NULL, NULL);
        if (warm > 0 && ni.resumed != resume) die("resumption state not as expected");
        warm++;
    } while (warm < 3 || cpu_now() < until);

    print_common("handshake");
    printf("\"case\":\"%s\",", name);
    print_neg(&ni);
    printf(",\"rounds\":[");
    for (int r = 0; r < cfg.rounds; r++) {
        m.server_cpu = 0;
        long n = 0;
        double w0 = wall_now(), c0 = cpu_now(), wall, cpu;
        do {
            handshake(&sc, &cc, resume, &m, &w, n == 0 ? &ni : NULL, NULL, NULL);
            if (n == 0 && ni.resumed != resume) die("resumption state not as expected");
            n++;
            wall = wall_now() - w0;
            cpu = cpu_now() - c0;
        } while (n < 3 || (cpu < cfg.round_s && wall < ROUND_WALL_CAP * cfg.round_s));
        printf("%s{\"n\":%ld,\"cpu_s\":%.9g,\"server_cpu_s\":%.9g,\"wall_s\":%.9g}", r ? "," : "", n, cpu, m.server_cpu,
               wall);
    }
    printf("]}\n");
    fflush(stdout);
    FreeCredentialsHandle(&sc);
    FreeCredentialsHandle(&cc);
    free(w.to_s.p);
    free(w.to_c.p);
}

/* ------------------------------------------------------------------------ */
/* Records */

static void encrypt_batch(CtxtHandle *ctx, unsigned char *wirebuf, int k, int size, const SecPkgContext_StreamSizes *sz) {
    size_t slot = sz->cbHeader + size + sz->cbTrailer;
    for (int i = 0; i < k; i++) {
        unsigned char *p = wirebuf + (size_t)i * slot;
        SecBuffer b[4] = {{sz->cbHeader, SECBUFFER_STREAM_HEADER, p},
                          {(ULONG)size, SECBUFFER_DATA, p + sz->cbHeader},
                          {sz->cbTrailer, SECBUFFER_STREAM_TRAILER, p + sz->cbHeader + size},
                          {0, SECBUFFER_EMPTY, NULL}};
        SecBufferDesc d = {SECBUFFER_VERSION, 4, b};
        SECURITY_STATUS st = EncryptMessage(ctx, 0, &d, 0);
        if (st != SEC_E_OK) fail_status("EncryptMessage", st);
        if (b[0].cbBuffer != sz->cbHeader || b[2].cbBuffer != sz->cbTrailer) die("record size differs from StreamSizes");
    }
}

/* decrypt_batch decrypts k records laid out back to back, passing all the
 * remaining bytes each time and moving on to SECBUFFER_EXTRA, as a server
 * that read a burst from its socket does. */
static void decrypt_batch(CtxtHandle *ctx, unsigned char *wirebuf, size_t len, int k, int size) {
    unsigned char *p = wirebuf;
    for (int i = 0; i < k; i++) {
        SecBuffer b[4] = {{(ULONG)len, SECBUFFER_DATA, p},
                          {0, SECBUFFER_EMPTY, NULL},
                          {0, SECBUFFER_EMPTY, NULL},
                          {0, SECBUFFER_EMPTY, NULL}};
        SecBufferDesc d = {SECBUFFER_VERSION, 4, b};
        SECURITY_STATUS st = DecryptMessage(ctx, &d, 0, NULL);
        if (st != SEC_E_OK) fail_status("DecryptMessage", st);
        if (b[1].BufferType != SECBUFFER_DATA || b[1].cbBuffer != (ULONG)size) die("DecryptMessage: wrong data size");
        size_t extra = b[3].BufferType == SECBUFFER_EXTRA ? b[3].cbBuffer : 0;
        p += len - extra;
        len = extra;
    }
    if (len) die("DecryptMessage left bytes");
}

static void bench_records(void) {
    struct {
        const char *name;
        DWORD prot;
        int cipher;
    } ciphers[3] = {
        {"AES-128-GCM", SP_PROT_TLS1_3, CIPHER_ANY},
        {"AES-256-GCM", SP_PROT_TLS1_2, CIPHER_AES256_ONLY},
        {"ChaCha20-Poly1305", SP_PROT_TLS1_2, CIPHER_CHACHA_ONLY},
    };
    for (int ci = 0; ci < 3; ci++) {
        CredHandle sc, cc;
        acquire(&sc, cert_p256, ciphers[ci].prot, ciphers[ci].cipher, 0);
        acquire(&cc, NULL, ciphers[ci].prot, ciphers[ci].cipher, 0);
        wire w = {0};
        meter m = {0};
        neg_info ni = {0};
        CtxtHandle s, c;
        handshake(&sc, &cc, 1, &m, &w, &ni, &s, &c);
        SecPkgContext_StreamSizes sz;
        SECURITY_STATUS st = QueryContextAttributesA(&s, SECPKG_ATTR_STREAM_SIZES, &sz);
        if (st != SEC_E_OK) fail_status("QueryContextAttributes(STREAM_SIZES)", st);
        for (int si = 0; si < 3; si++) {
            int size = rec_sizes[si], k = rec_batch(size, cfg.smoke);
            size_t slot = sz.cbHeader + size + sz.cbTrailer;
            unsigned char *buf = calloc((size_t)k, slot);
            if (!buf) die("out of memory");
            /* one untimed batch each way */
            encrypt_batch(&s, buf, k, size, &sz);
            decrypt_batch(&c, buf, (size_t)k * slot, k, size);
            print_common("record");
            printf("\"cipher\":\"%s\",\"size\":%d,", ciphers[ci].name, size);
            print_neg(&ni);
            printf(",\"rounds\":[");
            for (int r = 0; r < cfg.rounds; r++) {
                double enc = 0, dec = 0, w0 = wall_now(), c0r = cpu_now();
                long calls = 0;
                do {
                    double c0 = cpu_now();
                    encrypt_batch(&s, buf, k, size, &sz); /* timed: server EncryptMessage */
                    enc += cpu_now() - c0;
                    decrypt_batch(&c, buf, (size_t)k * slot, k, size);
                    encrypt_batch(&c, buf, k, size, &sz);
                    c0 = cpu_now();
                    decrypt_batch(&s, buf, (size_t)k * slot, k, size); /* timed: server DecryptMessage */
                    dec += cpu_now() - c0;
                    calls += k;
                } while (cpu_now() - c0r < cfg.rec_round_s && wall_now() - w0 < ROUND_WALL_CAP * cfg.rec_round_s);
                printf("%s{\"calls\":%ld,\"bytes\":%ld,\"enc_cpu_s\":%.9g,\"dec_cpu_s\":%.9g}", r ? "," : "", calls,
                       calls * (long)size, enc, dec);
            }
            printf("]}\n");
            fflush(stdout);
            free(buf);
        }
        DeleteSecurityContext(&s);
        DeleteSecurityContext(&c);
        FreeCredentialsHandle(&sc);
        FreeCredentialsHandle(&cc);
        free(w.to_s.p);
        free(w.to_c.p);
    }
}

/* ------------------------------------------------------------------------ */
/* Memory per idle established context */

static void settle_goroutines(int target) {
    for (int i = 0; i < 100 && gosspi_LiveGoroutines() > target; i++) usleep(10000);
}

static void bench_memory(void) {
    int n = cfg.mem_contexts;
    CredHandle sc, cc;
    acquire(&sc, cert_p256, SP_PROT_TLS1_3, CIPHER_ANY, 0);
    acquire(&cc, NULL, SP_PROT_TLS1_3, CIPHER_ANY, 0);
    wire w = {0};
    meter m = {0};
    for (int i = 0; i < (cfg.smoke ? 20 : 200); i++) handshake(&sc, &cc, 0, &m, &w, NULL, NULL, NULL);
    usleep(100000);
    int g0 = gosspi_LiveGoroutines();
    settle_goroutines(g0);
    g0 = gosspi_LiveGoroutines();
    long rss0 = rss_bytes();
    CtxtHandle *ctx = malloc(sizeof *ctx * (size_t)n);
    if (!ctx) die("out of memory");
    double w0 = wall_now();
    for (int i = 0; i < n; i++) handshake(&sc, &cc, 0, &m, &w, NULL, &ctx[i], NULL);
    double wall = wall_now() - w0;
    int g1 = gosspi_LiveGoroutines();
    long rss1 = rss_bytes();
    usleep(200000);
    settle_goroutines(g0);
    int g2 = gosspi_LiveGoroutines();
    long rss2 = rss_bytes();
    for (int i = 0; i < n; i++) DeleteSecurityContext(&ctx[i]);
    usleep(100000);
    long rss3 = rss_bytes();
    free(ctx);
    print_common("memory");
    printf("\"what\":\"idle established TLS 1.3 server contexts (C ABI), client contexts deleted\","
           "\"contexts\":%d,\"rss_before\":%ld,\"rss_after\":%ld,\"rss_after_settle\":%ld,\"rss_after_delete\":%ld,"
           "\"goroutines_before\":%d,\"goroutines_after\":%d,\"goroutines_after_settle\":%d,\"wall_s\":%.6g}\n",
           n, rss0, rss1, rss2, rss3, g0, g1, g2, wall);
    fflush(stdout);
    FreeCredentialsHandle(&sc);
    FreeCredentialsHandle(&cc);
}

/* ------------------------------------------------------------------------ */
/* Scaling with client threads */

static CredHandle scale_server_cred;
static int scale_stop, scale_go;

typedef struct {
    pthread_t t;
    long n;
    meter m;
} scale_thread;

static void *scale_worker(void *arg) {
    scale_thread *st = arg;
    CredHandle cc;
    acquire(&cc, NULL, SP_PROT_TLS1_3, CIPHER_ANY, 0);
    wire w = {0};
    while (!__atomic_load_n(&scale_go, __ATOMIC_ACQUIRE)) usleep(100);
    while (!__atomic_load_n(&scale_stop, __ATOMIC_RELAXED)) {
        handshake(&scale_server_cred, &cc, 0, &st->m, &w, NULL, NULL, NULL);
        st->n++;
    }
    FreeCredentialsHandle(&cc);
    free(w.to_s.p);
    free(w.to_c.p);
    return NULL;
}

static int cmp_u64(const void *a, const void *b) {
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static void bench_scale(int threads) {
    scale_thread *ts = calloc((size_t)threads, sizeof *ts);
    if (!ts) die("out of memory");
    __atomic_store_n(&scale_stop, 0, __ATOMIC_RELAXED);
    __atomic_store_n(&scale_go, 0, __ATOMIC_RELAXED);
    for (int i = 0; i < threads; i++) {
        ts[i].m.asc_ns = malloc(sizeof(uint64_t) * 4096);
        ts[i].m.cap_asc = 4096;
        pthread_create(&ts[i].t, NULL, scale_worker, &ts[i]);
    }
    usleep(50000);
    double w0 = wall_now(), c0 = cpu_now();
    __atomic_store_n(&scale_go, 1, __ATOMIC_RELEASE);
    usleep((useconds_t)(cfg.scale_s * 1e6));
    __atomic_store_n(&scale_stop, 1, __ATOMIC_RELAXED);
    long n = 0;
    size_t samples = 0;
    for (int i = 0; i < threads; i++) {
        pthread_join(ts[i].t, NULL);
        n += ts[i].n;
        samples += ts[i].m.n_asc;
    }
    double wall = wall_now() - w0, cpu = cpu_now() - c0;
    uint64_t *all = malloc(sizeof *all * (samples ? samples : 1));
    size_t k = 0;
    for (int i = 0; i < threads; i++) {
        memcpy(all + k, ts[i].m.asc_ns, ts[i].m.n_asc * sizeof *all);
        k += ts[i].m.n_asc;
        free(ts[i].m.asc_ns);
    }
    qsort(all, samples, sizeof *all, cmp_u64);
    /* power-of-two buckets in microseconds: [0,16) [16,32) ... [65536,inf) */
    enum { NB = 14 };
    long counts[NB] = {0};
    for (size_t i = 0; i < samples; i++) {
        double us = (double)all[i] / 1000.0;
        int b = 0;
        double edge = 16;
        while (b < NB - 1 && us >= edge) {
            b++;
            edge *= 2;
        }
        counts[b]++;
    }
    print_common("scale");
    printf("\"case\":\"tls13_ecdsa\",\"threads\":%d,\"handshakes\":%ld,\"wall_s\":%.9g,\"cpu_s\":%.9g,", threads, n, wall,
           cpu);
#define PCT(q) (samples ? (double)all[(size_t)((double)(samples - 1) * (q))] / 1000.0 : 0.0)
    printf("\"asc_calls\":%zu,\"asc_us\":{\"p50\":%.3f,\"p90\":%.3f,\"p99\":%.3f,\"p999\":%.3f,\"max\":%.3f},", samples,
           PCT(0.5), PCT(0.9), PCT(0.99), PCT(0.999), samples ? (double)all[samples - 1] / 1000.0 : 0.0);
#undef PCT
    printf("\"asc_hist\":{\"edges_us\":[0");
    double edge = 16;
    for (int b = 1; b < NB; b++, edge *= 2) printf(",%.0f", edge);
    printf("],\"counts\":[");
    for (int b = 0; b < NB; b++) printf("%s%ld", b ? "," : "", counts[b]);
    printf("]}}\n");
    fflush(stdout);
    free(all);
    free(ts);
}

/* ------------------------------------------------------------------------ */

static PCCERT_CONTEXT load(const char *dir, const char *base) {
    char crt[1024], key[1024];
    snprintf(crt, sizeof crt, "%s/%s.crt", dir, base);
    snprintf(key, sizeof key, "%s/%s.key", dir, base);
    PCCERT_CONTEXT c = SchLinuxLoadCertificatePemFiles(crt, key, NULL);
    if (!c) {
        fprintf(stderr, "sspi_bench: cannot load %s (0x%x)\n", crt, (unsigned)GetLastError());
        exit(1);
    }
    return c;
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: %s CERTDIR handshake CASE... | records | memory | scale THREADS...\n", argv[0]);
        return 2;
    }
    cfg = settings();
    cert_p256 = load(argv[1], "p256");
    cert_rsa = load(argv[1], "rsa");
    const char *cmd = argv[2];
    if (!strcmp(cmd, "handshake")) {
        for (int i = 3; i < argc; i++) bench_handshake(argv[i]);
    } else if (!strcmp(cmd, "records")) {
        bench_records();
    } else if (!strcmp(cmd, "memory")) {
        bench_memory();
    } else if (!strcmp(cmd, "scale")) {
        acquire(&scale_server_cred, cert_p256, SP_PROT_TLS1_3, CIPHER_ANY, 0);
        for (int i = 3; i < argc; i++) bench_scale(atoi(argv[i]));
        FreeCredentialsHandle(&scale_server_cred);
    } else {
        die("unknown command");
    }
    CertFreeCertificateContext(cert_p256);
    CertFreeCertificateContext(cert_rsa);
    return 0;
}
