/*
 * openssl_bench.c - the OpenSSL (libssl) reference: a client SSL and a
 * server SSL in one process over an in-memory BIO pair (see
 * bench/README.md), measured the same way as sspi_bench.c.
 *
 *   openssl_bench CERTDIR handshake CASE...   tls13_ecdsa tls13_rsa
 *                                             tls12_ecdsa tls13_resume
 *   openssl_bench CERTDIR records
 *   openssl_bench CERTDIR memory
 *   openssl_bench CERTDIR scale T...
 *
 * The key exchange is pinned to X25519 (SSL_CTX_set1_groups_list; TLS 1.2
 * lists P-256 second, or the ECDSA certificate could not be used); TLS 1.3
 * uses TLS_AES_128_GCM_SHA256 as Go and libsecur32 do on AES-NI machines;
 * the server issues one ticket (Go's number) and keeps no session cache
 * (Go has none). Output: JSON Lines on stdout.
 */
#include "bench.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <pthread.h>

static bench_settings cfg;
static const char *certdir;

static void ossl_die(const char *what) {
    fprintf(stderr, "openssl_bench: %s failed\n", what);
    ERR_print_errors_fp(stderr);
    exit(1);
}

/* ------------------------------------------------------------------------ */
/* An in-memory BIO: reads consume from one byte queue, writes append to
 * another (the peer's input). No copies beyond the one into / out of the
 * queue, like the Go pair's pipe and the C caller of libsecur32. */

typedef struct {
    bq *in, *out;
} mem_ends;

static BIO_METHOD *mem_method;

static int mb_write(BIO *b, const char *data, int len) {
    mem_ends *e = BIO_get_data(b);
    BIO_clear_retry_flags(b);
    bq_append(e->out, data, (size_t)len);
    return len;
}

static int mb_read(BIO *b, char *data, int len) {
    mem_ends *e = BIO_get_data(b);
    BIO_clear_retry_flags(b);
    if (e->in->len == 0) {
        BIO_set_retry_read(b);
        return -1;
    }
    size_t n = (size_t)len < e->in->len ? (size_t)len : e->in->len;
    memcpy(data, bq_data(e->in), n);
    bq_consume(e->in, n);
    return (int)n;
}

static long mb_ctrl(BIO *b, int cmd, long num, void *ptr) {
    (void)num;
    (void)ptr;
    mem_ends *e = BIO_get_data(b);
    switch (cmd) {
    case BIO_CTRL_FLUSH:
        return 1;
    case BIO_CTRL_PENDING:
        return (long)e->in->len;
    case BIO_CTRL_WPENDING:
        return 0;
    }
    return 0;
}

static int mb_create(BIO *b) {
    BIO_set_init(b, 1);
    return 1;
}

static void init_method(void) {
    mem_method = BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK, "bench memory");
    BIO_meth_set_write(mem_method, mb_write);
    BIO_meth_set_read(mem_method, mb_read);
    BIO_meth_set_ctrl(mem_method, mb_ctrl);
    BIO_meth_set_create(mem_method, mb_create);
}

/* attach gives ssl a BIO reading `in` and writing `out`; e must outlive ssl. */
static void attach(SSL *ssl, mem_ends *e, bq *in, bq *out) {
    e->in = in;
    e->out = out;
    BIO *b = BIO_new(mem_method);
    if (!b) ossl_die("BIO_new");
    BIO_set_data(b, e);
    SSL_set_bio(ssl, b, b);
}

/* ------------------------------------------------------------------------ */
/* Contexts */

enum { C_TLS13_AES128, C_TLS12_ECDSA_AES128, C_TLS12_AES256, C_TLS12_CHACHA };

