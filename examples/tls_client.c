/*
 * tls_client.c - an HTTPS client written against Windows SSPI: it connects,
 * runs the InitializeSecurityContextA handshake, sends one HTTP GET with
 * EncryptMessage, prints the response body that DecryptMessage returns, and
 * closes the connection with close_notify.
 *
 * It demonstrates:
 *   - a client credential (SCH_CREDENTIALS, outbound) restricted to some
 *     protocol versions with TLS_PARAMETERS.grbitDisabledProtocols, and
 *     --insecure as SCH_CRED_MANUAL_CRED_VALIDATION (the application takes
 *     over certificate validation; this one only prints the subject);
 *   - the target name passed to InitializeSecurityContextA, which becomes
 *     SNI and the name the server certificate is checked against;
 *   - ALPN offered in the first call (SECBUFFER_APPLICATION_PROTOCOLS);
 *   - ISC_REQ_ALLOCATE_MEMORY: the library allocates each output token, the
 *     caller frees it with FreeContextBuffer (the servers in this directory
 *     show caller-supplied buffers instead);
 *   - the handshake loop: SEC_I_CONTINUE_NEEDED, SEC_E_INCOMPLETE_MESSAGE,
 *     SECBUFFER_EXTRA, and a TLS 1.3 handshake that completes with SEC_E_OK
 *     *and* an output token (the client Finished) that must still be sent;
 *   - EXTRA bytes after SEC_E_OK (session tickets, early application data)
 *     handed to DecryptMessage; one record per DecryptMessage call; tickets
 *     come back as SEC_E_OK with no data; SEC_I_RENEGOTIATE answered with
 *     another InitializeSecurityContextA call; SEC_I_CONTEXT_EXPIRED for
 *     the server's close_notify;
 *   - shutdown: ApplyControlToken(SCHANNEL_SHUTDOWN), then one more
 *     InitializeSecurityContextA call whose output is our close_notify.
 *
 * Porting from Windows:
 *   What changes: link with -lsecur32 (pkg-config secur32) instead of
 *   secur32.lib; POSIX sockets (getaddrinfo, connect, send, recv, close)
 *   instead of Winsock (no WSAStartup, no closesocket); the server
 *   certificate is validated against the Linux system trust store rather
 *   than the Windows certificate stores.
 *   What does not: every SSPI call, its flags, buffers and status codes.
 *
 * Usage: tls_client [--insecure] [--tls1.2 | --tls1.3] [--alpn LIST] HOST PORT [PATH]
 * The response body goes to stdout, the status line and the negotiated
 * parameters to stderr. Exit status 0 when a response arrived.
 * Try: tls_client --insecure localhost 4433   (against openssl s_server -www)
 */
#define _POSIX_C_SOURCE 200809L

#define SECURITY_WIN32
#include <windows.h>
#include <security.h>
#include <schannel.h>

#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define ISC_FLAGS                                                                        \
    (ISC_REQ_SEQUENCE_DETECT | ISC_REQ_REPLAY_DETECT | ISC_REQ_CONFIDENTIALITY |         \
     ISC_REQ_ALLOCATE_MEMORY | ISC_REQ_STREAM)

/* A growable byte buffer: data[0..len) is in use. */
struct bytes {
    unsigned char *data;
    size_t len, cap;
};

static int bytes_append(struct bytes *b, const void *p, size_t n)
{
    if (b->len + n > b->cap) {
        size_t cap = b->cap ? b->cap : 16384;
        while (cap < b->len + n) {
            cap *= 2;
        }
        unsigned char *q = realloc(b->data, cap);
        if (q == NULL) {
            return 0;
        }
        b->data = q;
        b->cap = cap;
    }
    memcpy(b->data + b->len, p, n);
    b->len += n;
    return 1;
}

/* bytes_keep_tail keeps the last `n` bytes, moved to the front: the
 * SECBUFFER_EXTRA bytes are the last cbBuffer bytes of the input. */
static void bytes_keep_tail(struct bytes *b, size_t n)
{
    memmove(b->data, b->data + b->len - n, n);
    b->len = n;
}

