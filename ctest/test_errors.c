/*
 * test_errors.c - bad input through the C ABI: NULL, zeroed, forged, stale
 * and wrong-kind handles for every SSPI entry point; the input/output buffer
 * rules of InitializeSecurityContext/AcceptSecurityContext (spec §6.2, §6.4)
 * with the 0xdeadbeef sentinel on phNewContext; garbage, HTTP and SSLv2
 * first tokens, truncated and oversized records, with and without
 * ASC_REQ_EXTENDED_ERROR; the DecryptMessage/EncryptMessage buffer shapes
 * (§7, §8); the ApplyControlToken matrix (§10.2). Nothing may crash or leak.
 */
#include "common.h"

static CredHandle srv, cli;

static void creds(void) {
    PCCERT_CONTEXT cert = load_pem_cert("p256");
    SCHANNEL_CRED sc;
    memset(&sc, 0, sizeof sc);
    sc.dwVersion = SCHANNEL_CRED_VERSION;
    sc.cCreds = 1;
    sc.paCred = &cert;
    ok_status(AcquireCredentialsHandleA(NULL, UNISP_NAME_A, SECPKG_CRED_INBOUND, NULL, &sc, NULL, NULL, &srv, NULL), SEC_E_OK);
    CertFreeCertificateContext(cert);
    memset(&sc, 0, sizeof sc);
    sc.dwVersion = SCHANNEL_CRED_VERSION;
    sc.dwFlags = SCH_CRED_MANUAL_CRED_VALIDATION;
    ok_status(AcquireCredentialsHandleA(NULL, UNISP_NAME_A, SECPKG_CRED_OUTBOUND, NULL, &sc, NULL, NULL, &cli, NULL), SEC_E_OK);
}

/* asc_first runs a first AcceptSecurityContext on `tok`. */
static SECURITY_STATUS asc_first(const void *tok, ULONG n, ULONG req, SecBuffer *outb, CtxtHandle *ctx, ULONG *attrs) {
    SecBuffer inb[2] = {{n, SECBUFFER_TOKEN, (void *)tok}, {0, SECBUFFER_EMPTY, NULL}};
    SecBufferDesc in = {SECBUFFER_VERSION, 2, inb};
    SecBufferDesc out = {SECBUFFER_VERSION, 2, outb};
    TimeStamp ts;
    return AcceptSecurityContext(&srv, NULL, &in, req, 0, ctx, &out, attrs, &ts);
}

