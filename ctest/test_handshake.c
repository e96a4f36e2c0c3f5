/*
 * test_handshake.c - client <-> server handshakes in one process through
 * the library: {TLS 1.2, TLS 1.3} x {ECDSA P-256, RSA-2048} x {allocated,
 * caller buffers} x {whole tokens, 1-byte chunks, random splits}, with ALPN
 * and with mutual authentication, each without and with
 * SCH_CRED_LINUX_THREAD_AFFINE. The caller side behaves like curl: it
 * keeps unconsumed bytes (SECBUFFER_EXTRA) at the front of its receive
 * buffer and reads more on SEC_E_INCOMPLETE_MESSAGE.
 */
#include "common.h"
#include <pthread.h>

enum { SPLIT_WHOLE, SPLIT_BYTE, SPLIT_RANDOM };

typedef struct {
    unsigned char *data;
    size_t len, cap;
} bytes;

static void bytes_append(bytes *b, const void *p, size_t n) {
    if (b->len + n > b->cap) {
        b->cap = (b->len + n) * 2 + 64;
        b->data = realloc(b->data, b->cap);
    }
    if (n) memcpy(b->data + b->len, p, n);
    b->len += n;
}

static void bytes_consume(bytes *b, size_t n) {
    memmove(b->data, b->data + n, b->len - n);
    b->len -= n;
}

typedef struct {
    int server;
    CredHandle cred;
    CtxtHandle ctx;
    int have_ctx;
    int done;
    bytes net;  /* bytes sent by the peer, not yet "received" */
    bytes recv; /* received, not yet consumed by ISC/ASC */
    ULONG req;
    int allocate;
    int split;
    const unsigned char *alpn;
    ULONG alpn_len;
    char trace[512];
} side;

static size_t chunk(int split, size_t avail) {
    if (avail == 0) return 0;
    switch (split) {
    case SPLIT_BYTE: return 1;
    case SPLIT_RANDOM: return 1 + (size_t)rand() % avail;
    }
    return avail;
}

static void trace_add(side *s, const char *what) {
    size_t n = strlen(s->trace);
    snprintf(s->trace + n, sizeof s->trace - n, "%s%s", n ? " " : "", what);
}

/* step makes one ISC/ASC call with what `s` has received; returns the status
 * (SEC_E_INCOMPLETE_MESSAGE when it needed more and none was available). */