static SSL_CTX *make_ctx(int server, const char *certbase, int kind, int no_ticket) {
    SSL_CTX *ctx = SSL_CTX_new(server ? TLS_server_method() : TLS_client_method());
    if (!ctx) ossl_die("SSL_CTX_new");
    int v = kind == C_TLS13_AES128 ? TLS1_3_VERSION : TLS1_2_VERSION;
    SSL_CTX_set_min_proto_version(ctx, v);
    SSL_CTX_set_max_proto_version(ctx, v);
    /* TLS 1.2 also needs the certificate's curve in supported_groups. */
    if (!SSL_CTX_set1_groups_list(ctx, v == TLS1_3_VERSION ? "X25519" : "X25519:P-256"))
        ossl_die("SSL_CTX_set1_groups_list");
    if (kind == C_TLS13_AES128) {
        if (!SSL_CTX_set_ciphersuites(ctx, "TLS_AES_128_GCM_SHA256")) ossl_die("SSL_CTX_set_ciphersuites");
    } else {
        const char *list = kind == C_TLS12_ECDSA_AES128 ? "ECDHE-ECDSA-AES128-GCM-SHA256"
                           : kind == C_TLS12_AES256     ? "ECDHE-ECDSA-AES256-GCM-SHA384"
                                                        : "ECDHE-ECDSA-CHACHA20-POLY1305";
        if (!SSL_CTX_set_cipher_list(ctx, list)) ossl_die("SSL_CTX_set_cipher_list");
    }
    if (server) {
        char crt[1024], key[1024];
        snprintf(crt, sizeof crt, "%s/%s.crt", certdir, certbase);
        snprintf(key, sizeof key, "%s/%s.key", certdir, certbase);
        if (SSL_CTX_use_certificate_chain_file(ctx, crt) != 1) ossl_die("SSL_CTX_use_certificate_chain_file");
        if (SSL_CTX_use_PrivateKey_file(ctx, key, SSL_FILETYPE_PEM) != 1) ossl_die("SSL_CTX_use_PrivateKey_file");
        SSL_CTX_set_num_tickets(ctx, 1);
        SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);
    } else {
        SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, NULL);
        if (no_ticket) SSL_CTX_set_options(ctx, SSL_OP_NO_TICKET);
    }
    return ctx;
}

/* ------------------------------------------------------------------------ */
/* One in-memory handshake */

typedef struct {
    int measure_cpu;
    double server_cpu;
} meter;

typedef struct {
    bq to_s, to_c;
    mem_ends se, ce;
} wire;

typedef struct {
    char version[16], suite[80], group[32];
    int resumed;
} neg_info;

static void query_info(SSL *s, neg_info *ni) {
    snprintf(ni->version, sizeof ni->version, "%s", SSL_version(s) == TLS1_3_VERSION ? "TLS1.3" : "TLS1.2");
    const SSL_CIPHER *c = SSL_get_current_cipher(s);
    snprintf(ni->suite, sizeof ni->suite, "%s", c ? SSL_CIPHER_standard_name(c) : "?");
    const char *g = SSL_group_to_name(s, SSL_get_negotiated_group(s));
    snprintf(ni->group, sizeof ni->group, "%s", g ? g : "?");
    if (!strcmp(ni->group, "x25519")) snprintf(ni->group, sizeof ni->group, "X25519");
    ni->resumed = SSL_session_reused(s);
}

static void hs_error(SSL *ssl, int r, const char *who) {
    int e = SSL_get_error(ssl, r);
    if (e == SSL_ERROR_WANT_READ) return;
    fprintf(stderr, "openssl_bench: %s SSL_do_handshake error %d\n", who, e);
    ossl_die("handshake");
}

/* handshake runs one handshake; *sess (if sess != NULL) is offered for
 * resumption and replaced by the session of the ticket received. The
 * server's SSL_new, every server SSL_do_handshake and SSL_free are metered. */
