/*
 * tls_common.h - helpers shared by the interop test programs tls_client.c
 * and tls_server.c (included once by each; not a library): status
 * reporting, environment options, blocking socket I/O with timeouts and the
 * SECBUFFER_APPLICATION_PROTOCOLS builder, and sending application data.
 * The including file defines MAX_ITERATIONS, status_name and its
 * `connection` type (with ctx, fd, sizes and msg) first.
 */
#ifndef SECUR32_CTEST_TLS_COMMON_H
#define SECUR32_CTEST_TLS_COMMON_H

static void report(const char *call, SECURITY_STATUS s) {
    printf("ERROR %s 0x%08x %s\n", call, (unsigned)s, status_name(s));
}

static const char *env(const char *name, const char *def) {
    const char *v = getenv(name);
    return v && *v ? v : def;
}

/* wait_readable waits up to `seconds`; 1 ready, 0 timeout, -1 error. */
static int wait_readable(int fd, int seconds) {
    struct pollfd p = {.fd = fd, .events = POLLIN};
    int r;
    do {
        r = poll(&p, 1, seconds * 1000);
    } while (r < 0 && errno == EINTR);
    return r;
}

static int send_all(int fd, const void *p, size_t n) {
    const unsigned char *b = p;
    for (int i = 0; n > 0 && i < MAX_ITERATIONS; i++) {
        ssize_t w = send(fd, b, n, MSG_NOSIGNAL);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) {
            printf("ERROR send errno %d\n", errno);
            return -1;
        }
        b += w;
        n -= (size_t)w;
    }
    return n == 0 ? 0 : -1;
}

/* build_alpn turns "h2,http/1.1" into a SEC_APPLICATION_PROTOCOLS buffer
 * (byte offsets as documented in sspi.h). Returns its size, 0 on error. */
static ULONG build_alpn(const char *list, unsigned char *buf, size_t cap) {
    size_t pos = 10;
    const char *p = list;
    while (*p) {
        size_t n = strcspn(p, ",");
        if (n == 0 || n > 255 || pos + 1 + n > cap) return 0;
        buf[pos++] = (unsigned char)n;
        memcpy(buf + pos, p, n);
        pos += n;
        p += n;
        if (*p == ',') p++;
    }
    ULONG lists = (ULONG)(pos - 4);
    USHORT names = (USHORT)(pos - 10);
    DWORD ext = SecApplicationProtocolNegotiationExt_ALPN;
    memcpy(buf, &lists, 4);
    memcpy(buf + 4, &ext, 4);
    memcpy(buf + 8, &names, 2);
    return (ULONG)pos;
}

/* encrypt_send sends `n` plaintext bytes as one or more records: header,
 * data and trailer contiguous in c->msg, as STREAM_SIZES lays them out. */
static int encrypt_send(connection *c, const void *p, size_t n) {
    const unsigned char *b = p;
    for (int i = 0; n > 0 && i < MAX_ITERATIONS; i++) {
        size_t chunk = n < c->sizes.cbMaximumMessage ? n : c->sizes.cbMaximumMessage;
        memcpy(c->msg + c->sizes.cbHeader, b, chunk);
        SecBuffer mb[4] = {
            {c->sizes.cbHeader, SECBUFFER_STREAM_HEADER, c->msg},
            {(ULONG)chunk, SECBUFFER_DATA, c->msg + c->sizes.cbHeader},
            {c->sizes.cbTrailer, SECBUFFER_STREAM_TRAILER, c->msg + c->sizes.cbHeader + chunk},
            {0, SECBUFFER_EMPTY, NULL},
        };
        SecBufferDesc m = {SECBUFFER_VERSION, 4, mb};
        SECURITY_STATUS s = EncryptMessage(&c->ctx, 0, &m, 0);
        if (s != SEC_E_OK) {
            report("EncryptMessage", s);
            return -1;
        }
        if (send_all(c->fd, c->msg, (size_t)mb[0].cbBuffer + mb[1].cbBuffer + mb[2].cbBuffer) != 0)
            return -1;
        b += chunk;
        n -= chunk;
    }
    return 0;
}

#endif
