/*
 * test_attributes.c - QueryContextAttributes(A/W), SetContextAttributes and
 * SetCredentialsAttributes through the library, after in-process TLS 1.2 and
 * TLS 1.3 handshakes: every answered attribute's value, who frees what
 * (FreeContextBuffer, CertFreeCertificateContext), the remote certificate's
 * store (spec §11.1), exporter and channel bindings equal on both ends,
 * session resumption with the same credential and target, session-ticket
 * keys shared by two server credentials, and no leaked handles,
 * goroutines or allocations at the end.
 */
#include "common.h"

#include <stdint.h>

/* ---- A small SHA-256 (FIPS 180-4), for the tls-server-end-point check ---- */

static uint32_t ror32(uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }

static void sha256(const unsigned char *msg, size_t len, unsigned char out[32]) {
    static const uint32_t k[64] = {
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};
    uint32_t h[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    size_t total = ((len + 8) / 64 + 1) * 64;
    unsigned char *m = calloc(1, total);
    memcpy(m, msg, len);
    m[len] = 0x80;
    uint64_t bits = (uint64_t)len * 8;
    for (int i = 0; i < 8; i++) m[total - 1 - i] = (unsigned char)(bits >> (8 * i));
    for (size_t off = 0; off < total; off += 64) {
        uint32_t w[64];
        for (int i = 0; i < 16; i++)
            w[i] = (uint32_t)m[off + 4 * i] << 24 | (uint32_t)m[off + 4 * i + 1] << 16 |
                   (uint32_t)m[off + 4 * i + 2] << 8 | m[off + 4 * i + 3];
        for (int i = 16; i < 64; i++) {
            uint32_t s0 = ror32(w[i - 15], 7) ^ ror32(w[i - 15], 18) ^ (w[i - 15] >> 3);
            uint32_t s1 = ror32(w[i - 2], 17) ^ ror32(w[i - 2], 19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16] + s0 + w[i - 7] + s1;
        }
        uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
        for (int i = 0; i < 64; i++) {
            uint32_t t1 = hh + (ror32(e, 6) ^ ror32(e, 11) ^ ror32(e, 25)) + ((e & f) ^ (~e & g)) + k[i] + w[i];
            uint32_t t2 = (ror32(a, 2) ^ ror32(a, 13) ^ ror32(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
            hh = g; g = f; f = e; e = d + t1; d = c; c = b; b = a; a = t1 + t2;
        }
        h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e; h[5] += f; h[6] += g; h[7] += hh;
    }
    free(m);
    for (int i = 0; i < 8; i++)
        for (int j = 0; j < 4; j++) out[4 * i + j] = (unsigned char)(h[i] >> (24 - 8 * j));
}

/* ---- Byte buffers and the handshake loop ---- */

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

#define CLIENT_REQ (ISC_REQ_SEQUENCE_DETECT | ISC_REQ_REPLAY_DETECT | ISC_REQ_CONFIDENTIALITY | ISC_REQ_STREAM | \
                    ISC_REQ_ALLOCATE_MEMORY | ISC_REQ_USE_SUPPLIED_CREDS)
#define SERVER_REQ (ASC_REQ_SEQUENCE_DETECT | ASC_REQ_REPLAY_DETECT | ASC_REQ_CONFIDENTIALITY | ASC_REQ_STREAM | \
                    ASC_REQ_ALLOCATE_MEMORY)

typedef struct {
    CtxtHandle client, server;
    int have_client, have_server;
    ULONG client_attrs, server_attrs; /* *pfContextAttr of the last call */
} conn;

/* step makes one ISC (server == 0) or ASC call with the bytes in `in`,
 * appends its output token to `out` and drops the consumed input. */
static SECURITY_STATUS step(conn *cn, int server, CredHandle *cred, bytes *in, bytes *out, ULONG sreq) {
    SecBuffer inb[2] = {{(ULONG)in->len, SECBUFFER_TOKEN, in->data}, {0, SECBUFFER_EMPTY, NULL}};
    SecBufferDesc ind = {SECBUFFER_VERSION, 2, inb};
    SecBuffer outb[2] = {{0, SECBUFFER_TOKEN, NULL}, {0, SECBUFFER_ALERT, NULL}};
    SecBufferDesc outd = {SECBUFFER_VERSION, 2, outb};
    CtxtHandle newctx;
    TimeStamp exp;
    SECURITY_STATUS st;
    if (server) {
        ULONG attrs = 0;
        st = AcceptSecurityContext(cred, cn->have_server ? &cn->server : NULL, &ind, sreq, 0, &newctx, &outd, &attrs, &exp);
        if (st == SEC_E_OK || st == SEC_I_CONTINUE_NEEDED) {
            cn->server = newctx;
            cn->have_server = 1;
            cn->server_attrs = attrs;
        }
    } else {
        ULONG attrs = 0;
        int first = !cn->have_client;
        st = InitializeSecurityContextA(cred, first ? NULL : &cn->client, (SEC_CHAR *)"localhost", CLIENT_REQ, 0, 0,
                                        first ? NULL : &ind, 0, &newctx, &outd, &attrs, &exp);
        if (st == SEC_E_OK || st == SEC_I_CONTINUE_NEEDED) {
            cn->client = newctx;
            cn->have_client = 1;
            cn->client_attrs = attrs;
        }
    }
    if (outb[0].pvBuffer) {
        bytes_append(out, outb[0].pvBuffer, outb[0].cbBuffer);
        FreeContextBuffer(outb[0].pvBuffer);
    }
    FreeContextBuffer(outb[1].pvBuffer);
    if (st == SEC_E_OK || st == SEC_I_CONTINUE_NEEDED) {
        size_t extra = inb[1].BufferType == SECBUFFER_EXTRA ? inb[1].cbBuffer : 0;
        bytes_consume(in, in->len - extra);
    }
    return st;
}

/* decrypt_all feeds every record of `in` to DecryptMessage on `ctx` (the
 * TLS 1.3 session tickets that follow the handshake). */
static void decrypt_all(CtxtHandle *ctx, bytes *in) {
    while (in->len > 0) {
        SecBuffer b[4] = {{(ULONG)in->len, SECBUFFER_DATA, in->data}, {0, SECBUFFER_EMPTY, NULL},
                          {0, SECBUFFER_EMPTY, NULL}, {0, SECBUFFER_EMPTY, NULL}};
        SecBufferDesc d = {SECBUFFER_VERSION, 4, b};
        SECURITY_STATUS st = DecryptMessage(ctx, &d, 0, NULL);
        ok_status(st, SEC_E_OK);
        if (st != SEC_E_OK) return;
        size_t extra = 0;
        for (int i = 1; i < 4; i++)
            if (b[i].BufferType == SECBUFFER_EXTRA) extra = b[i].cbBuffer;
        bytes_consume(in, in->len - extra);
    }
}

/* handshake runs a client <-> server handshake with whole tokens; the client
 * then decrypts the post-handshake records (tickets) so its session cache is
 * filled. Returns 1 when both sides finished. */
static int handshake(conn *cn, CredHandle *ccred, CredHandle *scred, ULONG sreq) {
    memset(cn, 0, sizeof *cn);
    bytes to_server = {0}, to_client = {0};
    int cdone = 0, sdone = 0;
    SECURITY_STATUS st = step(cn, 0, ccred, &to_client, &to_server, sreq);
    ok_status(st, SEC_I_CONTINUE_NEEDED);
    for (int i = 0; i < 20 && !(cdone && sdone); i++) {
        if (st != SEC_E_OK && st != SEC_I_CONTINUE_NEEDED) break;
        if (!sdone && to_server.len) {
            st = step(cn, 1, scred, &to_server, &to_client, sreq);
            if (st == SEC_E_OK) sdone = 1;
        } else if (!cdone && to_client.len) {
            st = step(cn, 0, ccred, &to_client, &to_server, sreq);
            if (st == SEC_E_OK) cdone = 1;
        } else {
            break;
        }
    }
    ok(cdone && sdone && to_server.len == 0, "handshake did not finish (%s)", status_name(st));
    if (cdone) decrypt_all(&cn->client, &to_client);
    free(to_server.data);
    free(to_client.data);
    return cdone && sdone;
}

static void close_conn(conn *cn) {
    if (cn->have_client) ok_status(DeleteSecurityContext(&cn->client), SEC_E_OK);
    if (cn->have_server) ok_status(DeleteSecurityContext(&cn->server), SEC_E_OK);
    cn->have_client = cn->have_server = 0;
}

static void acquire(CredHandle *h, int server, DWORD protocols, PCCERT_CONTEXT *cert) {
    TLS_PARAMETERS tp = {0};
    tp.grbitDisabledProtocols = ~protocols;
    SCH_CREDENTIALS sc = {0};
    sc.dwVersion = SCH_CREDENTIALS_VERSION;
    sc.cTlsParameters = 1;
    sc.pTlsParameters = &tp;
    if (cert) {
        sc.cCreds = 1;
        sc.paCred = cert;
    }
    if (!server) sc.dwFlags = SCH_CRED_MANUAL_CRED_VALIDATION | SCH_CRED_NO_DEFAULT_CREDS;
    ok_status(AcquireCredentialsHandleA(NULL, (SEC_CHAR *)UNISP_NAME_A, server ? SECPKG_CRED_INBOUND : SECPKG_CRED_OUTBOUND,
                                        NULL, &sc, NULL, NULL, h, NULL),
              SEC_E_OK);
}

/* ---- Helpers for the checks ---- */

static int wide_eq(const WCHAR *w, const char *s) {
    size_t i = 0;
    for (; s[i]; i++)
        if (w[i] != (WCHAR)(unsigned char)s[i]) return 0;
    return w[i] == 0;
}

static int64_t filetime(FILETIME ft) { return (int64_t)((uint64_t)ft.dwHighDateTime << 32 | ft.dwLowDateTime); }

static const char *suite_name(DWORD suite) {
    switch (suite) {
    case 0x1301: return "TLS_AES_128_GCM_SHA256";
    case 0x1302: return "TLS_AES_256_GCM_SHA384";
    case 0x1303: return "TLS_CHACHA20_POLY1305_SHA256";
    case 0xC02B: return "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";
    case 0xC02C: return "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384";
    case 0xCCA9: return "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256";
    case 0xC02F: return "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256";
    case 0xC030: return "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384";
    case 0xCCA8: return "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256";
    }
    return "?";
}

/* check_cert_context checks a returned PCCERT_CONTEXT against the expected
 * certificate and that its store enumerates to the same pointer first. */
static void check_cert_context(PCCERT_CONTEXT got, PCCERT_CONTEXT want, const char *what) {
    ok(got != NULL, "%s: NULL context", what);
    if (!got) return;
    ok(got->cbCertEncoded == want->cbCertEncoded && !memcmp(got->pbCertEncoded, want->pbCertEncoded, got->cbCertEncoded),
       "%s: wrong certificate", what);
    ok(got->hCertStore != NULL, "%s: no store", what);
    PCCERT_CONTEXT first = CertEnumCertificatesInStore(got->hCertStore, NULL);
    ok(first == got, "%s: store enumerates %p first, not the context %p", what, (const void *)first, (const void *)got);
    PCCERT_CONTEXT next = first ? CertEnumCertificatesInStore(got->hCertStore, first) : NULL;
    ok(next == NULL, "%s: one certificate expected in the store", what);
    ok(CertFreeCertificateContext(got), "%s: CertFreeCertificateContext", what);
}

static void check_bindings(SecPkgContext_Bindings *b, const char *prefix, const unsigned char *value, size_t vlen) {
    size_t plen = strlen(prefix);
    ok(b->BindingsLength == 32 + plen + vlen, "BindingsLength %u, want %u", (unsigned)b->BindingsLength,
       (unsigned)(32 + plen + vlen));
    ok(b->Bindings != NULL, "Bindings NULL");
    if (!b->Bindings || b->BindingsLength != 32 + plen + vlen) return;
    SEC_CHANNEL_BINDINGS *h = b->Bindings;
    ok(h->dwInitiatorAddrType == 0 && h->cbInitiatorLength == 0 && h->dwInitiatorOffset == 0 &&
       h->dwAcceptorAddrType == 0 && h->cbAcceptorLength == 0 && h->dwAcceptorOffset == 0, "address fields not 0");
    ok(h->cbApplicationDataLength == plen + vlen && h->dwApplicationDataOffset == 32, "application data %u @%u",
       (unsigned)h->cbApplicationDataLength, (unsigned)h->dwApplicationDataOffset);
    const unsigned char *app = (const unsigned char *)h + 32;
    ok(!memcmp(app, prefix, plen), "prefix is not %s", prefix);
    if (value) ok(!memcmp(app + plen, value, vlen), "%s value differs", prefix);
}

/* ---- The checks ---- */

static void before_handshake(CredHandle *ccred) {
    CtxtHandle c;
    SecBuffer outb[1] = {{0, SECBUFFER_TOKEN, NULL}};
    SecBufferDesc outd = {SECBUFFER_VERSION, 1, outb};
    ULONG attrs;
    ok_status(InitializeSecurityContextA(ccred, NULL, (SEC_CHAR *)"localhost", CLIENT_REQ, 0, 0, NULL, 0, &c, &outd,
                                         &attrs, NULL),
              SEC_I_CONTINUE_NEEDED);
    FreeContextBuffer(outb[0].pvBuffer);
    SecPkgContext_ConnectionInfo ci;
    ok_status(QueryContextAttributesA(&c, SECPKG_ATTR_CONNECTION_INFO, &ci), SEC_E_INVALID_HANDLE);
    SecPkgContext_CipherInfo cinfo;
    ok_status(QueryContextAttributesW(&c, SECPKG_ATTR_CIPHER_INFO, &cinfo), SEC_E_INVALID_HANDLE);
    PCCERT_CONTEXT rc = NULL;
    ok_status(QueryContextAttributesA(&c, SECPKG_ATTR_REMOTE_CERT_CONTEXT, &rc), SEC_E_INVALID_HANDLE);
    ok(rc == NULL, "REMOTE_CERT_CONTEXT written before the handshake");
    SecPkgContext_StreamSizes ss;
    ok_status(QueryContextAttributesA(&c, SECPKG_ATTR_STREAM_SIZES, &ss), SEC_E_INVALID_HANDLE);
    SecPkgContext_Sizes sz;
    ok_status(QueryContextAttributesA(&c, SECPKG_ATTR_SIZES, &sz), SEC_E_OK);
    SecPkgContext_IssuerListInfoEx il = {(CERT_NAME_BLOB *)1, 7};
    ok_status(QueryContextAttributesA(&c, SECPKG_ATTR_ISSUER_LIST_EX, &il), SEC_E_OK);
    ok(il.cIssuers == 0 && il.aIssuers == NULL, "issuer list before a request");
    SecPkgContext_Flags fl;
    ok_status(QueryContextAttributesA(&c, SECPKG_ATTR_FLAGS, &fl), SEC_E_OK);
    ok(fl.Flags == attrs, "FLAGS 0x%x, ISC returned 0x%x", (unsigned)fl.Flags, (unsigned)attrs);
    /* KEYING_MATERIAL_INFO may be set before the handshake. */
    SecPkgContext_KeyingMaterialInfo kmi = {sizeof "EXPORTER-early", (LPSTR) "EXPORTER-early", 0, NULL, 16};
    ok_status(SetContextAttributesA(&c, SECPKG_ATTR_KEYING_MATERIAL_INFO, &kmi, sizeof kmi), SEC_E_OK);
    SecPkgContext_KeyingMaterial km;
    ok_status(QueryContextAttributesA(&c, SECPKG_ATTR_KEYING_MATERIAL, &km), SEC_E_INVALID_HANDLE);
    ok_status(DeleteSecurityContext(&c), SEC_E_OK);
    ok_status(QueryContextAttributesA(&c, SECPKG_ATTR_SIZES, &sz), SEC_E_INVALID_HANDLE);
    ok_status(SetContextAttributesA(&c, SECPKG_ATTR_APP_DATA, &kmi, sizeof kmi), SEC_E_INVALID_HANDLE);
}

static void check_side(conn *cn, int server, int tls13, PCCERT_CONTEXT cert, int wide) {
    CtxtHandle *h = server ? &cn->server : &cn->client;
    const char *who = server ? (wide ? "server/W" : "server/A") : (wide ? "client/W" : "client/A");
#define QCA(attr, buf) (wide ? QueryContextAttributesW(h, attr, buf) : QueryContextAttributesA(h, attr, buf))

    SecPkgContext_Sizes sz;
    ok_status(QCA(SECPKG_ATTR_SIZES, &sz), SEC_E_OK);
    ok(sz.cbMaxToken == 24576 && sz.cbMaxSignature == 16 && sz.cbBlockSize == 0 && sz.cbSecurityTrailer == 16,
       "%s: SIZES %u/%u/%u/%u", who, (unsigned)sz.cbMaxToken, (unsigned)sz.cbMaxSignature, (unsigned)sz.cbBlockSize,
       (unsigned)sz.cbSecurityTrailer);

    SecPkgContext_StreamSizes ss;
    ok_status(QCA(SECPKG_ATTR_STREAM_SIZES, &ss), SEC_E_OK);
    ok(ss.cbMaximumMessage == 16384 && ss.cBuffers == 4, "%s: STREAM_SIZES", who);

    SecPkgContext_CipherInfo cinfo;
    memset(&cinfo, 0xcc, sizeof cinfo);
    cinfo.dwVersion = SECPKGCONTEXT_CIPHERINFO_V1;
    ok_status(QCA(SECPKG_ATTR_CIPHER_INFO, &cinfo), SEC_E_OK);
    ok(cinfo.dwVersion == 1, "%s: CIPHER_INFO version", who);
    ok(cinfo.dwProtocol == (tls13 ? 0x0304u : 0x0303u), "%s: CIPHER_INFO protocol 0x%x", who, (unsigned)cinfo.dwProtocol);
    ok(cinfo.dwBaseCipherSuite == cinfo.dwCipherSuite, "%s: base suite", who);
    ok(tls13 ? (cinfo.dwCipherSuite >> 8) == 0x13 : (cinfo.dwCipherSuite == 0xC02B || cinfo.dwCipherSuite == 0xC02C ||
                                                     cinfo.dwCipherSuite == 0xCCA9),
       "%s: suite 0x%x", who, (unsigned)cinfo.dwCipherSuite);
    ok(wide_eq(cinfo.szCipherSuite, suite_name(cinfo.dwCipherSuite)), "%s: szCipherSuite", who);
    int chacha = cinfo.dwCipherSuite == 0x1303 || cinfo.dwCipherSuite == 0xCCA9;
    ok(wide_eq(cinfo.szCipher, chacha ? "CHACHA20_POLY1305" : "AES"), "%s: szCipher", who);
    ok(cinfo.dwCipherBlockLen == (chacha ? 1u : 16u), "%s: block %u", who, (unsigned)cinfo.dwCipherBlockLen);
    ok(cinfo.dwCipherLen == 128 || cinfo.dwCipherLen == 256, "%s: cipher len", who);
    ok(wide_eq(cinfo.szHash, "") && cinfo.dwHashLen == 0, "%s: AEAD hash", who);
    ok(wide_eq(cinfo.szExchange, "ECDH") && cinfo.dwMinExchangeLen == 0 && cinfo.dwMaxExchangeLen == 65536,
       "%s: exchange", who);
    ok(wide_eq(cinfo.szCertificate, "ECDSA"), "%s: szCertificate", who);
    ok(tls13 ? (cinfo.dwKeyType == 0x11ec || cinfo.dwKeyType == 0x1d) : cinfo.dwKeyType == 0x1d, "%s: key type 0x%x",
       who, (unsigned)cinfo.dwKeyType);

    SecPkgContext_ConnectionInfo ci;
    ok_status(QCA(SECPKG_ATTR_CONNECTION_INFO, &ci), SEC_E_OK);
    DWORD want_prot = tls13 ? (server ? SP_PROT_TLS1_3_SERVER : SP_PROT_TLS1_3_CLIENT)
                            : (server ? SP_PROT_TLS1_2_SERVER : SP_PROT_TLS1_2_CLIENT);
    ok(ci.dwProtocol == want_prot, "%s: dwProtocol 0x%x", who, (unsigned)ci.dwProtocol);
    ALG_ID want_cipher = chacha ? 0 : cinfo.dwCipherLen == 128 ? CALG_AES_128 : CALG_AES_256;
    ok(ci.aiCipher == want_cipher && ci.dwCipherStrength == cinfo.dwCipherLen, "%s: cipher 0x%x/%u", who,
       (unsigned)ci.aiCipher, (unsigned)ci.dwCipherStrength);
    ok(ci.aiHash == 0 && ci.dwHashStrength == 0, "%s: AEAD hash in CONNECTION_INFO", who);
    ok(ci.aiExch == CALG_ECDH_EPHEM && ci.dwExchStrength >= 256, "%s: exchange 0x%x/%u", who, (unsigned)ci.aiExch,
       (unsigned)ci.dwExchStrength);

    SecPkgContext_ConnectionInfoEx cx;
    ok_status(QCA(SECPKG_ATTR_CONNECTION_INFO_EX, &cx), SEC_E_OK);
    ok(cx.dwVersion == SECPKGCONTEXT_CONNECTION_INFO_EX_V1 && cx.dwProtocol == want_prot, "%s: CONNECTION_INFO_EX", who);
    ok(wide_eq(cx.szCipher, chacha ? "CHACHA20_POLY1305" : "AES") && cx.dwCipherStrength == ci.dwCipherStrength,
       "%s: EX cipher", who);
    ok(wide_eq(cx.szHash, "") && cx.dwHashStrength == 0, "%s: EX hash", who);
    ok(wide_eq(cx.szExchange, "ECDH") && cx.dwExchStrength == ci.dwExchStrength, "%s: EX exchange", who);

    /* KEY_INFO: A and W differ in the string encoding only. */
    SecPkgContext_KeyInfoA ki;
    ok_status(QCA(SECPKG_ATTR_KEY_INFO, &ki), SEC_E_OK);
    if (wide) {
        SecPkgContext_KeyInfoW *kw = (SecPkgContext_KeyInfoW *)&ki;
        ok(wide_eq(kw->sSignatureAlgorithmName, "ECDSA"), "%s: KEY_INFO W signature name", who);
        ok(wide_eq(kw->sEncryptAlgorithmName, chacha ? "CHACHA20_POLY1305" : "AES"), "%s: KEY_INFO W cipher name", who);
    } else {
        ok(!strcmp((char *)ki.sSignatureAlgorithmName, "ECDSA"), "%s: KEY_INFO signature name", who);
        ok(!strcmp((char *)ki.sEncryptAlgorithmName, chacha ? "CHACHA20_POLY1305" : "AES"), "%s: cipher name", who);
    }
    ok(ki.KeySize == ci.dwCipherStrength && ki.SignatureAlgorithm == CALG_ECDSA && ki.EncryptAlgorithm == ci.aiCipher,
       "%s: KEY_INFO values", who);
    FreeContextBuffer(ki.sSignatureAlgorithmName);
    FreeContextBuffer(ki.sEncryptAlgorithmName);

    SecPkgContext_Lifespan ls;
    ok_status(QCA(SECPKG_ATTR_LIFESPAN, &ls), SEC_E_OK);
    if (server) {
        ok(ls.tsStart.QuadPart == 0 && ls.tsExpiry.QuadPart == 0x7FFFFFFFFFFFFFFFLL, "%s: LIFESPAN without peer cert", who);
    } else {
        ok(ls.tsStart.QuadPart == filetime(cert->pCertInfo->NotBefore) &&
           ls.tsExpiry.QuadPart == filetime(cert->pCertInfo->NotAfter), "%s: LIFESPAN", who);
    }

    SecPkgContext_PackageInfoA pi = {NULL};
    ok_status(QCA(SECPKG_ATTR_PACKAGE_INFO, &pi), SEC_E_OK);
    ok(pi.PackageInfo != NULL, "%s: PACKAGE_INFO NULL", who);
    if (pi.PackageInfo) {
        ok(pi.PackageInfo->fCapabilities == 0x004107B3 && pi.PackageInfo->cbMaxToken == 24576 &&
           pi.PackageInfo->wRPCID == UNISP_RPC_ID, "%s: PACKAGE_INFO values", who);
        if (wide)
            ok(wide_eq((const WCHAR *)pi.PackageInfo->Name, "Schannel") &&
               wide_eq((const WCHAR *)pi.PackageInfo->Comment, "Schannel Security Package"), "%s: W name", who);
        else
            ok(!strcmp((char *)pi.PackageInfo->Name, "Schannel"), "%s: A name", who);
        FreeContextBuffer(pi.PackageInfo);
    }

    SecPkgContext_Flags fl;
    ok_status(QCA(SECPKG_ATTR_FLAGS, &fl), SEC_E_OK);
    ok(fl.Flags == (server ? cn->server_attrs : cn->client_attrs), "%s: FLAGS 0x%x", who, (unsigned)fl.Flags);

    SecPkgContext_ApplicationProtocol ap;
    ok_status(QCA(SECPKG_ATTR_APPLICATION_PROTOCOL, &ap), SEC_E_OK);
    ok(ap.ProtoNegoStatus == SecApplicationProtocolNegotiationStatus_None, "%s: no ALPN offered", who);

    /* Channel bindings. */
    SecPkgContext_Bindings eb = {0, NULL};
    ok_status(QCA(SECPKG_ATTR_ENDPOINT_BINDINGS, &eb), SEC_E_OK);
    unsigned char digest[32];
    sha256(cert->pbCertEncoded, cert->cbCertEncoded, digest);
    check_bindings(&eb, "tls-server-end-point:", digest, 32);
    FreeContextBuffer(eb.Bindings);
    SecPkgContext_Bindings ub = {0, NULL};
    if (tls13) {
        ok_status(QCA(SECPKG_ATTR_UNIQUE_BINDINGS, &ub), SEC_E_UNSUPPORTED_FUNCTION);
    } else {
        ok_status(QCA(SECPKG_ATTR_UNIQUE_BINDINGS, &ub), SEC_E_OK);
        check_bindings(&ub, "tls-unique:", NULL, 12);
        FreeContextBuffer(ub.Bindings);
    }

    /* Certificates: the client sees the server's; no client certificate. */
    PCCERT_CONTEXT rc = NULL, lc = NULL;
    if (server) {
        ok_status(QCA(SECPKG_ATTR_REMOTE_CERT_CONTEXT, &rc), SEC_E_NO_CREDENTIALS);
        ok_status(QCA(SECPKG_ATTR_LOCAL_CERT_CONTEXT, &lc), SEC_E_OK);
        check_cert_context(lc, cert, "server LOCAL_CERT_CONTEXT");
    } else {
        ok_status(QCA(SECPKG_ATTR_REMOTE_CERT_CONTEXT, &rc), SEC_E_OK);
        check_cert_context(rc, cert, "client REMOTE_CERT_CONTEXT");
        ok_status(QCA(SECPKG_ATTR_LOCAL_CERT_CONTEXT, &lc), SEC_E_NO_CREDENTIALS);
    }

    SecPkgContext_SessionInfo si;
    memset(&si, 0xcc, sizeof si);
    ok_status(QCA(SECPKG_ATTR_SESSION_INFO, &si), SEC_E_OK);
    ok(si.dwFlags == 0 && si.cbSessionId == 32, "%s: SESSION_INFO 0x%x/%u", who, (unsigned)si.dwFlags,
       (unsigned)si.cbSessionId);

    SecPkgContext_IssuerListInfoEx il = {(CERT_NAME_BLOB *)1, 7};
    ok_status(QCA(SECPKG_ATTR_ISSUER_LIST_EX, &il), SEC_E_OK);
    ok(il.cIssuers == 0 && il.aIssuers == NULL, "%s: ISSUER_LIST_EX without a request", who);

    SecPkgContext_SupportedSignatures sg = {0, NULL};
    ok_status(QCA(SECPKG_ATTR_SUPPORTED_SIGNATURES, &sg), SEC_E_OK);
    if (server) {
        int has = 0;
        for (int i = 0; i < sg.cSignatureAndHashAlgorithms; i++) has |= sg.pSignatureAndHashAlgorithms[i] == 0x0403;
        ok(has, "%s: ecdsa_secp256r1_sha256 not among the client's %d schemes", who, sg.cSignatureAndHashAlgorithms);
        FreeContextBuffer(sg.pSignatureAndHashAlgorithms);
    } else {
        ok(sg.cSignatureAndHashAlgorithms == 0 && sg.pSignatureAndHashAlgorithms == NULL, "%s: no request", who);
    }

    SecPkgCred_SupportedProtocols sp;
    ok_status(QCA(SECPKG_ATTR_SUPPORTED_PROTOCOLS, &sp), SEC_E_OK);
    ok(sp.grbitProtocol == want_prot, "%s: SUPPORTED_PROTOCOLS 0x%x", who, (unsigned)sp.grbitProtocol);

    /* Unanswered attributes. */
    SecPkgContext_NegotiationInfoA ni;
    ok_status(QCA(SECPKG_ATTR_NEGOTIATION_INFO, &ni), SEC_E_UNSUPPORTED_FUNCTION);
    SecPkgContext_NamesA nm;
    ok_status(QCA(SECPKG_ATTR_NAMES, &nm), SEC_E_UNSUPPORTED_FUNCTION);
    SecPkgContext_Certificates rcs;
    ok_status(QCA(SECPKG_ATTR_REMOTE_CERTIFICATES, &rcs), SEC_E_UNSUPPORTED_FUNCTION);
    unsigned char junk[64];
    ok_status(QCA(0x99, junk), SEC_E_UNSUPPORTED_FUNCTION);
    ok_status(QCA(SECPKG_ATTR_CONNECTION_INFO, NULL), SEC_E_INVALID_PARAMETER);
#undef QCA
}

/* check_pair compares values that must agree across the connection and
 * exercises SetContextAttributes. */
static void check_pair(conn *cn, int tls13) {
    SecPkgContext_Bindings a = {0, NULL}, b = {0, NULL};
    ok_status(QueryContextAttributesA(&cn->client, SECPKG_ATTR_ENDPOINT_BINDINGS, &a), SEC_E_OK);
    ok_status(QueryContextAttributesW(&cn->server, SECPKG_ATTR_ENDPOINT_BINDINGS, &b), SEC_E_OK);
    ok(a.BindingsLength == b.BindingsLength && !memcmp(a.Bindings, b.Bindings, a.BindingsLength),
       "endpoint bindings differ");
    FreeContextBuffer(a.Bindings);
    FreeContextBuffer(b.Bindings);
    if (!tls13) {
        ok_status(QueryContextAttributesA(&cn->client, SECPKG_ATTR_UNIQUE_BINDINGS, &a), SEC_E_OK);
        ok_status(QueryContextAttributesA(&cn->server, SECPKG_ATTR_UNIQUE_BINDINGS, &b), SEC_E_OK);
        ok(a.BindingsLength == b.BindingsLength && !memcmp(a.Bindings, b.Bindings, a.BindingsLength),
           "tls-unique differs");
        FreeContextBuffer(a.Bindings);
        FreeContextBuffer(b.Bindings);
    }
    SecPkgContext_SessionInfo sa, sb;
    ok_status(QueryContextAttributesA(&cn->client, SECPKG_ATTR_SESSION_INFO, &sa), SEC_E_OK);
    ok_status(QueryContextAttributesA(&cn->server, SECPKG_ATTR_SESSION_INFO, &sb), SEC_E_OK);
    ok(sa.cbSessionId == sb.cbSessionId && !memcmp(sa.rgbSessionId, sb.rgbSessionId, sa.cbSessionId),
       "session ids differ");

    /* Exporter. */
    SecPkgContext_KeyingMaterial ka = {0, NULL}, kb = {0, NULL};
    ok_status(QueryContextAttributesA(&cn->client, SECPKG_ATTR_KEYING_MATERIAL, &ka), SEC_E_INVALID_PARAMETER);
    static char label[] = "EXPORTER-libsecur32-test";
    unsigned char context[3] = {1, 2, 3};
    SecPkgContext_KeyingMaterialInfo kmi = {sizeof label, label, sizeof context, context, 40};
    ok_status(SetContextAttributesA(&cn->client, SECPKG_ATTR_KEYING_MATERIAL_INFO, &kmi, sizeof kmi), SEC_E_OK);
    kmi.cbLabel = sizeof label - 1; /* without the NUL: same label */
    ok_status(SetContextAttributesW(&cn->server, SECPKG_ATTR_KEYING_MATERIAL_INFO, &kmi, sizeof kmi), SEC_E_OK);
    ok_status(QueryContextAttributesA(&cn->client, SECPKG_ATTR_KEYING_MATERIAL, &ka), SEC_E_OK);
    ok_status(QueryContextAttributesW(&cn->server, SECPKG_ATTR_KEYING_MATERIAL, &kb), SEC_E_OK);
    ok(ka.cbKeyingMaterial == 40 && kb.cbKeyingMaterial == 40 && ka.pbKeyingMaterial && kb.pbKeyingMaterial &&
       !memcmp(ka.pbKeyingMaterial, kb.pbKeyingMaterial, 40), "exporter output differs");
    /* No context value → different output. */
    kmi.cbContextValue = 0;
    kmi.pbContextValue = NULL;
    ok_status(SetContextAttributesA(&cn->client, SECPKG_ATTR_KEYING_MATERIAL_INFO, &kmi, sizeof kmi), SEC_E_OK);
    SecPkgContext_KeyingMaterial kc = {0, NULL};
    ok_status(QueryContextAttributesA(&cn->client, SECPKG_ATTR_KEYING_MATERIAL, &kc), SEC_E_OK);
    ok(kc.cbKeyingMaterial == 40 && memcmp(ka.pbKeyingMaterial, kc.pbKeyingMaterial, 40), "context value ignored");
    FreeContextBuffer(ka.pbKeyingMaterial);
    FreeContextBuffer(kb.pbKeyingMaterial);
    FreeContextBuffer(kc.pbKeyingMaterial);
    /* Invalid KEYING_MATERIAL_INFO. */
    kmi.cbKeyingMaterial = 0;
    ok_status(SetContextAttributesA(&cn->client, SECPKG_ATTR_KEYING_MATERIAL_INFO, &kmi, sizeof kmi), SEC_E_INVALID_PARAMETER);
    kmi.cbKeyingMaterial = 16;
    ok_status(SetContextAttributesA(&cn->client, SECPKG_ATTR_KEYING_MATERIAL_INFO, &kmi, sizeof kmi - 1), SEC_E_INVALID_PARAMETER);
    ok_status(SetContextAttributesA(&cn->client, SECPKG_ATTR_KEYING_MATERIAL_INFO, NULL, sizeof kmi), SEC_E_INVALID_PARAMETER);
    kmi.cbContextValue = 4; /* with a NULL pointer */
    ok_status(SetContextAttributesA(&cn->client, SECPKG_ATTR_KEYING_MATERIAL_INFO, &kmi, sizeof kmi), SEC_E_INVALID_PARAMETER);
    kmi.cbContextValue = 0;
    static char reserved[] = "master secret";
    kmi.pszLabel = reserved;
    kmi.cbLabel = sizeof reserved;
    ok_status(SetContextAttributesA(&cn->client, SECPKG_ATTR_KEYING_MATERIAL_INFO, &kmi, sizeof kmi), SEC_E_INVALID_PARAMETER);
    kmi.pszLabel = NULL;
    ok_status(SetContextAttributesA(&cn->client, SECPKG_ATTR_KEYING_MATERIAL_INFO, &kmi, sizeof kmi), SEC_E_INVALID_PARAMETER);

    /* APP_DATA round trip. */
    SecPkgContext_SessionAppData ad = {0, 5, NULL};
    ok_status(QueryContextAttributesA(&cn->client, SECPKG_ATTR_APP_DATA, &ad), SEC_E_OK);
    ok(ad.cbAppData == 0 && ad.pbAppData == NULL, "APP_DATA before set");
    unsigned char blob[5] = {'h', 'e', 'l', 'l', 'o'};
    SecPkgContext_SessionAppData set = {0, sizeof blob, blob};
    ok_status(SetContextAttributesA(&cn->client, SECPKG_ATTR_APP_DATA, &set, sizeof set), SEC_E_OK);
    blob[0] = 'j';
    ok_status(QueryContextAttributesW(&cn->client, SECPKG_ATTR_APP_DATA, &ad), SEC_E_OK);
    ok(ad.cbAppData == 5 && ad.pbAppData && !memcmp(ad.pbAppData, "hello", 5), "APP_DATA not copied");
    FreeContextBuffer(ad.pbAppData);
    set.pbAppData = NULL;
    ok_status(SetContextAttributesA(&cn->client, SECPKG_ATTR_APP_DATA, &set, sizeof set), SEC_E_INVALID_PARAMETER);
    ok_status(SetContextAttributesA(&cn->client, SECPKG_ATTR_APP_DATA, &set, sizeof set - 1), SEC_E_INVALID_PARAMETER);

    /* EARLY_START accepted; the rest unsupported. */
    SecPkgContext_EarlyStart es = {ENABLE_TLS_CLIENT_EARLY_START};
    ok_status(SetContextAttributesA(&cn->client, SECPKG_ATTR_EARLY_START, &es, sizeof es), SEC_E_OK);
    ok_status(SetContextAttributesA(&cn->client, SECPKG_ATTR_EARLY_START, &es, 0), SEC_E_INVALID_PARAMETER);
    DWORD mtu = 1200;
    ok_status(SetContextAttributesA(&cn->client, SECPKG_ATTR_DTLS_MTU, &mtu, sizeof mtu), SEC_E_UNSUPPORTED_FUNCTION);
    ok_status(SetContextAttributesW(&cn->client, SECPKG_ATTR_CONNECTION_INFO, &mtu, sizeof mtu), SEC_E_UNSUPPORTED_FUNCTION);
    ok_status(SetContextAttributesA(NULL, SECPKG_ATTR_EARLY_START, &es, sizeof es), SEC_E_INVALID_HANDLE);
}

static void session_flags(conn *cn, DWORD want, const char *what) {
    SecPkgContext_SessionInfo sa, sb;
    ok_status(QueryContextAttributesA(&cn->client, SECPKG_ATTR_SESSION_INFO, &sa), SEC_E_OK);
    ok_status(QueryContextAttributesW(&cn->server, SECPKG_ATTR_SESSION_INFO, &sb), SEC_E_OK);
    ok(sa.dwFlags == want && sb.dwFlags == want, "%s: SESSION_INFO flags client 0x%x server 0x%x, want 0x%x", what,
       (unsigned)sa.dwFlags, (unsigned)sb.dwFlags, (unsigned)want);
}

static void run_version(DWORD protocols, PCCERT_CONTEXT cert) {
    int tls13 = (protocols & SP_PROT_TLS1_3) != 0;
    CredHandle cc, sc;
    acquire(&sc, 1, protocols, &cert);
    acquire(&cc, 0, protocols, NULL);
    before_handshake(&cc);

    conn cn;
    if (handshake(&cn, &cc, &sc, SERVER_REQ)) {
        for (int wide = 0; wide < 2; wide++) {
            check_side(&cn, 0, tls13, cert, wide);
            check_side(&cn, 1, tls13, cert, wide);
        }
        check_pair(&cn, tls13);
    }
    close_conn(&cn);

    /* Same credential and target: the session is resumed. */
    if (handshake(&cn, &cc, &sc, SERVER_REQ)) {
        session_flags(&cn, SSL_SESSION_RECONNECT, tls13 ? "TLS 1.3 resumption" : "TLS 1.2 resumption");
        PCCERT_CONTEXT rc = NULL, lc = NULL;
        ok_status(QueryContextAttributesA(&cn.client, SECPKG_ATTR_REMOTE_CERT_CONTEXT, &rc), SEC_E_OK);
        check_cert_context(rc, cert, "resumed REMOTE_CERT_CONTEXT");
        ok_status(QueryContextAttributesA(&cn.server, SECPKG_ATTR_LOCAL_CERT_CONTEXT, &lc), SEC_E_OK);
        check_cert_context(lc, cert, "resumed LOCAL_CERT_CONTEXT");
    }
    close_conn(&cn);

    /* Another client credential: a full handshake. */
    CredHandle cc2;
    acquire(&cc2, 0, protocols, NULL);
    if (handshake(&cn, &cc2, &sc, SERVER_REQ)) session_flags(&cn, 0, "other credential");
    close_conn(&cn);

    ok_status(FreeCredentialsHandle(&cc2), SEC_E_OK);
    ok_status(FreeCredentialsHandle(&cc), SEC_E_OK);
    ok_status(FreeCredentialsHandle(&sc), SEC_E_OK);
}

static void run_mutual(PCCERT_CONTEXT server_cert, PCCERT_CONTEXT client_cert) {
    DWORD protocols = SP_PROT_TLS1_2 | SP_PROT_TLS1_3;
    CredHandle cc, sc;
    acquire(&sc, 1, protocols, &server_cert);
    acquire(&cc, 0, protocols, &client_cert);
    conn cn;
    if (handshake(&cn, &cc, &sc, SERVER_REQ | ASC_REQ_MUTUAL_AUTH)) {
        PCCERT_CONTEXT rc = NULL, lc = NULL;
        ok_status(QueryContextAttributesW(&cn.server, SECPKG_ATTR_REMOTE_CERT_CONTEXT, &rc), SEC_E_OK);
        check_cert_context(rc, client_cert, "server REMOTE_CERT_CONTEXT (client cert)");
        ok_status(QueryContextAttributesW(&cn.client, SECPKG_ATTR_LOCAL_CERT_CONTEXT, &lc), SEC_E_OK);
        check_cert_context(lc, client_cert, "client LOCAL_CERT_CONTEXT");
        SecPkgContext_Lifespan ls;
        ok_status(QueryContextAttributesA(&cn.server, SECPKG_ATTR_LIFESPAN, &ls), SEC_E_OK);
        ok(ls.tsExpiry.QuadPart == filetime(client_cert->pCertInfo->NotAfter), "server LIFESPAN = client cert");
        SecPkgContext_Flags fl;
        ok_status(QueryContextAttributesA(&cn.server, SECPKG_ATTR_FLAGS, &fl), SEC_E_OK);
        ok(fl.Flags & ASC_RET_MUTUAL_AUTH, "FLAGS lacks ASC_RET_MUTUAL_AUTH (0x%x)", (unsigned)fl.Flags);
        SecPkgContext_SupportedSignatures sg = {0, NULL};
        ok_status(QueryContextAttributesA(&cn.client, SECPKG_ATTR_SUPPORTED_SIGNATURES, &sg), SEC_E_OK);
        ok(sg.cSignatureAndHashAlgorithms > 0 && sg.pSignatureAndHashAlgorithms, "CertificateRequest schemes");
        FreeContextBuffer(sg.pSignatureAndHashAlgorithms);
        /* KEY_INFO names the server's (ECDSA) key, not the RSA client key. */
        SecPkgContext_KeyInfoA ki;
        ok_status(QueryContextAttributesA(&cn.server, SECPKG_ATTR_KEY_INFO, &ki), SEC_E_OK);
        ok(ki.SignatureAlgorithm == CALG_ECDSA, "KEY_INFO with a client certificate");
        FreeContextBuffer(ki.sSignatureAlgorithmName);
        FreeContextBuffer(ki.sEncryptAlgorithmName);
    }
    close_conn(&cn);
    ok_status(FreeCredentialsHandle(&cc), SEC_E_OK);
    ok_status(FreeCredentialsHandle(&sc), SEC_E_OK);
}

static void run_ticket_keys(DWORD protocols, PCCERT_CONTEXT cert) {
    CredHandle s1, s2, s3, cc;
    acquire(&s1, 1, protocols, &cert);
    acquire(&s2, 1, protocols, &cert);
    acquire(&s3, 1, protocols, &cert);
    acquire(&cc, 0, protocols, NULL);

    SecPkgCred_SessionTicketKey key;
    memset(&key, 0, sizeof key);
    key.TicketInfoVersion = SESSION_TICKET_INFO_VERSION;
    for (int i = 0; i < 16; i++) key.KeyId[i] = (BYTE)i;
    for (int i = 0; i < 64; i++) key.KeyingMaterial[i] = (BYTE)(i * 7 + 1);
    key.KeyingMaterialSize = 48;
    SecPkgCred_SessionTicketKeys keys = {1, &key};
    ok_status(SetCredentialsAttributesA(&s1, SECPKG_ATTR_SESSION_TICKET_KEYS, &keys, sizeof keys), SEC_E_OK);
    ok_status(SetCredentialsAttributesW(&s2, SECPKG_ATTR_SESSION_TICKET_KEYS, &keys, sizeof keys), SEC_E_OK);

    /* Validation. */
    ok_status(SetCredentialsAttributesA(&cc, SECPKG_ATTR_SESSION_TICKET_KEYS, &keys, sizeof keys), SEC_E_INVALID_PARAMETER);
    ok_status(SetCredentialsAttributesA(&s3, SECPKG_ATTR_SESSION_TICKET_KEYS, &keys, sizeof keys - 1), SEC_E_INVALID_PARAMETER);
    ok_status(SetCredentialsAttributesA(&s3, SECPKG_ATTR_SESSION_TICKET_KEYS, NULL, sizeof keys), SEC_E_INVALID_PARAMETER);
    SecPkgCred_SessionTicketKeys none = {0, &key};
    ok_status(SetCredentialsAttributesA(&s3, SECPKG_ATTR_SESSION_TICKET_KEYS, &none, sizeof none), SEC_E_INVALID_PARAMETER);
    SecPkgCred_SessionTicketKeys nullkeys = {1, NULL};
    ok_status(SetCredentialsAttributesA(&s3, SECPKG_ATTR_SESSION_TICKET_KEYS, &nullkeys, sizeof nullkeys), SEC_E_INVALID_PARAMETER);
    SecPkgCred_SessionTicketKey bad = key;
    SecPkgCred_SessionTicketKeys badkeys = {1, &bad};
    bad.KeyingMaterialSize = 16;
    ok_status(SetCredentialsAttributesA(&s3, SECPKG_ATTR_SESSION_TICKET_KEYS, &badkeys, sizeof badkeys), SEC_E_INVALID_PARAMETER);
    bad.KeyingMaterialSize = 65;
    ok_status(SetCredentialsAttributesA(&s3, SECPKG_ATTR_SESSION_TICKET_KEYS, &badkeys, sizeof badkeys), SEC_E_INVALID_PARAMETER);
    bad.KeyingMaterialSize = 0;
    ok_status(SetCredentialsAttributesA(&s3, SECPKG_ATTR_SESSION_TICKET_KEYS, &badkeys, sizeof badkeys), SEC_E_INVALID_PARAMETER);
    bad.KeyingMaterialSize = 32;
    bad.TicketInfoVersion = 1;
    ok_status(SetCredentialsAttributesA(&s3, SECPKG_ATTR_SESSION_TICKET_KEYS, &badkeys, sizeof badkeys), SEC_E_INVALID_PARAMETER);
    ok_status(SetCredentialsAttributesA(&s3, SECPKG_ATTR_SUPPORTED_PROTOCOLS, &keys, sizeof keys), SEC_E_UNSUPPORTED_FUNCTION);
    ok_status(SetCredentialsAttributesA(NULL, SECPKG_ATTR_SESSION_TICKET_KEYS, &keys, sizeof keys), SEC_E_INVALID_HANDLE);

    conn cn;
    if (handshake(&cn, &cc, &s1, SERVER_REQ)) session_flags(&cn, 0, "first handshake with s1");
    close_conn(&cn);
    if (handshake(&cn, &cc, &s2, SERVER_REQ)) session_flags(&cn, SSL_SESSION_RECONNECT, "s1's session on s2 (shared keys)");
    close_conn(&cn);
    if (handshake(&cn, &cc, &s3, SERVER_REQ)) session_flags(&cn, 0, "s3 has its own key");
    close_conn(&cn);

    ok_status(FreeCredentialsHandle(&cc), SEC_E_OK);
    ok_status(FreeCredentialsHandle(&s1), SEC_E_OK);
    ok_status(FreeCredentialsHandle(&s2), SEC_E_OK);
    ok_status(FreeCredentialsHandle(&s3), SEC_E_OK);
}

/* run_chain: a server certificate with an intermediate (chain.pem, RSA leaf
 * signed by a P-256 intermediate): the client's remote context lives in a
 * store holding the chain as sent, leaf first (spec §11.1). */
static void run_chain(DWORD protocols) {
    PCCERT_CONTEXT leaf = SchLinuxLoadCertificatePemFiles(testdata_path("chain.pem"), testdata_path("leaf.key"), NULL);
    ok(leaf != NULL, "cannot load chain.pem (0x%x)", (unsigned)GetLastError());
    if (!leaf) return;
    PCCERT_CONTEXT sent[4];
    int nsent = 0;
    for (PCCERT_CONTEXT e = CertEnumCertificatesInStore(leaf->hCertStore, NULL); e;
         e = CertEnumCertificatesInStore(leaf->hCertStore, e))
        if (nsent < 4) sent[nsent++] = CertDuplicateCertificateContext(e);
    ok(nsent == 2, "chain.pem store holds %d certificates", nsent);
    CredHandle cc, sc;
    acquire(&sc, 1, protocols, &leaf);
    acquire(&cc, 0, protocols, NULL);
    conn cn;
    if (handshake(&cn, &cc, &sc, SERVER_REQ)) {
        PCCERT_CONTEXT rc = NULL;
        ok_status(QueryContextAttributesA(&cn.client, SECPKG_ATTR_REMOTE_CERT_CONTEXT, &rc), SEC_E_OK);
        if (rc) {
            ok(rc->cbCertEncoded == leaf->cbCertEncoded && !memcmp(rc->pbCertEncoded, leaf->pbCertEncoded, rc->cbCertEncoded),
               "chain: remote leaf");
            int n = 0;
            for (PCCERT_CONTEXT e = CertEnumCertificatesInStore(rc->hCertStore, NULL); e;
                 e = CertEnumCertificatesInStore(rc->hCertStore, e), n++) {
                if (n == 0) ok(e == rc, "chain: first enumerated context is not the returned one");
                if (n < nsent)
                    ok(e->cbCertEncoded == sent[n]->cbCertEncoded &&
                       !memcmp(e->pbCertEncoded, sent[n]->pbCertEncoded, e->cbCertEncoded), "chain: certificate %d", n);
            }
            ok(n == nsent, "chain: remote store holds %d certificates, want %d", n, nsent);
            ok(CertFreeCertificateContext(rc), "chain: free");
        }
        PCCERT_CONTEXT lc = NULL;
        ok_status(QueryContextAttributesA(&cn.server, SECPKG_ATTR_LOCAL_CERT_CONTEXT, &lc), SEC_E_OK);
        if (lc) {
            int n = 0;
            for (PCCERT_CONTEXT e = CertEnumCertificatesInStore(lc->hCertStore, NULL); e;
                 e = CertEnumCertificatesInStore(lc->hCertStore, e))
                n++;
            ok(n == nsent, "chain: local store holds %d certificates, want %d", n, nsent);
            CertFreeCertificateContext(lc);
        }
        SecPkgContext_KeyInfoW ki;
        ok_status(QueryContextAttributesW(&cn.client, SECPKG_ATTR_KEY_INFO, &ki), SEC_E_OK);
        ok(ki.SignatureAlgorithm == CALG_RSA_SIGN && wide_eq(ki.sSignatureAlgorithmName, "RSA"), "chain: KEY_INFO RSA");
        FreeContextBuffer(ki.sSignatureAlgorithmName);
        FreeContextBuffer(ki.sEncryptAlgorithmName);
        SecPkgContext_CipherInfo ci;
        ok_status(QueryContextAttributesA(&cn.server, SECPKG_ATTR_CIPHER_INFO, &ci), SEC_E_OK);
        ok(wide_eq(ci.szCertificate, "RSA"), "chain: CIPHER_INFO szCertificate");
        SecPkgContext_Bindings eb = {0, NULL};
        ok_status(QueryContextAttributesA(&cn.client, SECPKG_ATTR_ENDPOINT_BINDINGS, &eb), SEC_E_OK);
        unsigned char digest[32];
        sha256(leaf->pbCertEncoded, leaf->cbCertEncoded, digest);
        check_bindings(&eb, "tls-server-end-point:", digest, 32);
        FreeContextBuffer(eb.Bindings);
    }
    close_conn(&cn);
    ok_status(FreeCredentialsHandle(&cc), SEC_E_OK);
    ok_status(FreeCredentialsHandle(&sc), SEC_E_OK);
    for (int i = 0; i < nsent; i++) CertFreeCertificateContext(sent[i]);
    CertFreeCertificateContext(leaf);
}

int main(int argc, char **argv) {
    testdata_init(argc, argv);
    PCCERT_CONTEXT ec = load_pem_cert("p256");
    PCCERT_CONTEXT rsa = load_pem_cert("rsa");
    int baseline = live_handles(), gbase = live_goroutines();
    long abase = live_allocs();

    run_version(SP_PROT_TLS1_2, ec);
    run_version(SP_PROT_TLS1_3, ec);
    run_mutual(ec, rsa);
    run_chain(SP_PROT_TLS1_2);
    run_chain(SP_PROT_TLS1_3);
    run_ticket_keys(SP_PROT_TLS1_2, ec);
    run_ticket_keys(SP_PROT_TLS1_3, ec);

    leak_check(baseline, gbase, abase);
    CertFreeCertificateContext(ec);
    CertFreeCertificateContext(rsa);
    return test_summary();
}