static void test_bad_first_tokens(void) {
    static const BYTE garbage[] = {0xfa, 0xfa, 0xfa, 0xfa, 0xfa, 0xfa, 0xfa, 0xfa};
    static const char http[] = "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n";
    static const BYTE sslv2[] = {0x80, 0x2e, 0x01, 0x03, 0x01, 0x00, 0x15, 0x00, 0x00, 0x00, 0x10};
    static const BYTE zeros[32] = {0};
    const struct { const void *p; ULONG n; const char *what; } cases[] = {
        {garbage, sizeof garbage, "garbage"}, {http, sizeof http - 1, "http"}, {sslv2, sizeof sslv2, "sslv2"}, {zeros, sizeof zeros, "zeros"},
    };
    for (size_t i = 0; i < 4; i++) {
        for (int ext = 0; ext < 2; ext++) {
            BYTE tokmem[512], alertmem[64];
            SecBuffer outb[2] = {{sizeof tokmem, SECBUFFER_TOKEN, tokmem}, {sizeof alertmem, SECBUFFER_ALERT, alertmem}};
            CtxtHandle ctx = {0xdeadbeef, 0xdeadbeef};
            ULONG attrs;
            SECURITY_STATUS st = asc_first(cases[i].p, cases[i].n, ext ? ASC_REQ_EXTENDED_ERROR : 0, outb, &ctx, &attrs);
            ok_status(st, SEC_E_INVALID_TOKEN);
            ok(ctx.dwLower == 0xdeadbeef, "%s: phNewContext written on failure", cases[i].what);
            if (ext) {
                ok(outb[0].cbBuffer == 7 && tokmem[0] == 0x15 && tokmem[5] == 2, "%s: no fatal alert in the token", cases[i].what);
                ok(outb[1].cbBuffer == 7 && alertmem[0] == 0x15, "%s: no alert in SECBUFFER_ALERT", cases[i].what);
            } else {
                ok(outb[0].cbBuffer == 0, "%s: output not emptied", cases[i].what);
            }
        }
    }
    /* Truncated ClientHello: INCOMPLETE with MISSING 5, 1 and > 5; nothing written. */
    BYTE hdr[5] = {0x16, 0x03, 0x01, 0x01, 0x00};
    for (ULONG n = 0; n <= 5; n++) {
        if (n != 0 && n != 4 && n != 5) continue;
        BYTE tokmem[64];
        SecBuffer outb[1] = {{sizeof tokmem, SECBUFFER_TOKEN, tokmem}};
        SecBuffer inb[2] = {{n, SECBUFFER_TOKEN, hdr}, {0, SECBUFFER_EMPTY, NULL}};
        SecBufferDesc in = {SECBUFFER_VERSION, 2, inb}, out = {SECBUFFER_VERSION, 1, outb};
        CtxtHandle ctx = {0xdeadbeef, 0xdeadbeef};
        ULONG attrs;
        ok_status(AcceptSecurityContext(&srv, NULL, &in, 0, 0, &ctx, &out, &attrs, NULL), SEC_E_INCOMPLETE_MESSAGE);
        ok(inb[1].BufferType == SECBUFFER_MISSING, "MISSING type %u", (unsigned)inb[1].BufferType);
        ULONG want = n == 0 ? 5 : n == 4 ? 1 : 256;
        ok(inb[1].cbBuffer == want, "n=%u: MISSING %u, want %u", (unsigned)n, (unsigned)inb[1].cbBuffer, (unsigned)want);
        ok(outb[0].cbBuffer == sizeof tokmem && ctx.dwLower == 0xdeadbeef, "output or handle touched on INCOMPLETE");
    }
    /* Oversized record header: record_overflow. */
    BYTE big[6] = {0x16, 0x03, 0x01, 0xff, 0xff, 0x01};
    BYTE tokmem[64];
    SecBuffer outb[2] = {{sizeof tokmem, SECBUFFER_TOKEN, tokmem}, {0, SECBUFFER_EMPTY, NULL}};
    CtxtHandle ctx;
    ULONG attrs;
    ok_status(asc_first(big, sizeof big, ASC_REQ_EXTENDED_ERROR, outb, &ctx, &attrs), SEC_E_ILLEGAL_MESSAGE);
    ok(outb[0].cbBuffer > 0 && tokmem[0] == 0x15, "oversized: no alert");
}

