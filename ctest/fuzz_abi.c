/*
 * fuzz_abi.c - a seeded random driver of the whole SSPI ABI: every exported
 * SSPI entry point called with random buffer descriptors (random types and
 * attribute bits, 0..8 or 1000 buffers, NULL pBuffers and pvBuffer, wrong
 * ulVersion, random bytes or real TLS fragments as contents) and with valid,
 * stale, zeroed, forged, invalidated, wrong-kind and NULL handles. Real
 * handshakes between library contexts run in between, so the pool holds
 * established contexts and the fragments are real ClientHellos, flights and
 * records.
 *
 *   fuzz_abi SEED CALLS [TESTDATA_DIR]
 *
 * Deterministic for a given SEED and CALLS. Every pointer passed is either
 * NULL or valid memory of the size the call is told (the API cannot defend
 * against wild pointers). Checks: no crash; no call takes longer than 30 s
 * (alarm); every status is a known SEC_E_ / SEC_I_ value (SchLinuxStatusName
 * does not say "UNKNOWN_STATUS") and never SEC_E_INTERNAL_ERROR; every buffer
 * the library allocated is released with FreeContextBuffer; at the end the
 * live handle, goroutine and allocation counts are back to the baseline.
 * With FUZZ_ABI_STATS=1 it prints how often each function returned each
 * status. To see the failing call of a report, rerun with the same
 * arguments and SECUR32_TRACE=/dev/stderr.
 *
 * Not a test_*.c: ctest/test_fuzz_abi.sh builds and runs it.
 */
#define _POSIX_C_SOURCE 200809L
#include "common.h"
#include <signal.h>
#include <stdint.h>
#include <unistd.h>

/* ---- deterministic randomness ---- */

static uint64_t rng_state;

static uint64_t rnd(void) {
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545F4914F6CDD1Dull;
}
static uint32_t below(uint32_t n) { return n ? (uint32_t)(rnd() % n) : 0; }
static int chance(int percent) { return (int)below(100) < percent; }

/* ---- bookkeeping ---- */

static unsigned long long seed_arg, calls_done, calls_wanted;
static int failures;

#define NFUNCS 24
static const char *func_names[NFUNCS] = {
    "AcquireCredentialsHandleA", "AcquireCredentialsHandleW", "FreeCredentialsHandle",
    "InitializeSecurityContextA", "InitializeSecurityContextW", "AcceptSecurityContext",
    "DeleteSecurityContext", "ApplyControlToken", "QueryContextAttributesA",
    "QueryContextAttributesW", "SetContextAttributesA", "SetContextAttributesW",
    "QueryCredentialsAttributesA", "QueryCredentialsAttributesW", "SetCredentialsAttributesA",
    "SetCredentialsAttributesW", "EncryptMessage", "DecryptMessage", "FreeContextBuffer",
};
enum {
    F_ACH_A, F_ACH_W, F_FCH, F_ISC_A, F_ISC_W, F_ASC, F_DSC, F_ACT, F_QCA_A, F_QCA_W, F_SCA_A, F_SCA_W,
    F_QCRA_A, F_QCRA_W, F_SCRA_A, F_SCRA_W, F_ENC, F_DEC, F_FCB,
};

#define NSTATS 64
static struct { SECURITY_STATUS st; unsigned long n[NFUNCS]; } stats[NSTATS];
static int nstats;

static void tally(int fn, SECURITY_STATUS st) {
    for (int i = 0; i < nstats; i++) {
        if (stats[i].st == st) {
            stats[i].n[fn]++;
            return;
        }
    }
    if (nstats < NSTATS) {
        stats[nstats].st = st;
        stats[nstats].n[fn] = 1;
        nstats++;
    }
}

/* check records one call's status. */
static SECURITY_STATUS check(int fn, SECURITY_STATUS st, const char *what) {
    calls_done++;
    tally(fn, st);
    const char *name = SchLinuxStatusName(st);
    if (st == SEC_E_INTERNAL_ERROR || !strcmp(name, "UNKNOWN_STATUS")) {
        failures++;
        if (failures <= 20)
            fprintf(stderr, "fuzz_abi: call %llu: %s(%s) returned %s (0x%08x); reproduce: fuzz_abi %llu %llu\n",
                    calls_done, func_names[fn], what, name, (unsigned)st, seed_arg, calls_wanted);
    }
    return st;
}

static void on_alarm(int sig) {
    (void)sig;
    static const char msg[] = "fuzz_abi: a call did not return within 30 s (hang)\n";
    ssize_t r = write(2, msg, sizeof msg - 1);
    (void)r;
    _exit(3);
}

/* ---- memory of one call: everything the harness passes ---- */

#define NBLOCKS 8192
static struct { unsigned char *p; size_t n; } blocks[NBLOCKS];
static int nblocks;

static void *ours(size_t n) {
    if (nblocks == NBLOCKS) {
        fprintf(stderr, "fuzz_abi: too many blocks in one call\n");
        exit(2);
    }
    unsigned char *p = calloc(1, n ? n : 1);
    if (!p) {
        perror("calloc");
        exit(2);
    }
    blocks[nblocks].p = p;
    blocks[nblocks].n = n ? n : 1;
    nblocks++;
    return p;
}

static int is_ours(const void *q) {
    const unsigned char *p = q;
    for (int i = 0; i < nblocks; i++)
        if (p >= blocks[i].p && p <= blocks[i].p + blocks[i].n) return 1; /* one past the end too */
    return 0;
}

/* Library allocations seen in the descriptors of the current call. */
static void *lib_allocs[64];
static int nlib;

static void note_lib(void *p) {
    if (!p || is_ours(p)) return;
    for (int i = 0; i < nlib; i++)
        if (lib_allocs[i] == p) return;
    if (nlib < 64) lib_allocs[nlib++] = p;
}

static void scan_desc(SecBufferDesc *d) {
    if (!d || !d->pBuffers || d->cBuffers == 0 || d->cBuffers > 1000) return;
    for (ULONG i = 0; i < d->cBuffers; i++) note_lib(d->pBuffers[i].pvBuffer);
}

/* end_call frees what the library allocated (FreeContextBuffer) and what
 * the harness allocated for the call. */
static void end_call(void) {
    for (int i = 0; i < nlib; i++) check(F_FCB, FreeContextBuffer(lib_allocs[i]), "allocated buffer");
    nlib = 0;
    for (int i = 0; i < nblocks; i++) free(blocks[i].p);
    nblocks = 0;
}

/* ---- real TLS fragments ---- */

#define NFRAGS 96
static struct { unsigned char *p; size_t n; } frags[NFRAGS];
static int nfrags;

static void add_frag(const void *p, size_t n) {
    if (n == 0) return;
    int i = nfrags < NFRAGS ? nfrags++ : (int)below(NFRAGS);
    free(frags[i].p);
    frags[i].p = malloc(n);
    memcpy(frags[i].p, p, n);
    frags[i].n = n;
}

/* content returns `*n` bytes of harness memory (NULL for 0 bytes unless
 * forced): a whole real fragment (sometimes with a few bytes flipped), a
 * truncated or doubled one, a TLS-looking header with random bytes, or
 * plain random bytes. */
