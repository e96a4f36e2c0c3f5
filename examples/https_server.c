/*
 * https_server.c - a small HTTPS/1.1 server written against Windows SSPI. GET /
 * answers with an HTML page that shows what the TLS handshake negotiated:
 * protocol, cipher suite, key exchange group, ALPN protocol and whether the
 * session was resumed, read with QueryContextAttributesA
 * (SECPKG_ATTR_CONNECTION_INFO, SECPKG_ATTR_CIPHER_INFO,
 * SECPKG_ATTR_APPLICATION_PROTOCOL, SECPKG_ATTR_SESSION_INFO). The same
 * facts go to stderr, one line per connection.
 *
 * It has the event-loop shape of echo_server.c, and the SSPI connection code
 * of sspi_conn.c. Each connection serves one request ("Connection: close"):
 * the response, then the server's close_notify (ApplyControlToken +
 * AcceptSecurityContext), so a client that fetches twice opens a second
 * connection and can resume its TLS session.
 *
 * Porting from Windows:
 *   What changes: link with -lsecur32 (pkg-config secur32) instead of
 *   secur32.lib; POSIX sockets and poll() instead of Winsock and WSAPoll;
 *   the certificate comes from a .pfx file through PFXImportCertStore (--pfx)
 *   or from PEM files through the Linux extension
 *   SchLinuxLoadCertificatePemFiles (--cert, --key) instead of the "MY"
 *   system store.
 *   What does not: every SSPI call, buffer layout and status code, and the
 *   attribute structs the page is built from.
 *
 * Usage:
 *   https_server --port 0 --cert cert.pem --key key.pem [--alpn http/1.1] [--max-requests N]
 * With --port 0 it prints "PORT n" on stdout. With --max-requests N it stops
 * accepting after N requests have been answered and exits once the open
 * connections are closed (status 0 if no SSPI call failed). ALPN defaults to
 * "http/1.1". Try: curl -vk https://localhost:PORT/
 */
#define _POSIX_C_SOURCE 200809L

#include "sspi_conn.h"

#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_CLIENTS 256
#define MAX_REQUEST_HEAD 16384

/* http_conn is the application state of one connection. */
struct http_conn {
    struct tls_info info; /* filled when the handshake completes */
    int answered;         /* the one request has been answered */
};

static long requests_served;

static void on_established(struct tls_conn *c)
{
    struct http_conn *h = c->app;
    tls_describe(&c->ctx, &h->info);
    fprintf(stderr, "https_server: %s: %s, %s, group %s, ALPN %s, resumed %s\n", c->peer, h->info.protocol,
            h->info.cipher, h->info.group, h->info.alpn, h->info.resumed);
}

/* html_escape appends `s` to `out` with &, <, > and " escaped. */
static void html_escape(char *out, size_t size, const char *s)
{
    size_t n = strlen(out);
    for (; *s != '\0' && n + 7 < size; s++) {
        const char *rep = *s == '&' ? "&amp;" : *s == '<' ? "&lt;" : *s == '>' ? "&gt;" : *s == '"' ? "&quot;" : NULL;
        if (rep != NULL) {
            n += (size_t)snprintf(out + n, size - n, "%s", rep);
        } else {
            out[n++] = *s;
        }
    }
    out[n] = '\0';
}

static void page_row(char *page, size_t size, const char *name, const char *value)
{
    size_t n = strlen(page);
    snprintf(page + n, size - n, "<tr><th>%s</th><td>", name);
    html_escape(page, size, value);
    n = strlen(page);
    snprintf(page + n, size - n, "</td></tr>\n");
}

/* respond queues one HTTP response, then our close_notify. */
static void respond(struct tls_conn *c, const char *status, const char *type, const char *body)
{
    char head[256];
    int n = snprintf(head, sizeof head,
                     "HTTP/1.1 %s\r\n"
                     "Content-Type: %s\r\n"
                     "Content-Length: %zu\r\n"
                     "Connection: close\r\n"
                     "\r\n",
                     status, type, strlen(body));
    if (tls_conn_write(c, head, (size_t)n) && tls_conn_write(c, body, strlen(body))) {
        requests_served++;
    }
    tls_conn_shutdown(c);
}

