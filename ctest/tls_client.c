/*
 * tls_client.c - a TLS client written the way a Windows Schannel client is
 * written (AcquireCredentialsHandle with SCH_CREDENTIALS, an
 * InitializeSecurityContext loop, EncryptMessage / DecryptMessage,
 * ApplyControlToken shutdown), on POSIX sockets. ctest/test_interop.sh runs
 * it against openssl s_server -rev and against tls_server. The only
 * Linux-specific call is the client-certificate loading
 * (SchLinuxLoadCertificatePemFiles).
 *
 * Per connection it sends MESSAGE and a newline, reads one line back and
 * prints it, then closes with a close_notify and waits (bounded) for the
 * server's. Every loop is bounded by MAX_ITERATIONS and every socket wait by
 * IO_TIMEOUT seconds. Exits 0 when every connection succeeded.
 *
 * Configuration (environment):
 *   HOST, PORT    server address (default host 127.0.0.1; PORT required)
 *   TARGET        pszTargetName: SNI, name check and session-cache key
 *                 (default "localhost"; "-" passes NULL)
 *   TLS_VERSION   tls12, tls13 or any (default)
 *   ALPN          comma-separated protocols to offer
 *   VALIDATE      manual (default: SCH_CRED_MANUAL_CRED_VALIDATION, the
 *                 server certificate is only printed) or auto (the library
 *                 validates it; the trust store can be set with SSL_CERT_FILE)
 *   CERT_FILE     PEM client certificate chain; KEY_FILE its key (default:
 *                 in CERT_FILE)
 *   MESSAGE       the line to send (default "hello from tls_client")
 *   CONNECTIONS   connections to make with one credential (default 1); the
 *                 later ones may resume the first one's session
 *   IO_TIMEOUT    seconds to wait for the server (default 10)
 *   TRACE         1: log every SSPI call and socket read to stderr
 *
 * Output lines: PROTOCOL, ALPN, RESUMED, SERVERCERT (manual validation),
 * INCOMPLETE_CREDENTIALS, RENEGOTIATE (SEC_I_RENEGOTIATE) and RENEGOTIATE ok
 * (re-entry done), ECHO <line>, CLOSED clean|eof, and
 * "ERROR <call> 0x<status> <name>" on failure.
 */
#define _POSIX_C_SOURCE 200809L
#define SECURITY_WIN32
#include <windows.h>
#include <security.h>
#include <schannel.h>
#include <schannel_linux.h>

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define MAX_ITERATIONS 10000
#define NETBUF_SIZE (64 * 1024)
#define MAX_LINE 4096

typedef struct {
    CredHandle cred;
    int have_cred;
    PCCERT_CONTEXT cert;
    const char *host;
    int port;
    SEC_CHAR *target;
    int manual;
    const char *message;
    int io_timeout;
    unsigned char alpn[512];
    ULONG alpn_len;
} client_config;

typedef struct {
    int fd;
    CtxtHandle ctx;
    int have_ctx;
    ULONG flags;
    SecPkgContext_StreamSizes sizes;
    unsigned char *net;
    size_t net_len;
    unsigned char *msg;
} connection;

/* Status names come from the library's extension (schannel_linux.h). */
#define status_name SchLinuxStatusName

#include "tls_common.h"

static int tracing;

#define TRACE(...)                                                             \
    do {                                                                       \
        if (tracing) fprintf(stderr, "tls_client: " __VA_ARGS__);              \
    } while (0)

// Sockets.

/* recv_more appends to c->net; returns the count, 0 on EOF, -1 on error or
 * timeout (reported only when `quiet` is 0). */
static ssize_t recv_more(connection *c, int timeout, int quiet) {
    if (c->net_len == NETBUF_SIZE) {
        printf("ERROR recv buffer full\n");
        return -1;
    }
    if (wait_readable(c->fd, timeout) == 0) {
        if (!quiet) printf("ERROR recv timeout\n");
        return -1;
    }
    ssize_t n;
    do {
        n = recv(c->fd, c->net + c->net_len, NETBUF_SIZE - c->net_len, 0);
    } while (n < 0 && errno == EINTR);
    if (n < 0) {
        if (!quiet) printf("ERROR recv errno %d\n", errno);
        return -1;
    }
    c->net_len += (size_t)n;
    TRACE("recv %zd bytes, %zu buffered\n", n, c->net_len);
    return n;
}