static void *content(ULONG *n) {
    int how = (int)below(100);
    unsigned char *p;
    if (nfrags > 0 && how < 55) {
        int f = (int)below((uint32_t)nfrags), g = (int)below((uint32_t)nfrags);
        size_t len = frags[f].n, extra = how < 10 ? frags[g].n : 0;
        if (how >= 40) len = below((uint32_t)len + 1); /* truncated */
        p = ours(len + extra);
        memcpy(p, frags[f].p, len);
        if (extra) memcpy(p + len, frags[g].p, extra);
        len += extra;
        if (len && chance(25))
            for (int k = 1 + (int)below(3); k > 0; k--) p[below((uint32_t)len)] ^= (unsigned char)(1u << below(8));
        *n = (ULONG)len;
        return p;
    }
    size_t len;
    switch (below(6)) {
    case 0: len = below(6); break;
    case 1: len = 16384 + 2048 + below(64); break; /* around the record limit */
    case 2: len = below(20000); break;
    default: len = below(300); break;
    }
    p = ours(len);
    for (size_t i = 0; i < len; i++) p[i] = (unsigned char)rnd();
    if (len >= 5 && chance(60)) {
        p[0] = (unsigned char)(20 + below(4));
        p[1] = 3;
        p[2] = (unsigned char)below(5);
        size_t body = chance(70) ? len - 5 : below(0x10000);
        p[3] = (unsigned char)(body >> 8);
        p[4] = (unsigned char)body;
    }
    *n = (ULONG)len;
    return p;
}

/* ---- random buffer descriptors ---- */

static const ULONG buffer_types[] = {
    SECBUFFER_EMPTY, SECBUFFER_DATA, SECBUFFER_TOKEN, SECBUFFER_MISSING, SECBUFFER_EXTRA,
    SECBUFFER_STREAM_TRAILER, SECBUFFER_STREAM_HEADER, SECBUFFER_ALERT, SECBUFFER_APPLICATION_PROTOCOLS,
    SECBUFFER_PKG_PARAMS, SECBUFFER_PADDING, SECBUFFER_STREAM, SECBUFFER_CHANNEL_BINDINGS,
    SECBUFFER_TARGET_HOST, SECBUFFER_DTLS_MTU, SECBUFFER_FLAGS,
};
#define NTYPES (sizeof buffer_types / sizeof buffer_types[0])

static const unsigned char alpn_list[] = {0x12, 0, 0, 0, 2, 0, 0, 0, 0x0c, 0, 2, 'h', '2', 8, 'h', 't', 't', 'p', '/', '1', '.', '1'};

static ULONG rand_type(void) {
    ULONG t = chance(90) ? buffer_types[below(NTYPES)] : below(40);
    if (chance(8)) t |= (ULONG)below(16) << 28; /* READONLY, UNMAPPED, ... */
    return t;
}

/* fill_buffer gives b a type-appropriate random size and contents. */
static void fill_buffer(SecBuffer *b, ULONG type) {
    b->BufferType = type;
    b->cbBuffer = 0;
    b->pvBuffer = NULL;
    int r = (int)below(100);
    if (r < 20) return;                                  /* NULL, 0 */
    if (r < 25) { b->cbBuffer = 1 + below(100000); return; } /* NULL with a size */
    switch (type & ~SECBUFFER_ATTRMASK) {
    case SECBUFFER_APPLICATION_PROTOCOLS:
        if (chance(60)) {
            b->cbBuffer = sizeof alpn_list;
            b->pvBuffer = ours(sizeof alpn_list);
            memcpy(b->pvBuffer, alpn_list, sizeof alpn_list);
            if (chance(30)) ((unsigned char *)b->pvBuffer)[below(sizeof alpn_list)] ^= 0xff;
            return;
        }
        break;
    case SECBUFFER_EMPTY:
    case SECBUFFER_MISSING:
    case SECBUFFER_EXTRA:
        if (chance(70)) return;
        break;
    case SECBUFFER_STREAM_HEADER:
    case SECBUFFER_STREAM_TRAILER:
    case SECBUFFER_ALERT:
        b->cbBuffer = chance(70) ? (ULONG)(1 + below(32)) : below(300);
        b->pvBuffer = ours(b->cbBuffer);
        return;
    }
    b->pvBuffer = content(&b->cbBuffer);
}

/* rand_desc returns a descriptor of random shape; shape_hint gives the
 * well-formed layout it starts from most of the time. */
enum { SHAPE_HS_IN, SHAPE_HS_OUT, SHAPE_ENC, SHAPE_DEC, SHAPE_CONTROL, SHAPE_RANDOM };

static SecBufferDesc *rand_desc(int shape) {
    SecBufferDesc *d = ours(sizeof *d);
    d->ulVersion = chance(95) ? SECBUFFER_VERSION : (ULONG)rnd();
    ULONG n;
    int r = (int)below(100);
    if (r < 4) n = 0;
    else if (r < 6) n = 1000;
    else if (r < 30) n = 1 + below(8);
    else {
        switch (shape) {
        case SHAPE_HS_IN: n = 2 + below(2); break;
        case SHAPE_HS_OUT: n = 1 + below(2); break;
        case SHAPE_ENC: n = 4; break;
        case SHAPE_DEC: n = 4; break;
        case SHAPE_CONTROL: n = 1; break;
        default: n = below(9); break;
        }
    }
    d->cBuffers = n;
    if (n == 0) {
        d->pBuffers = chance(50) ? NULL : ours(sizeof(SecBuffer));
        return d;
    }
    if (chance(3)) {
        d->pBuffers = NULL;
        return d;
    }
    SecBuffer *b = ours(sizeof(SecBuffer) * n);
    d->pBuffers = b;
    if (n == 1000) {
        for (ULONG i = 0; i < n; i++) b[i].BufferType = chance(98) ? SECBUFFER_EMPTY : rand_type();
        if (chance(50)) fill_buffer(&b[below(n)], SECBUFFER_TOKEN);
        if (chance(50)) fill_buffer(&b[below(n)], SECBUFFER_DATA);
        return d;
    }
    int wellformed = r >= 30;
    for (ULONG i = 0; i < n; i++) {
        ULONG t = rand_type();
        if (wellformed) {
            switch (shape) {
            case SHAPE_HS_IN: t = i == 0 ? SECBUFFER_TOKEN : i == 2 ? SECBUFFER_APPLICATION_PROTOCOLS : SECBUFFER_EMPTY; break;
            case SHAPE_HS_OUT: t = i == 0 ? SECBUFFER_TOKEN : SECBUFFER_ALERT; break;
            case SHAPE_ENC: {
                static const ULONG enc[4] = {SECBUFFER_STREAM_HEADER, SECBUFFER_DATA, SECBUFFER_STREAM_TRAILER, SECBUFFER_EMPTY};
                t = enc[i];
                break;
            }
            case SHAPE_DEC: t = i == 0 ? SECBUFFER_DATA : SECBUFFER_EMPTY; break;
            case SHAPE_CONTROL: t = SECBUFFER_TOKEN; break;
            }
            if (chance(10)) t = rand_type();
        }
        fill_buffer(&b[i], t);
        if (wellformed && shape == SHAPE_HS_OUT && chance(60)) {
            /* ALLOCATE_MEMORY style or a roomy caller buffer */
            if (chance(50)) {
                b[i].cbBuffer = 0;
                b[i].pvBuffer = NULL;
            } else {
                b[i].cbBuffer = chance(80) ? 65536 : 1 + below(512);
                b[i].pvBuffer = ours(b[i].cbBuffer);
            }
        }
        if (wellformed && shape != SHAPE_HS_OUT && (t == SECBUFFER_EMPTY) && chance(90)) {
            b[i].cbBuffer = 0;
            b[i].pvBuffer = NULL;
        }
    }
    return d;
}

