/*
 * sspi_conn.c - the server side of one TLS connection, driven by Schannel
 * SSPI calls over a non-blocking socket (see sspi_conn.h for the data flow).
 *
 * This file demonstrates, in the order a connection meets them:
 *   - a server credential from a PFX file (PFXImportCertStore, portable) or
 *     from PEM files (SchLinuxLoadCertificatePemFiles, Linux only);
 *   - the AcceptSecurityContext loop with caller-supplied output buffers of
 *     cbMaxToken bytes, ALPN in the first call, SEC_E_INCOMPLETE_MESSAGE and
 *     SECBUFFER_EXTRA (handshake_step);
 *   - SECPKG_ATTR_STREAM_SIZES, queried once per connection;
 *   - the DecryptMessage loop: one record per call, EXTRA moved to the front,
 *     SEC_I_CONTEXT_EXPIRED (close_notify) and SEC_I_RENEGOTIATE
 *     (decrypt_records, reenter_handshake);
 *   - EncryptMessage straight into the send queue (tls_conn_write);
 *   - close_notify with ApplyControlToken(SCHANNEL_SHUTDOWN) and one more
 *     AcceptSecurityContext call (tls_conn_shutdown);
 *   - partial writes: ciphertext waits in a queue until poll() says POLLOUT.
 */
#define _POSIX_C_SOURCE 200809L

#include "sspi_conn.h"

#include <schannel_linux.h>

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

/* The requirements every AcceptSecurityContext call passes. Without
 * ASC_REQ_ALLOCATE_MEMORY the library writes into our output buffer. */
#define ASC_FLAGS                                                                       \
    (ASC_REQ_SEQUENCE_DETECT | ASC_REQ_REPLAY_DETECT | ASC_REQ_CONFIDENTIALITY |        \
     ASC_REQ_EXTENDED_ERROR | ASC_REQ_STREAM)
/*
 * The alternative is to let the library allocate every output token:
 *
 *     SecBuffer out = { 0, SECBUFFER_TOKEN, NULL };
 *     st = AcceptSecurityContext(..., ASC_FLAGS | ASC_REQ_ALLOCATE_MEMORY, ...);
 *     send(out.pvBuffer, out.cbBuffer);
 *     FreeContextBuffer(out.pvBuffer);       (NULL is allowed)
 *
 * examples/tls_client.c and examples/cpp_raii.cpp do it that way.
 */

#define READ_CHUNK 32768           /* bytes asked of recv() at a time */
#define MAX_PENDING_OUT (1 << 20)  /* stop reading while this much waits to be sent */
#define DRAIN_TIMEOUT_MS 2000      /* how long to wait for the peer after close_notify */

/* ------------------------------------------------------------------------ */
/* Small helpers: byte buffers, status names, time, sockets.                */

static int bytes_reserve(struct bytes *b, size_t need)
{
    if (need <= b->cap) {
        return 1;
    }
    size_t cap = b->cap ? b->cap : 4096;
    while (cap < need) {
        cap *= 2;
    }
    unsigned char *p = realloc(b->data, cap);
    if (p == NULL) {
        return 0;
    }
    b->data = p;
    b->cap = cap;
    return 1;
}

static int bytes_append(struct bytes *b, const void *p, size_t n)
{
    if (!bytes_reserve(b, b->len + n)) {
        return 0;
    }
    memcpy(b->data + b->len, p, n);
    b->len += n;
    return 1;
}

/* bytes_keep_tail keeps the last `n` bytes, moved to the front. This is what
 * SECBUFFER_EXTRA asks for: the unprocessed bytes are the *last* cbBuffer
 * bytes of the input. */
static void bytes_keep_tail(struct bytes *b, size_t n)
{
    memmove(b->data, b->data + b->len - n, n);
    b->len = n;
}

const char *status_name(SECURITY_STATUS st)
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
        NAME(SEC_E_QOP_NOT_SUPPORTED);
        NAME(SEC_E_LOGON_DENIED);
        NAME(SEC_E_UNKNOWN_CREDENTIALS);
        NAME(SEC_E_NO_CREDENTIALS);
        NAME(SEC_E_MESSAGE_ALTERED);
        NAME(SEC_E_CONTEXT_EXPIRED);
        NAME(SEC_E_INCOMPLETE_MESSAGE);
        NAME(SEC_E_BUFFER_TOO_SMALL);
        NAME(SEC_E_WRONG_PRINCIPAL);
        NAME(SEC_E_UNTRUSTED_ROOT);
        NAME(SEC_E_ILLEGAL_MESSAGE);
        NAME(SEC_E_CERT_UNKNOWN);
        NAME(SEC_E_CERT_EXPIRED);
        NAME(SEC_E_ENCRYPT_FAILURE);
        NAME(SEC_E_DECRYPT_FAILURE);
        NAME(SEC_E_ALGORITHM_MISMATCH);
        NAME(SEC_E_UNFINISHED_CONTEXT_DELETED);
        NAME(SEC_E_CERT_WRONG_USAGE);
        NAME(SEC_E_DOWNGRADE_DETECTED);
        NAME(SEC_E_INVALID_PARAMETER);
        NAME(SEC_E_APPLICATION_PROTOCOL_MISMATCH);