static void handshake(SSL_CTX *sctx, SSL_CTX *cctx, SSL_SESSION **sess, meter *m, wire *w, neg_info *ni,
                      SSL **keep_s, SSL **keep_c) {
    w->to_s.len = w->to_s.off = 0;
    w->to_c.len = w->to_c.off = 0;
    SSL *c = SSL_new(cctx);
    if (!c) ossl_die("SSL_new");
    attach(c, &w->ce, &w->to_c, &w->to_s);
    SSL_set_connect_state(c);
    if (sess && *sess) SSL_set_session(c, *sess);

    double c0 = m->measure_cpu ? cpu_now() : 0;
    SSL *s = SSL_new(sctx);
    if (!s) ossl_die("SSL_new");
    attach(s, &w->se, &w->to_s, &w->to_c);
    SSL_set_accept_state(s);
    if (m->measure_cpu) m->server_cpu += cpu_now() - c0;

    int cdone = 0, sdone = 0;
    for (int guard = 0; guard < 16 && !(cdone && sdone); guard++) {
        if (!cdone) {
            int r = SSL_do_handshake(c);
            if (r == 1) cdone = 1;
            else hs_error(c, r, "client");
        }
        if (!sdone && w->to_s.len) {
            c0 = m->measure_cpu ? cpu_now() : 0;
            int r = SSL_do_handshake(s);
            if (m->measure_cpu) m->server_cpu += cpu_now() - c0;
            if (r == 1) sdone = 1;
            else hs_error(s, r, "server");
        }
    }
    if (!cdone || !sdone) die("openssl handshake did not finish");
    if (sess) {
        /* read the ticket(s) the server sent, then keep the session */
        unsigned char b[16];
        int r = SSL_read(c, b, sizeof b);
        if (r > 0 || SSL_get_error(c, r) != SSL_ERROR_WANT_READ) ossl_die("client ticket read");
        if (*sess) SSL_SESSION_free(*sess);
        *sess = SSL_get1_session(c);
    }
    if (ni) query_info(s, ni);
    /* A clean close without the close_notify round: SSL_free of a
     * connection not shut down would mark its session not resumable. */
    if (keep_s) {
        *keep_s = s;
    } else {
        c0 = m->measure_cpu ? cpu_now() : 0;
        SSL_set_shutdown(s, SSL_SENT_SHUTDOWN | SSL_RECEIVED_SHUTDOWN);
        SSL_free(s);
        if (m->measure_cpu) m->server_cpu += cpu_now() - c0;
    }
    if (keep_c) {
        *keep_c = c;
    } else {
        SSL_set_shutdown(c, SSL_SENT_SHUTDOWN | SSL_RECEIVED_SHUTDOWN);
        SSL_free(c);
    }
}

static void print_neg(const neg_info *ni) {
    printf("\"negotiated\":{\"version\":\"%s\",\"suite\":\"%s\",\"group\":\"%s\",\"resumed\":%s}", ni->version,
           ni->suite, ni->group, ni->resumed ? "true" : "false");
}

static void print_common(const char *kind) {
    printf("{\"kind\":\"%s\",\"stack\":\"openssl\",\"openssl_version\":\"%s\",\"nproc\":%ld,", kind,
           OpenSSL_version(OPENSSL_VERSION), sysconf(_SC_NPROCESSORS_ONLN));
}

/* ------------------------------------------------------------------------ */

static void bench_handshake(const char *name) {
    const char *certbase = "p256";
    int kind = C_TLS13_AES128, resume = 0, no_ticket = 0;
    if (!strcmp(name, "tls13_ecdsa")) {
    } else if (!strcmp(name, "tls13_rsa")) {
        certbase = "rsa";
    } else if (!strcmp(name, "tls12_ecdsa")) {
        kind = C_TLS12_ECDSA_AES128;
        no_ticket = 1; /* as the other stacks' TLS 1.2 clients: no tickets, no resumption */
    } else if (!strcmp(name, "tls13_resume")) {
        resume = 1;
    } else {
        die("unknown handshake case");
    }
    SSL_CTX *sctx = make_ctx(1, certbase, kind, 0), *cctx = make_ctx(0, NULL, kind, no_ticket);
    wire w = {0};
    meter m = {1, 0};
    neg_info ni = {0};
    SSL_SESSION *sess = NULL;
    SSL_SESSION **ps = resume ? &sess : NULL;

    double until = cpu_now() + cfg.round_s; /* warm-up: one unreported round */
    int warm = 0;
    do {
        handshake(sctx, cctx, ps, &m, &w, &ni, NULL, NULL);
        if (warm > 0 && ni.resumed != resume) die("openssl: resumption state not as expected");
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
            handshake(sctx, cctx, ps, &m, &w, n == 0 ? &ni : NULL, NULL, NULL);
            if (n == 0 && ni.resumed != resume) die("openssl: resumption state not as expected");
            n++;
            wall = wall_now() - w0;
            cpu = cpu_now() - c0;
        } while (n < 3 || (cpu < cfg.round_s && wall < ROUND_WALL_CAP * cfg.round_s));
        printf("%s{\"n\":%ld,\"cpu_s\":%.9g,\"server_cpu_s\":%.9g,\"wall_s\":%.9g}", r ? "," : "", n, cpu, m.server_cpu,
               wall);
    }
    printf("]}\n");
    fflush(stdout);
    if (sess) SSL_SESSION_free(sess);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
    free(w.to_s.p);
    free(w.to_c.p);
}