/* ---- handle pools ---- */

#define NCRED 6
#define NCTX 12
#define NSTALE 8
typedef struct { CredHandle h; int live, inbound; } cred_slot;
typedef struct { CtxtHandle h; int live, server; } ctx_slot;
static cred_slot creds[NCRED];
static ctx_slot ctxs[NCTX];
static SecHandle stale_cred[NSTALE], stale_ctx[NSTALE];
static int nstale_cred, nstale_ctx;

static void cred_gone(CredHandle h) { stale_cred[nstale_cred++ % NSTALE] = h; }
static void ctx_gone(CtxtHandle h) { stale_ctx[nstale_ctx++ % NSTALE] = h; }

static int live_cred(int inbound) {
    int start = (int)below(NCRED);
    for (int k = 0; k < NCRED; k++) {
        int i = (start + k) % NCRED;
        if (creds[i].live && (inbound < 0 || creds[i].inbound == inbound)) return i;
    }
    return -1;
}

static int live_ctx(int server) {
    int start = (int)below(NCTX);
    for (int k = 0; k < NCTX; k++) {
        int i = (start + k) % NCTX;
        if (ctxs[i].live && (server < 0 || ctxs[i].server == server)) return i;
    }
    return -1;
}

static void drop_cred(int i) {
    check(F_FCH, FreeCredentialsHandle(&creds[i].h), "pool eviction");
    cred_gone(creds[i].h);
    creds[i].live = 0;
}

static void drop_ctx(int i) {
    check(F_DSC, DeleteSecurityContext(&ctxs[i].h), "pool eviction");
    ctx_gone(ctxs[i].h);
    ctxs[i].live = 0;
}

static void add_cred(CredHandle h, int inbound) {
    int i = -1;
    for (int k = 0; k < NCRED && i < 0; k++)
        if (!creds[k].live) i = k;
    if (i < 0) {
        i = (int)below(NCRED);
        drop_cred(i);
    }
    creds[i].h = h;
    creds[i].live = 1;
    creds[i].inbound = inbound;
}

static void add_ctx(CtxtHandle h, int server) {
    int i = -1;
    for (int k = 0; k < NCTX && i < 0; k++)
        if (!ctxs[k].live) i = k;
    if (i < 0) {
        i = (int)below(NCTX);
        drop_ctx(i);
    }
    ctxs[i].h = h;
    ctxs[i].live = 1;
    ctxs[i].server = server;
}

/* A handle of every sort: live, stale, zero, forged, invalidated, of the
 * other kind, or NULL. The handle is copied into harness memory. */
static SecHandle *pick_handle(int want_ctx, int server, int *slot) {
    SecHandle *h = ours(sizeof *h);
    *slot = -1;
    int r = (int)below(100);
    if (r < 55) {
        int i = want_ctx ? live_ctx(chance(80) ? server : -1) : live_cred(chance(80) ? server : -1);
        if (i >= 0) {
            *h = want_ctx ? ctxs[i].h : creds[i].h;
            *slot = i;
            return h;
        }
    }
    if (r < 65) {
        int n = want_ctx ? nstale_ctx : nstale_cred;
        if (n > 0) {
            *h = want_ctx ? stale_ctx[below((uint32_t)(n < NSTALE ? n : NSTALE))] : stale_cred[below((uint32_t)(n < NSTALE ? n : NSTALE))];
            return h;
        }
    }
    if (r < 72) return h; /* zeroed */
    if (r < 80) {         /* forged: right magic, random kind, slot and generation */
        h->dwLower = 1 + below(16);
        h->dwUpper = (0x5Cull << 56) | ((uint64_t)(1 + below(4)) << 48) | below(8);
        if (chance(30)) h->dwUpper = rnd();
        return h;
    }
    if (r < 86) {
        SecInvalidateHandle(h);
        return h;
    }
    if (r < 94) { /* the other kind */
        int i = want_ctx ? live_cred(-1) : live_ctx(-1);
        if (i >= 0) *h = want_ctx ? creds[i].h : ctxs[i].h;
        return h;
    }
    return NULL;
}

/* ---- certificates and credential data ---- */

static PCCERT_CONTEXT cert_p256, cert_rsa, cert_nokey;
static CERT_CONTEXT fake_cert;
static unsigned char *p256_der;
static size_t p256_der_len;

static void *wide(const char *s) {
    size_t n = strlen(s);
    SEC_WCHAR *w = ours((n + 1) * sizeof *w);
    for (size_t i = 0; i < n; i++) w[i] = (SEC_WCHAR)(unsigned char)s[i];
    return w;
}

static const char *rand_package(void) {
    static const char *names[] = {"Schannel", "Microsoft Unified Security Protocol Provider", "Default TLS SSP",
                                  "schannel", "NTLM", "Kerberos", "", "Schannel\xff\xfe"};
    return names[below(sizeof names / sizeof names[0])];
}

static PCCERT_CONTEXT *rand_cert_array(DWORD n) {
    PCCERT_CONTEXT *a = ours(sizeof *a * (n ? n : 1));
    for (DWORD i = 0; i < n; i++) {
        switch (below(7)) {
        case 0: case 1: a[i] = cert_p256; break;
        case 2: a[i] = cert_rsa; break;
        case 3: a[i] = cert_nokey; break;
        case 4: a[i] = NULL; break;
        case 5: a[i] = &fake_cert; break;
        default: {
            /* A CERT_CONTEXT built by the caller, with random DER. */
            CERT_CONTEXT *c = ours(sizeof *c);
            c->dwCertEncodingType = X509_ASN_ENCODING;
            if (chance(50)) {
                c->cbCertEncoded = (DWORD)p256_der_len;
                c->pbCertEncoded = ours(p256_der_len);
                memcpy(c->pbCertEncoded, p256_der, p256_der_len);
                if (chance(50)) c->pbCertEncoded[below((uint32_t)p256_der_len)] ^= 0x55;
            } else {
                ULONG cb;
                c->pbCertEncoded = content(&cb);
                c->cbCertEncoded = cb;
            }
            a[i] = c;
        }
        }
    }
    return a;
}

