/* capi.h - private header shared by the cgo files of capi/: the public
 * headers plus the declarations of the C shims. Not installed. */
#ifndef SECUR32_CAPI_H
#define SECUR32_CAPI_H
#define SECURITY_WIN32
#include <stdlib.h>
#include <string.h>
#include "windows.h"
#include "sspi.h"
#include "schannel.h"
#include "wincrypt.h"
#include "schannel_linux.h"

/* secur32_alloc returns `n` zeroed bytes of caller-owned memory (released
 * with FreeContextBuffer) and counts them, so tests can check that nothing
 * the library hands out leaks. secur32_live_allocs returns the count. */
void *secur32_alloc(size_t n);
long secur32_live_allocs(void);

/* secur32_thread_token returns a number unique to the calling thread for
 * the life of the process (never reused after the thread exits). The Go
 * runtime keeps one M per C thread that calls in, so the token also names
 * that M: SCH_CRED_LINUX_THREAD_AFFINE handshakes may only be resumed on
 * the token that started them (engine/driver.go). */
uint64_t secur32_thread_token(void);

/* secur32_alloc_pkginfo returns `count` SecPkgInfoA (wide == 0) or
 * SecPkgInfoW entries of the package names starting at index `first`
 * ("Schannel" is 0) in one allocation released with FreeContextBuffer, or
 * NULL when out of memory. */
void *secur32_alloc_pkginfo(size_t first, size_t count, int wide);

/* secur32_cert_encoded reads the encoded bytes of a CERT_CONTEXT the caller
 * built itself, given its address as an integer. */
static inline void secur32_cert_encoded(uintptr_t p, BYTE **pb, DWORD *cb) {
    const CERT_CONTEXT *c = (const CERT_CONTEXT *)p;
    *pb = c->pbCertEncoded;
    *cb = c->cbCertEncoded;
}

/* secur32_set_timestamp writes a FILETIME-style value into a TimeStamp
 * (a LARGE_INTEGER union, which cgo cannot assign directly). */
static inline void secur32_set_timestamp(PTimeStamp ts, int64_t v) {
    if (ts) { ts->QuadPart = v; }
}
#endif