static void keep_extra(connection *c, ULONG extra) {
    if (extra > c->net_len) extra = (ULONG)c->net_len;
    memmove(c->net, c->net + c->net_len - extra, extra);
    c->net_len = extra;
}

static int send_tokens(connection *c, SecBufferDesc *out) {
    int rc = 0;
    for (ULONG i = 0; i < out->cBuffers; i++) {
        SecBuffer *b = &out->pBuffers[i];
        if ((b->BufferType == SECBUFFER_TOKEN || b->BufferType == SECBUFFER_ALERT) &&
            b->cbBuffer > 0 && b->pvBuffer && rc == 0)
            rc = send_all(c->fd, b->pvBuffer, b->cbBuffer);
        if (b->pvBuffer) FreeContextBuffer(b->pvBuffer);
        b->pvBuffer = NULL;
        b->cbBuffer = 0;
    }
    return rc;
}

// Handshake.

static int handshake_loop(client_config *cfg, connection *c, int need_read);

/* handshake runs the InitializeSecurityContext loop: the first call makes
 * the ClientHello (with the ALPN list as its only input), the later ones
 * consume the server's records. */
static int handshake(client_config *cfg, connection *c) {
    SecBuffer inb[1] = {{cfg->alpn_len, SECBUFFER_APPLICATION_PROTOCOLS, cfg->alpn}};
    SecBufferDesc in = {SECBUFFER_VERSION, 1, inb};
    SecBuffer outb[1] = {{0, SECBUFFER_TOKEN, NULL}};
    SecBufferDesc out = {SECBUFFER_VERSION, 1, outb};
    ULONG attrs = 0;
    SECURITY_STATUS s = InitializeSecurityContextA(&cfg->cred, NULL, cfg->target, c->flags, 0, 0,
                                                   cfg->alpn_len ? &in : NULL, 0, &c->ctx, &out,
                                                   &attrs, NULL);
    TRACE("InitializeSecurityContextA(first) = %s, output %lu\n", status_name(s),
          (unsigned long)outb[0].cbBuffer);
    if (s == SEC_I_CONTINUE_NEEDED) c->have_ctx = 1;
    int sent = send_tokens(c, &out);
    if (s != SEC_I_CONTINUE_NEEDED) {
        report("InitializeSecurityContextA", s);
        return -1;
    }
    if (sent != 0) return -1;
    return handshake_loop(cfg, c, 1);
}

/* handshake_loop runs the InitializeSecurityContext calls after the first,
 * also for a TLS 1.2 renegotiation on the established context. */
static int handshake_loop(client_config *cfg, connection *c, int need_read) {
    SECURITY_STATUS s;
    ULONG attrs = 0;
    for (int i = 0; i < MAX_ITERATIONS; i++) {
        if (need_read) {
            ssize_t n = recv_more(c, cfg->io_timeout, 0);
            if (n == 0) printf("ERROR handshake: server closed\n");
            if (n <= 0) return -1;
        }
        SecBuffer inb[2] = {{(ULONG)c->net_len, SECBUFFER_TOKEN, c->net}, {0, SECBUFFER_EMPTY, NULL}};
        SecBufferDesc in = {SECBUFFER_VERSION, 2, inb};
        SecBuffer outb[2] = {{0, SECBUFFER_TOKEN, NULL}, {0, SECBUFFER_ALERT, NULL}};
        SecBufferDesc out = {SECBUFFER_VERSION, 2, outb};
        s = InitializeSecurityContextA(&cfg->cred, &c->ctx, cfg->target, c->flags, 0, 0, &in, 0,
                                       &c->ctx, &out, &attrs, NULL);
        TRACE("InitializeSecurityContextA(%lu bytes) = %s, output %lu, %s %lu\n",
              (unsigned long)c->net_len, status_name(s), (unsigned long)outb[0].cbBuffer,
              inb[1].BufferType == SECBUFFER_EXTRA ? "extra" : "no extra",
              (unsigned long)inb[1].cbBuffer);
        if (s == SEC_E_INCOMPLETE_MESSAGE) {
            need_read = 1;
            continue;
        }
        if (s == SEC_I_INCOMPLETE_CREDENTIALS) {
            /* The server wants a certificate and we have none: go on
             * without one, with the same input (nothing was consumed). */
            printf("INCOMPLETE_CREDENTIALS\n");
            send_tokens(c, &out);
            c->flags |= ISC_REQ_USE_SUPPLIED_CREDS;
            need_read = 0;
            continue;
        }
        int sent = send_tokens(c, &out);
        if (s != SEC_E_OK && s != SEC_I_CONTINUE_NEEDED) {
            report("InitializeSecurityContextA", s);
            return -1;
        }
        if (sent != 0) return -1;
        if (inb[1].BufferType == SECBUFFER_EXTRA) keep_extra(c, inb[1].cbBuffer);
        else c->net_len = 0;
        if (s == SEC_E_OK) return 0;
        need_read = c->net_len == 0;
    }
    printf("ERROR handshake: too many iterations\n");
    return -1;
}