static SECURITY_STATUS step(side *s, side *peer, const char *target) {
    for (;;) {
        size_t take = chunk(s->split, s->net.len);
        bytes_append(&s->recv, s->net.data, take);
        bytes_consume(&s->net, take);

        SecBuffer inb[3] = {{(ULONG)s->recv.len, SECBUFFER_TOKEN, s->recv.data}, {0, SECBUFFER_EMPTY, NULL}, {0, SECBUFFER_EMPTY, NULL}};
        SecBufferDesc in = {SECBUFFER_VERSION, 2, inb};
        int first = !s->have_ctx;
        if (first && s->alpn) {
            inb[2].BufferType = SECBUFFER_APPLICATION_PROTOCOLS;
            inb[2].cbBuffer = s->alpn_len;
            inb[2].pvBuffer = (void *)s->alpn;
            in.cBuffers = 3;
        }
        static _Thread_local unsigned char outmem[65536];
        SecBuffer outb[2] = {{s->allocate ? 0 : (ULONG)sizeof outmem, SECBUFFER_TOKEN, s->allocate ? NULL : outmem},
                             {s->allocate ? 0 : 64, SECBUFFER_ALERT, s->allocate ? NULL : outmem + 60000}};
        SecBufferDesc out = {SECBUFFER_VERSION, 2, outb};
        ULONG attrs = 0;
        TimeStamp exp;
        CtxtHandle newctx = {0xdeadbeef, 0xdeadbeef};
        SECURITY_STATUS st;
        if (s->server) {
            st = AcceptSecurityContext(&s->cred, first ? NULL : &s->ctx, &in, s->req, 0, &newctx, &out, &attrs, &exp);
        } else {
            SecBufferDesc *pin = &in;
            if (first && !s->alpn) pin = NULL;
            if (first && s->alpn) { inb[0] = inb[2]; in.cBuffers = 1; }
            st = InitializeSecurityContextA(&s->cred, first ? NULL : &s->ctx, (SEC_CHAR *)target, s->req, 0, 0,
                                            pin, 0, &newctx, &out, &attrs, &exp);
        }
        if (st == SEC_E_INCOMPLETE_MESSAGE) {
            ok(newctx.dwLower == 0xdeadbeef, "phNewContext written on INCOMPLETE");
            ok(inb[1].BufferType == SECBUFFER_MISSING && inb[1].cbBuffer > 0, "MISSING not set (%u)", (unsigned)inb[1].BufferType);
            if (s->net.len == 0) return st;
            continue;
        }
        if (st != SEC_E_OK && st != SEC_I_CONTINUE_NEEDED) {
            fprintf(stderr, "%s failed: %s\n", s->server ? "ASC" : "ISC", status_name(st));
            return st;
        }
        if (first) {
            s->ctx = newctx;
            s->have_ctx = 1;
        } else {
            ok(newctx.dwLower == s->ctx.dwLower && newctx.dwUpper == s->ctx.dwUpper, "handle not echoed");
        }
        ULONG base = s->server ? (ASC_RET_REPLAY_DETECT | ASC_RET_SEQUENCE_DETECT | ASC_RET_CONFIDENTIALITY | ASC_RET_STREAM)
                               : (ISC_RET_REPLAY_DETECT | ISC_RET_SEQUENCE_DETECT | ISC_RET_CONFIDENTIALITY | ISC_RET_STREAM);
        ok((attrs & base) == base, "attrs 0x%x lack 0x%x", (unsigned)attrs, (unsigned)base);
        if (s->allocate) ok(attrs & (s->server ? ASC_RET_ALLOCATED_MEMORY : ISC_RET_ALLOCATED_MEMORY), "ALLOCATED_MEMORY not set");
        ok(outb[1].cbBuffer == 0, "alert buffer not emptied on success");
        if (outb[0].cbBuffer) bytes_append(&peer->net, outb[0].pvBuffer, outb[0].cbBuffer);
        if (s->allocate) {
            FreeContextBuffer(outb[0].pvBuffer);
            FreeContextBuffer(outb[1].pvBuffer);
        }
        size_t consumed = s->recv.len;
        if (inb[1].BufferType == SECBUFFER_EXTRA) {
            ok(inb[1].cbBuffer > 0 && inb[1].cbBuffer <= s->recv.len, "bad EXTRA size");
            consumed -= inb[1].cbBuffer;
        }
        bytes_consume(&s->recv, consumed);
        char t[64];
        snprintf(t, sizeof t, "%s:%s%s", s->server ? "ASC" : "ISC", st == SEC_E_OK ? "OK" : "CONTINUE", outb[0].cbBuffer ? "+out" : "");
        if (s->split == SPLIT_WHOLE) trace_add(s, t);
        if (st == SEC_E_OK) s->done = 1;
        return st;
    }
}

static const unsigned char alpn_client[] = {0x12, 0, 0, 0, 2, 0, 0, 0, 0x0c, 0, 2, 'h', '2', 8, 'h', 't', 't', 'p', '/', '1', '.', '1'};
static const unsigned char alpn_server[] = {0x0f, 0, 0, 0, 2, 0, 0, 0, 0x09, 0, 8, 'h', 't', 't', 'p', '/', '1', '.', '1'};

/* extra_flags is OR-ed into both credentials' dwFlags: the matrix runs once
 * without and once with SCH_CRED_LINUX_THREAD_AFFINE (each handshake of
 * run() stays on its thread, as that flag requires). */
static DWORD extra_flags;