#undef NAME
    default:
        return "unknown status";
    }
}

long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int set_nonblocking(int fd)
{
    int flags = fcntl(fd, F_GETFL);
    return flags >= 0 && fcntl(fd, F_SETFL, flags | O_NONBLOCK) == 0;
}

int listen_tcp(const char *address, int *port)
{
    struct sockaddr_in sa;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_port = htons((unsigned short)*port);
    if (inet_pton(AF_INET, address, &sa.sin_addr) != 1) {
        fprintf(stderr, "not an IPv4 address: %s\n", address);
        return -1;
    }
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    socklen_t len = sizeof sa;
    if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) != 0 ||
        bind(fd, (struct sockaddr *)&sa, sizeof sa) != 0 || listen(fd, 64) != 0 ||
        getsockname(fd, (struct sockaddr *)&sa, &len) != 0 || !set_nonblocking(fd)) {
        perror("listen");
        if (fd >= 0) {
            close(fd);
        }
        return -1;
    }
    *port = ntohs(sa.sin_port);
    return fd;
}

int accept_nonblocking(int listener, char *peer, size_t peer_size)
{
    struct sockaddr_in sa;
    socklen_t len = sizeof sa;
    int fd = accept(listener, (struct sockaddr *)&sa, &len);
    if (fd < 0) {
        return -1;
    }
    if (!set_nonblocking(fd)) {
        close(fd);
        return -1;
    }
    char ip[INET_ADDRSTRLEN] = "?";
    inet_ntop(AF_INET, &sa.sin_addr, ip, sizeof ip);
    snprintf(peer, peer_size, "%s:%u", ip, (unsigned)ntohs(sa.sin_port));
    return fd;
}

/* ------------------------------------------------------------------------ */
/* Options.                                                                 */

static const char usage[] =
    "usage: %s [--bind ADDR] [--port N] (--cert CERT.pem --key KEY.pem | --pfx FILE.pfx\n"
    "          [--password PW]) [--alpn LIST] [--max-conns N] [--max-requests N]\n"
    "Every option can also come from the environment: SSPI_BIND, SSPI_PORT, SSPI_CERT,\n"
    "SSPI_KEY, SSPI_PFX, SSPI_PFX_PASSWORD, SSPI_ALPN, SSPI_MAX_CONNS, SSPI_MAX_REQUESTS.\n"
    "--port 0 picks a free port and prints \"PORT n\" on stdout. LIST is comma-separated\n"
    "ALPN protocols in preference order, e.g. h2,http/1.1.\n";

static long env_long(const char *name, long fallback)
{
    const char *v = getenv(name);
    return v != NULL && *v != '\0' ? strtol(v, NULL, 10) : fallback;
}

int server_options_parse(struct server_options *o, int argc, char **argv)
{
    o->bind = getenv("SSPI_BIND") ? getenv("SSPI_BIND") : "127.0.0.1";
    o->port = (int)env_long("SSPI_PORT", 8443);
    o->cert_file = getenv("SSPI_CERT");
    o->key_file = getenv("SSPI_KEY");
    o->pfx_file = getenv("SSPI_PFX");
    o->pfx_password = getenv("SSPI_PFX_PASSWORD");
    o->alpn = getenv("SSPI_ALPN");
    o->max_conns = env_long("SSPI_MAX_CONNS", 0);
    o->max_requests = env_long("SSPI_MAX_REQUESTS", 0);

    for (int i = 1; i < argc; i++) {
        const char *opt = argv[i];
        const char *val = i + 1 < argc ? argv[i + 1] : NULL;
        if (val == NULL) {
            fprintf(stderr, usage, argv[0]);
            return 0;
        }
        i++;
        if (strcmp(opt, "--bind") == 0) {
            o->bind = val;
        } else if (strcmp(opt, "--port") == 0) {
            o->port = atoi(val);
        } else if (strcmp(opt, "--cert") == 0) {
            o->cert_file = val;
        } else if (strcmp(opt, "--key") == 0) {
            o->key_file = val;
        } else if (strcmp(opt, "--pfx") == 0) {
            o->pfx_file = val;
        } else if (strcmp(opt, "--password") == 0) {
            o->pfx_password = val;
        } else if (strcmp(opt, "--alpn") == 0) {
            o->alpn = val;
        } else if (strcmp(opt, "--max-conns") == 0) {
            o->max_conns = atol(val);
        } else if (strcmp(opt, "--max-requests") == 0) {
            o->max_requests = atol(val);
        } else {
            fprintf(stderr, usage, argv[0]);
            return 0;
        }
    }
    if (o->pfx_file == NULL && o->cert_file == NULL) {
        fprintf(stderr, "%s: give --cert and --key, or --pfx\n", argv[0]);
        fprintf(stderr, usage, argv[0]);
        return 0;
    }
    return 1;
}

