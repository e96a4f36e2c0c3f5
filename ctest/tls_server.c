/*
 * tls_server.c - a TLS server written the way a Windows Schannel server is
 * written (AcquireCredentialsHandle, an AcceptSecurityContext loop,
 * EncryptMessage / DecryptMessage, ApplyControlToken shutdown), on POSIX
 * sockets. ctest/test_interop.sh runs it against openssl s_client,
 * gnutls-cli and curl. The only Linux-specific call is the certificate
 * loading (SchLinuxLoadCertificatePemFiles; a PFX file goes through
 * PFXImportCertStore as on Windows).
 *
 * Single-threaded and blocking: it serves CONNECTIONS connections one after
 * the other on 127.0.0.1 and exits 0. A connection that fails prints
 * "ERROR <call> 0x<status> <name>" and the server goes on with the next one.
 * Every loop is bounded by MAX_ITERATIONS and every socket wait by
 * IO_TIMEOUT seconds.
 *
 * Configuration (environment):
 *   PORT          port to listen on; 0 (default) picks one. The server prints
 *                 "PORT <n>" once it listens.
 *   CERT_FILE     PEM certificate chain, leaf first
 *   KEY_FILE      PEM private key (default: in CERT_FILE)
 *   PFX_FILE      PKCS#12 file instead of CERT_FILE; PFX_PASSWORD its password
 *   TLS_VERSION   tls12, tls13 or any (default)
 *   ALPN          comma-separated protocols accepted, in preference order
 *   MUTUAL_AUTH   1: ask for a client certificate (ASC_REQ_MUTUAL_AUTH)
 *   MODE          echo (default): echo every plaintext chunk until the
 *                 peer's close_notify; http: answer one HTTP request
 *   CONNECTIONS   connections to serve (default 1)
 *   IO_TIMEOUT    seconds to wait for the peer (default 10)
 *   TRACE         1: log every SSPI call and socket read to stderr
 *   THREAD_AFFINE 1: SCH_CRED_LINUX_THREAD_AFFINE on the credential (the
 *                 server is single-threaded, so the promise holds)
 *
 * Per connection it prints PROTOCOL, ALPN, RESUMED, CLIENTCERT (with
 * MUTUAL_AUTH), "RENEGOTIATE" for each SEC_I_RENEGOTIATE and "RENEGOTIATE
 * ok" once the re-entry succeeded, and finally "CLOSED clean" (the peer's
 * close_notify came first), "CLOSED by server" (http mode) or ERROR lines.
 * stdout is line-buffered.
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
#define MAX_HTTP_REQUEST (16 * 1024)

typedef struct {
    CredHandle cred;
    int have_cred;
    HCERTSTORE pfx_store;      /* must stay open while the key is in use */
    PCCERT_CONTEXT cert;
    int echo;                  /* MODE=echo, else http */
    int mutual;
    int io_timeout;
    unsigned char alpn[512];   /* SEC_APPLICATION_PROTOCOLS, or alpn_len 0 */
    ULONG alpn_len;
} server_config;

typedef struct {
    int fd;
    CtxtHandle ctx;
    int have_ctx;
    SecPkgContext_StreamSizes sizes;
    unsigned char *net;        /* received, not yet consumed */
    size_t net_len;
    unsigned char *msg;        /* one EncryptMessage record */
    int peer_closed;           /* close_notify received */
} connection;

/* Status names come from the library's extension (schannel_linux.h). */
#define status_name SchLinuxStatusName

#include "tls_common.h"

static int tracing;

#define TRACE(...)                                                             \
    do {                                                                       \
        if (tracing) fprintf(stderr, "tls_server: " __VA_ARGS__);              \
    } while (0)

// Sockets.

/* recv_more appends received bytes to c->net; returns the count, 0 on EOF,
 * -1 on error or timeout (reported). */