static const char *status_name(SECURITY_STATUS st)
{
    switch (st) {
#define NAME(s) \
    case s:     \
        return #s
        NAME(SEC_E_OK);
        NAME(SEC_I_CONTINUE_NEEDED);
        NAME(SEC_I_CONTEXT_EXPIRED);
        NAME(SEC_I_INCOMPLETE_CREDENTIALS);
        NAME(SEC_I_RENEGOTIATE);
        NAME(SEC_E_INSUFFICIENT_MEMORY);
        NAME(SEC_E_INVALID_HANDLE);
        NAME(SEC_E_UNSUPPORTED_FUNCTION);
        NAME(SEC_E_INTERNAL_ERROR);
        NAME(SEC_E_INVALID_TOKEN);
        NAME(SEC_E_NO_CREDENTIALS);
        NAME(SEC_E_MESSAGE_ALTERED);
        NAME(SEC_E_CONTEXT_EXPIRED);
        NAME(SEC_E_INCOMPLETE_MESSAGE);
        NAME(SEC_E_WRONG_PRINCIPAL);
        NAME(SEC_E_UNTRUSTED_ROOT);
        NAME(SEC_E_ILLEGAL_MESSAGE);
        NAME(SEC_E_CERT_UNKNOWN);
        NAME(SEC_E_CERT_EXPIRED);
        NAME(SEC_E_DECRYPT_FAILURE);
        NAME(SEC_E_ALGORITHM_MISMATCH);
        NAME(SEC_E_CERT_WRONG_USAGE);
        NAME(SEC_E_APPLICATION_PROTOCOL_MISMATCH);
#undef NAME
    default:
        return "unknown status";
    }
}

static void report(const char *call, SECURITY_STATUS st)
{
    fprintf(stderr, "tls_client: %s failed: %s (0x%08lX)\n", call, status_name(st), (unsigned long)(ULONG)st);
}

/* ------------------------------------------------------------------------ */
/* Sockets.                                                                 */

static int connect_tcp(const char *host, const char *port)
{
    struct addrinfo hints, *res, *ai;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    int err = getaddrinfo(host, port, &hints, &res);
    if (err != 0) {
        fprintf(stderr, "tls_client: %s: %s\n", host, gai_strerror(err));
        return -1;
    }
    int fd = -1;
    for (ai = res; ai != NULL && fd < 0; ai = ai->ai_next) {
        fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
        if (fd >= 0 && connect(fd, ai->ai_addr, ai->ai_addrlen) != 0) {
            close(fd);
            fd = -1;
        }
    }
    freeaddrinfo(res);
    if (fd < 0) {
        fprintf(stderr, "tls_client: cannot connect to %s port %s\n", host, port);
    }
    return fd;
}

static int send_all(int fd, const void *p, size_t n)
{
    const unsigned char *q = p;
    while (n > 0) {
        ssize_t k = send(fd, q, n, MSG_NOSIGNAL);
        if (k <= 0) {
            return 0;
        }
        q += k;
        n -= (size_t)k;
    }
    return 1;
}

/* recv_more appends what the socket has to `in`; 0 means EOF or error. */
static int recv_more(int fd, struct bytes *in)
{
    unsigned char chunk[16384];
    ssize_t n = recv(fd, chunk, sizeof chunk, 0);
    return n > 0 && bytes_append(in, chunk, (size_t)n);
}

/* send_token sends an output token of ISC_REQ_ALLOCATE_MEMORY, whatever the
 * status that came with it, and frees it (FreeContextBuffer(NULL) is fine). */
static int send_token(int fd, SecBuffer *out)
{
    int ok = out->cbBuffer == 0 || send_all(fd, out->pvBuffer, out->cbBuffer);
    FreeContextBuffer(out->pvBuffer);
    out->pvBuffer = NULL;
    out->cbBuffer = 0;
    return ok;
}

/* ------------------------------------------------------------------------ */
/* TLS.                                                                     */

/* build_alpn writes a SEC_APPLICATION_PROTOCOLS for the comma-separated
 * `list` (byte offsets as documented in sspi.h). */
static ULONG build_alpn(const char *list, unsigned char *buf, size_t size)
{
    size_t pos = 10;
    while (*list != '\0') {
        size_t n = strcspn(list, ",");
        if (n == 0 || n > 255 || pos + 1 + n > size) {
            return 0;
        }
        buf[pos++] = (unsigned char)n;
        memcpy(buf + pos, list, n);
        pos += n;
        list += n;
        if (*list == ',') {
            list++;
        }
    }
    if (pos == 10) {
        return 0; /* no names */
    }
    ULONG lists_size = (ULONG)(pos - 4);
    ULONG ext = SecApplicationProtocolNegotiationExt_ALPN;
    USHORT list_size = (USHORT)(pos - 10);
    memcpy(buf, &lists_size, 4);
    memcpy(buf + 4, &ext, 4);
    memcpy(buf + 8, &list_size, 2);
    return (ULONG)pos;
}