static void rand_unicode(UNICODE_STRING *u) {
    static const char *ids[] = {"h2", "http/1.1", "AES", "CHACHA20_POLY1305", "RSA", "ECDH", "ECDSA", ""};
    if (chance(10)) return; /* NULL Buffer */
    const char *s = ids[below(sizeof ids / sizeof ids[0])];
    u->Buffer = wide(s);
    u->Length = (USHORT)(2 * strlen(s));
    u->MaximumLength = (USHORT)(u->Length + 2);
    if (chance(5)) u->Length = 1; /* odd byte count */
}

static void *rand_auth_data(void) {
    int r = (int)below(100);
    if (r < 10) return NULL;
    if (r < 15) { /* not a known version */
        DWORD *v = ours(64);
        *v = (DWORD)rnd();
        return v;
    }
    if (r < 55) {
        SCHANNEL_CRED *sc = ours(sizeof *sc);
        sc->dwVersion = chance(50) ? SCHANNEL_CRED_VERSION : 3;
        sc->cCreds = chance(50) ? 0 : chance(90) ? 1 + below(3) : 101 + below(3);
        sc->paCred = chance(95) ? rand_cert_array(sc->cCreds) : NULL;
        if (chance(20)) sc->hRootStore = cert_p256->hCertStore;
        if (chance(25)) {
            static const ALG_ID algs[] = {CALG_AES_128, CALG_AES_256, CALG_ECDH_EPHEM, CALG_RSA_KEYX, CALG_SHA_256, CALG_3DES, 0x6611};
            sc->cSupportedAlgs = chance(95) ? 1 + below(4) : 257;
            sc->palgSupportedAlgs = ours(sizeof(ALG_ID) * sc->cSupportedAlgs);
            for (DWORD i = 0; i < sc->cSupportedAlgs; i++)
                sc->palgSupportedAlgs[i] = chance(80) ? algs[below(sizeof algs / sizeof algs[0])] : (ALG_ID)rnd();
            if (chance(5)) sc->palgSupportedAlgs = NULL;
        }
        static const DWORD prots[] = {0, SP_PROT_TLS1_2, SP_PROT_TLS1_3, SP_PROT_TLS1_2 | SP_PROT_TLS1_3, SP_PROT_TLS1_0,
                                      SP_PROT_SSL3, SP_PROT_TLS1_2_SERVER, SP_PROT_TLS1_3_CLIENT, 0x40000};
        sc->grbitEnabledProtocols = chance(85) ? prots[below(sizeof prots / sizeof prots[0])] : (DWORD)rnd();
        if (chance(20)) sc->dwMinimumCipherStrength = below(300);
        if (chance(20)) sc->dwMaximumCipherStrength = chance(20) ? 0xFFFFFFFF : below(300);
        if (chance(20)) sc->dwSessionLifespan = (DWORD)rnd();
        sc->dwFlags = chance(50) ? SCH_CRED_MANUAL_CRED_VALIDATION : chance(50) ? 0 : (DWORD)rnd();
        if (chance(5)) sc->dwCredFormat = 1 + below(2);
        return sc;
    }
    SCH_CREDENTIALS *sc = ours(sizeof *sc);
    sc->dwVersion = SCH_CREDENTIALS_VERSION;
    sc->cCreds = chance(50) ? 0 : 1 + below(2);
    sc->paCred = rand_cert_array(sc->cCreds);
    if (chance(10)) sc->hRootStore = cert_rsa->hCertStore;
    sc->dwFlags = chance(50) ? SCH_CRED_MANUAL_CRED_VALIDATION | SCH_CRED_NO_DEFAULT_CREDS : (DWORD)rnd();
    if (chance(10)) sc->dwSessionLifespan = below(100000);
    if (chance(5)) sc->dwCredFormat = (DWORD)rnd();
    if (chance(60)) {
        sc->cTlsParameters = chance(95) ? 1 + below(3) : 17;
        sc->pTlsParameters = ours(sizeof(TLS_PARAMETERS) * sc->cTlsParameters);
        for (DWORD i = 0; i < sc->cTlsParameters; i++) {
            TLS_PARAMETERS *tp = &sc->pTlsParameters[i];
            tp->grbitDisabledProtocols = chance(50) ? (DWORD)~(SP_PROT_TLS1_2 | SP_PROT_TLS1_3) : chance(50) ? SP_PROT_TLS1_3 : (DWORD)rnd();
            if (chance(20)) {
                tp->cAlpnIds = chance(90) ? 1 + below(2) : 17;
                tp->rgstrAlpnIds = ours(sizeof(UNICODE_STRING) * tp->cAlpnIds);
                for (DWORD k = 0; k < tp->cAlpnIds; k++) rand_unicode(&tp->rgstrAlpnIds[k]);
            }
            if (chance(30)) {
                tp->cDisabledCrypto = chance(90) ? 1 + below(3) : 17;
                tp->pDisabledCrypto = ours(sizeof(CRYPTO_SETTINGS) * tp->cDisabledCrypto);
                for (DWORD k = 0; k < tp->cDisabledCrypto; k++) {
                    CRYPTO_SETTINGS *cs = &tp->pDisabledCrypto[k];
                    cs->eAlgorithmUsage = (eTlsAlgorithmUsage)below(6);
                    rand_unicode(&cs->strCngAlgId);
                    if (chance(20)) {
                        cs->cChainingModes = 1 + below(2);
                        cs->rgstrChainingModes = ours(sizeof(UNICODE_STRING) * cs->cChainingModes);
                        for (DWORD m = 0; m < cs->cChainingModes; m++) rand_unicode(&cs->rgstrChainingModes[m]);
                    }
                    cs->dwMinBitLength = chance(50) ? 0 : below(512);
                    cs->dwMaxBitLength = chance(50) ? 0 : below(512);
                }
            }
            if (chance(10)) tp->dwFlags = TLS_PARAMS_OPTIONAL;
            if (chance(5)) tp->pDisabledCrypto = NULL;
        }
        if (chance(5)) sc->pTlsParameters = NULL;
    }
    return sc;
}

/* ---- the calls ---- */

static void do_acquire(int w) {
    ULONG use = chance(90) ? 1 + below(3) : (ULONG)rnd();
    void *auth = rand_auth_data();
    CredHandle *out = chance(95) ? ours(sizeof(CredHandle)) : NULL;
    TimeStamp *exp = chance(50) ? ours(sizeof(TimeStamp)) : NULL;
    SECURITY_STATUS st;
    if (w) {
        void *pkg = chance(97) ? wide(rand_package()) : NULL;
        st = check(F_ACH_W, AcquireCredentialsHandleW(NULL, pkg, use, NULL, auth, NULL, NULL, out, exp), "random");
    } else {
        char *pkg = NULL;
        if (chance(97)) {
            const char *s = rand_package();
            pkg = ours(strlen(s) + 1);
            memcpy(pkg, s, strlen(s) + 1);
        }
        st = check(F_ACH_A, AcquireCredentialsHandleA(NULL, (SEC_CHAR *)pkg, use, NULL, auth, NULL, NULL, out, exp), "random");
    }
    if (st == SEC_E_OK && out) add_cred(*out, (use & SECPKG_CRED_INBOUND) != 0);
}