static ssize_t recv_more(connection *c, int timeout) {
    if (c->net_len == NETBUF_SIZE) {
        printf("ERROR recv buffer full\n");
        return -1;
    }
    int r = wait_readable(c->fd, timeout);
    if (r == 0) {
        printf("ERROR recv timeout\n");
        return -1;
    }
    ssize_t n;
    do {
        n = recv(c->fd, c->net + c->net_len, NETBUF_SIZE - c->net_len, 0);
    } while (n < 0 && errno == EINTR);
    if (n < 0) {
        printf("ERROR recv errno %d\n", errno);
        return -1;
    }
    c->net_len += (size_t)n;
    TRACE("recv %zd bytes, %zu buffered\n", n, c->net_len);
    return n;
}

/* keep_extra moves the last `extra` bytes of c->net to the front (the
 * SECBUFFER_EXTRA contract: unconsumed bytes are the tail of the input). */
static void keep_extra(connection *c, ULONG extra) {
    if (extra > c->net_len) extra = (ULONG)c->net_len; /* never trust blindly */
    memmove(c->net, c->net + c->net_len - extra, extra);
    c->net_len = extra;
}

// Output tokens.

/* send_tokens sends every output buffer that is a TOKEN (or an ALERT) with
 * bytes in it and frees every buffer the package allocated. */
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

static ULONG asc_flags(const server_config *cfg) {
    ULONG f = ASC_REQ_SEQUENCE_DETECT | ASC_REQ_REPLAY_DETECT | ASC_REQ_CONFIDENTIALITY |
              ASC_REQ_EXTENDED_ERROR | ASC_REQ_ALLOCATE_MEMORY | ASC_REQ_STREAM;
    if (cfg->mutual) f |= ASC_REQ_MUTUAL_AUTH;
    return f;
}

/* handshake runs the AcceptSecurityContext loop, from the first call or
 * (need_read 0, context established) from a renegotiation in progress.
 * Bytes left after the handshake (SECBUFFER_EXTRA with SEC_E_OK) stay in
 * c->net for DecryptMessage. Returns 0 on success. */
static int handshake(server_config *cfg, connection *c, int need_read) {
    for (int i = 0; i < MAX_ITERATIONS; i++) {
        if (need_read) {
            ssize_t n = recv_more(c, cfg->io_timeout);
            if (n == 0) printf("ERROR handshake: peer closed\n");
            if (n <= 0) return -1;
        }

        SecBuffer inb[3] = {
            {(ULONG)c->net_len, SECBUFFER_TOKEN, c->net},
            {0, SECBUFFER_EMPTY, NULL},
            {cfg->alpn_len, SECBUFFER_APPLICATION_PROTOCOLS, cfg->alpn},
        };
        SecBufferDesc in = {SECBUFFER_VERSION, 2, inb};
        if (!c->have_ctx && cfg->alpn_len) in.cBuffers = 3;
        SecBuffer outb[2] = {{0, SECBUFFER_TOKEN, NULL}, {0, SECBUFFER_ALERT, NULL}};
        SecBufferDesc out = {SECBUFFER_VERSION, 2, outb};
        ULONG attrs = 0;
        TimeStamp expiry;

        SECURITY_STATUS s = AcceptSecurityContext(&cfg->cred, c->have_ctx ? &c->ctx : NULL, &in,
                                                  asc_flags(cfg), 0, &c->ctx, &out, &attrs,
                                                  &expiry);
        TRACE("AcceptSecurityContext(%lu bytes) = %s, output %lu, %s %lu\n",
              (unsigned long)c->net_len, status_name(s), (unsigned long)outb[0].cbBuffer,
              inb[1].BufferType == SECBUFFER_EXTRA ? "extra" : "no extra",
              (unsigned long)inb[1].cbBuffer);
        if (s == SEC_E_INCOMPLETE_MESSAGE) {
            /* Output untouched, nothing consumed: read more, append, retry. */
            need_read = 1;
            continue;
        }
        if (s == SEC_E_OK || s == SEC_I_CONTINUE_NEEDED) c->have_ctx = 1;
        else if (!c->have_ctx && SecIsValidHandle(&c->ctx)) c->have_ctx = 1;

        /* Send whatever came out, also an alert on failure. */
        int sent = send_tokens(c, &out);
        if (s != SEC_E_OK && s != SEC_I_CONTINUE_NEEDED) {
            report("AcceptSecurityContext", s);
            return -1;
        }
        if (sent != 0) return -1;
        if (inb[1].BufferType == SECBUFFER_EXTRA) {
            keep_extra(c, inb[1].cbBuffer);
        } else {
            c->net_len = 0;
        }
        if (s == SEC_E_OK) return 0;
        /* CONTINUE with EXTRA: call again at once with the extra bytes. */
        need_read = c->net_len == 0;
    }
    printf("ERROR handshake: too many iterations\n");
    return -1;
}