/* handshake runs InitializeSecurityContextA until SEC_E_OK. Bytes received
 * after the handshake's last record stay in `in` for DecryptMessage. */
static int handshake(int fd, CredHandle *cred, CtxtHandle *ctx, char *host, const char *alpn, struct bytes *in)
{
    ULONG flags = ISC_FLAGS, attrs;
    TimeStamp expiry;

    /* First call: no input but our ALPN list; the output is the ClientHello. */
    unsigned char alpn_buf[256];
    SecBuffer first_in[1] = {{build_alpn(alpn, alpn_buf, sizeof alpn_buf), SECBUFFER_APPLICATION_PROTOCOLS, alpn_buf}};
    SecBufferDesc first_desc = {SECBUFFER_VERSION, 1, first_in};
    SecBuffer out[1] = {{0, SECBUFFER_TOKEN, NULL}};
    SecBufferDesc out_desc = {SECBUFFER_VERSION, 1, out};
    SECURITY_STATUS st = InitializeSecurityContextA(cred, NULL, host, flags, 0, 0,
                                                    first_in[0].cbBuffer > 0 ? &first_desc : NULL, 0, ctx,
                                                    &out_desc, &attrs, &expiry);
    if (st != SEC_I_CONTINUE_NEEDED) {
        report("InitializeSecurityContextA", st);
        return 0;
    }
    if (!send_token(fd, out)) {
        return 0;
    }

    int need_input = 1;
    for (;;) {
        if (need_input && !recv_more(fd, in)) {
            fprintf(stderr, "tls_client: the server closed the connection during the handshake\n");
            return 0;
        }
        /* [TOKEN = received bytes, EMPTY]; the EMPTY slot may come back as
         * SECBUFFER_EXTRA (unprocessed bytes) or SECBUFFER_MISSING. */
        SecBuffer inb[2] = {{(ULONG)in->len, SECBUFFER_TOKEN, in->data}, {0, SECBUFFER_EMPTY, NULL}};
        SecBufferDesc in_desc = {SECBUFFER_VERSION, 2, inb};
        out[0] = (SecBuffer){0, SECBUFFER_TOKEN, NULL};
        st = InitializeSecurityContextA(cred, ctx, host, flags, 0, 0, &in_desc, 0, ctx, &out_desc, &attrs,
                                        &expiry);

        if (st == SEC_E_INCOMPLETE_MESSAGE) {
            need_input = 1; /* keep every byte, read more, call again */
            continue;
        }
        if (st == SEC_I_INCOMPLETE_CREDENTIALS) {
            /* The server asked for a client certificate and we have none:
             * go on without one (same input again). */
            FreeContextBuffer(out[0].pvBuffer);
            flags |= ISC_REQ_USE_SUPPLIED_CREDS;
            need_input = 0;
            continue;
        }
        /* Send the output token whatever the status: TLS 1.3 finishes with
         * SEC_E_OK and the client Finished still to send; on an error it
         * may be an alert for the server. */
        int sent = send_token(fd, out);
        if (st != SEC_E_OK && st != SEC_I_CONTINUE_NEEDED) {
            report("InitializeSecurityContextA", st);
            return 0;
        }
        if (!sent) {
            fprintf(stderr, "tls_client: send failed during the handshake\n");
            return 0;
        }
        if (inb[1].BufferType == SECBUFFER_EXTRA) {
            bytes_keep_tail(in, inb[1].cbBuffer);
        } else {
            in->len = 0;
        }
        if (st == SEC_E_OK) {
            return 1; /* what is left in `in` is for DecryptMessage */
        }
        /* SEC_I_CONTINUE_NEEDED with EXTRA: the next record is already
         * here, so call again before reading. */
        need_input = in->len == 0;
    }
}