/* ------------------------------------------------------------------------ */
/* The credential.                                                          */

/* utf8_to_utf16 converts a NUL-terminated UTF-8 string for the LPCWSTR
 * password of PFXImportCertStore. Returns 0 if it does not fit. */
static int utf8_to_utf16(const char *s, WCHAR *out, size_t out_len)
{
    size_t n = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (*p != '\0') {
        unsigned long cp;
        int extra;
        if (*p < 0x80) {
            cp = *p;
            extra = 0;
        } else if ((*p & 0xE0) == 0xC0) {
            cp = *p & 0x1F;
            extra = 1;
        } else if ((*p & 0xF0) == 0xE0) {
            cp = *p & 0x0F;
            extra = 2;
        } else {
            cp = *p & 0x07;
            extra = 3;
        }
        p++;
        for (; extra > 0; extra--, p++) {
            if ((*p & 0xC0) != 0x80) {
                return 0;
            }
            cp = (cp << 6) | (*p & 0x3F);
        }
        if (cp >= 0x10000) {
            if (n + 2 >= out_len) {
                return 0;
            }
            cp -= 0x10000;
            out[n++] = (WCHAR)(0xD800 + (cp >> 10));
            out[n++] = (WCHAR)(0xDC00 + (cp & 0x3FF));
        } else {
            if (n + 1 >= out_len) {
                return 0;
            }
            out[n++] = (WCHAR)cp;
        }
    }
    out[n] = 0;
    return 1;
}

/* load_pfx is how a Windows server usually gets its certificate: a PKCS#12
 * file imported into a memory store, then the certificate that carries the
 * private key. */
static PCCERT_CONTEXT load_pfx(const char *path, const char *password, HCERTSTORE *store)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        perror(path);
        return NULL;
    }
    unsigned char *data = NULL;
    size_t len = 0, cap = 0;
    for (;;) {
        if (len == cap) {
            cap = cap ? cap * 2 : 8192;
            unsigned char *p = realloc(data, cap);
            if (p == NULL) {
                break;
            }
            data = p;
        }
        size_t n = fread(data + len, 1, cap - len, f);
        if (n == 0) {
            break;
        }
        len += n;
    }
    fclose(f);

    WCHAR wpassword[256];
    if (!utf8_to_utf16(password ? password : "", wpassword, sizeof wpassword / sizeof wpassword[0])) {
        fprintf(stderr, "password too long or not UTF-8\n");
        free(data);
        return NULL;
    }
    CRYPT_DATA_BLOB blob = {(DWORD)len, data};
    *store = PFXImportCertStore(&blob, wpassword, 0);
    free(data);
    if (*store == NULL) {
        fprintf(stderr, "PFXImportCertStore(%s) failed: error 0x%08lX\n", path,
                (unsigned long)GetLastError());
        return NULL;
    }
    PCCERT_CONTEXT cert = CertFindCertificateInStore(*store, X509_ASN_ENCODING | PKCS_7_ASN_ENCODING, 0,
                                                     CERT_FIND_HAS_PRIVATE_KEY, NULL, NULL);
    if (cert == NULL) {
        fprintf(stderr, "%s holds no certificate with a private key\n", path);
    }
    return cert;
}

/* build_alpn writes a SEC_APPLICATION_PROTOCOLS for the comma-separated
 * `list`, by byte offsets (see sspi.h): ProtocolListsSize (4 bytes), then one
 * list: ProtoNegoExt (4), ProtocolListSize (2), length-prefixed names. */
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