// Connection information.

static void print_info(server_config *cfg, connection *c) {
    SecPkgContext_ConnectionInfo ci;
    SECURITY_STATUS s = QueryContextAttributesA(&c->ctx, SECPKG_ATTR_CONNECTION_INFO, &ci);
    if (s != SEC_E_OK) {
        report("QueryContextAttributesA(CONNECTION_INFO)", s);
    } else if (ci.dwProtocol & SP_PROT_TLS1_3) {
        printf("PROTOCOL TLSv1.3\n");
    } else if (ci.dwProtocol & SP_PROT_TLS1_2) {
        printf("PROTOCOL TLSv1.2\n");
    } else {
        printf("PROTOCOL other 0x%x\n", (unsigned)ci.dwProtocol);
    }

    SecPkgContext_ApplicationProtocol ap;
    memset(&ap, 0, sizeof ap);
    s = QueryContextAttributesA(&c->ctx, SECPKG_ATTR_APPLICATION_PROTOCOL, &ap);
    if (s != SEC_E_OK) {
        report("QueryContextAttributesA(APPLICATION_PROTOCOL)", s);
    } else if (ap.ProtoNegoStatus == SecApplicationProtocolNegotiationStatus_Success &&
               ap.ProtoNegoExt == SecApplicationProtocolNegotiationExt_ALPN) {
        printf("ALPN %.*s\n", (int)ap.ProtocolIdSize, (const char *)ap.ProtocolId);
    } else {
        printf("ALPN none\n");
    }

    SecPkgContext_SessionInfo si;
    memset(&si, 0, sizeof si);
    s = QueryContextAttributesA(&c->ctx, SECPKG_ATTR_SESSION_INFO, &si);
    if (s == SEC_E_UNSUPPORTED_FUNCTION) {
        printf("RESUMED unknown\n");
    } else if (s != SEC_E_OK) {
        report("QueryContextAttributesA(SESSION_INFO)", s);
    } else {
        printf("RESUMED %s\n", (si.dwFlags & SSL_SESSION_RECONNECT) ? "yes" : "no");
    }

    if (cfg->mutual) {
        PCCERT_CONTEXT peer = NULL;
        s = QueryContextAttributesA(&c->ctx, SECPKG_ATTR_REMOTE_CERT_CONTEXT, &peer);
        if (s == SEC_E_UNSUPPORTED_FUNCTION) {
            printf("CLIENTCERT unsupported\n");
        } else if (s == SEC_E_NO_CREDENTIALS || (s == SEC_E_OK && !peer)) {
            printf("CLIENTCERT none\n");
        } else if (s != SEC_E_OK) {
            report("QueryContextAttributesA(REMOTE_CERT_CONTEXT)", s);
        } else {
            char name[256];
            DWORD type = CERT_X500_NAME_STR;
            CertGetNameStringA(peer, CERT_NAME_RDN_TYPE, 0, &type, name, sizeof name);
            printf("CLIENTCERT %s\n", name);
            CertFreeCertificateContext(peer);
        }
    }
}