static void do_free_cred(void) {
    int slot;
    CredHandle *h = pick_handle(0, -1, &slot);
    SECURITY_STATUS st = check(F_FCH, FreeCredentialsHandle(h), "random handle");
    if (slot >= 0) {
        if (st != SEC_E_OK) {
            failures++;
            fprintf(stderr, "fuzz_abi: FreeCredentialsHandle of a live credential: %s\n", SchLinuxStatusName(st));
        }
        cred_gone(creds[slot].h);
        creds[slot].live = 0;
    }
}

static const ULONG isc_bits[] = {ISC_REQ_ALLOCATE_MEMORY, ISC_REQ_ALLOCATE_MEMORY, ISC_REQ_STREAM, ISC_REQ_CONFIDENTIALITY,
                                 ISC_REQ_EXTENDED_ERROR, ISC_REQ_MANUAL_CRED_VALIDATION, ISC_REQ_USE_SUPPLIED_CREDS,
                                 ISC_REQ_MUTUAL_AUTH, ISC_REQ_DATAGRAM, ISC_REQ_DELEGATE, ISC_REQ_PROMPT_FOR_CREDS};
static const ULONG asc_bits[] = {ASC_REQ_ALLOCATE_MEMORY, ASC_REQ_ALLOCATE_MEMORY, ASC_REQ_STREAM, ASC_REQ_CONFIDENTIALITY,
                                 ASC_REQ_EXTENDED_ERROR, ASC_REQ_MUTUAL_AUTH, ASC_REQ_DATAGRAM, ASC_REQ_DELEGATE, 0x40};

static ULONG rand_req(const ULONG *bits, size_t n) {
    if (chance(5)) return (ULONG)rnd();
    ULONG req = 0;
    for (int k = (int)below(4); k >= 0; k--) req |= bits[below((uint32_t)n)];
    return req;
}

static void do_handshake_call(int fn) {
    int server = fn == F_ASC;
    int cslot, xslot;
    CredHandle *cred = pick_handle(0, server, &cslot);
    CtxtHandle *ctx = chance(40) ? NULL : pick_handle(1, server, &xslot);
    if (!ctx) xslot = -1;
    ULONG req = server ? rand_req(asc_bits, sizeof asc_bits / sizeof asc_bits[0]) : rand_req(isc_bits, sizeof isc_bits / sizeof isc_bits[0]);
    SecBufferDesc *in = chance(10) ? NULL : rand_desc(SHAPE_HS_IN);
    SecBufferDesc *out = chance(5) ? NULL : rand_desc(SHAPE_HS_OUT);
    CtxtHandle *newctx = NULL;
    int r = (int)below(100);
    if (r < 80) {
        newctx = ours(sizeof *newctx);
        newctx->dwLower = newctx->dwUpper = 0xdeadbeef;
    } else if (r < 90 && ctx) {
        newctx = ctx; /* the same pointer, as callers do on later calls */
    }
    ULONG *attrs = chance(95) ? ours(sizeof(ULONG)) : NULL;
    TimeStamp *exp = chance(50) ? ours(sizeof(TimeStamp)) : NULL;
    SECURITY_STATUS st;
    const char *what = ctx ? "continuation" : "first call";
    if (server) {
        st = check(fn, AcceptSecurityContext(cred, ctx, in, req, 0, newctx, out, attrs, exp), what);
    } else {
        void *target = NULL;
        if (chance(80)) {
            static const char *names[] = {"localhost", "127.0.0.1", "example.com", "", "a.b.c.d.e.f.g", "\xc3\xa9t\xc3\xa9"};
            const char *s = names[below(sizeof names / sizeof names[0])];
            if (fn == F_ISC_W) target = wide(s);
            else {
                target = ours(strlen(s) + 1);
                memcpy(target, s, strlen(s) + 1);
            }
        }
        if (fn == F_ISC_W)
            st = check(fn, InitializeSecurityContextW(cred, ctx, target, req, 0, 0, in, 0, newctx, out, attrs, exp), what);
        else
            st = check(fn, InitializeSecurityContextA(cred, ctx, target, req, 0, 0, in, 0, newctx, out, attrs, exp), what);
    }
    scan_desc(in);
    scan_desc(out);
    int success = st == SEC_E_OK || st == SEC_I_CONTINUE_NEEDED || st == SEC_I_INCOMPLETE_CREDENTIALS;
    if (success && !ctx) {
        /* A new context: its handle is in *newctx. */
        if (newctx && !(newctx->dwLower == 0xdeadbeef && newctx->dwUpper == 0xdeadbeef)) add_ctx(*newctx, server);
    }
}

static void do_delete(void) {
    int slot;
    CtxtHandle *h = pick_handle(1, -1, &slot);
    SECURITY_STATUS st = check(F_DSC, DeleteSecurityContext(h), "random handle");
    if (slot >= 0) {
        if (st != SEC_E_OK) {
            failures++;
            fprintf(stderr, "fuzz_abi: DeleteSecurityContext of a live context: %s\n", SchLinuxStatusName(st));
        }
        ctx_gone(ctxs[slot].h);
        ctxs[slot].live = 0;
    }
}

static void do_control(void) {
    int slot;
    CtxtHandle *h = pick_handle(1, -1, &slot);
    SecBufferDesc *d = chance(5) ? NULL : rand_desc(SHAPE_CONTROL);
    if (d && d->cBuffers == 1 && d->pBuffers && chance(70)) {
        SecBuffer *b = &d->pBuffers[0];
        DWORD tok[4] = {(DWORD)below(5), 1 + below(2), below(256), below(3)};
        if (chance(10)) tok[1] = (DWORD)rnd();
        b->cbBuffer = chance(80) ? (ULONG)(4 * (1 + below(4))) : below(20);
        b->pvBuffer = ours(b->cbBuffer);
        memcpy(b->pvBuffer, tok, b->cbBuffer < sizeof tok ? b->cbBuffer : sizeof tok);
    }
    check(F_ACT, ApplyControlToken(h, d), "random token");
    scan_desc(d);
}

static const ULONG ctx_attrs[] = {
    SECPKG_ATTR_SIZES, SECPKG_ATTR_NAMES, SECPKG_ATTR_LIFESPAN, SECPKG_ATTR_STREAM_SIZES, SECPKG_ATTR_KEY_INFO,
    SECPKG_ATTR_PACKAGE_INFO, SECPKG_ATTR_NEGOTIATION_INFO, SECPKG_ATTR_FLAGS, SECPKG_ATTR_SESSION_KEY,
    SECPKG_ATTR_UNIQUE_BINDINGS, SECPKG_ATTR_ENDPOINT_BINDINGS, SECPKG_ATTR_APPLICATION_PROTOCOL,
    SECPKG_ATTR_REMOTE_CERT_CONTEXT, SECPKG_ATTR_LOCAL_CERT_CONTEXT, SECPKG_ATTR_SUPPORTED_ALGS,
    SECPKG_ATTR_CIPHER_STRENGTHS, SECPKG_ATTR_SUPPORTED_PROTOCOLS, SECPKG_ATTR_ISSUER_LIST_EX,
    SECPKG_ATTR_CONNECTION_INFO, SECPKG_ATTR_SESSION_INFO, SECPKG_ATTR_APP_DATA, SECPKG_ATTR_REMOTE_CERTIFICATES,
    SECPKG_ATTR_CIPHER_INFO, SECPKG_ATTR_SUPPORTED_SIGNATURES, SECPKG_ATTR_REMOTE_CERT_CHAIN,
    SECPKG_ATTR_EARLY_START, SECPKG_ATTR_KEYING_MATERIAL_INFO, SECPKG_ATTR_KEYING_MATERIAL,
    SECPKG_ATTR_CONNECTION_INFO_EX, SECPKG_ATTR_EAP_KEY_BLOCK, SECPKG_ATTR_SESSION_TICKET_KEYS,
};
#define NCTXATTRS (sizeof ctx_attrs / sizeof ctx_attrs[0])