int tls_server_init(struct tls_server *s, const struct server_options *o, const char *name)
{
    memset(s, 0, sizeof *s);
    SecInvalidateHandle(&s->cred);
    s->name = name;

    if (o->pfx_file != NULL) {
        s->cert = load_pfx(o->pfx_file, o->pfx_password, &s->store);
    } else {
        /* Linux extension (schannel_linux.h): PEM files. On Windows the
         * certificate would come from a store, as in load_pfx. */
        s->cert = SchLinuxLoadCertificatePemFiles(o->cert_file, o->key_file, NULL);
        if (s->cert == NULL) {
            fprintf(stderr, "SchLinuxLoadCertificatePemFiles(%s, %s) failed: error 0x%08lX\n",
                    o->cert_file, o->key_file ? o->key_file : "(none)", (unsigned long)GetLastError());
        }
    }
    if (s->cert == NULL) {
        return 0;
    }

    /* SCH_CREDENTIALS is the credential Windows needs for TLS 1.3. */
    SCH_CREDENTIALS sc;
    memset(&sc, 0, sizeof sc);
    sc.dwVersion = SCH_CREDENTIALS_VERSION;
    sc.cCreds = 1;
    sc.paCred = &s->cert;
#ifdef SCH_CRED_LINUX_THREAD_AFFINE
    /* Linux extension (schannel_linux.h): the servers make every call from
     * their one poll loop thread, so each handshake may run on that thread
     * instead of being handed to another at each call (a third to a half
     * less CPU per handshake). Windows has no such flag and needs none. */
    sc.dwFlags |= SCH_CRED_LINUX_THREAD_AFFINE;
#endif
    TimeStamp expiry;
    SECURITY_STATUS st = AcquireCredentialsHandleA(NULL, (LPSTR)UNISP_NAME_A, SECPKG_CRED_INBOUND, NULL, &sc,
                                                   NULL, NULL, &s->cred, &expiry);
    if (st != SEC_E_OK) {
        fprintf(stderr, "AcquireCredentialsHandleA failed: %s (0x%08lX)\n", status_name(st),
                (unsigned long)(ULONG)st);
        return 0;
    }

    /* cbMaxToken is the largest token the package produces; an output
     * buffer of that size is always big enough for one handshake flight. */
    PSecPkgInfoA info = NULL;
    st = QuerySecurityPackageInfoA((LPSTR)UNISP_NAME_A, &info);
    if (st != SEC_E_OK) {
        fprintf(stderr, "QuerySecurityPackageInfoA failed: %s\n", status_name(st));
        return 0;
    }
    s->token_size = info->cbMaxToken;
    FreeContextBuffer(info);
    s->token = malloc(s->token_size);
    if (s->token == NULL) {
        return 0;
    }

    if (o->alpn != NULL && *o->alpn != '\0') {
        s->alpn_len = build_alpn(o->alpn, s->alpn, sizeof s->alpn);
        if (s->alpn_len == 0) {
            fprintf(stderr, "bad ALPN list: %s\n", o->alpn);
            return 0;
        }
    }
    return 1;
}

void tls_server_free(struct tls_server *s)
{
    if (SecIsValidHandle(&s->cred)) {
        FreeCredentialsHandle(&s->cred);
    }
    if (s->cert != NULL) {
        CertFreeCertificateContext(s->cert);
    }
    if (s->store != NULL) {
        CertCloseStore(s->store, 0);
    }
    free(s->token);
}

/* ------------------------------------------------------------------------ */
/* One connection.                                                          */

void tls_conn_init(struct tls_conn *c, struct tls_server *s, int fd, const char *peer)
{
    memset(c, 0, sizeof *c);
    c->fd = fd;
    c->server = s;
    snprintf(c->peer, sizeof c->peer, "%s", peer);
    SecInvalidateHandle(&c->ctx);
    c->state = CONN_HANDSHAKE;
}

/* fail records an SSPI failure; the connection is closed. */
static void fail(struct tls_conn *c, const char *call, SECURITY_STATUS st)
{
    fprintf(stderr, "%s: %s: %s failed: %s (0x%08lX)\n", c->server->name, c->peer, call, status_name(st),
            (unsigned long)(ULONG)st);
    c->failed = 1;
    c->state = CONN_CLOSED;
}

/* accept_call runs one AcceptSecurityContext with our output buffer and
 * queues whatever token it produced. `in` may be NULL. A too-small output
 * buffer (SEC_E_BUFFER_TOO_SMALL: nothing was consumed) is grown and the
 * call repeated. */