static void run(DWORD protocols, PCCERT_CONTEXT cert, PCCERT_CONTEXT client_cert, int allocate, int split, int alpn, int mutual) {
    side c = {0}, s = {0};
    s.server = 1;
    TLS_PARAMETERS tp = {0};
    tp.grbitDisabledProtocols = ~protocols;
    SCH_CREDENTIALS sc = {0};
    sc.dwVersion = SCH_CREDENTIALS_VERSION;
    sc.dwFlags = extra_flags;
    sc.cCreds = 1;
    sc.paCred = &cert;
    sc.cTlsParameters = 1;
    sc.pTlsParameters = &tp;
    ok_status(AcquireCredentialsHandleA(NULL, UNISP_NAME_A, SECPKG_CRED_INBOUND, NULL, &sc, NULL, NULL, &s.cred, NULL), SEC_E_OK);
    SCH_CREDENTIALS cc = {0};
    cc.dwVersion = SCH_CREDENTIALS_VERSION;
    cc.dwFlags = SCH_CRED_MANUAL_CRED_VALIDATION | SCH_CRED_NO_DEFAULT_CREDS | extra_flags;
    cc.cTlsParameters = 1;
    cc.pTlsParameters = &tp;
    if (client_cert) {
        cc.cCreds = 1;
        cc.paCred = &client_cert;
    }
    ok_status(AcquireCredentialsHandleA(NULL, UNISP_NAME_A, SECPKG_CRED_OUTBOUND, NULL, &cc, NULL, NULL, &c.cred, NULL), SEC_E_OK);
    c.allocate = s.allocate = allocate;
    c.split = s.split = split;
    c.req = ISC_REQ_SEQUENCE_DETECT | ISC_REQ_REPLAY_DETECT | ISC_REQ_CONFIDENTIALITY | ISC_REQ_STREAM | ISC_REQ_USE_SUPPLIED_CREDS | (allocate ? ISC_REQ_ALLOCATE_MEMORY : 0);
    s.req = ASC_REQ_SEQUENCE_DETECT | ASC_REQ_REPLAY_DETECT | ASC_REQ_CONFIDENTIALITY | ASC_REQ_STREAM | (allocate ? ASC_REQ_ALLOCATE_MEMORY : 0) | (mutual ? ASC_REQ_MUTUAL_AUTH : 0);
    if (alpn) {
        c.alpn = alpn_client; c.alpn_len = sizeof alpn_client;
        s.alpn = alpn_server; s.alpn_len = sizeof alpn_server;
    }
    SECURITY_STATUS st = step(&c, &s, "localhost");
    int guard = 0;
    while (st == SEC_I_CONTINUE_NEEDED || st == SEC_E_OK || st == SEC_E_INCOMPLETE_MESSAGE) {
        if (c.done && s.done) break;
        if (++guard > 200) break;
        if (!s.done && s.net.len) st = step(&s, &c, NULL);
        else if (!c.done && c.net.len) st = step(&c, &s, "localhost");
        else break;
    }
    const char *v = protocols & SP_PROT_TLS1_3 ? "1.3" : "1.2";
    ok(c.done && s.done, "handshake TLS %s alloc=%d split=%d alpn=%d mutual=%d did not finish (client %s / server %s)",
       v, allocate, split, alpn, mutual, c.trace, s.trace);
    if (split == SPLIT_WHOLE && c.done && s.done) {
        if (protocols & SP_PROT_TLS1_3) {
            ok(!strcmp(c.trace, "ISC:CONTINUE+out ISC:OK+out"), "client trace %s", c.trace);
            /* crypto/tls sends the session tickets in the server's first
             * flight when no client certificate is requested, else after the
             * client's Finished (then they are ASC#2's output). */
            ok(!strcmp(s.trace, mutual ? "ASC:CONTINUE+out ASC:OK+out" : "ASC:CONTINUE+out ASC:OK"), "server trace %s", s.trace);
            ok(mutual || c.recv.len > 0, "tickets should follow the client's Finished as EXTRA");
        } else {
            ok(!strcmp(c.trace, "ISC:CONTINUE+out ISC:CONTINUE+out ISC:OK"), "client trace %s", c.trace);
            ok(!strcmp(s.trace, "ASC:CONTINUE+out ASC:OK+out"), "server trace %s", s.trace);
        }
    }
    if (c.done && s.done) {
        SecPkgContext_ApplicationProtocol ap;
        memset(&ap, 0, sizeof ap);
        SECURITY_STATUS q = QueryContextAttributesA(&c.ctx, SECPKG_ATTR_APPLICATION_PROTOCOL, &ap);
        ok_status(q, SEC_E_OK);
        if (alpn) {
            ok(ap.ProtoNegoStatus == SecApplicationProtocolNegotiationStatus_Success && ap.ProtocolIdSize == 8 &&
               !memcmp(ap.ProtocolId, "http/1.1", 8), "ALPN result status %d size %d", (int)ap.ProtoNegoStatus, ap.ProtocolIdSize);
        } else {
            ok(ap.ProtoNegoStatus == SecApplicationProtocolNegotiationStatus_None, "ALPN without offer");
        }
        SecPkgContext_ConnectionInfo ci;
        ok_status(QueryContextAttributesA(&s.ctx, SECPKG_ATTR_CONNECTION_INFO, &ci), SEC_E_OK);
        ok(ci.dwProtocol == (protocols & SP_PROT_TLS1_3 ? SP_PROT_TLS1_3_SERVER : SP_PROT_TLS1_2_SERVER), "server dwProtocol 0x%x", (unsigned)ci.dwProtocol);
        if (mutual) {
            PCCERT_CONTEXT rc = NULL;
            ok_status(QueryContextAttributesA(&s.ctx, SECPKG_ATTR_REMOTE_CERT_CONTEXT, &rc), SEC_E_OK);
            ok(rc && rc->cbCertEncoded == client_cert->cbCertEncoded &&
               !memcmp(rc->pbCertEncoded, client_cert->pbCertEncoded, rc->cbCertEncoded), "client cert not seen by server");
            if (rc) CertFreeCertificateContext(rc);
        }
    }
    if (c.have_ctx) ok_status(DeleteSecurityContext(&c.ctx), SEC_E_OK);
    if (s.have_ctx) ok_status(DeleteSecurityContext(&s.ctx), SEC_E_OK);
    ok_status(FreeCredentialsHandle(&c.cred), SEC_E_OK);
    ok_status(FreeCredentialsHandle(&s.cred), SEC_E_OK);
    free(c.net.data); free(c.recv.data); free(s.net.data); free(s.recv.data);
}