static void test_buffer_rules(void) {
    BYTE mem[4096];
    CtxtHandle ctx = {0xdeadbeef, 0xdeadbeef};
    ULONG attrs = 0;
    SecBuffer outb[2] = {{0, SECBUFFER_TOKEN, mem}, {0, SECBUFFER_ALERT, NULL}};
    SecBufferDesc out = {SECBUFFER_VERSION, 1, outb};
    /* pOutput NULL or empty. */
    ok_status(InitializeSecurityContextA(&cli, NULL, (SEC_CHAR *)"localhost", 0, 0, 0, NULL, 0, &ctx, NULL, &attrs, NULL), SEC_E_INVALID_TOKEN);
    SecBufferDesc none = {SECBUFFER_VERSION, 0, NULL};
    ok_status(InitializeSecurityContextA(&cli, NULL, (SEC_CHAR *)"localhost", 0, 0, 0, NULL, 0, &ctx, &none, &attrs, NULL), SEC_E_INVALID_TOKEN);
    /* Zero-sized TOKEN without ALLOCATE_MEMORY. */
    ok_status(InitializeSecurityContextA(&cli, NULL, (SEC_CHAR *)"localhost", 0, 0, 0, NULL, 0, &ctx, &out, &attrs, NULL), SEC_E_INSUFFICIENT_MEMORY);
    ok(attrs == (ISC_RET_CONFIDENTIALITY | ISC_RET_SEQUENCE_DETECT | ISC_RET_REPLAY_DETECT) && ctx.dwLower == 0xdeadbeef, "attrs 0x%x", (unsigned)attrs);
    /* Zero-sized ALERT without ALLOCATE_MEMORY. */
    outb[0].cbBuffer = sizeof mem;
    out.cBuffers = 2;
    ok_status(InitializeSecurityContextA(&cli, NULL, (SEC_CHAR *)"localhost", 0, 0, 0, NULL, 0, &ctx, &out, &attrs, NULL), SEC_E_INSUFFICIENT_MEMORY);
    /* With ALLOCATE_MEMORY the caller's pointer is replaced. */
    outb[0].pvBuffer = (void *)0xdeadbeef;
    outb[0].cbBuffer = 8192;
    ok_status(InitializeSecurityContextA(&cli, NULL, (SEC_CHAR *)"localhost", ISC_REQ_ALLOCATE_MEMORY, 0, 0, NULL, 0, &ctx, &out, &attrs, NULL), SEC_I_CONTINUE_NEEDED);
    ok(outb[0].pvBuffer != (void *)0xdeadbeef && outb[0].cbBuffer > 0 && (attrs & ISC_RET_ALLOCATED_MEMORY), "allocated token");
    FreeContextBuffer(outb[0].pvBuffer);
    FreeContextBuffer(outb[1].pvBuffer);
    /* A first call with a single EMPTY output buffer (curl) becomes TOKEN. */
    CtxtHandle c2;
    SecBuffer one = {0, SECBUFFER_EMPTY, NULL};
    SecBufferDesc d1 = {SECBUFFER_VERSION, 1, &one};
    ok_status(InitializeSecurityContextA(&cli, NULL, (SEC_CHAR *)"localhost", ISC_REQ_ALLOCATE_MEMORY, 0, 0, NULL, 0, &c2, &d1, &attrs, NULL), SEC_I_CONTINUE_NEEDED);
    ok(one.BufferType == SECBUFFER_TOKEN && one.cbBuffer > 0 && one.pvBuffer, "EMPTY output not filled");
    FreeContextBuffer(one.pvBuffer);
    /* Continuation calls: NULL input → INCOMPLETE, outputs and phNewContext untouched. */
    CtxtHandle sentinel = {0xdeadbeef, 0xdeadbeef};
    SecBuffer ob = {sizeof mem, SECBUFFER_TOKEN, mem};
    SecBufferDesc od = {SECBUFFER_VERSION, 1, &ob};
    ok_status(InitializeSecurityContextA(&cli, &ctx, (SEC_CHAR *)"localhost", 0, 0, 0, NULL, 0, &sentinel, &od, &attrs, NULL), SEC_E_INCOMPLETE_MESSAGE);
    ok(sentinel.dwLower == 0xdeadbeef && ob.cbBuffer == sizeof mem, "touched on INCOMPLETE");
    /* An EMPTY input buffer with a non-zero size. */
    BYTE rec[5] = {0x16, 3, 3, 0, 0};
    SecBuffer ib[2] = {{5, SECBUFFER_TOKEN, rec}, {0xdeadbeef, SECBUFFER_EMPTY, NULL}};
    SecBufferDesc id = {SECBUFFER_VERSION, 2, ib};
    ok_status(InitializeSecurityContextA(&cli, &ctx, (SEC_CHAR *)"localhost", 0, 0, 0, &id, 0, &sentinel, &od, &attrs, NULL), SEC_E_INVALID_TOKEN);
    /* pBuffers NULL with cBuffers > 0; 1000 buffers. */
    SecBufferDesc nb = {SECBUFFER_VERSION, 3, NULL};
    ok_status(InitializeSecurityContextA(&cli, &ctx, (SEC_CHAR *)"localhost", 0, 0, 0, &nb, 0, &sentinel, &od, &attrs, NULL), SEC_E_INVALID_TOKEN);
    static SecBuffer many[1000];
    SecBufferDesc md = {SECBUFFER_VERSION, 1000, many};
    ok_status(InitializeSecurityContextA(&cli, &ctx, (SEC_CHAR *)"localhost", 0, 0, 0, &md, 0, &sentinel, &od, &attrs, NULL), SEC_E_INCOMPLETE_MESSAGE);
    /* Wrong-kind context: a client context passed to AcceptSecurityContext. */
    ok_status(AcceptSecurityContext(&srv, &ctx, &id, 0, 0, &sentinel, &od, &attrs, NULL), SEC_E_INVALID_HANDLE);
    /* A client credential on the server side, a server credential on the client side. */
    ok_status(AcceptSecurityContext(&cli, NULL, &id, 0, 0, &sentinel, &od, &attrs, NULL), SEC_E_NO_CREDENTIALS);
    ok_status(InitializeSecurityContextA(&srv, NULL, NULL, 0, 0, 0, NULL, 0, &sentinel, &od, &attrs, NULL), SEC_E_NO_CREDENTIALS);
    /* A valid context stays healthy after rejected calls. */
    ok_status(DeleteSecurityContext(&ctx), SEC_E_OK);
    ok_status(DeleteSecurityContext(&c2), SEC_E_OK);
    ok_status(DeleteSecurityContext(&ctx), SEC_E_INVALID_HANDLE);
}