static SECURITY_STATUS accept_call(struct tls_conn *c, SecBufferDesc *in)
{
    struct tls_server *s = c->server;
    for (;;) {
        SecBuffer out[1] = {{s->token_size, SECBUFFER_TOKEN, s->token}};
        SecBufferDesc out_desc = {SECBUFFER_VERSION, 1, out};
        ULONG attrs = 0;
        TimeStamp expiry;
        SECURITY_STATUS st = AcceptSecurityContext(&s->cred, SecIsValidHandle(&c->ctx) ? &c->ctx : NULL, in,
                                                   ASC_FLAGS, 0, &c->ctx, &out_desc, &attrs, &expiry);
        if (st == SEC_E_BUFFER_TOO_SMALL) {
            unsigned char *bigger = realloc(s->token, (size_t)s->token_size * 2);
            if (bigger == NULL) {
                return SEC_E_INSUFFICIENT_MEMORY;
            }
            s->token = bigger;
            s->token_size *= 2;
            continue;
        }
        /* Send every token with cbBuffer > 0, whatever the status: SEC_E_OK
         * often carries the last flight, and with ASC_REQ_EXTENDED_ERROR an
         * error may carry an alert for the client. */
        if (st != SEC_E_INCOMPLETE_MESSAGE && out[0].cbBuffer > 0 &&
            !bytes_append(&c->out, out[0].pvBuffer, out[0].cbBuffer)) {
            return SEC_E_INSUFFICIENT_MEMORY;
        }
        return st;
    }
}

/* established runs once, when AcceptSecurityContext returns SEC_E_OK. */
static void established(struct tls_conn *c)
{
    /* Header, trailer and maximum message size never change for the
     * connection: one query is enough. */
    SECURITY_STATUS st = QueryContextAttributesA(&c->ctx, SECPKG_ATTR_STREAM_SIZES, &c->sizes);
    if (st != SEC_E_OK) {
        fail(c, "QueryContextAttributesA(SECPKG_ATTR_STREAM_SIZES)", st);
        return;
    }
    c->state = CONN_OPEN;
    if (c->server->on_established != NULL) {
        c->server->on_established(c);
    }
}

/* handshake_step feeds the received bytes to AcceptSecurityContext until it
 * needs more from the network or the handshake is complete. */
static void handshake_step(struct tls_conn *c)
{
    while (c->state == CONN_HANDSHAKE && c->in.len > 0) {
        /* Input: [TOKEN = what we received, EMPTY]. The EMPTY slot comes
         * back as SECBUFFER_EXTRA when bytes were left over, or as
         * SECBUFFER_MISSING on SEC_E_INCOMPLETE_MESSAGE; reset it before
         * every call. The first call also carries our ALPN preferences. */
        SecBuffer in[3] = {
            {(ULONG)c->in.len, SECBUFFER_TOKEN, c->in.data},
            {0, SECBUFFER_EMPTY, NULL},
            {c->server->alpn_len, SECBUFFER_APPLICATION_PROTOCOLS, c->server->alpn},
        };
        ULONG n = !SecIsValidHandle(&c->ctx) && c->server->alpn_len > 0 ? 3 : 2;
        SecBufferDesc in_desc = {SECBUFFER_VERSION, n, in};

        SECURITY_STATUS st = accept_call(c, &in_desc);

        if (st == SEC_E_INCOMPLETE_MESSAGE) {
            /* Not one complete record yet: keep every byte, read more, call
             * again with the old bytes plus the new ones. */
            return;
        }
        if (st != SEC_E_OK && st != SEC_I_CONTINUE_NEEDED) {
            /* A queued alert (if any) is sent before the socket closes. */
            fail(c, "AcceptSecurityContext", st);
            c->state = c->out.len > 0 ? CONN_CLOSING : CONN_CLOSED;
            return;
        }

        /* Consumed everything, or all but the last cbBuffer bytes. */
        if (in[1].BufferType == SECBUFFER_EXTRA) {
            bytes_keep_tail(&c->in, in[1].cbBuffer);
        } else {
            c->in.len = 0;
        }

        if (st == SEC_E_OK) {
            /* Done. Bytes left over are already application data (or a
             * TLS 1.3 client's next records): they go to DecryptMessage. */
            established(c);
            return;
        }
        /* SEC_I_CONTINUE_NEEDED: with EXTRA, call again right away without
         * reading (the next record is already here; the client may be
         * waiting for our answer); without, wait for the client. */
    }
}

/* reenter_handshake answers DecryptMessage's SEC_I_RENEGOTIATE: the record
 * was a handshake message (a TLS 1.3 KeyUpdate asking for ours in return).
 * AcceptSecurityContext gets the bytes that followed it, produces what must
 * be sent, and hands back unprocessed bytes as EXTRA. */
static void reenter_handshake(struct tls_conn *c)
{
    SecBuffer in[2] = {{(ULONG)c->in.len, SECBUFFER_TOKEN, c->in.data}, {0, SECBUFFER_EMPTY, NULL}};
    SecBufferDesc in_desc = {SECBUFFER_VERSION, 2, in};
    SECURITY_STATUS st = accept_call(c, c->in.len > 0 ? &in_desc : NULL);
    if (st != SEC_E_OK && st != SEC_I_CONTINUE_NEEDED) {
        fail(c, "AcceptSecurityContext (after SEC_I_RENEGOTIATE)", st);
        return;
    }
    if (c->in.len > 0) {
        if (in[1].BufferType == SECBUFFER_EXTRA) {
            bytes_keep_tail(&c->in, in[1].cbBuffer);
        } else {
            c->in.len = 0;
        }
    }
    if (st == SEC_I_CONTINUE_NEEDED) {
        /* A real renegotiation: back to the handshake loop. */
        c->state = CONN_HANDSHAKE;
    }
}