static void print_connection(CtxtHandle *ctx, int insecure)
{
    const char *protocol = "unknown";
    SecPkgContext_ConnectionInfo ci;
    if (QueryContextAttributesA(ctx, SECPKG_ATTR_CONNECTION_INFO, &ci) == SEC_E_OK) {
        protocol = (ci.dwProtocol & SP_PROT_TLS1_3) ? "TLS 1.3" : (ci.dwProtocol & SP_PROT_TLS1_2) ? "TLS 1.2" : "older TLS";
    }
    char suite[SZ_ALG_MAX_SIZE] = "unknown";
    SecPkgContext_CipherInfo cipher;
    memset(&cipher, 0, sizeof cipher);
    cipher.dwVersion = SECPKGCONTEXT_CIPHERINFO_V1;
    if (QueryContextAttributesA(ctx, SECPKG_ATTR_CIPHER_INFO, &cipher) == SEC_E_OK) {
        size_t i = 0;
        for (; i + 1 < sizeof suite && cipher.szCipherSuite[i] != 0; i++) {
            suite[i] = cipher.szCipherSuite[i] < 0x80 ? (char)cipher.szCipherSuite[i] : '?';
        }
        suite[i] = '\0';
    }
    char alpn[MAX_PROTOCOL_ID_SIZE + 1] = "none";
    SecPkgContext_ApplicationProtocol ap;
    if (QueryContextAttributesA(ctx, SECPKG_ATTR_APPLICATION_PROTOCOL, &ap) == SEC_E_OK &&
        ap.ProtoNegoStatus == SecApplicationProtocolNegotiationStatus_Success) {
        memcpy(alpn, ap.ProtocolId, ap.ProtocolIdSize);
        alpn[ap.ProtocolIdSize] = '\0';
    }
    fprintf(stderr, "tls_client: %s, %s, ALPN %s\n", protocol, suite, alpn);

    /* With SCH_CRED_MANUAL_CRED_VALIDATION nothing was checked: a real
     * application would validate this certificate itself now. */
    PCCERT_CONTEXT server_cert = NULL;
    if (QueryContextAttributesA(ctx, SECPKG_ATTR_REMOTE_CERT_CONTEXT, &server_cert) == SEC_E_OK) {
        char subject[256];
        CertGetNameStringA(server_cert, CERT_NAME_SIMPLE_DISPLAY_TYPE, 0, NULL, subject, sizeof subject);
        fprintf(stderr, "tls_client: server certificate: %s%s\n", subject,
                insecure ? " (NOT validated: --insecure)" : " (validated)");
        CertFreeCertificateContext(server_cert);
    }
}

/* encrypt_and_send sends `len` bytes as TLS records of at most
 * cbMaximumMessage plaintext bytes each. */
static int encrypt_and_send(int fd, CtxtHandle *ctx, const SecPkgContext_StreamSizes *sizes, const char *p,
                            size_t len)
{
    unsigned char *rec = malloc(sizes->cbHeader + sizes->cbMaximumMessage + sizes->cbTrailer);
    int ok = rec != NULL;
    while (ok && len > 0) {
        size_t n = len < sizes->cbMaximumMessage ? len : sizes->cbMaximumMessage;
        memcpy(rec + sizes->cbHeader, p, n);
        SecBuffer b[4] = {
            {sizes->cbHeader, SECBUFFER_STREAM_HEADER, rec},
            {(ULONG)n, SECBUFFER_DATA, rec + sizes->cbHeader},
            {sizes->cbTrailer, SECBUFFER_STREAM_TRAILER, rec + sizes->cbHeader + n},
            {0, SECBUFFER_EMPTY, NULL},
        };
        SecBufferDesc desc = {SECBUFFER_VERSION, 4, b};
        SECURITY_STATUS st = EncryptMessage(ctx, 0, &desc, 0);
        if (st != SEC_E_OK) {
            report("EncryptMessage", st);
            ok = 0;
            break;
        }
        ok = send_all(fd, rec, b[0].cbBuffer + b[1].cbBuffer + b[2].cbBuffer);
        p += n;
        len -= n;
    }
    free(rec);
    return ok;
}

/* receive decrypts records until the server's close_notify (or until it
 * closes the socket), collecting the plaintext in `response`. */
