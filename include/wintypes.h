/*
 * wintypes.h - the Windows base types the SSPI, Schannel and crypt32 headers
 * of libsecur32 need, with the Windows x64 (LLP64) widths on LP64 Linux.
 *
 * ULONG, DWORD, LONG, BOOL and HRESULT are 32-bit here as on Windows (never
 * C `long`); ULONG_PTR is pointer-sized; WCHAR is a UTF-16 code unit
 * (uint16_t, not the 32-bit Linux wchar_t). Include <windows.h> (ours) or
 * this file first; every other header of the library includes it itself.
 *
 * Differences from Windows: only the subset of <windows.h> that a TLS server
 * needs is declared. Calling convention macros (WINAPI, SEC_ENTRY) are empty:
 * the library uses the native System V ABI.
 */
#ifndef SECUR32_WINTYPES_H
#define SECUR32_WINTYPES_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#ifndef WINAPI
#define WINAPI
#endif
#ifndef CALLBACK
#define CALLBACK
#endif
#ifndef __stdcall
#define __stdcall
#endif
#ifndef CONST
#define CONST const
#endif
#ifndef VOID
#define VOID void
#endif
#ifndef IN
#define IN
#endif
#ifndef OUT
#define OUT
#endif
#ifndef OPTIONAL
#define OPTIONAL
#endif
#ifndef ANYSIZE_ARRAY
#define ANYSIZE_ARRAY 1
#endif

#ifndef SECUR32_BASETYPES_DEFINED
#define SECUR32_BASETYPES_DEFINED
typedef uint8_t BYTE, *PBYTE, *LPBYTE;
typedef uint8_t UCHAR, *PUCHAR;
typedef uint8_t BOOLEAN, *PBOOLEAN;
typedef char CHAR, *PCHAR;
typedef uint16_t WORD, *PWORD, *LPWORD;
typedef uint16_t USHORT, *PUSHORT;
typedef int16_t SHORT;
typedef uint32_t DWORD, *PDWORD, *LPDWORD;
typedef uint32_t ULONG, *PULONG;
typedef uint32_t UINT, *PUINT;
typedef int32_t LONG, *PLONG;
typedef int32_t INT;
typedef int32_t BOOL, *PBOOL, *LPBOOL;
typedef int32_t HRESULT;
typedef int64_t LONGLONG;
typedef uint64_t ULONGLONG;
typedef uint64_t DWORDLONG;
typedef uintptr_t ULONG_PTR, *PULONG_PTR;
typedef uintptr_t DWORD_PTR;
typedef intptr_t LONG_PTR;
typedef size_t SIZE_T;
typedef void *PVOID, *LPVOID, *HANDLE;
typedef const void *LPCVOID;
typedef uint16_t WCHAR, *PWCHAR, *LPWSTR, *PWSTR;
typedef const uint16_t *LPCWSTR, *PCWSTR;
typedef char *LPSTR, *PSTR;
typedef const char *LPCSTR, *PCSTR;
#ifdef UNICODE
typedef WCHAR TCHAR;
typedef LPWSTR LPTSTR;
typedef LPCWSTR LPCTSTR;
#else
typedef char TCHAR;
typedef LPSTR LPTSTR;
typedef LPCSTR LPCTSTR;
#endif

/* FILETIME: 100-ns ticks since 1601-01-01 UTC, split in two 32-bit halves. */
typedef struct _FILETIME {
    DWORD dwLowDateTime;
    DWORD dwHighDateTime;
} FILETIME, *PFILETIME, *LPFILETIME;

typedef union _LARGE_INTEGER {
    struct {
        DWORD LowPart;
        LONG HighPart;
    } u;
    LONGLONG QuadPart;
} LARGE_INTEGER, *PLARGE_INTEGER;

typedef struct _GUID {
    uint32_t Data1;
    uint16_t Data2;
    uint16_t Data3;
    uint8_t Data4[8];
} GUID;

/* UNICODE_STRING: Length and MaximumLength count bytes, not characters. */
typedef struct _UNICODE_STRING {
    USHORT Length;
    USHORT MaximumLength;
    PWSTR Buffer;
} UNICODE_STRING, *PUNICODE_STRING;
#endif /* SECUR32_BASETYPES_DEFINED */

#ifndef TRUE
#define TRUE 1
#endif
#ifndef SUCCEEDED
#define SUCCEEDED(hr) (((HRESULT)(hr)) >= 0)
#endif
#ifndef FAILED
#define FAILED(hr) (((HRESULT)(hr)) < 0)
#endif
#ifndef FALSE
#define FALSE 0
#endif

/* Win32 error codes the library reports through GetLastError. */
#ifndef ERROR_SUCCESS
#define ERROR_SUCCESS 0L
#endif
#define ERROR_FILE_NOT_FOUND 2L
#define ERROR_NOT_ENOUGH_MEMORY 8L
#define ERROR_INVALID_DATA 13L
#define ERROR_NO_MORE_FILES 18L
#define ERROR_INVALID_PARAMETER 87L
#define ERROR_INVALID_PASSWORD 86L
#define ERROR_MORE_DATA 234L
#define ERROR_INVALID_HANDLE 6L

// GetLastError returns the calling thread's last-error code, set by the
// crypt32 functions of this library that report failure through it (their
// comments say which). SetLastError sets it. Thread-local, as on Windows.
DWORD GetLastError(void);
void SetLastError(DWORD dwErrCode);

#ifdef __cplusplus
}
#endif

#endif /* SECUR32_WINTYPES_H */
