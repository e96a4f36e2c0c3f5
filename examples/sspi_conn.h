/*
 * sspi_conn.h - the server side of one TLS connection, driven by Schannel
 * SSPI calls over a non-blocking socket. Shared by examples/echo_server.c and
 * examples/https_server.c, which add the poll() loop and the application.
 *
 * Everything here is ordinary Windows SSPI code; sspi_conn.c is where the
 * calls are (AcquireCredentialsHandleA, AcceptSecurityContext,
 * DecryptMessage, EncryptMessage, ApplyControlToken, QueryContextAttributesA)
 * and its comments explain each status a server has to handle.
 *
 * A connection only moves bytes between its socket and three buffers:
 *
 *   socket --recv--> in (ciphertext) --AcceptSecurityContext / DecryptMessage--> plain
 *   the application reads `plain`, answers with tls_conn_write()
 *   tls_conn_write --EncryptMessage--> out (ciphertext) --send--> socket
 *
 * so the event loop only needs tls_conn_events() for poll(), then
 * tls_conn_read() / tls_conn_flush() when the socket is ready.
 */
#ifndef SSPI_EXAMPLES_SSPI_CONN_H
#define SSPI_EXAMPLES_SSPI_CONN_H

#define SECURITY_WIN32
#include <windows.h>
#include <security.h>
#include <schannel.h>

#include <stddef.h>

struct tls_conn;

/* server_options is what both servers are configured with. Every option can
 * come from the command line or, when absent there, from the environment. */
struct server_options {
    const char *bind;         /* --bind / SSPI_BIND: IPv4 address, default 127.0.0.1 */
    int port;                 /* --port / SSPI_PORT; 0 picks one and prints "PORT n" */
    const char *cert_file;    /* --cert / SSPI_CERT: PEM certificate chain */
    const char *key_file;     /* --key / SSPI_KEY: PEM private key */
    const char *pfx_file;     /* --pfx / SSPI_PFX: PKCS#12 file instead of PEM */
    const char *pfx_password; /* --password / SSPI_PFX_PASSWORD */
    const char *alpn;         /* --alpn / SSPI_ALPN: e.g. "h2,http/1.1"; NULL for none */
    long max_conns;           /* --max-conns / SSPI_MAX_CONNS: exit after this many, 0 = never */
    long max_requests;        /* --max-requests / SSPI_MAX_REQUESTS (https_server) */
};

/* server_options_parse fills `o` from argv and the environment. It prints a
 * usage message and returns 0 when the arguments are wrong. */
int server_options_parse(struct server_options *o, int argc, char **argv);

/* tls_server is the state shared by every connection of a server. */
struct tls_server {
    CredHandle cred;               /* the inbound Schannel credential */
    PCCERT_CONTEXT cert;           /* its certificate, with the private key */
    HCERTSTORE store;              /* the PFX store the certificate came from, or NULL */
    unsigned char alpn[256];       /* SEC_APPLICATION_PROTOCOLS for the first ASC call */
    ULONG alpn_len;                /* 0: no ALPN */
    unsigned char *token;          /* output buffer for AcceptSecurityContext, */
    ULONG token_size;              /*   cbMaxToken bytes (grown on BUFFER_TOO_SMALL) */
    const char *name;              /* program name for log lines */
    void (*on_established)(struct tls_conn *c); /* called once per handshake */
};

/* tls_server_init loads the certificate, acquires the credential and builds
 * the ALPN buffer. Returns 0 (after printing why) on failure. */
int tls_server_init(struct tls_server *s, const struct server_options *o, const char *name);
void tls_server_free(struct tls_server *s);

/* A growable byte buffer: data[0..len) is in use. */
struct bytes {
    unsigned char *data;
    size_t len, cap;
};

enum tls_conn_state {
    CONN_HANDSHAKE, /* AcceptSecurityContext loop */
    CONN_OPEN,      /* application data both ways */
    CONN_CLOSING,   /* our close_notify is queued in `out` */
    CONN_DRAINING,  /* close_notify sent, write side shut: wait for the peer to close */
    CONN_CLOSED     /* close the socket and free the connection */
};

struct tls_conn {
    int fd;
    char peer[64];              /* "127.0.0.1:54321", for log lines */
    struct tls_server *server;
    CtxtHandle ctx;             /* SecIsValidHandle once ASC created it */
    enum tls_conn_state state;
    SecPkgContext_StreamSizes sizes; /* queried once, when the handshake completes */
    struct bytes in;            /* ciphertext received and not yet processed */
    struct bytes out;           /* ciphertext waiting for the socket */
    struct bytes plain;         /* decrypted data the application has not read */
    int peer_closed;            /* the peer sent close_notify (or closed the socket) */
    int failed;                 /* an SSPI call failed on this connection */
    long long deadline_ms;      /* CONN_DRAINING: give up waiting at this time */
    void *app;                  /* the application's per-connection state */
};

/* tls_conn_init takes ownership of the connected, non-blocking socket `fd`. */
void tls_conn_init(struct tls_conn *c, struct tls_server *s, int fd, const char *peer);

/* tls_conn_events returns the poll() events the connection waits for. */
short tls_conn_events(const struct tls_conn *c);

/* tls_conn_read receives what the socket has and runs the handshake or
 * decrypts; new plaintext is appended to c->plain. */
void tls_conn_read(struct tls_conn *c);

/* tls_conn_flush sends as much of c->out as the socket takes. */
void tls_conn_flush(struct tls_conn *c);

/* tls_conn_write encrypts `len` bytes into c->out (as many records as
 * needed). Returns 0 if the connection cannot send any more. */
int tls_conn_write(struct tls_conn *c, const void *data, size_t len);

/* tls_conn_shutdown queues our close_notify; the connection closes once it
 * has been sent. */
void tls_conn_shutdown(struct tls_conn *c);

/* tls_conn_tick closes a connection that has waited too long for its peer. */
void tls_conn_tick(struct tls_conn *c, long long now_ms);

/* tls_conn_free deletes the security context and closes the socket. */
void tls_conn_free(struct tls_conn *c);

/* tls_info is what a handshake negotiated, as text. */
struct tls_info {
    char protocol[32]; /* "TLS 1.3" */
    char cipher[80];   /* "TLS_AES_128_GCM_SHA256" */
    char group[40];    /* "x25519", or "unknown" */
    char alpn[256];    /* "http/1.1", or "none" */
    char resumed[16];  /* "yes", "no" or "unknown" */
};

/* tls_describe fills `info` with QueryContextAttributesA. Attributes the
 * library does not answer (SEC_E_UNSUPPORTED_FUNCTION) give "unknown". */
void tls_describe(PCtxtHandle ctx, struct tls_info *info);

/* status_name returns "SEC_E_INCOMPLETE_MESSAGE" etc., or "unknown status". */
const char *status_name(SECURITY_STATUS st);

/* now_ms is a monotonic clock in milliseconds. */
long long now_ms(void);

/* listen_tcp binds address:port (port 0: the kernel picks one), listens,
 * makes the socket non-blocking and stores the port actually bound.
 * Returns the socket or -1. */
int listen_tcp(const char *address, int *port);

/* accept_nonblocking accepts one connection, makes it non-blocking and
 * writes "address:port" into `peer`. Returns -1 when there is none. */
int accept_nonblocking(int listener, char *peer, size_t peer_size);

#endif