static void print_info(client_config *cfg, connection *c) {
    SecPkgContext_ConnectionInfo ci;
    SECURITY_STATUS s = QueryContextAttributesA(&c->ctx, SECPKG_ATTR_CONNECTION_INFO, &ci);
    if (s != SEC_E_OK) report("QueryContextAttributesA(CONNECTION_INFO)", s);
    else if (ci.dwProtocol & SP_PROT_TLS1_3) printf("PROTOCOL TLSv1.3\n");
    else if (ci.dwProtocol & SP_PROT_TLS1_2) printf("PROTOCOL TLSv1.2\n");
    else printf("PROTOCOL other 0x%x\n", (unsigned)ci.dwProtocol);

    SecPkgContext_ApplicationProtocol ap;
    memset(&ap, 0, sizeof ap);
    s = QueryContextAttributesA(&c->ctx, SECPKG_ATTR_APPLICATION_PROTOCOL, &ap);
    if (s != SEC_E_OK) report("QueryContextAttributesA(APPLICATION_PROTOCOL)", s);
    else if (ap.ProtoNegoStatus == SecApplicationProtocolNegotiationStatus_Success &&
             ap.ProtoNegoExt == SecApplicationProtocolNegotiationExt_ALPN)
        printf("ALPN %.*s\n", (int)ap.ProtocolIdSize, (const char *)ap.ProtocolId);
    else printf("ALPN none\n");

    SecPkgContext_SessionInfo si;
    memset(&si, 0, sizeof si);
    s = QueryContextAttributesA(&c->ctx, SECPKG_ATTR_SESSION_INFO, &si);
    if (s == SEC_E_UNSUPPORTED_FUNCTION) printf("RESUMED unknown\n");
    else if (s != SEC_E_OK) report("QueryContextAttributesA(SESSION_INFO)", s);
    else printf("RESUMED %s\n", (si.dwFlags & SSL_SESSION_RECONNECT) ? "yes" : "no");

    if (cfg->manual) {
        /* With manual validation a real client checks the certificate
         * itself; here it is only shown. */
        PCCERT_CONTEXT peer = NULL;
        s = QueryContextAttributesA(&c->ctx, SECPKG_ATTR_REMOTE_CERT_CONTEXT, &peer);
        if (s == SEC_E_UNSUPPORTED_FUNCTION) {
            printf("SERVERCERT unsupported\n");
        } else if (s != SEC_E_OK || !peer) {
            report("QueryContextAttributesA(REMOTE_CERT_CONTEXT)", s);
        } else {
            char name[256];
            DWORD type = CERT_X500_NAME_STR;
            CertGetNameStringA(peer, CERT_NAME_RDN_TYPE, 0, &type, name, sizeof name);
            printf("SERVERCERT %s\n", name);
            CertFreeCertificateContext(peer);
        }
    }
}

// Application data (encrypt_send is in tls_common.h).