/* release_attr frees what a successful QueryContextAttributes allocated,
 * per the ownership rules of sspi.h. */
static void release_attr(ULONG attr, void *buf) {
    switch (attr) {
    case SECPKG_ATTR_PACKAGE_INFO:
        check(F_FCB, FreeContextBuffer(*(void **)buf), "PACKAGE_INFO");
        break;
    case SECPKG_ATTR_KEY_INFO: {
        SecPkgContext_KeyInfoA *k = buf;
        check(F_FCB, FreeContextBuffer(k->sSignatureAlgorithmName), "KEY_INFO");
        check(F_FCB, FreeContextBuffer(k->sEncryptAlgorithmName), "KEY_INFO");
        break;
    }
    case SECPKG_ATTR_UNIQUE_BINDINGS:
    case SECPKG_ATTR_ENDPOINT_BINDINGS:
        check(F_FCB, FreeContextBuffer(((SecPkgContext_Bindings *)buf)->Bindings), "BINDINGS");
        break;
    case SECPKG_ATTR_REMOTE_CERT_CONTEXT:
    case SECPKG_ATTR_LOCAL_CERT_CONTEXT:
        if (*(PCCERT_CONTEXT *)buf) CertFreeCertificateContext(*(PCCERT_CONTEXT *)buf);
        break;
    case SECPKG_ATTR_ISSUER_LIST_EX:
        check(F_FCB, FreeContextBuffer(((SecPkgContext_IssuerListInfoEx *)buf)->aIssuers), "ISSUER_LIST_EX");
        break;
    case SECPKG_ATTR_APP_DATA:
        check(F_FCB, FreeContextBuffer(((SecPkgContext_SessionAppData *)buf)->pbAppData), "APP_DATA");
        break;
    case SECPKG_ATTR_KEYING_MATERIAL:
        check(F_FCB, FreeContextBuffer(((SecPkgContext_KeyingMaterial *)buf)->pbKeyingMaterial), "KEYING_MATERIAL");
        break;
    case SECPKG_ATTR_SUPPORTED_SIGNATURES:
        check(F_FCB, FreeContextBuffer(((SecPkgContext_SupportedSignatures *)buf)->pSignatureAndHashAlgorithms), "SUPPORTED_SIGNATURES");
        break;
    }
}

static void do_query_ctx(int w) {
    int slot;
    CtxtHandle *h = pick_handle(1, -1, &slot);
    ULONG attr = chance(90) ? ctx_attrs[below(NCTXATTRS)] : (ULONG)rnd();
    /* Big enough for every attribute struct; NULL sometimes. */
    void *buf = chance(95) ? ours(4096) : NULL;
    SECURITY_STATUS st = w ? check(F_QCA_W, QueryContextAttributesW(h, attr, buf), "random attribute")
                           : check(F_QCA_A, QueryContextAttributesA(h, attr, buf), "random attribute");
    if (st == SEC_E_OK && buf) release_attr(attr, buf);
}

static void do_set_ctx(int w) {
    int slot;
    CtxtHandle *h = pick_handle(1, -1, &slot);
    static const ULONG attrs[] = {SECPKG_ATTR_KEYING_MATERIAL_INFO, SECPKG_ATTR_APP_DATA, SECPKG_ATTR_EARLY_START,
                                  SECPKG_ATTR_SESSION_TICKET_KEYS, SECPKG_ATTR_APPLICATION_PROTOCOL};
    ULONG attr = chance(90) ? attrs[below(sizeof attrs / sizeof attrs[0])] : (ULONG)rnd();
    ULONG cb = 0;
    void *buf = NULL;
    if (chance(95)) {
        switch (attr) {
        case SECPKG_ATTR_KEYING_MATERIAL_INFO: {
            SecPkgContext_KeyingMaterialInfo *k = ours(sizeof *k);
            static const char *labels[] = {"EXPORTER-test", "EXTRACTOR-foo", "client finished", ""};
            const char *l = labels[below(4)];
            if (chance(90)) {
                k->cbLabel = (WORD)(strlen(l) + (chance(70) ? 1 : 0));
                k->pszLabel = ours(strlen(l) + 1);
                memcpy(k->pszLabel, l, strlen(l) + 1);
            }
            if (chance(40)) {
                k->cbContextValue = (WORD)below(64);
                k->pbContextValue = chance(90) ? ours(k->cbContextValue) : NULL;
            }
            k->cbKeyingMaterial = chance(80) ? 1 + below(128) : (DWORD)rnd();
            buf = k;
            cb = sizeof *k;
            break;
        }
        case SECPKG_ATTR_APP_DATA: {
            SecPkgContext_SessionAppData *a = ours(sizeof *a);
            if (chance(80)) {
                a->cbAppData = chance(98) ? below(512) : (1u << 20) + 1;
                a->pbAppData = ours(a->cbAppData);
            } else if (chance(50)) {
                a->cbAppData = 1 + below(10); /* NULL pointer with a size */
            }
            buf = a;
            cb = sizeof *a;
            break;
        }
        default:
            cb = below(64);
            buf = ours(cb);
            break;
        }
        if (chance(10)) cb = below(cb + 1); /* too small */
    }
    if (w) check(F_SCA_W, SetContextAttributesW(h, attr, buf, cb), "random attribute");
    else check(F_SCA_A, SetContextAttributesA(h, attr, buf, cb), "random attribute");
}

static void do_query_cred(int w) {
    int slot;
    CredHandle *h = pick_handle(0, -1, &slot);
    static const ULONG attrs[] = {SECPKG_CRED_ATTR_NAMES, SECPKG_ATTR_SUPPORTED_ALGS, SECPKG_ATTR_CIPHER_STRENGTHS,
                                  SECPKG_ATTR_SUPPORTED_PROTOCOLS, SECPKG_ATTR_STREAM_SIZES, SECPKG_ATTR_SESSION_TICKET_KEYS};
    ULONG attr = chance(90) ? attrs[below(sizeof attrs / sizeof attrs[0])] : (ULONG)rnd();
    void *buf = chance(95) ? ours(256) : NULL;
    SECURITY_STATUS st = w ? check(F_QCRA_W, QueryCredentialsAttributesW(h, attr, buf), "random attribute")
                           : check(F_QCRA_A, QueryCredentialsAttributesA(h, attr, buf), "random attribute");
    if (st == SEC_E_OK && buf) {
        if (attr == SECPKG_CRED_ATTR_NAMES) check(F_FCB, FreeContextBuffer(*(void **)buf), "NAMES");
        if (attr == SECPKG_ATTR_SUPPORTED_ALGS)
            check(F_FCB, FreeContextBuffer(((SecPkgCred_SupportedAlgs *)buf)->palgSupportedAlgs), "SUPPORTED_ALGS");
    }
}