// Application data (encrypt_send is in tls_common.h).

/* reenter answers SEC_I_RENEGOTIATE: AcceptSecurityContext on the
 * established context with the EXTRA bytes (already at the front of c->net)
 * as input; its output (e.g. a TLS 1.3 KeyUpdate) is sent, and what it does
 * not consume comes back as EXTRA for DecryptMessage. SEC_I_CONTINUE_NEEDED
 * means a TLS 1.2 renegotiation: the handshake loop runs again. */
static int reenter(server_config *cfg, connection *c) {
    printf("RENEGOTIATE\n");
    SecBuffer inb[2] = {{(ULONG)c->net_len, SECBUFFER_TOKEN, c->net}, {0, SECBUFFER_EMPTY, NULL}};
    SecBufferDesc in = {SECBUFFER_VERSION, 2, inb};
    SecBuffer outb[2] = {{0, SECBUFFER_TOKEN, NULL}, {0, SECBUFFER_ALERT, NULL}};
    SecBufferDesc out = {SECBUFFER_VERSION, 2, outb};
    ULONG attrs = 0;
    SECURITY_STATUS s = AcceptSecurityContext(&cfg->cred, &c->ctx, c->net_len ? &in : NULL,
                                              asc_flags(cfg), 0, &c->ctx, &out, &attrs, NULL);
    TRACE("AcceptSecurityContext(renegotiate, %lu bytes) = %s, output %lu\n",
          (unsigned long)c->net_len, status_name(s), (unsigned long)outb[0].cbBuffer);
    int sent = send_tokens(c, &out);
    if (s != SEC_E_OK && s != SEC_I_CONTINUE_NEEDED) {
        report("AcceptSecurityContext(renegotiate)", s);
        return -1;
    }
    if (sent != 0) return -1;
    if (c->net_len) {
        if (inb[1].BufferType == SECBUFFER_EXTRA) keep_extra(c, inb[1].cbBuffer);
        else c->net_len = 0;
    }
    if (s == SEC_I_CONTINUE_NEEDED && handshake(cfg, c, c->net_len == 0) != 0) return -1;
    printf("RENEGOTIATE ok\n");
    return 0;
}

/* decrypt_one decrypts the first record in c->net. On success *plain and
 * *plain_len describe the plaintext (inside c->net, valid until the next
 * keep_extra) and *extra the bytes that follow the record. Returns the
 * status. */
static SECURITY_STATUS decrypt_one(connection *c, unsigned char **plain, ULONG *plain_len,
                                   ULONG *extra) {
    SecBuffer mb[4] = {
        {(ULONG)c->net_len, SECBUFFER_DATA, c->net},
        {0, SECBUFFER_EMPTY, NULL},
        {0, SECBUFFER_EMPTY, NULL},
        {0, SECBUFFER_EMPTY, NULL},
    };
    SecBufferDesc m = {SECBUFFER_VERSION, 4, mb};
    SECURITY_STATUS s = DecryptMessage(&c->ctx, &m, 0, NULL);
    TRACE("DecryptMessage(%lu bytes) = %s, types %lu/%lu/%lu/%lu, sizes %lu/%lu/%lu/%lu\n",
          (unsigned long)c->net_len, status_name(s), (unsigned long)mb[0].BufferType,
          (unsigned long)mb[1].BufferType, (unsigned long)mb[2].BufferType,
          (unsigned long)mb[3].BufferType, (unsigned long)mb[0].cbBuffer,
          (unsigned long)mb[1].cbBuffer, (unsigned long)mb[2].cbBuffer,
          (unsigned long)mb[3].cbBuffer);
    *plain = NULL;
    *plain_len = 0;
    *extra = 0;
    if (s != SEC_E_OK && s != SEC_I_RENEGOTIATE && s != SEC_I_CONTEXT_EXPIRED) return s;
    for (int i = 0; i < 4; i++) {
        if (mb[i].BufferType == SECBUFFER_DATA) {
            *plain = mb[i].pvBuffer;
            *plain_len = mb[i].cbBuffer;
        } else if (mb[i].BufferType == SECBUFFER_EXTRA) {
            *extra = mb[i].cbBuffer;
        }
    }
    return s;
}