/* decrypt_records decrypts every complete record in c->in, one per
 * DecryptMessage call, appending the plaintext to c->plain. */
static void decrypt_records(struct tls_conn *c)
{
    while (c->state == CONN_OPEN && !c->peer_closed && c->in.len > 0) {
        /* [DATA = ciphertext, EMPTY, EMPTY, EMPTY]. Decryption happens in
         * place; the EMPTY slots come back as the plaintext DATA, the
         * STREAM_TRAILER and maybe the EXTRA bytes after the record. */
        SecBuffer b[4] = {
            {(ULONG)c->in.len, SECBUFFER_DATA, c->in.data},
            {0, SECBUFFER_EMPTY, NULL},
            {0, SECBUFFER_EMPTY, NULL},
            {0, SECBUFFER_EMPTY, NULL},
        };
        SecBufferDesc desc = {SECBUFFER_VERSION, 4, b};
        SECURITY_STATUS st = DecryptMessage(&c->ctx, &desc, 0, NULL);

        if (st == SEC_E_INCOMPLETE_MESSAGE) {
            /* Part of a record: read more. b[0] became SECBUFFER_MISSING
             * (a hint of how much); the descriptor is rebuilt next time. */
            return;
        }
        if (st != SEC_E_OK && st != SEC_I_CONTEXT_EXPIRED && st != SEC_I_RENEGOTIATE) {
            fail(c, "DecryptMessage", st);
            return;
        }

        /* The plaintext and the EXTRA bytes point into c->in: take the
         * plaintext before moving the EXTRA bytes to the front. A record
         * may hold no plaintext at all (a TLS 1.3 ticket or KeyUpdate). */
        size_t extra = 0;
        for (int i = 1; i < 4; i++) {
            if (b[i].BufferType == SECBUFFER_DATA && b[i].cbBuffer > 0 &&
                !bytes_append(&c->plain, b[i].pvBuffer, b[i].cbBuffer)) {
                fail(c, "DecryptMessage (out of memory)", SEC_E_INSUFFICIENT_MEMORY);
                return;
            }
            if (b[i].BufferType == SECBUFFER_EXTRA) {
                extra = b[i].cbBuffer;
            }
        }
        bytes_keep_tail(&c->in, extra);

        if (st == SEC_I_CONTEXT_EXPIRED) {
            /* The client's close_notify: nothing more will come. The
             * application answers what it has, then calls tls_conn_shutdown
             * to send ours. */
            c->peer_closed = 1;
            return;
        }
        if (st == SEC_I_RENEGOTIATE) {
            reenter_handshake(c);
        }
    }
}

void tls_conn_read(struct tls_conn *c)
{
    if (!bytes_reserve(&c->in, c->in.len + READ_CHUNK)) {
        fail(c, "recv (out of memory)", SEC_E_INSUFFICIENT_MEMORY);
        return;
    }
    ssize_t n = recv(c->fd, c->in.data + c->in.len, c->in.cap - c->in.len, 0);
    if (n < 0) {
        if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
            c->state = CONN_CLOSED;
        }
        return;
    }
    if (n == 0) {
        /* The peer closed the socket. Before its close_notify this is a
         * truncation; after ours it is the normal end. */
        if (c->state != CONN_DRAINING) {
            fprintf(stderr, "%s: %s: connection closed without close_notify\n", c->server->name, c->peer);
        }
        c->peer_closed = 1;
        c->state = CONN_CLOSED;
        return;
    }
    if (c->state == CONN_DRAINING) {
        c->in.len = 0; /* after our close_notify, whatever comes is ignored */
        return;
    }
    c->in.len += (size_t)n;

    if (c->state == CONN_HANDSHAKE) {
        handshake_step(c);
    }
    /* Bytes after the handshake's last record are decrypted right away; a
     * re-entry that went back to CONN_HANDSHAKE waits for more input. */
    decrypt_records(c);
}