/* find_head_end returns the blank line that ends a request head, or NULL. */
static char *find_head_end(unsigned char *p, size_t len)
{
    for (size_t i = 0; i + 4 <= len; i++) {
        if (memcmp(p + i, "\r\n\r\n", 4) == 0) {
            return (char *)p + i;
        }
    }
    return NULL;
}

/* serve answers the request once its head has arrived. */
static void serve(struct tls_conn *c)
{
    struct http_conn *h = c->app;
    if (h->answered || c->state != CONN_OPEN) {
        c->plain.len = 0;
        return;
    }
    char *end = find_head_end(c->plain.data, c->plain.len);
    if (end == NULL) {
        if (c->plain.len > MAX_REQUEST_HEAD) {
            h->answered = 1;
            respond(c, "431 Request Header Fields Too Large", "text/plain", "request too large\n");
        } else if (c->peer_closed) {
            tls_conn_shutdown(c); /* the client gave up before finishing its request */
        }
        return;
    }
    h->answered = 1;

    char method[16] = "", path[1024] = "";
    *end = '\0';
    if (sscanf((const char *)c->plain.data, "%15s %1023s", method, path) != 2) {
        respond(c, "400 Bad Request", "text/plain", "bad request\n");
    } else if (strcmp(method, "GET") != 0) {
        respond(c, "405 Method Not Allowed", "text/plain", "only GET is supported\n");
    } else if (strcmp(path, "/") != 0) {
        respond(c, "404 Not Found", "text/plain", "not found\n");
    } else {
        char page[4096];
        snprintf(page, sizeof page,
                 "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>libsecur32 https_server</title>"
                 "</head>\n<body>\n<h1>Hello over Schannel SSPI on Linux</h1>\n"
                 "<p>This page was sent by examples/https_server.c through EncryptMessage.</p>\n<table>\n");
        page_row(page, sizeof page, "Client", c->peer);
        page_row(page, sizeof page, "Protocol", h->info.protocol);
        page_row(page, sizeof page, "Cipher suite", h->info.cipher);
        page_row(page, sizeof page, "Key exchange group", h->info.group);
        page_row(page, sizeof page, "ALPN", h->info.alpn);
        page_row(page, sizeof page, "Resumed", h->info.resumed);
        size_t n = strlen(page);
        snprintf(page + n, sizeof page - n, "</table>\n</body></html>\n");
        respond(c, "200 OK", "text/html; charset=utf-8", page);
    }
    c->plain.len = 0;
}

int main(int argc, char **argv)
{
    struct server_options opt;
    if (!server_options_parse(&opt, argc, argv)) {
        return 2;
    }
    if (opt.alpn == NULL) {
        opt.alpn = "http/1.1";
    }
    struct tls_server server;
    if (!tls_server_init(&server, &opt, "https_server")) {
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
    fprintf(stderr, "https_server: listening on https://%s:%d/\n", opt.bind, port);

    static struct tls_conn conns[MAX_CLIENTS];
    struct pollfd fds[MAX_CLIENTS + 1];
    int nconns = 0;
    int failures = 0;

    while (listener >= 0 || nconns > 0) {
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
            serve(c);
            if (c->out.len > 0) {
                tls_conn_flush(c);
            }
            tls_conn_tick(c, now);
        }

        for (int i = 0; i < nconns;) {
            if (conns[i].state == CONN_CLOSED) {
                failures += conns[i].failed;
                free(conns[i].app);
                tls_conn_free(&conns[i]);
                conns[i] = conns[--nconns];
            } else {
                i++;
            }
        }

        if (opt.max_requests > 0 && requests_served >= opt.max_requests && listener >= 0) {
            close(listener); /* answered enough: finish the open connections, then exit */
            listener = -1;
            continue;
        }
        if (fds[0].fd >= 0 && (fds[0].revents & POLLIN)) {
            char peer[64];
            int fd;
            while (nconns < MAX_CLIENTS && (fd = accept_nonblocking(listener, peer, sizeof peer)) >= 0) {
                struct http_conn *h = calloc(1, sizeof *h);
                if (h == NULL) {
                    close(fd);
                    break;
                }
                tls_conn_init(&conns[nconns], &server, fd, peer);
                conns[nconns++].app = h;
            }
        }
    }

    if (listener >= 0) {
        close(listener);
    }
    fprintf(stderr, "https_server: %ld request(s) served, exiting\n", requests_served);
    tls_server_free(&server);
    return failures > 0 ? 1 : 0;
}