/* serve_data runs the DecryptMessage loop. In echo mode every plaintext
 * chunk goes back at once, until the peer's close_notify; in http mode it
 * collects one request and answers it. Returns 0 when the connection should
 * be shut down cleanly. */
static int serve_data(server_config *cfg, connection *c) {
    char request[MAX_HTTP_REQUEST + 1] = "";
    size_t request_len = 0;
    int need_read = c->net_len == 0;

    for (int i = 0; i < MAX_ITERATIONS; i++) {
        if (need_read) {
            ssize_t n = recv_more(c, cfg->io_timeout);
            if (n == 0) {
                printf("EOF without close_notify\n");
                return -1;
            }
            if (n < 0) return -1;
        }
        unsigned char *plain;
        ULONG plain_len, extra;
        SECURITY_STATUS s = decrypt_one(c, &plain, &plain_len, &extra);
        if (s == SEC_E_INCOMPLETE_MESSAGE) {
            need_read = 1;
            continue;
        }
        if (s != SEC_E_OK && s != SEC_I_RENEGOTIATE && s != SEC_I_CONTEXT_EXPIRED) {
            report("DecryptMessage", s);
            return -1;
        }
        /* Use the plaintext before the EXTRA bytes move over it. */
        if (plain_len > 0) {
            if (cfg->echo) {
                if (encrypt_send(c, plain, plain_len) != 0) return -1;
            } else {
                size_t room = MAX_HTTP_REQUEST - request_len;
                size_t take = plain_len < room ? plain_len : room;
                memcpy(request + request_len, plain, take);
                request_len += take;
                request[request_len] = 0;
            }
        }
        if (extra) keep_extra(c, extra);
        else c->net_len = 0;
        need_read = c->net_len == 0;

        if (s == SEC_I_CONTEXT_EXPIRED) {
            c->peer_closed = 1;
            return 0;
        }
        if (s == SEC_I_RENEGOTIATE) {
            if (reenter(cfg, c) != 0) return -1;
            need_read = c->net_len == 0;
        }
        if (!cfg->echo && strstr(request, "\r\n\r\n")) {
            static const char body[] = "hello from tls_server\n";
            char resp[256];
            int n = snprintf(resp, sizeof resp,
                             "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
                             "Content-Length: %zu\r\nConnection: close\r\n\r\n%s",
                             sizeof body - 1, body);
            printf("REQUEST %.*s\n", (int)strcspn(request, "\r\n"), request);
            return encrypt_send(c, resp, (size_t)n);
        }
        if (!cfg->echo && request_len == MAX_HTTP_REQUEST) {
            printf("ERROR http request too large\n");
            return -1;
        }
    }
    printf("ERROR data loop: too many iterations\n");
    return -1;
}

// Shutdown.

/* shutdown_tls sends our close_notify: ApplyControlToken(SCHANNEL_SHUTDOWN)
 * and one AcceptSecurityContext call whose output is the alert record. */
static int shutdown_tls(server_config *cfg, connection *c) {
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
    s = AcceptSecurityContext(&cfg->cred, &c->ctx, NULL, asc_flags(cfg), 0, &c->ctx, &out, &attrs,
                              NULL);
    ULONG produced = outb[0].cbBuffer;
    int sent = send_tokens(c, &out);
    if (s != SEC_E_OK && s != SEC_I_CONTEXT_EXPIRED) {
        report("AcceptSecurityContext(shutdown)", s);
        return -1;
    }
    if (produced == 0) {
        printf("ERROR AcceptSecurityContext(shutdown) produced no close_notify\n");
        return -1;
    }
    return sent;
}