static void test_handles_everywhere(void) {
    CtxtHandle zero = {0, 0}, forged = {3, 0x5C02000000000007ull}, stale, inval;
    SecInvalidateHandle(&inval);
    /* A stale context handle. */
    BYTE mem[4096];
    SecBuffer ob = {0, SECBUFFER_TOKEN, NULL};
    SecBufferDesc od = {SECBUFFER_VERSION, 1, &ob};
    ULONG attrs;
    ok_status(InitializeSecurityContextA(&cli, NULL, (SEC_CHAR *)"x", ISC_REQ_ALLOCATE_MEMORY, 0, 0, NULL, 0, &stale, &od, &attrs, NULL), SEC_I_CONTINUE_NEEDED);
    FreeContextBuffer(ob.pvBuffer);
    ok_status(DeleteSecurityContext(&stale), SEC_E_OK);
    CtxtHandle credAsCtx = {srv.dwLower, srv.dwUpper};
    CtxtHandle *bad[] = {NULL, &zero, &forged, &stale, &inval, &credAsCtx};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        CtxtHandle *h = bad[i];
        SecBuffer b[4] = {{0, SECBUFFER_DATA, mem}, {0, SECBUFFER_EMPTY, NULL}, {0, SECBUFFER_EMPTY, NULL}, {0, SECBUFFER_EMPTY, NULL}};
        SecBufferDesc d = {SECBUFFER_VERSION, 4, b};
        SecPkgContext_StreamSizes ss;
        ok_status(DeleteSecurityContext(h), SEC_E_INVALID_HANDLE);
        ok_status(EncryptMessage(h, 0, &d, 0), SEC_E_INVALID_HANDLE);
        ok_status(DecryptMessage(h, &d, 0, NULL), SEC_E_INVALID_HANDLE);
        ok_status(QueryContextAttributesA(h, SECPKG_ATTR_STREAM_SIZES, &ss), SEC_E_INVALID_HANDLE);
        ok_status(QueryContextAttributesW(h, SECPKG_ATTR_STREAM_SIZES, &ss), SEC_E_INVALID_HANDLE);
        ok_status(SetContextAttributesA(h, SECPKG_ATTR_APP_DATA, mem, 16), SEC_E_INVALID_HANDLE);
        ok_status(ApplyControlToken(h, &d), SEC_E_INVALID_HANDLE);
        if (h) {
            ob.cbBuffer = sizeof mem; ob.pvBuffer = mem;
            ok_status(InitializeSecurityContextA(&cli, h, (SEC_CHAR *)"x", 0, 0, 0, NULL, 0, NULL, &od, &attrs, NULL), SEC_E_INVALID_HANDLE);
            ok_status(AcceptSecurityContext(&srv, h, &d, 0, 0, NULL, &od, &attrs, NULL), SEC_E_INVALID_HANDLE);
        }
    }
    /* Context handles are not credentials. */
    CredHandle ctxAsCred = {forged.dwLower, forged.dwUpper};
    SecPkgCred_SupportedProtocols sp;
    ok_status(QueryCredentialsAttributesA(&ctxAsCred, SECPKG_ATTR_SUPPORTED_PROTOCOLS, &sp), SEC_E_INVALID_HANDLE);
    ok_status(SetCredentialsAttributesA(NULL, SECPKG_ATTR_SESSION_TICKET_KEYS, mem, 16), SEC_E_INVALID_HANDLE);
    ob.cbBuffer = 0; ob.pvBuffer = NULL;
    ok_status(InitializeSecurityContextA(NULL, NULL, (SEC_CHAR *)"x", ISC_REQ_ALLOCATE_MEMORY, 0, 0, NULL, 0, &stale, &od, &attrs, NULL), SEC_E_INVALID_HANDLE);
    ok_status(AcceptSecurityContext(NULL, NULL, NULL, ASC_REQ_ALLOCATE_MEMORY, 0, &stale, &od, &attrs, NULL), SEC_E_INVALID_HANDLE);
}