/* ------------------------------------------------------------------------ */

static void write_batch(SSL *ssl, const unsigned char *msg, int k, int size) {
    for (int i = 0; i < k; i++)
        if (SSL_write(ssl, msg, size) != size) ossl_die("SSL_write");
}

static void read_batch(SSL *ssl, unsigned char *buf, int k, int size) {
    for (int i = 0; i < k; i++) {
        int r = SSL_read(ssl, buf, size);
        if (r != size) ossl_die("SSL_read");
    }
}

static void bench_records(void) {
    struct {
        const char *name;
        int kind;
    } ciphers[3] = {{"AES-128-GCM", C_TLS13_AES128}, {"AES-256-GCM", C_TLS12_AES256}, {"ChaCha20-Poly1305", C_TLS12_CHACHA}};
    unsigned char *msg = calloc(1, 16384), *rbuf = malloc(16384);
    for (int ci = 0; ci < 3; ci++) {
        SSL_CTX *sctx = make_ctx(1, "p256", ciphers[ci].kind, 0), *cctx = make_ctx(0, NULL, ciphers[ci].kind, 0);
        wire w = {0};
        meter m = {0, 0};
        neg_info ni = {0};
        SSL *s, *c;
        handshake(sctx, cctx, NULL, &m, &w, &ni, &s, &c);
        for (int si = 0; si < 3; si++) {
            int size = rec_sizes[si], k = rec_batch(size, cfg.smoke);
            write_batch(s, msg, k, size);
            read_batch(c, rbuf, k, size);
            print_common("record");
            printf("\"cipher\":\"%s\",\"size\":%d,", ciphers[ci].name, size);
            print_neg(&ni);
            printf(",\"rounds\":[");
            for (int r = 0; r < cfg.rounds; r++) {
                double enc = 0, dec = 0, w0 = wall_now(), c0r = cpu_now();
                long calls = 0;
                do {
                    double c0 = cpu_now();
                    write_batch(s, msg, k, size); /* timed: server SSL_write */
                    enc += cpu_now() - c0;
                    read_batch(c, rbuf, k, size);
                    write_batch(c, msg, k, size);
                    c0 = cpu_now();
                    read_batch(s, rbuf, k, size); /* timed: server SSL_read */
                    dec += cpu_now() - c0;
                    calls += k;
                } while (cpu_now() - c0r < cfg.rec_round_s && wall_now() - w0 < ROUND_WALL_CAP * cfg.rec_round_s);
                printf("%s{\"calls\":%ld,\"bytes\":%ld,\"enc_cpu_s\":%.9g,\"dec_cpu_s\":%.9g}", r ? "," : "", calls,
                       calls * (long)size, enc, dec);
            }
            printf("]}\n");
            fflush(stdout);
        }
        SSL_free(s);
        SSL_free(c);
        SSL_CTX_free(sctx);
        SSL_CTX_free(cctx);
        free(w.to_s.p);
        free(w.to_c.p);
    }
    free(msg);
    free(rbuf);
}

/* ------------------------------------------------------------------------ */