/* drain closes our sending side and reads until the peer closes (bounded),
 * so that unread bytes never turn the close into a reset. */
static void drain(connection *c) {
    shutdown(c->fd, SHUT_WR);
    unsigned char junk[4096];
    for (int i = 0; i < 64; i++) {
        if (wait_readable(c->fd, 2) <= 0) break;
        if (recv(c->fd, junk, sizeof junk, 0) <= 0) break;
    }
}

static void serve_connection(server_config *cfg, int fd) {
    connection c;
    memset(&c, 0, sizeof c);
    c.fd = fd;
    SecInvalidateHandle(&c.ctx);
    c.net = malloc(NETBUF_SIZE);
    if (!c.net) {
        printf("ERROR out of memory\n");
        return;
    }

    if (handshake(cfg, &c, 1) == 0) {
        print_info(cfg, &c);
        SECURITY_STATUS s = QueryContextAttributesA(&c.ctx, SECPKG_ATTR_STREAM_SIZES, &c.sizes);
        if (s != SEC_E_OK) {
            report("QueryContextAttributesA(STREAM_SIZES)", s);
        } else {
            c.msg = malloc((size_t)c.sizes.cbHeader + c.sizes.cbMaximumMessage +
                           c.sizes.cbTrailer);
            if (c.msg && serve_data(cfg, &c) == 0 && shutdown_tls(cfg, &c) == 0)
                printf("CLOSED %s\n", c.peer_closed ? "clean" : "by server");
        }
    }
    drain(&c);
    if (c.have_ctx) DeleteSecurityContext(&c.ctx);
    free(c.msg);
    free(c.net);
}

// Setup.

static unsigned char *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    unsigned char *buf = NULL;
    size_t cap = 0;
    *len = 0;
    for (;;) {
        if (*len == cap) {
            cap = cap ? cap * 2 : 8192;
            unsigned char *nb = realloc(buf, cap);
            if (!nb) break;
            buf = nb;
        }
        size_t n = fread(buf + *len, 1, cap - *len, f);
        if (n == 0) break;
        *len += n;
    }
    fclose(f);
    return buf;
}

/* load_pfx imports a PKCS#12 file and returns its first certificate that has
 * a private key; the store stays open in cfg->pfx_store. */
static PCCERT_CONTEXT load_pfx(server_config *cfg, const char *path, const char *password) {
    size_t len;
    unsigned char *data = read_file(path, &len);
    if (!data) return NULL;
    WCHAR wpass[128];
    size_t i;
    for (i = 0; password[i] && i < 127; i++) wpass[i] = (WCHAR)(unsigned char)password[i];
    wpass[i] = 0;
    CRYPT_DATA_BLOB blob = {(DWORD)len, data};
    cfg->pfx_store = PFXImportCertStore(&blob, wpass, 0);
    free(data);
    if (!cfg->pfx_store) return NULL;
    PCCERT_CONTEXT cert = NULL;
    while ((cert = CertEnumCertificatesInStore(cfg->pfx_store, cert)) != NULL) {
        DWORD spec, cb = sizeof spec;
        if (CertGetCertificateContextProperty(cert, CERT_KEY_SPEC_PROP_ID, &spec, &cb))
            return cert; /* the enumeration's reference is ours now */
    }
    return NULL;
}