static int receive(int fd, CredHandle *cred, CtxtHandle *ctx, char *host, struct bytes *in, struct bytes *response)
{
    for (;;) {
        /* Decrypt what we have, one record per call. */
        while (in->len > 0) {
            SecBuffer b[4] = {
                {(ULONG)in->len, SECBUFFER_DATA, in->data},
                {0, SECBUFFER_EMPTY, NULL},
                {0, SECBUFFER_EMPTY, NULL},
                {0, SECBUFFER_EMPTY, NULL},
            };
            SecBufferDesc desc = {SECBUFFER_VERSION, 4, b};
            SECURITY_STATUS st = DecryptMessage(ctx, &desc, 0, NULL);
            if (st == SEC_E_INCOMPLETE_MESSAGE) {
                break; /* part of a record: read more */
            }
            if (st != SEC_E_OK && st != SEC_I_CONTEXT_EXPIRED && st != SEC_I_RENEGOTIATE) {
                report("DecryptMessage", st);
                return 0;
            }
            /* Plaintext (maybe none: a session ticket) and EXTRA point into
             * `in`; copy the plaintext before moving EXTRA to the front. */
            size_t extra = 0;
            for (int i = 1; i < 4; i++) {
                if (b[i].BufferType == SECBUFFER_DATA && !bytes_append(response, b[i].pvBuffer, b[i].cbBuffer)) {
                    return 0;
                }
                if (b[i].BufferType == SECBUFFER_EXTRA) {
                    extra = b[i].cbBuffer;
                }
            }
            bytes_keep_tail(in, extra);

            if (st == SEC_I_CONTEXT_EXPIRED) {
                return 1; /* the server's close_notify */
            }
            if (st == SEC_I_RENEGOTIATE) {
                /* A handshake message to answer (a KeyUpdate, a TLS 1.2
                 * HelloRequest): InitializeSecurityContextA with the bytes
                 * that followed it; send its output; what it does not
                 * process comes back as EXTRA. */
                SecBuffer inb[2] = {{(ULONG)in->len, SECBUFFER_TOKEN, in->data}, {0, SECBUFFER_EMPTY, NULL}};
                SecBufferDesc in_desc = {SECBUFFER_VERSION, 2, inb};
                SecBuffer out[1] = {{0, SECBUFFER_TOKEN, NULL}};
                SecBufferDesc out_desc = {SECBUFFER_VERSION, 1, out};
                ULONG attrs;
                TimeStamp expiry;
                st = InitializeSecurityContextA(cred, ctx, host, ISC_FLAGS, 0, 0, in->len > 0 ? &in_desc : NULL, 0,
                                                ctx, &out_desc, &attrs, &expiry);
                send_token(fd, out);
                if (st != SEC_E_OK) {
                    report("InitializeSecurityContextA (after SEC_I_RENEGOTIATE)", st);
                    return 0;
                }
                if (in->len > 0) {
                    if (inb[1].BufferType == SECBUFFER_EXTRA) {
                        bytes_keep_tail(in, inb[1].cbBuffer);
                    } else {
                        in->len = 0;
                    }
                }
            }
        }
        if (!recv_more(fd, in)) {
            fprintf(stderr, "tls_client: the server closed the connection without close_notify\n");
            return 1;
        }
    }
}

/* send_close_notify sends our close_notify: ApplyControlToken queues it,
 * the next InitializeSecurityContextA call produces the record. */
static void send_close_notify(int fd, CredHandle *cred, CtxtHandle *ctx, char *host)
{
    DWORD type = SCHANNEL_SHUTDOWN;
    SecBuffer token = {sizeof type, SECBUFFER_TOKEN, &type};
    SecBufferDesc desc = {SECBUFFER_VERSION, 1, &token};
    SECURITY_STATUS st = ApplyControlToken(ctx, &desc);
    if (st != SEC_E_OK) {
        report("ApplyControlToken", st);
        return;
    }
    SecBuffer out[1] = {{0, SECBUFFER_TOKEN, NULL}};
    SecBufferDesc out_desc = {SECBUFFER_VERSION, 1, out};
    ULONG attrs;
    TimeStamp expiry;
    st = InitializeSecurityContextA(cred, ctx, host, ISC_FLAGS, 0, 0, NULL, 0, ctx, &out_desc, &attrs, &expiry);
    if (st != SEC_E_OK && st != SEC_I_CONTEXT_EXPIRED) {
        report("InitializeSecurityContextA (shutdown)", st);
    }
    send_token(fd, out); /* the server may already be gone: a failed send is fine */
}

