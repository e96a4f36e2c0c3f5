/*
 * bench.h - helpers shared by the C benchmark programs (sspi_bench.c over
 * libsecur32.so, openssl_bench.c over libssl): clocks, growable byte
 * buffers, run-length settings (full run or smoke run) and RSS.
 *
 * Every program prints one JSON object per line on stdout (JSON Lines);
 * bench/report.py assembles them. Diagnostics go to stderr.
 */
#ifndef SECUR32_BENCH_H
#define SECUR32_BENCH_H

#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* Process CPU time (all threads), in seconds. */
static inline double cpu_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Monotonic wall-clock time, in seconds. */
static inline double wall_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Monotonic wall-clock time, in nanoseconds. */
static inline uint64_t wall_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* Resident set size from /proc/self/statm, in bytes. */
static inline long rss_bytes(void) {
    long size = 0, resident = 0;
    FILE *f = fopen("/proc/self/statm", "r");
    if (!f) return -1;
    if (fscanf(f, "%ld %ld", &size, &resident) != 2) resident = -1;
    fclose(f);
    return resident < 0 ? -1 : resident * sysconf(_SC_PAGESIZE);
}

static inline void die(const char *what) {
    fprintf(stderr, "bench: %s\n", what);
    exit(1);
}

/* A growable byte queue: bytes are appended at the end and consumed from
 * the front (the "network" between the two sides of an in-memory pair). */
typedef struct {
    unsigned char *p;
    size_t off, len, cap; /* live bytes are p[off .. off+len) */
} bq;

static inline void bq_append(bq *b, const void *src, size_t n) {
    if (b->off + b->len + n > b->cap) {
        if (b->off) { /* compact first */
            memmove(b->p, b->p + b->off, b->len);
            b->off = 0;
        }
        if (b->len + n > b->cap) {
            b->cap = (b->len + n) * 2 + 4096;
            b->p = realloc(b->p, b->cap);
            if (!b->p) die("out of memory");
        }
    }
    if (n) memcpy(b->p + b->off + b->len, src, n);
    b->len += n;
}

static inline void bq_consume(bq *b, size_t n) {
    b->off += n;
    b->len -= n;
    if (b->len == 0) b->off = 0;
}

static inline unsigned char *bq_data(bq *b) { return b->p + b->off; }

/* Rounds last a given amount of process CPU time (not wall time: on a
 * shared machine a round that is starved of CPU still does the same amount
 * of work), up to ROUND_WALL_CAP times that in wall time. */
#define ROUND_WALL_CAP 20

/* Run-length settings: BENCH_SMOKE=1 makes every loop tiny (CI smoke run,
 * no thresholds); BENCH_ROUNDS and BENCH_ROUND_SECONDS override. */
typedef struct {
    int smoke;
    int rounds;          /* measured rounds per cell (median taken by report.py) */
    double round_s;      /* process CPU time of one handshake round */
    double rec_round_s;  /* process CPU time of one record round */
    int mem_contexts;    /* idle contexts for the memory measurement */
    double scale_s;      /* wall time per thread count in the scaling test */
} bench_settings;

static inline bench_settings settings(void) {
    bench_settings s;
    const char *e = getenv("BENCH_SMOKE");
    s.smoke = e && *e && strcmp(e, "0") != 0;
    s.rounds = s.smoke ? 1 : 5;
    s.round_s = s.smoke ? 0.01 : 0.25;
    s.rec_round_s = s.smoke ? 0.005 : 0.15;
    s.mem_contexts = s.smoke ? 100 : 10000;
    s.scale_s = s.smoke ? 0.05 : 2.0;
    if ((e = getenv("BENCH_ROUNDS")) && atoi(e) > 0) s.rounds = atoi(e);
    if ((e = getenv("BENCH_ROUND_SECONDS")) && atof(e) > 0) s.round_s = atof(e);
    if ((e = getenv("BENCH_MEM_CONTEXTS")) && atoi(e) > 0) s.mem_contexts = atoi(e);
    return s;
}

/* JSON string value of an environment variable, or null. */
static inline void json_env(FILE *f, const char *name) {
    const char *v = getenv(name);
    if (!v) {
        fputs("null", f);
        return;
    }
    fputc('"', f);
    for (; *v; v++) {
        if (*v == '"' || *v == '\\') fputc('\\', f);
        if ((unsigned char)*v >= 0x20) fputc(*v, f);
    }
    fputc('"', f);
}

/* Record sizes measured: 16 KiB, 1 KiB and 64 bytes of plaintext. */
static const int rec_sizes[3] = {16384, 1024, 64};

/* Messages per batch for a record size: about 1 MiB of plaintext (64 KiB
 * in a smoke run). */
static inline int rec_batch(int size, int smoke) {
    int k = (smoke ? 1 << 16 : 1 << 20) / size;
    return k < 1 ? 1 : k;
}

/* Named groups by TLS code point. */
static inline const char *group_name(unsigned id) {
    switch (id) {
    case 0x0017: return "P-256";
    case 0x0018: return "P-384";
    case 0x0019: return "P-521";
    case 0x001d: return "X25519";
    case 0x001e: return "X448";
    case 0x11eb: return "SecP256r1MLKEM768";
    case 0x11ec: return "X25519MLKEM768";
    case 0x11ed: return "SecP384r1MLKEM1024";
    }
    return "unknown";
}

#endif