static void do_set_cred(int w) {
    int slot;
    CredHandle *h = pick_handle(0, 1, &slot);
    ULONG attr = chance(90) ? SECPKG_ATTR_SESSION_TICKET_KEYS : (ULONG)rnd();
    void *buf = NULL;
    ULONG cb = 0;
    if (chance(95)) {
        SecPkgCred_SessionTicketKeys *tk = ours(sizeof *tk);
        tk->cSessionTicketKeys = chance(90) ? below(4) : 257;
        if (chance(95)) {
            tk->pSessionTicketKeys = ours(sizeof(SecPkgCred_SessionTicketKey) * (tk->cSessionTicketKeys ? tk->cSessionTicketKeys : 1));
            for (DWORD i = 0; i < tk->cSessionTicketKeys; i++) {
                SecPkgCred_SessionTicketKey *k = &tk->pSessionTicketKeys[i];
                k->TicketInfoVersion = chance(90) ? SESSION_TICKET_INFO_VERSION : (DWORD)rnd();
                for (int j = 0; j < 16; j++) k->KeyId[j] = (BYTE)rnd();
                for (int j = 0; j < 64; j++) k->KeyingMaterial[j] = (BYTE)rnd();
                k->KeyingMaterialSize = (BYTE)(chance(80) ? 32 + below(33) : rnd());
            }
        }
        buf = tk;
        cb = chance(90) ? sizeof *tk : below(sizeof *tk);
    }
    if (w) check(F_SCRA_W, SetCredentialsAttributesW(h, attr, buf, cb), "random attribute");
    else check(F_SCRA_A, SetCredentialsAttributesA(h, attr, buf, cb), "random attribute");
}

static void do_encrypt(void) {
    int slot;
    CtxtHandle *h = pick_handle(1, -1, &slot);
    SecBufferDesc *d = chance(5) ? NULL : rand_desc(SHAPE_ENC);
    if (d && d->cBuffers == 4 && d->pBuffers && chance(60)) {
        /* Plausible sizes: header 5..13, data up to 17000, trailer 16..17 */
        SecBuffer *b = d->pBuffers;
        b[0].cbBuffer = chance(80) ? 13 : below(14);
        b[0].pvBuffer = ours(b[0].cbBuffer);
        b[1].cbBuffer = chance(90) ? below(2000) : 16384 + below(3);
        b[1].pvBuffer = chance(98) ? ours(b[1].cbBuffer) : NULL;
        b[2].cbBuffer = chance(80) ? 17 : below(18);
        b[2].pvBuffer = ours(b[2].cbBuffer);
    }
    ULONG qop = chance(95) ? 0 : (ULONG)rnd();
    check(F_ENC, EncryptMessage(h, qop, d, chance(95) ? 0 : (ULONG)rnd()), "random message");
    scan_desc(d);
}

static void do_decrypt(void) {
    int slot;
    CtxtHandle *h = pick_handle(1, -1, &slot);
    SecBufferDesc *d = chance(5) ? NULL : rand_desc(SHAPE_DEC);
    ULONG *qop = chance(50) ? ours(sizeof(ULONG)) : NULL;
    check(F_DEC, DecryptMessage(h, d, chance(95) ? 0 : (ULONG)rnd(), qop), "random message");
    scan_desc(d);
}

/* ---- real handshakes: established contexts and real fragments ---- */

typedef struct { unsigned char *p; size_t n, cap; } wire;

static void wire_put(wire *w, const void *p, size_t n) {
    if (w->n + n > w->cap) {
        w->cap = (w->n + n) * 2 + 256;
        w->p = realloc(w->p, w->cap);
    }
    memcpy(w->p + w->n, p, n);
    w->n += n;
}

static void wire_drop(wire *w, size_t n) {
    memmove(w->p, w->p + n, w->n - n);
    w->n -= n;
}

/* hs_step runs one well-formed ISC/ASC call on the bytes in `in`; output
 * goes to `out` and to the fragment pool. Returns the status. */
static SECURITY_STATUS hs_step(int server, CredHandle *cred, CtxtHandle *ctx, int *have, wire *in, wire *out) {
    SecBuffer ib[2] = {{(ULONG)in->n, SECBUFFER_TOKEN, in->p}, {0, SECBUFFER_EMPTY, NULL}};
    SecBufferDesc id = {SECBUFFER_VERSION, 2, ib};
    SecBuffer ob[1] = {{0, SECBUFFER_TOKEN, NULL}};
    SecBufferDesc od = {SECBUFFER_VERSION, 1, ob};
    ULONG attrs;
    CtxtHandle nc;
    SECURITY_STATUS st;
    if (server)
        st = check(F_ASC, AcceptSecurityContext(cred, *have ? ctx : NULL, &id, ASC_REQ_ALLOCATE_MEMORY | ASC_REQ_STREAM, 0, &nc, &od, &attrs, NULL), "real handshake");
    else
        st = check(F_ISC_A, InitializeSecurityContextA(cred, *have ? ctx : NULL, (SEC_CHAR *)"localhost", ISC_REQ_ALLOCATE_MEMORY | ISC_REQ_STREAM,
                                                        0, 0, *have ? &id : NULL, 0, &nc, &od, &attrs, NULL), "real handshake");
    if (st == SEC_E_OK || st == SEC_I_CONTINUE_NEEDED) {
        if (!*have) {
            *ctx = nc;
            *have = 1;
        }
        if (ob[0].cbBuffer) {
            wire_put(out, ob[0].pvBuffer, ob[0].cbBuffer);
            add_frag(ob[0].pvBuffer, ob[0].cbBuffer);
        }
        size_t extra = ib[1].BufferType == SECBUFFER_EXTRA ? ib[1].cbBuffer : 0;
        wire_drop(in, in->n - extra);
    }
    if (ob[0].pvBuffer) check(F_FCB, FreeContextBuffer(ob[0].pvBuffer), "real handshake");
    return st;
}

static void seal(CtxtHandle *ctx, size_t len) {
    SecPkgContext_StreamSizes sz;
    if (check(F_QCA_A, QueryContextAttributesA(ctx, SECPKG_ATTR_STREAM_SIZES, &sz), "real stream") != SEC_E_OK) return;
    unsigned char *m = malloc(sz.cbHeader + len + sz.cbTrailer);
    for (size_t i = 0; i < len; i++) m[sz.cbHeader + i] = (unsigned char)rnd();
    SecBuffer b[4] = {{sz.cbHeader, SECBUFFER_STREAM_HEADER, m}, {(ULONG)len, SECBUFFER_DATA, m + sz.cbHeader},
                      {sz.cbTrailer, SECBUFFER_STREAM_TRAILER, m + sz.cbHeader + len}, {0, SECBUFFER_EMPTY, NULL}};
    SecBufferDesc d = {SECBUFFER_VERSION, 4, b};
    if (check(F_ENC, EncryptMessage(ctx, 0, &d, 0), "real stream") == SEC_E_OK)
        add_frag(m, b[0].cbBuffer + b[1].cbBuffer + b[2].cbBuffer);
    free(m);
}