/* reenter answers SEC_I_RENEGOTIATE with an InitializeSecurityContextA call
 * on the established context, the EXTRA bytes as input. SEC_I_CONTINUE_NEEDED
 * means a TLS 1.2 renegotiation: the handshake loop runs again. */
static int reenter(client_config *cfg, connection *c) {
    printf("RENEGOTIATE\n");
    SecBuffer inb[2] = {{(ULONG)c->net_len, SECBUFFER_TOKEN, c->net}, {0, SECBUFFER_EMPTY, NULL}};
    SecBufferDesc in = {SECBUFFER_VERSION, 2, inb};
    SecBuffer outb[2] = {{0, SECBUFFER_TOKEN, NULL}, {0, SECBUFFER_ALERT, NULL}};
    SecBufferDesc out = {SECBUFFER_VERSION, 2, outb};
    ULONG attrs = 0;
    SECURITY_STATUS s = InitializeSecurityContextA(&cfg->cred, &c->ctx, cfg->target, c->flags, 0,
                                                   0, c->net_len ? &in : NULL, 0, &c->ctx, &out,
                                                   &attrs, NULL);
    TRACE("InitializeSecurityContextA(renegotiate, %lu bytes) = %s, output %lu\n",
          (unsigned long)c->net_len, status_name(s), (unsigned long)outb[0].cbBuffer);
    int sent = send_tokens(c, &out);
    if (s != SEC_E_OK && s != SEC_I_CONTINUE_NEEDED) {
        report("InitializeSecurityContextA(renegotiate)", s);
        return -1;
    }
    if (sent != 0) return -1;
    if (c->net_len) {
        if (inb[1].BufferType == SECBUFFER_EXTRA) keep_extra(c, inb[1].cbBuffer);
        else c->net_len = 0;
    }
    if (s == SEC_I_CONTINUE_NEEDED && handshake_loop(cfg, c, c->net_len == 0) != 0) return -1;
    printf("RENEGOTIATE ok\n");
    return 0;
}

/* read_records decrypts records until `line` holds a newline (want_line) or
 * the server's close_notify arrives. Returns 1 for a line, 2 for
 * close_notify, 0 for EOF, -1 on error. */
static int read_records(client_config *cfg, connection *c, char *line, size_t *line_len,
                        int want_line, int timeout) {
    int need_read = c->net_len == 0;
    for (int i = 0; i < MAX_ITERATIONS; i++) {
        if (want_line && memchr(line, '\n', *line_len)) return 1;
        if (need_read) {
            ssize_t n = recv_more(c, timeout, !want_line);
            if (n <= 0) return (int)n;
        }
        SecBuffer mb[4] = {
            {(ULONG)c->net_len, SECBUFFER_DATA, c->net},
            {0, SECBUFFER_EMPTY, NULL},
            {0, SECBUFFER_EMPTY, NULL},
            {0, SECBUFFER_EMPTY, NULL},
        };
        SecBufferDesc m = {SECBUFFER_VERSION, 4, mb};
        SECURITY_STATUS s = DecryptMessage(&c->ctx, &m, 0, NULL);
        TRACE("DecryptMessage(%lu bytes) = %s\n", (unsigned long)c->net_len, status_name(s));
        if (s == SEC_E_INCOMPLETE_MESSAGE) {
            need_read = 1;
            continue;
        }
        if (s != SEC_E_OK && s != SEC_I_RENEGOTIATE && s != SEC_I_CONTEXT_EXPIRED) {
            report("DecryptMessage", s);
            return -1;
        }
        ULONG extra = 0;
        for (int k = 0; k < 4; k++) {
            if (mb[k].BufferType == SECBUFFER_DATA && mb[k].cbBuffer) {
                size_t room = MAX_LINE - *line_len;
                size_t take = mb[k].cbBuffer < room ? mb[k].cbBuffer : room;
                memcpy(line + *line_len, mb[k].pvBuffer, take);
                *line_len += take;
            } else if (mb[k].BufferType == SECBUFFER_EXTRA) {
                extra = mb[k].cbBuffer;
            }
        }
        if (extra) keep_extra(c, extra);
        else c->net_len = 0;
        need_read = c->net_len == 0;
        if (s == SEC_I_CONTEXT_EXPIRED) return 2;
        if (s == SEC_I_RENEGOTIATE) {
            if (reenter(cfg, c) != 0) return -1;
            need_read = c->net_len == 0;
        }
    }
    printf("ERROR read loop: too many iterations\n");
    return -1;
}