static void bench_memory(void) {
    int n = cfg.mem_contexts;
    SSL_CTX *sctx = make_ctx(1, "p256", C_TLS13_AES128, 0), *cctx = make_ctx(0, NULL, C_TLS13_AES128, 0);
    wire w = {0};
    meter m = {0, 0};
    for (int i = 0; i < (cfg.smoke ? 20 : 200); i++) handshake(sctx, cctx, NULL, &m, &w, NULL, NULL, NULL);
    long rss0 = rss_bytes();
    SSL **ss = malloc(sizeof *ss * (size_t)n);
    /* Every idle server SSL keeps its BIO's mem_ends pointer: give each its
     * own (the queues themselves stay shared and empty). */
    mem_ends *ends = calloc((size_t)n, sizeof *ends);
    if (!ss || !ends) die("out of memory");
    double w0 = wall_now();
    for (int i = 0; i < n; i++) {
        handshake(sctx, cctx, NULL, &m, &w, NULL, &ss[i], NULL);
        BIO_set_data(SSL_get_rbio(ss[i]), &ends[i]);
        ends[i] = w.se;
    }
    double wall = wall_now() - w0;
    long rss1 = rss_bytes();
    for (int i = 0; i < n; i++) SSL_free(ss[i]);
    long rss2 = rss_bytes();
    free(ss);
    free(ends);
    print_common("memory");
    printf("\"what\":\"idle established TLS 1.3 server SSL objects, client SSL freed\",\"contexts\":%d,"
           "\"rss_before\":%ld,\"rss_after\":%ld,\"rss_after_delete\":%ld,\"wall_s\":%.6g}\n",
           n, rss0, rss1, rss2, wall);
    fflush(stdout);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
}

/* ------------------------------------------------------------------------ */

static SSL_CTX *scale_sctx;
static int scale_stop, scale_go;

typedef struct {
    pthread_t t;
    long n;
} scale_thread;

static void *scale_worker(void *arg) {
    scale_thread *st = arg;
    SSL_CTX *cctx = make_ctx(0, NULL, C_TLS13_AES128, 0);
    wire w = {0};
    meter m = {0, 0};
    while (!__atomic_load_n(&scale_go, __ATOMIC_ACQUIRE)) usleep(100);
    while (!__atomic_load_n(&scale_stop, __ATOMIC_RELAXED)) {
        handshake(scale_sctx, cctx, NULL, &m, &w, NULL, NULL, NULL);
        st->n++;
    }
    SSL_CTX_free(cctx);
    free(w.to_s.p);
    free(w.to_c.p);
    return NULL;
}

static void bench_scale(int threads) {
    scale_thread *ts = calloc((size_t)threads, sizeof *ts);
    __atomic_store_n(&scale_stop, 0, __ATOMIC_RELAXED);
    __atomic_store_n(&scale_go, 0, __ATOMIC_RELAXED);
    for (int i = 0; i < threads; i++) pthread_create(&ts[i].t, NULL, scale_worker, &ts[i]);
    usleep(50000);
    double w0 = wall_now(), c0 = cpu_now();
    __atomic_store_n(&scale_go, 1, __ATOMIC_RELEASE);
    usleep((useconds_t)(cfg.scale_s * 1e6));
    __atomic_store_n(&scale_stop, 1, __ATOMIC_RELAXED);
    long n = 0;
    for (int i = 0; i < threads; i++) {
        pthread_join(ts[i].t, NULL);
        n += ts[i].n;
    }
    double wall = wall_now() - w0, cpu = cpu_now() - c0;
    print_common("scale");
    printf("\"case\":\"tls13_ecdsa\",\"threads\":%d,\"handshakes\":%ld,\"wall_s\":%.9g,\"cpu_s\":%.9g}\n", threads, n, wall,
           cpu);
    fflush(stdout);
    free(ts);
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: %s CERTDIR handshake CASE... | records | memory | scale THREADS...\n", argv[0]);
        return 2;
    }
    cfg = settings();
    certdir = argv[1];
    init_method();
    const char *cmd = argv[2];
    if (!strcmp(cmd, "handshake")) {
        for (int i = 3; i < argc; i++) bench_handshake(argv[i]);
    } else if (!strcmp(cmd, "records")) {
        bench_records();
    } else if (!strcmp(cmd, "memory")) {
        bench_memory();
    } else if (!strcmp(cmd, "scale")) {
        scale_sctx = make_ctx(1, "p256", C_TLS13_AES128, 0);
        for (int i = 3; i < argc; i++) bench_scale(atoi(argv[i]));
        SSL_CTX_free(scale_sctx);
    } else {
        die("unknown command");
    }
    BIO_meth_free(mem_method);
    return 0;
}