int tls_conn_write(struct tls_conn *c, const void *data, size_t len)
{
    const unsigned char *p = data;
    if (c->state != CONN_OPEN) {
        return 0;
    }
    while (len > 0) {
        size_t n = len < c->sizes.cbMaximumMessage ? len : c->sizes.cbMaximumMessage;
        size_t record = c->sizes.cbHeader + n + c->sizes.cbTrailer;
        if (!bytes_reserve(&c->out, c->out.len + record)) {
            fail(c, "EncryptMessage (out of memory)", SEC_E_INSUFFICIENT_MEMORY);
            return 0;
        }
        /* Encrypt in place at the end of the send queue:
         * [STREAM_HEADER][DATA = plaintext][STREAM_TRAILER][EMPTY]. */
        unsigned char *rec = c->out.data + c->out.len;
        memcpy(rec + c->sizes.cbHeader, p, n);
        SecBuffer b[4] = {
            {c->sizes.cbHeader, SECBUFFER_STREAM_HEADER, rec},
            {(ULONG)n, SECBUFFER_DATA, rec + c->sizes.cbHeader},
            {c->sizes.cbTrailer, SECBUFFER_STREAM_TRAILER, rec + c->sizes.cbHeader + n},
            {0, SECBUFFER_EMPTY, NULL},
        };
        SecBufferDesc desc = {SECBUFFER_VERSION, 4, b};
        SECURITY_STATUS st = EncryptMessage(&c->ctx, 0, &desc, 0);
        if (st != SEC_E_OK) {
            fail(c, "EncryptMessage", st);
            return 0;
        }
        /* The trailer's cbBuffer is its real length, which may be less than
         * cbTrailer: send exactly header + data + trailer. */
        c->out.len += b[0].cbBuffer + b[1].cbBuffer + b[2].cbBuffer;
        p += n;
        len -= n;
    }
    return 1;
}

void tls_conn_shutdown(struct tls_conn *c)
{
    if (c->state != CONN_OPEN) {
        return;
    }
    /* Queue the control token, then one AcceptSecurityContext call turns it
     * into the close_notify record (its input is ignored). */
    DWORD type = SCHANNEL_SHUTDOWN;
    SecBuffer token = {sizeof type, SECBUFFER_TOKEN, &type};
    SecBufferDesc desc = {SECBUFFER_VERSION, 1, &token};
    SECURITY_STATUS st = ApplyControlToken(&c->ctx, &desc);
    if (st != SEC_E_OK) {
        fail(c, "ApplyControlToken(SCHANNEL_SHUTDOWN)", st);
        return;
    }
    st = accept_call(c, NULL);
    if (st != SEC_E_OK && st != SEC_I_CONTEXT_EXPIRED) {
        fail(c, "AcceptSecurityContext (shutdown)", st);
        return;
    }
    c->state = CONN_CLOSING;
}

void tls_conn_flush(struct tls_conn *c)
{
    size_t sent = 0;
    while (sent < c->out.len) {
        /* A partial write is normal on a non-blocking socket: the rest
         * waits for POLLOUT. */
        ssize_t n = send(c->fd, c->out.data + sent, c->out.len - sent, MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            if (errno != EAGAIN && errno != EWOULDBLOCK) {
                c->state = CONN_CLOSED; /* the peer is gone */
                c->out.len = 0;
                return;
            }
            break;
        }
        sent += (size_t)n;
    }
    bytes_keep_tail(&c->out, c->out.len - sent);

    if (c->state == CONN_CLOSING && c->out.len == 0) {
        /* close_notify is out. Shut our side and wait (briefly) for the
         * peer to close, so that the kernel does not reset the connection
         * while the peer is still reading. */
        shutdown(c->fd, SHUT_WR);
        c->state = CONN_DRAINING;
        c->deadline_ms = now_ms() + DRAIN_TIMEOUT_MS;
    }
}

short tls_conn_events(const struct tls_conn *c)
{
    short ev = 0;
    if (c->state == CONN_DRAINING ||
        ((c->state == CONN_HANDSHAKE || c->state == CONN_OPEN) && !c->peer_closed && c->out.len < MAX_PENDING_OUT)) {
        ev |= POLLIN;
    }
    if (c->out.len > 0) {
        ev |= POLLOUT;
    }
    return ev;
}

void tls_conn_tick(struct tls_conn *c, long long now)
{
    if (c->state == CONN_DRAINING && now >= c->deadline_ms) {
        c->state = CONN_CLOSED;
    }
}

void tls_conn_free(struct tls_conn *c)
{
    if (SecIsValidHandle(&c->ctx)) {
        DeleteSecurityContext(&c->ctx);
    }
    close(c->fd);
    free(c->in.data);
    free(c->out.data);
    free(c->plain.data);
}

/* ------------------------------------------------------------------------ */
/* What was negotiated.                                                     */