/* Many contexts on many threads at once, and one context whose calls each
 * run on a fresh thread (event-loop servers move connections between
 * threads). */
typedef struct { side *s, *peer; const char *target; SECURITY_STATUS st; } step_args;

static void *step_thread(void *p) {
    step_args *a = p;
    a->st = step(a->s, a->peer, a->target);
    return NULL;
}

static PCCERT_CONTEXT thread_cert;

static void *handshake_thread(void *arg) {
    (void)arg;
    for (int i = 0; i < 20; i++) run(SP_PROT_TLS1_3 | SP_PROT_TLS1_2, thread_cert, NULL, i % 2, SPLIT_WHOLE, 1, 0);
    return NULL;
}

static void test_threads(PCCERT_CONTEXT cert) {
    thread_cert = cert;
    pthread_t t[8];
    for (int i = 0; i < 8; i++) pthread_create(&t[i], NULL, handshake_thread, NULL);
    for (int i = 0; i < 8; i++) pthread_join(t[i], NULL);
    /* Thread per connection: the pattern SCH_CRED_LINUX_THREAD_AFFINE is for. */
    extra_flags = SCH_CRED_LINUX_THREAD_AFFINE;
    for (int i = 0; i < 8; i++) pthread_create(&t[i], NULL, handshake_thread, NULL);
    for (int i = 0; i < 8; i++) pthread_join(t[i], NULL);
    extra_flags = 0;

    /* One context, every call on a new thread. */
    side c = {0}, s = {0};
    s.server = 1;
    SCHANNEL_CRED sc;
    memset(&sc, 0, sizeof sc);
    sc.dwVersion = SCHANNEL_CRED_VERSION;
    sc.cCreds = 1;
    sc.paCred = &cert;
    ok_status(AcquireCredentialsHandleA(NULL, UNISP_NAME_A, SECPKG_CRED_INBOUND, NULL, &sc, NULL, NULL, &s.cred, NULL), SEC_E_OK);
    memset(&sc, 0, sizeof sc);
    sc.dwVersion = SCHANNEL_CRED_VERSION;
    sc.dwFlags = SCH_CRED_MANUAL_CRED_VALIDATION;
    ok_status(AcquireCredentialsHandleA(NULL, UNISP_NAME_A, SECPKG_CRED_OUTBOUND, NULL, &sc, NULL, NULL, &c.cred, NULL), SEC_E_OK);
    c.allocate = s.allocate = 1;
    c.req = ISC_REQ_ALLOCATE_MEMORY | ISC_REQ_STREAM;
    s.req = ASC_REQ_ALLOCATE_MEMORY | ASC_REQ_STREAM;
    step_args a = {&c, &s, "localhost", 0};
    int steps = 0;
    for (;;) {
        pthread_t t1;
        pthread_create(&t1, NULL, step_thread, &a);
        pthread_join(t1, NULL);
        steps++;
        if (a.st != SEC_I_CONTINUE_NEEDED && a.st != SEC_E_OK) break;
        if ((c.done && s.done) || steps > 20) break;
        step_args next = a.s == &c ? (step_args){&s, &c, NULL, 0} : (step_args){&c, &s, "localhost", 0};
        if (next.s->net.len == 0) break;
        a = next;
    }
    ok(c.done && s.done, "handshake across threads did not finish (%d steps, %s)", steps, status_name(a.st));
    if (c.have_ctx) DeleteSecurityContext(&c.ctx);
    if (s.have_ctx) DeleteSecurityContext(&s.ctx);
    FreeCredentialsHandle(&c.cred);
    FreeCredentialsHandle(&s.cred);
    free(c.net.data); free(c.recv.data); free(s.net.data); free(s.recv.data);
}