static int shutdown_tls(client_config *cfg, connection *c) {
    DWORD token = SCHANNEL_SHUTDOWN;
    SecBuffer tb = {sizeof token, SECBUFFER_TOKEN, &token};
    SecBufferDesc td = {SECBUFFER_VERSION, 1, &tb};
    SECURITY_STATUS s = ApplyControlToken(&c->ctx, &td);
    if (s != SEC_E_OK) {
        report("ApplyControlToken", s);
        return -1;
    }
    SecBuffer outb[1] = {{0, SECBUFFER_TOKEN, NULL}};
    SecBufferDesc out = {SECBUFFER_VERSION, 1, outb};
    ULONG attrs = 0;
    s = InitializeSecurityContextA(&cfg->cred, &c->ctx, cfg->target, c->flags, 0, 0, NULL, 0,
                                   &c->ctx, &out, &attrs, NULL);
    ULONG produced = outb[0].cbBuffer;
    int sent = send_tokens(c, &out);
    if (s != SEC_E_OK && s != SEC_I_CONTEXT_EXPIRED) {
        report("InitializeSecurityContextA(shutdown)", s);
        return -1;
    }
    if (produced == 0) {
        printf("ERROR InitializeSecurityContextA(shutdown) produced no close_notify\n");
        return -1;
    }
    return sent;
}