static void utf16_to_ascii(const WCHAR *w, size_t max, char *out, size_t out_size)
{
    size_t i = 0;
    for (; i < max && i + 1 < out_size && w[i] != 0; i++) {
        out[i] = w[i] < 0x80 ? (char)w[i] : '?';
    }
    out[i] = '\0';
}

static const char *group_name(DWORD group)
{
    switch (group) {
    case 0x0017:
        return "secp256r1";
    case 0x0018:
        return "secp384r1";
    case 0x0019:
        return "secp521r1";
    case 0x001d:
        return "x25519";
    case 0x001e:
        return "x448";
    case 0x0100:
        return "ffdhe2048";
    case 0x0101:
        return "ffdhe3072";
    case 0x11eb:
        return "SecP256r1MLKEM768";
    case 0x11ec:
        return "X25519MLKEM768";
    case 0x11ed:
        return "SecP384r1MLKEM1024";
    default:
        return NULL;
    }
}

static const char *protocol_name(DWORD sp_prot)
{
    if (sp_prot & SP_PROT_TLS1_3) {
        return "TLS 1.3";
    }
    if (sp_prot & SP_PROT_TLS1_2) {
        return "TLS 1.2";
    }
    if (sp_prot & SP_PROT_TLS1_1) {
        return "TLS 1.1";
    }
    if (sp_prot & SP_PROT_TLS1_0) {
        return "TLS 1.0";
    }
    return NULL;
}

void tls_describe(PCtxtHandle ctx, struct tls_info *info)
{
    snprintf(info->protocol, sizeof info->protocol, "unknown");
    snprintf(info->cipher, sizeof info->cipher, "unknown");
    snprintf(info->group, sizeof info->group, "unknown");
    snprintf(info->alpn, sizeof info->alpn, "none");
    snprintf(info->resumed, sizeof info->resumed, "unknown");

    /* SecPkgContext_ConnectionInfo: protocol and algorithms as SP_PROT_* and
     * CALG_* numbers. Every Schannel version answers it. */
    SecPkgContext_ConnectionInfo conn;
    if (QueryContextAttributesA(ctx, SECPKG_ATTR_CONNECTION_INFO, &conn) == SEC_E_OK) {
        const char *p = protocol_name(conn.dwProtocol);
        if (p != NULL) {
            snprintf(info->protocol, sizeof info->protocol, "%s", p);
        } else {
            snprintf(info->protocol, sizeof info->protocol, "SP_PROT 0x%lx", (unsigned long)conn.dwProtocol);
        }
        snprintf(info->cipher, sizeof info->cipher, "cipher ALG_ID 0x%04lx, %lu bits",
                 (unsigned long)conn.aiCipher, (unsigned long)conn.dwCipherStrength);
    }

    /* SecPkgContext_CipherInfo: the IANA suite name and the key exchange
     * group. Set dwVersion first. Older Schannel versions answer
     * SEC_E_UNSUPPORTED_FUNCTION; keep CONNECTION_INFO's numbers then. */
    SecPkgContext_CipherInfo ci;
    memset(&ci, 0, sizeof ci);
    ci.dwVersion = SECPKGCONTEXT_CIPHERINFO_V1;
    if (QueryContextAttributesA(ctx, SECPKG_ATTR_CIPHER_INFO, &ci) == SEC_E_OK) {
        utf16_to_ascii(ci.szCipherSuite, SZ_ALG_MAX_SIZE, info->cipher, sizeof info->cipher);
        const char *g = group_name(ci.dwKeyType);
        if (g != NULL) {
            snprintf(info->group, sizeof info->group, "%s", g);
        } else if (ci.dwKeyType != 0) {
            snprintf(info->group, sizeof info->group, "group 0x%04lx", (unsigned long)ci.dwKeyType);
        }
    }

    /* SecPkgContext_ApplicationProtocol: the ALPN result. */
    SecPkgContext_ApplicationProtocol ap;
    if (QueryContextAttributesA(ctx, SECPKG_ATTR_APPLICATION_PROTOCOL, &ap) == SEC_E_OK &&
        ap.ProtoNegoStatus == SecApplicationProtocolNegotiationStatus_Success &&
        ap.ProtoNegoExt == SecApplicationProtocolNegotiationExt_ALPN) {
        snprintf(info->alpn, sizeof info->alpn, "%.*s", (int)ap.ProtocolIdSize, (const char *)ap.ProtocolId);
    }

    /* SecPkgContext_SessionInfo: was an earlier session resumed? */
    SecPkgContext_SessionInfo si;
    if (QueryContextAttributesA(ctx, SECPKG_ATTR_SESSION_INFO, &si) == SEC_E_OK) {
        snprintf(info->resumed, sizeof info->resumed, "%s", (si.dwFlags & SSL_SESSION_RECONNECT) ? "yes" : "no");
    }
}