static void test_not_established(void) {
    SecBuffer ob = {0, SECBUFFER_TOKEN, NULL};
    SecBufferDesc od = {SECBUFFER_VERSION, 1, &ob};
    CtxtHandle ctx;
    ULONG attrs;
    ok_status(InitializeSecurityContextA(&cli, NULL, (SEC_CHAR *)"localhost", ISC_REQ_ALLOCATE_MEMORY, 0, 0, NULL, 0, &ctx, &od, &attrs, NULL), SEC_I_CONTINUE_NEEDED);
    FreeContextBuffer(ob.pvBuffer);
    BYTE mem[256];
    SecBuffer eb[4] = {{5, SECBUFFER_STREAM_HEADER, mem}, {4, SECBUFFER_DATA, mem + 5}, {17, SECBUFFER_STREAM_TRAILER, mem + 9}, {0, SECBUFFER_EMPTY, NULL}};
    SecBufferDesc ed = {SECBUFFER_VERSION, 4, eb};
    ok_status(EncryptMessage(&ctx, 0, &ed, 0), SEC_E_CONTEXT_EXPIRED);
    ok_status(EncryptMessage(&ctx, 1, &ed, 0), SEC_E_QOP_NOT_SUPPORTED);
    SecBufferDesc ed2 = {SECBUFFER_VERSION, 2, eb};
    ok_status(EncryptMessage(&ctx, 0, &ed2, 0), SEC_E_INVALID_TOKEN);
    ok_status(EncryptMessage(&ctx, 0, NULL, 0), SEC_E_INVALID_TOKEN);
    /* DecryptMessage buffer shapes (Windows-verified). */
    SecBuffer db[4] = {{10, SECBUFFER_DATA, mem}, {0, SECBUFFER_EMPTY, NULL}, {0, SECBUFFER_EMPTY, NULL}, {0, SECBUFFER_EMPTY, NULL}};
    SecBufferDesc dd = {SECBUFFER_VERSION, 3, db};
    ok_status(DecryptMessage(&ctx, &dd, 0, NULL), SEC_E_INVALID_TOKEN); /* too few buffers */
    dd.cBuffers = 4;
    db[0].BufferType = SECBUFFER_EMPTY;
    ok_status(DecryptMessage(&ctx, &dd, 0, NULL), SEC_E_INVALID_TOKEN); /* no DATA */
    db[0].BufferType = SECBUFFER_DATA;
    db[1].BufferType = SECBUFFER_DATA;
    ok_status(DecryptMessage(&ctx, &dd, 0, NULL), SEC_E_INVALID_TOKEN); /* two DATA */
    db[1].BufferType = SECBUFFER_EXTRA;
    ok_status(DecryptMessage(&ctx, &dd, 0, NULL), SEC_E_INVALID_TOKEN); /* fewer than three EMPTY */
    db[1].BufferType = SECBUFFER_EMPTY;
    ok_status(DecryptMessage(&ctx, &dd, 0, NULL), SEC_E_CONTEXT_EXPIRED);
    ok_status(DecryptMessage(&ctx, NULL, 0, NULL), SEC_E_INVALID_TOKEN);
    SecPkgContext_StreamSizes ss;
    ok_status(QueryContextAttributesA(&ctx, SECPKG_ATTR_STREAM_SIZES, &ss), SEC_E_INVALID_HANDLE);
    ok_status(QueryContextAttributesA(&ctx, SECPKG_ATTR_NEGOTIATION_INFO, &ss), SEC_E_UNSUPPORTED_FUNCTION);
    ok_status(QueryContextAttributesA(&ctx, SECPKG_ATTR_STREAM_SIZES, NULL), SEC_E_INVALID_PARAMETER);

    /* ApplyControlToken matrix (spec §10.2). */
    DWORD shut = SCHANNEL_SHUTDOWN;
    SecBuffer tb[2] = {{4, SECBUFFER_TOKEN, &shut}, {4, SECBUFFER_TOKEN, &shut}};
    SecBufferDesc td = {SECBUFFER_VERSION, 2, tb};
    ok_status(ApplyControlToken(NULL, &td), SEC_E_INVALID_HANDLE);
    ok_status(ApplyControlToken(&ctx, NULL), SEC_E_INVALID_PARAMETER);
    ok_status(ApplyControlToken(&ctx, &td), SEC_E_INVALID_TOKEN);
    td.cBuffers = 1;
    tb[0].BufferType = SECBUFFER_ALERT;
    ok_status(ApplyControlToken(&ctx, &td), SEC_E_INVALID_TOKEN);
    tb[0].BufferType = SECBUFFER_DATA;
    ok_status(ApplyControlToken(&ctx, &td), SEC_E_INVALID_TOKEN);
    tb[0].BufferType = SECBUFFER_TOKEN;
    tb[0].cbBuffer = 2;
    ok_status(ApplyControlToken(&ctx, &td), SEC_E_UNSUPPORTED_FUNCTION);
    DWORD reneg = SCHANNEL_RENEGOTIATE;
    tb[0].pvBuffer = &reneg;
    tb[0].cbBuffer = 4;
    ok_status(ApplyControlToken(&ctx, &td), SEC_E_UNSUPPORTED_FUNCTION);
    BYTE shut5[5] = {1, 0, 0, 0, 0};
    tb[0].pvBuffer = shut5;
    tb[0].cbBuffer = 5;
    ok_status(ApplyControlToken(&ctx, &td), SEC_E_OK);
    ok_status(ApplyControlToken(&ctx, &td), SEC_E_OK);
    /* The next call produces the plaintext close_notify, input ignored. */
    BYTE junk[1000];
    memset(junk, 0xfa, sizeof junk);
    SecBuffer ib[2] = {{sizeof junk, SECBUFFER_TOKEN, junk}, {0, SECBUFFER_EMPTY, NULL}};
    SecBufferDesc id = {SECBUFFER_VERSION, 2, ib};
    BYTE om[64];
    SecBuffer o2 = {sizeof om, SECBUFFER_TOKEN, om};
    SecBufferDesc od2 = {SECBUFFER_VERSION, 1, &o2};
    ok_status(InitializeSecurityContextA(&cli, &ctx, (SEC_CHAR *)"localhost", 0, 0, 0, &id, 0, NULL, &od2, &attrs, NULL), SEC_E_OK);
    static const BYTE close_notify[7] = {0x15, 0x03, 0x01, 0x00, 0x02, 0x01, 0x00};
    ok(o2.cbBuffer == 7 && !memcmp(om, close_notify, 7), "close_notify bytes");
    o2.cbBuffer = sizeof om;
    ok_status(InitializeSecurityContextA(&cli, &ctx, (SEC_CHAR *)"localhost", 0, 0, 0, NULL, 0, NULL, &od2, &attrs, NULL), SEC_E_INCOMPLETE_MESSAGE);
    SCHANNEL_ALERT_TOKEN at = {SCHANNEL_ALERT, TLS1_ALERT_FATAL, TLS1_ALERT_BAD_CERTIFICATE};
    tb[0].pvBuffer = &at;
    tb[0].cbBuffer = sizeof at;
    ok_status(ApplyControlToken(&ctx, &td), SEC_E_OK);
    ok_status(InitializeSecurityContextA(&cli, &ctx, (SEC_CHAR *)"localhost", 0, 0, 0, NULL, 0, NULL, &od2, &attrs, NULL), SEC_E_OK);
    static const BYTE bad_cert[7] = {0x15, 0x03, 0x01, 0x00, 0x02, 0x02, 0x2a};
    ok(o2.cbBuffer == 7 && !memcmp(om, bad_cert, 7), "alert bytes");
    tb[0].cbBuffer = 8;
    ok_status(ApplyControlToken(&ctx, &td), SEC_E_INVALID_TOKEN);
    ok_status(DeleteSecurityContext(&ctx), SEC_E_OK);
}