static int setup(server_config *cfg) {
    const char *pfx = getenv("PFX_FILE");
    if (pfx && *pfx) {
        cfg->cert = load_pfx(cfg, pfx, env("PFX_PASSWORD", ""));
    } else {
        const char *cert = getenv("CERT_FILE");
        if (!cert) {
            printf("ERROR CERT_FILE or PFX_FILE is required\n");
            return -1;
        }
        cfg->cert = SchLinuxLoadCertificatePemFiles(cert, getenv("KEY_FILE"), NULL);
    }
    if (!cfg->cert) {
        printf("ERROR certificate loading 0x%08x\n", (unsigned)GetLastError());
        return -1;
    }

    const char *version = env("TLS_VERSION", "any");
    TLS_PARAMETERS tp;
    memset(&tp, 0, sizeof tp);
    if (strcmp(version, "tls12") == 0) {
        tp.grbitDisabledProtocols = (DWORD)~SP_PROT_TLS1_2_SERVER;
    } else if (strcmp(version, "tls13") == 0) {
        tp.grbitDisabledProtocols = (DWORD)~SP_PROT_TLS1_3_SERVER;
    } else if (strcmp(version, "any") != 0) {
        printf("ERROR TLS_VERSION must be tls12, tls13 or any\n");
        return -1;
    }

    SCH_CREDENTIALS sc;
    memset(&sc, 0, sizeof sc);
    sc.dwVersion = SCH_CREDENTIALS_VERSION;
    sc.dwCredFormat = SCH_CRED_FORMAT_CERT_CONTEXT;
    sc.cCreds = 1;
    sc.paCred = &cfg->cert;
    sc.dwFlags = SCH_USE_STRONG_CRYPTO;
    if (atoi(env("THREAD_AFFINE", "0"))) sc.dwFlags |= SCH_CRED_LINUX_THREAD_AFFINE; /* one thread serves everything */
    if (tp.grbitDisabledProtocols) {
        sc.cTlsParameters = 1;
        sc.pTlsParameters = &tp;
    }
    TimeStamp expiry;
    SECURITY_STATUS s = AcquireCredentialsHandleA(NULL, (SEC_CHAR *)UNISP_NAME_A,
                                                  SECPKG_CRED_INBOUND, NULL, &sc, NULL, NULL,
                                                  &cfg->cred, &expiry);
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
    const char *mode = env("MODE", "echo");
    cfg->echo = strcmp(mode, "http") != 0;
    cfg->mutual = strcmp(env("MUTUAL_AUTH", "0"), "1") == 0;
    cfg->io_timeout = atoi(env("IO_TIMEOUT", "10"));
    if (cfg->io_timeout <= 0) cfg->io_timeout = 10;
    tracing = strcmp(env("TRACE", "0"), "1") == 0;
    return 0;
}

static int listen_loopback(int port) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return -1;
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons((unsigned short)port);
    socklen_t alen = sizeof a;
    if (bind(fd, (struct sockaddr *)&a, sizeof a) != 0 || listen(fd, 8) != 0 ||
        getsockname(fd, (struct sockaddr *)&a, &alen) != 0) {
        close(fd);
        return -1;
    }
    printf("PORT %d\n", ntohs(a.sin_port));
    fflush(stdout);
    return fd;
}

int main(void) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    server_config cfg;
    memset(&cfg, 0, sizeof cfg);
    int rc = 1;
    int lfd = -1;
    if (setup(&cfg) != 0) goto out;

    int connections = atoi(env("CONNECTIONS", "1"));
    lfd = listen_loopback(atoi(env("PORT", "0")));
    if (lfd < 0) {
        printf("ERROR listen errno %d\n", errno);
        goto out;
    }
    rc = 0;
    for (int i = 0; i < connections; i++) {
        /* Wait a bounded time for each client: the test drives us. */
        if (wait_readable(lfd, 3 * cfg.io_timeout) <= 0) {
            printf("ERROR accept timeout\n");
            rc = 1;
            break;
        }
        int fd = accept(lfd, NULL, NULL);
        if (fd < 0) {
            printf("ERROR accept errno %d\n", errno);
            continue;
        }
        printf("CONNECTION %d\n", i + 1);
        serve_connection(&cfg, fd);
        close(fd);
    }
out:
    if (lfd >= 0) close(lfd);
    if (cfg.have_cred) FreeCredentialsHandle(&cfg.cred);
    if (cfg.cert) CertFreeCertificateContext(cfg.cert);
    if (cfg.pfx_store) CertCloseStore(cfg.pfx_store, 0);
    return rc;
}
