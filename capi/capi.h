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

/* secur32_set_timestamp writes a FILETIME-style value into a TimeStamp
 * (a LARGE_INTEGER union, which cgo cannot assign directly). */
static inline void secur32_set_timestamp(PTimeStamp ts, int64_t v) {
    if (ts) { ts->QuadPart = v; }
}
#endif