static void test_status_names(void) {
    ok(!strcmp(SchLinuxStatusName(SEC_E_INVALID_HANDLE), "SEC_E_INVALID_HANDLE"), "name");
    ok(!strcmp(SchLinuxStatusName(SEC_I_CONTINUE_NEEDED), "SEC_I_CONTINUE_NEEDED"), "name");
    ok(!strcmp(SchLinuxStatusName(SEC_E_OK), "SEC_E_OK"), "name");
    ok(!strcmp(SchLinuxStatusName((SECURITY_STATUS)0x12345678), "UNKNOWN_STATUS"), "unknown");
    ok(SchLinuxStatusName(SEC_E_UNTRUSTED_ROOT) == SchLinuxStatusName(SEC_E_UNTRUSTED_ROOT), "static strings");
    ok(strstr(SchLinuxStatusMessage(SEC_E_UNTRUSTED_ROOT), "not trusted") != NULL, "message %s", SchLinuxStatusMessage(SEC_E_UNTRUSTED_ROOT));
}

int main(int argc, char **argv) {
    testdata_init(argc, argv);
    test_status_names();
    int hbase = live_handles(), gbase = live_goroutines();
    long abase = live_allocs();
    creds();
    test_bad_first_tokens();
    test_buffer_rules();
    test_handles_everywhere();
    test_not_established();
    ok_status(FreeCredentialsHandle(&srv), SEC_E_OK);
    ok_status(FreeCredentialsHandle(&cli), SEC_E_OK);
    leak_check(hbase, gbase, abase);
    return test_summary();
}