static int connect_loopback(const char *host, int port) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return -1;
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons((unsigned short)port);
    if (inet_pton(AF_INET, host, &a.sin_addr) != 1 ||
        connect(fd, (struct sockaddr *)&a, sizeof a) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

static int run_connection(client_config *cfg) {
    connection c;
    memset(&c, 0, sizeof c);
    SecInvalidateHandle(&c.ctx);
    c.flags = ISC_REQ_SEQUENCE_DETECT | ISC_REQ_REPLAY_DETECT | ISC_REQ_CONFIDENTIALITY |
              ISC_REQ_ALLOCATE_MEMORY | ISC_REQ_STREAM;
    if (cfg->cert) c.flags |= ISC_REQ_USE_SUPPLIED_CREDS;
    c.fd = connect_loopback(cfg->host, cfg->port);
    if (c.fd < 0) {
        printf("ERROR connect errno %d\n", errno);
        return -1;
    }
    c.net = malloc(NETBUF_SIZE);
    int rc = -1;
    if (c.net && handshake(cfg, &c) == 0) {
        print_info(cfg, &c);
        SECURITY_STATUS s = QueryContextAttributesA(&c.ctx, SECPKG_ATTR_STREAM_SIZES, &c.sizes);
        if (s != SEC_E_OK) {
            report("QueryContextAttributesA(STREAM_SIZES)", s);
            goto done;
        }
        c.msg = malloc((size_t)c.sizes.cbHeader + c.sizes.cbMaximumMessage + c.sizes.cbTrailer);
        char line[MAX_LINE + 1];
        size_t line_len = 0;
        char out[MAX_LINE + 2];
        int n = snprintf(out, sizeof out, "%s\n", cfg->message);
        if (!c.msg || encrypt_send(&c, out, (size_t)n) != 0) goto done;
        int r = read_records(cfg, &c, line, &line_len, 1, cfg->io_timeout);
        if (r != 1) {
            if (r >= 0) printf("ERROR server closed before answering\n");
            goto done;
        }
        line[line_len] = 0;
        printf("ECHO %.*s\n", (int)strcspn(line, "\r\n"), line);
        if (shutdown_tls(cfg, &c) != 0) goto done;
        /* Wait a little for the server's close_notify. */
        line_len = 0;
        r = read_records(cfg, &c, line, &line_len, 0, 5);
        printf("CLOSED %s\n", r == 2 ? "clean" : "eof");
        rc = 0;
    }
done:
    if (c.have_ctx) DeleteSecurityContext(&c.ctx);
    close(c.fd);
    free(c.msg);
    free(c.net);
    return rc;
}

static int setup(client_config *cfg) {
    cfg->host = env("HOST", "127.0.0.1");
    cfg->port = atoi(env("PORT", "0"));
    if (cfg->port <= 0) {
        printf("ERROR PORT is required\n");
        return -1;
    }
    const char *target = env("TARGET", "localhost");
    cfg->target = strcmp(target, "-") == 0 ? NULL : (SEC_CHAR *)target;
    cfg->manual = strcmp(env("VALIDATE", "manual"), "auto") != 0;
    cfg->message = env("MESSAGE", "hello from tls_client");
    cfg->io_timeout = atoi(env("IO_TIMEOUT", "10"));
    if (cfg->io_timeout <= 0) cfg->io_timeout = 10;
    tracing = strcmp(env("TRACE", "0"), "1") == 0;

    const char *cert = getenv("CERT_FILE");
    if (cert && *cert) {
        cfg->cert = SchLinuxLoadCertificatePemFiles(cert, getenv("KEY_FILE"), NULL);
        if (!cfg->cert) {
            printf("ERROR certificate loading 0x%08x\n", (unsigned)GetLastError());
            return -1;
        }
    }

    const char *version = env("TLS_VERSION", "any");
    TLS_PARAMETERS tp;
    memset(&tp, 0, sizeof tp);
    if (strcmp(version, "tls12") == 0) {
        tp.grbitDisabledProtocols = (DWORD)~SP_PROT_TLS1_2_CLIENT;
    } else if (strcmp(version, "tls13") == 0) {
        tp.grbitDisabledProtocols = (DWORD)~SP_PROT_TLS1_3_CLIENT;
    } else if (strcmp(version, "any") != 0) {
        printf("ERROR TLS_VERSION must be tls12, tls13 or any\n");
        return -1;
    }

    SCH_CREDENTIALS sc;
    memset(&sc, 0, sizeof sc);
    sc.dwVersion = SCH_CREDENTIALS_VERSION;
    sc.dwCredFormat = SCH_CRED_FORMAT_CERT_CONTEXT;
    if (cfg->cert) {
        sc.cCreds = 1;
        sc.paCred = &cfg->cert;
    }
    sc.dwFlags = SCH_USE_STRONG_CRYPTO |
                 (cfg->manual ? SCH_CRED_MANUAL_CRED_VALIDATION : SCH_CRED_AUTO_CRED_VALIDATION);
    if (tp.grbitDisabledProtocols) {
        sc.cTlsParameters = 1;
        sc.pTlsParameters = &tp;
    }
    SECURITY_STATUS s = AcquireCredentialsHandleA(NULL, (SEC_CHAR *)UNISP_NAME_A,
                                                  SECPKG_CRED_OUTBOUND, NULL, &sc, NULL, NULL,
                                                  &cfg->cred, NULL);
    if (s != SEC_E_OK) {
        report("AcquireCredentialsHandleA", s);
        return -1;
    }
    cfg->have_cred = 1;

    const char *alpn = getenv("ALPN");
    if (alpn && *alpn) {
        cfg->alpn_len = build_alpn(alpn, cfg->alpn, sizeof cfg->alpn);
        if (!cfg->alpn_len) {
            printf("ERROR bad ALPN list\n");
            return -1;
        }
    }
    return 0;
}

int main(void) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    client_config cfg;
    memset(&cfg, 0, sizeof cfg);
    int rc = 1;
    if (setup(&cfg) == 0) {
        int connections = atoi(env("CONNECTIONS", "1"));
        rc = 0;
        for (int i = 0; i < connections; i++) {
            printf("CONNECTION %d\n", i + 1);
            if (run_connection(&cfg) != 0) rc = 1;
        }
    }
    if (cfg.have_cred) FreeCredentialsHandle(&cfg.cred);
    if (cfg.cert) CertFreeCertificateContext(cfg.cert);
    return rc;
}