static void real_pair(void) {
    CredHandle sc, cc;
    SCH_CREDENTIALS s = {0}, c = {0};
    TLS_PARAMETERS tp = {0};
    static const DWORD vers[3] = {SP_PROT_TLS1_2, SP_PROT_TLS1_3, SP_PROT_TLS1_2 | SP_PROT_TLS1_3};
    tp.grbitDisabledProtocols = ~vers[below(3)];
    PCCERT_CONTEXT cert = chance(50) ? cert_p256 : cert_rsa;
    s.dwVersion = c.dwVersion = SCH_CREDENTIALS_VERSION;
    s.cCreds = 1;
    s.paCred = &cert;
    s.cTlsParameters = c.cTlsParameters = 1;
    s.pTlsParameters = c.pTlsParameters = &tp;
    c.dwFlags = SCH_CRED_MANUAL_CRED_VALIDATION | SCH_CRED_NO_DEFAULT_CREDS;
    if (check(F_ACH_A, AcquireCredentialsHandleA(NULL, (SEC_CHAR *)UNISP_NAME_A, SECPKG_CRED_INBOUND, NULL, &s, NULL, NULL, &sc, NULL), "real") != SEC_E_OK)
        return;
    if (check(F_ACH_A, AcquireCredentialsHandleA(NULL, (SEC_CHAR *)UNISP_NAME_A, SECPKG_CRED_OUTBOUND, NULL, &c, NULL, NULL, &cc, NULL), "real") != SEC_E_OK) {
        FreeCredentialsHandle(&sc);
        return;
    }
    CtxtHandle cx, sx;
    int hc = 0, hs = 0, cdone = 0, sdone = 0;
    wire toS = {0}, toC = {0};
    SECURITY_STATUS st = hs_step(0, &cc, &cx, &hc, &toC, &toS);
    for (int i = 0; i < 10 && (st == SEC_I_CONTINUE_NEEDED || st == SEC_E_OK); i++) {
        if (toS.n && !sdone) {
            st = hs_step(1, &sc, &sx, &hs, &toS, &toC);
            sdone = st == SEC_E_OK;
        } else if (toC.n && !cdone) {
            st = hs_step(0, &cc, &cx, &hc, &toC, &toS);
            cdone = st == SEC_E_OK;
        } else {
            break;
        }
    }
    if (cdone && toC.n) add_frag(toC.p, toC.n); /* tickets */
    if (cdone && sdone) {
        for (int k = (int)below(4); k > 0; k--) {
            seal(&cx, below(3000));
            seal(&sx, chance(10) ? 16384 : below(3000));
        }
    }
    /* Credentials and contexts join the pools (evicting others). */
    if (hc) add_ctx(cx, 0);
    if (hs) add_ctx(sx, 1);
    add_cred(sc, 1);
    add_cred(cc, 0);
    free(toS.p);
    free(toC.p);
}

/* ---- main ---- */

static void one_call(void) {
    int op = (int)below(100);
    if (op < 5) do_acquire(0);
    else if (op < 8) do_acquire(1);
    else if (op < 11) do_free_cred();
    else if (op < 22) do_handshake_call(F_ISC_A);
    else if (op < 26) do_handshake_call(F_ISC_W);
    else if (op < 40) do_handshake_call(F_ASC);
    else if (op < 44) do_delete();
    else if (op < 50) do_control();
    else if (op < 56) do_query_ctx(0);
    else if (op < 59) do_query_ctx(1);
    else if (op < 62) do_set_ctx(0);
    else if (op < 64) do_set_ctx(1);
    else if (op < 67) do_query_cred(0);
    else if (op < 69) do_query_cred(1);
    else if (op < 71) do_set_cred(0);
    else if (op < 72) do_set_cred(1);
    else if (op < 82) do_encrypt();
    else if (op < 95) do_decrypt();
    else if (op < 96) check(F_FCB, FreeContextBuffer(NULL), "NULL");
    else real_pair();
    end_call();
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: %s SEED CALLS [TESTDATA_DIR]\n", argv[0]);
        return 2;
    }
    seed_arg = strtoull(argv[1], NULL, 0);
    calls_wanted = strtoull(argv[2], NULL, 0);
    rng_state = seed_arg * 0x9E3779B97F4A7C15ull + 0x1234567;
    if (!rng_state) rng_state = 1;
    char *td[2] = {argv[0], argc > 3 ? argv[3] : NULL};
    testdata_init(argc > 3 ? 2 : 1, td);
    signal(SIGALRM, on_alarm);

    int hbase = live_handles(), gbase = live_goroutines();
    long abase = live_allocs();
    cert_p256 = load_pem_cert("p256");
    cert_rsa = load_pem_cert("rsa");
    FILE *f = fopen(testdata_path("p256.der"), "rb");
    if (!f) {
        fprintf(stderr, "fuzz_abi: cannot open %s\n", testdata_path("p256.der"));
        return 2;
    }
    p256_der = malloc(65536);
    p256_der_len = fread(p256_der, 1, 65536, f);
    fclose(f);
    cert_nokey = CertCreateCertificateContext(X509_ASN_ENCODING, p256_der, (DWORD)p256_der_len);
    if (!cert_nokey) {
        fprintf(stderr, "fuzz_abi: CertCreateCertificateContext failed\n");
        return 2;
    }
    fake_cert.dwCertEncodingType = X509_ASN_ENCODING;
    fake_cert.pbCertEncoded = p256_der;
    fake_cert.cbCertEncoded = (DWORD)p256_der_len;

    while (calls_done < calls_wanted) {
        alarm(30);
        one_call();
    }
    alarm(60);

    /* Tear down and compare with the baseline. */
    for (int i = 0; i < NCTX; i++)
        if (ctxs[i].live) drop_ctx(i);
    for (int i = 0; i < NCRED; i++)
        if (creds[i].live) drop_cred(i);
    CertFreeCertificateContext(cert_p256);
    CertFreeCertificateContext(cert_rsa);
    CertFreeCertificateContext(cert_nokey);
    for (int i = 0; i < nfrags; i++) free(frags[i].p);
    free(p256_der);
    leak_check(hbase, gbase, abase);
    alarm(0);

    if (getenv("FUZZ_ABI_STATS")) {
        for (int fn = 0; fn < NFUNCS; fn++) {
            if (!func_names[fn]) continue;
            printf("%s:", func_names[fn]);
            for (int i = 0; i < nstats; i++)
                if (stats[i].n[fn]) printf(" %s=%lu", SchLinuxStatusName(stats[i].st), stats[i].n[fn]);
            printf("\n");
        }
    }
    printf("fuzz_abi: seed %llu: %llu calls, %d bad statuses\n", seed_arg, calls_done, failures);
    if (failures) test_failed += failures;
    else test_passed++;
    return test_summary();
}
