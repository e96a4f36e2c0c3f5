/*
 * echo_server.c - a multi-client TLS echo server written against Windows
 * SSPI: one poll() loop, non-blocking sockets, one Schannel security context
 * per connection. Whatever a client sends comes back to it; when the client
 * sends close_notify the server answers with its own and closes.
 *
 * The SSPI work is in sspi_conn.c, shared with https_server.c: the
 * AcceptSecurityContext loop (SEC_E_INCOMPLETE_MESSAGE, SECBUFFER_EXTRA, ALPN
 * in the first call, caller-supplied output buffers of cbMaxToken bytes),
 * SECPKG_ATTR_STREAM_SIZES, DecryptMessage (one record per call,
 * SEC_I_CONTEXT_EXPIRED, SEC_I_RENEGOTIATE), EncryptMessage and
 * ApplyControlToken(SCHANNEL_SHUTDOWN). This file is the event loop: it asks
 * each connection what it waits for, and lets it read, echo and flush.
 *
 * Porting from Windows:
 *   What changes: link with -lsecur32 (pkg-config secur32) instead of
 *   secur32.lib; POSIX sockets and poll() instead of Winsock and WSAPoll
 *   (no WSAStartup, close() instead of closesocket(), errno instead of
 *   WSAGetLastError()); the certificate comes from a .pfx file through
 *   PFXImportCertStore (--pfx, also what Windows code does) or from PEM files
 *   through the Linux extension SchLinuxLoadCertificatePemFiles (--cert and
 *   --key) instead of a system certificate store such as "MY".
 *   What does not: every SSPI call (AcquireCredentialsHandleA with
 *   SCH_CREDENTIALS, AcceptSecurityContext, QueryContextAttributesA,
 *   EncryptMessage, DecryptMessage, ApplyControlToken, DeleteSecurityContext,
 *   FreeCredentialsHandle), its buffers and its status codes.
 *
 * Usage:
 *   echo_server --port 0 --cert cert.pem --key key.pem [--alpn echo,x] [--max-conns N]
 *   echo_server --port 4433 --pfx server.pfx --password secret
 * With --port 0 the kernel picks a port and the server prints "PORT n" on
 * stdout. With --max-conns N it stops accepting after N connections and
 * exits once they are closed: status 0 if no SSPI call failed, 1 otherwise.
 * Try it with: openssl s_client -connect 127.0.0.1:PORT
 */
#define _POSIX_C_SOURCE 200809L

#include "sspi_conn.h"

#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#define MAX_CLIENTS 256

/* on_established logs what each handshake negotiated, one line. */
static void on_established(struct tls_conn *c)
{
    struct tls_info info;
    tls_describe(&c->ctx, &info);
    fprintf(stderr, "echo_server: %s: %s, %s, group %s, ALPN %s, resumed %s\n", c->peer, info.protocol,
            info.cipher, info.group, info.alpn, info.resumed);
}

/* echo sends back everything decrypted so far, and answers the client's
 * close_notify with ours once the data before it has been echoed. */
static void echo(struct tls_conn *c)
{
    if (c->plain.len > 0) {
        tls_conn_write(c, c->plain.data, c->plain.len);
        c->plain.len = 0;
    }
    if (c->peer_closed) {
        tls_conn_shutdown(c);
    }
}

int main(int argc, char **argv)
{
    struct server_options opt;
    if (!server_options_parse(&opt, argc, argv)) {
        return 2;
    }
    struct tls_server server;
    if (!tls_server_init(&server, &opt, "echo_server")) {
        tls_server_free(&server);
        return 1;
    }
    server.on_established = on_established;

    int port = opt.port;
    int listener = listen_tcp(opt.bind, &port);
    if (listener < 0) {
        tls_server_free(&server);
        return 1;
    }
    if (opt.port == 0) {
        printf("PORT %d\n", port);
        fflush(stdout);
    }
    fprintf(stderr, "echo_server: listening on %s:%d\n", opt.bind, port);

    static struct tls_conn conns[MAX_CLIENTS];
    struct pollfd fds[MAX_CLIENTS + 1];
    int nconns = 0;
    long accepted = 0;
    int failures = 0;

    while (listener >= 0 || nconns > 0) {
        /* fds[0] is the listener (fd -1 makes poll skip it), then one entry
         * per connection with the events it waits for. */
        fds[0].fd = nconns < MAX_CLIENTS ? listener : -1;
        fds[0].events = POLLIN;
        for (int i = 0; i < nconns; i++) {
            fds[i + 1].fd = conns[i].fd;
            fds[i + 1].events = tls_conn_events(&conns[i]);
        }
        if (poll(fds, (nfds_t)nconns + 1, 1000) < 0) {
            perror("poll");
            break;
        }

        long long now = now_ms();
        for (int i = 0; i < nconns; i++) {
            struct tls_conn *c = &conns[i];
            if (fds[i + 1].revents & (POLLIN | POLLHUP | POLLERR)) {
                tls_conn_read(c);
            }
            echo(c);
            if (c->out.len > 0) {
                tls_conn_flush(c); /* what does not fit waits for POLLOUT */
            }
            tls_conn_tick(c, now);
        }

        /* Drop closed connections (keeping the array dense). */
        for (int i = 0; i < nconns;) {
            if (conns[i].state == CONN_CLOSED) {
                failures += conns[i].failed;
                tls_conn_free(&conns[i]);
                conns[i] = conns[--nconns];
            } else {
                i++;
            }
        }

        if (fds[0].fd >= 0 && (fds[0].revents & POLLIN)) {
            char peer[64];
            int fd;
            while (nconns < MAX_CLIENTS && (fd = accept_nonblocking(listener, peer, sizeof peer)) >= 0) {
                tls_conn_init(&conns[nconns++], &server, fd, peer);
                if (opt.max_conns > 0 && ++accepted >= opt.max_conns) {
                    close(listener); /* served enough: finish the open connections, then exit */
                    listener = -1;
                    break;
                }
            }
        }
    }

    if (listener >= 0) {
        close(listener);
    }
    tls_server_free(&server);
    return failures > 0 ? 1 : 0;
}