int main(int argc, char **argv)
{
    int insecure = 0;
    DWORD disabled = 0;
    const char *alpn = "http/1.1";
    int i = 1;
    for (; i < argc && strncmp(argv[i], "--", 2) == 0; i++) {
        if (strcmp(argv[i], "--insecure") == 0) {
            insecure = 1;
        } else if (strcmp(argv[i], "--tls1.2") == 0) {
            disabled = SP_PROT_TLS1_3_CLIENT; /* TLS 1.2 only */
        } else if (strcmp(argv[i], "--tls1.3") == 0) {
            disabled = SP_PROT_TLS1_2_CLIENT | SP_PROT_TLS1_1_CLIENT | SP_PROT_TLS1_0_CLIENT;
        } else if (strcmp(argv[i], "--alpn") == 0 && i + 1 < argc) {
            alpn = argv[++i];
        } else {
            break;
        }
    }
    if (argc - i < 2 || argc - i > 3) {
        fprintf(stderr, "usage: %s [--insecure] [--tls1.2 | --tls1.3] [--alpn LIST] HOST PORT [PATH]\n", argv[0]);
        return 2;
    }
    char *host = argv[i];
    const char *port = argv[i + 1];
    const char *path = argc - i == 3 ? argv[i + 2] : "/";

    /* The client credential. SCH_CRED_NO_DEFAULT_CREDS: never look for a
     * client certificate. */
    TLS_PARAMETERS params;
    memset(&params, 0, sizeof params);
    params.grbitDisabledProtocols = disabled;
    SCH_CREDENTIALS sc;
    memset(&sc, 0, sizeof sc);
    sc.dwVersion = SCH_CREDENTIALS_VERSION;
    sc.dwFlags = SCH_CRED_NO_DEFAULT_CREDS |
                 (insecure ? SCH_CRED_MANUAL_CRED_VALIDATION : SCH_CRED_AUTO_CRED_VALIDATION);
    sc.cTlsParameters = 1;
    sc.pTlsParameters = &params;
    CredHandle cred;
    TimeStamp expiry;
    SECURITY_STATUS st = AcquireCredentialsHandleA(NULL, (LPSTR)UNISP_NAME_A, SECPKG_CRED_OUTBOUND, NULL, &sc,
                                                   NULL, NULL, &cred, &expiry);
    if (st != SEC_E_OK) {
        report("AcquireCredentialsHandleA", st);
        return 1;
    }

    int fd = connect_tcp(host, port);
    if (fd < 0) {
        FreeCredentialsHandle(&cred);
        return 1;
    }

    int ok = 0;
    CtxtHandle ctx;
    SecInvalidateHandle(&ctx);
    struct bytes in = {0}, response = {0};
    SecPkgContext_StreamSizes sizes;
    char request[1200];
    int request_len = snprintf(request, sizeof request,
                               "GET %s HTTP/1.1\r\nHost: %s:%s\r\nUser-Agent: libsecur32-tls_client\r\n"
                               "Accept: */*\r\nConnection: close\r\n\r\n",
                               path, host, port);

    if (request_len > 0 && (size_t)request_len < sizeof request && handshake(fd, &cred, &ctx, host, alpn, &in)) {
        print_connection(&ctx, insecure);
        st = QueryContextAttributesA(&ctx, SECPKG_ATTR_STREAM_SIZES, &sizes);
        if (st != SEC_E_OK) {
            report("QueryContextAttributesA(SECPKG_ATTR_STREAM_SIZES)", st);
        } else if (encrypt_and_send(fd, &ctx, &sizes, request, (size_t)request_len) &&
                   receive(fd, &cred, &ctx, host, &in, &response)) {
            /* Status line to stderr, body to stdout. */
            size_t head = 0;
            while (head + 4 <= response.len && memcmp(response.data + head, "\r\n\r\n", 4) != 0) {
                head++;
            }
            if (response.len > 0 && head + 4 <= response.len) {
                size_t line = strcspn((const char *)response.data, "\r\n");
                fprintf(stderr, "tls_client: %.*s\n", (int)line, (const char *)response.data);
                fwrite(response.data + head + 4, 1, response.len - head - 4, stdout);
                ok = 1;
            } else {
                fprintf(stderr, "tls_client: no HTTP response (%zu bytes received)\n", response.len);
            }
        }
        send_close_notify(fd, &cred, &ctx, host);
    }

    if (SecIsValidHandle(&ctx)) {
        DeleteSecurityContext(&ctx);
    }
    FreeCredentialsHandle(&cred);
    close(fd);
    free(in.data);
    free(response.data);
    return ok ? 0 : 1;
}