int main(int argc, char **argv) {
    testdata_init(argc, argv);
    srand(7);
    PCCERT_CONTEXT ec = load_pem_cert("p256");
    PCCERT_CONTEXT rsa = load_pem_cert("rsa");
    int baseline = live_handles(), gbase = live_goroutines();
    long abase = live_allocs();
    DWORD versions[2] = {SP_PROT_TLS1_2, SP_PROT_TLS1_3};
    PCCERT_CONTEXT certs[2] = {ec, rsa};
    for (int affine = 0; affine < 2; affine++) {
        extra_flags = affine ? SCH_CRED_LINUX_THREAD_AFFINE : 0;
        for (int v = 0; v < 2; v++)
            for (int k = 0; k < 2; k++)
                for (int a = 0; a < 2; a++)
                    for (int sp = 0; sp < 3; sp++)
                        run(versions[v], certs[k], NULL, a, sp, (sp + a) % 2, 0);
        for (int v = 0; v < 2; v++) {
            run(versions[v], ec, rsa, 1, SPLIT_WHOLE, 1, 1);
            run(versions[v], rsa, ec, 0, SPLIT_RANDOM, 0, 1);
        }
    }
    extra_flags = 0;
    test_threads(ec);
    leak_check(baseline, gbase, abase);
    CertFreeCertificateContext(ec);
    CertFreeCertificateContext(rsa);
    return test_summary();
}
