/*
 * sspi.h - the Security Support Provider Interface (SSPI) of libsecur32, a
 * Linux re-implementation of the Windows Schannel security package.
 *
 * The declarations, type names, constant values and struct layouts are those
 * of the Windows SDK's <sspi.h> on Windows x64, so that Schannel client and
 * server code written for Windows compiles unchanged. ULONG is 32-bit and
 * SEC_WCHAR is a UTF-16 code unit (uint16_t), as on Windows; see wintypes.h.
 *
 * The library implements one security package, Schannel (TLS). Every function
 * declared here is exported by libsecur32.so; the ones Schannel has no use for
 * are stubs that return SEC_E_UNSUPPORTED_FUNCTION, and their comments say so.
 *
 * Conventions used by every function below (docs/conventions.md has more):
 *  - Handles are values. A handle is valid from the call that creates it until
 *    the call that frees it; a stale, forged or NULL handle gives
 *    SEC_E_INVALID_HANDLE, never a crash.
 *  - Memory the library allocates for the caller is freed with
 *    FreeContextBuffer, except certificate contexts, which are freed with
 *    CertFreeCertificateContext (wincrypt.h).
 *  - Buffers the caller passes in are borrowed for the duration of the call
 *    only; the library keeps no pointer to them after it returns.
 *  - "A" functions take UTF-8 strings, "W" functions UTF-16 strings. Without
 *    UNICODE the unsuffixed names map to "A", with UNICODE to "W".
 *  - Never unload the library: it hosts the Go runtime.
 *
 * Differences from Windows: the calling convention is the native System V one
 * (SEC_ENTRY is empty), and only the Schannel package exists.
 */
#ifndef SECUR32_SSPI_H
#define SECUR32_SSPI_H

#include "wintypes.h"

#ifdef __cplusplus
extern "C" {
#endif

// Basic types.
//
// SEC_ENTRY is the calling convention of every SSPI function; it is empty on
// Linux. SECURITY_STATUS is a signed 32-bit HRESULT-style code: SEC_E_OK and
// the SEC_I_* values are >= 0, the SEC_E_* errors are < 0.

#ifndef SEC_ENTRY
#define SEC_ENTRY
#endif
#ifndef SEC_FAR
#define SEC_FAR
#endif

typedef LONG SECURITY_STATUS, *PSECURITY_STATUS;

// SEC_SUCCESS is true for SEC_E_OK and every SEC_I_* status.
#define SEC_SUCCESS(Status) ((Status) >= 0)

// SEC_CHAR is a byte of a UTF-8 string ("A" functions); SEC_WCHAR is a UTF-16
// code unit ("W" functions), not the 32-bit Linux wchar_t.
typedef CHAR SEC_CHAR;
typedef WCHAR SEC_WCHAR;

// Handles.
//
// A SecHandle names a credential (CredHandle) or a security context
// (CtxtHandle). Its two fields are opaque: copy the handle by value and
// compare both fields. SecInvalidateHandle marks a handle variable as holding
// nothing, SecIsValidHandle tests for that mark. The library never creates a
// handle whose fields are (ULONG_PTR)-1 or SEC_DELETED_HANDLE.

typedef struct _SecHandle {
    ULONG_PTR dwLower;
    ULONG_PTR dwUpper;
} SecHandle, *PSecHandle;

typedef SecHandle CredHandle;
typedef PSecHandle PCredHandle;
typedef SecHandle CtxtHandle;
typedef PSecHandle PCtxtHandle;

#define SEC_DELETED_HANDLE ((ULONG_PTR)(-2))

#define SecInvalidateHandle(x)                      \
    ((PSecHandle)(x))->dwLower = ((PSecHandle)(x))->dwUpper = \
        ((ULONG_PTR)(-1))

#define SecIsValidHandle(x)                                  \
    ((((PSecHandle)(x))->dwLower != ((ULONG_PTR)(-1))) &&   \
     (((PSecHandle)(x))->dwUpper != ((ULONG_PTR)(-1))))

// Time stamps.
//
// A TimeStamp is a 64-bit count of 100-nanosecond ticks since 1601-01-01, the
// FILETIME scale, stored as a LARGE_INTEGER (8 bytes, 8-aligned). The Windows
// documentation calls it local time; 0x7FFFFFFFFFFFFFFF means "never expires".
// Schannel callers rarely look at it.

typedef LARGE_INTEGER SECURITY_INTEGER, *PSECURITY_INTEGER;
typedef SECURITY_INTEGER TimeStamp, *PTimeStamp;

// Buffers.
//
// Every token and message crosses the API as a SecBufferDesc: a version
// (SECBUFFER_VERSION), a count and a pointer to an array of SecBuffer. Each
// SecBuffer has a byte count, a type (SECBUFFER_* values below, possibly ORed
// with the attribute bits in SECBUFFER_ATTRMASK) and a pointer. The caller
// owns the descriptor and the array; the library rewrites cbBuffer,
// BufferType and pvBuffer of the buffers where each function says so.

typedef struct _SecBuffer {
    ULONG cbBuffer;   // size of the buffer, in bytes
    ULONG BufferType; // SECBUFFER_* type, ORed with attribute bits
    void *pvBuffer;   // the bytes
} SecBuffer, *PSecBuffer;

typedef struct _SecBufferDesc {
    ULONG ulVersion;     // SECBUFFER_VERSION
    ULONG cBuffers;      // number of entries in pBuffers
    PSecBuffer pBuffers; // array of cBuffers buffers
} SecBufferDesc, *PSecBufferDesc;

#define SECBUFFER_VERSION 0

#define SECBUFFER_EMPTY 0          // unused slot the package may fill
#define SECBUFFER_DATA 1           // application data (plain or cipher text)
#define SECBUFFER_TOKEN 2          // handshake bytes, or a control token
#define SECBUFFER_PKG_PARAMS 3
#define SECBUFFER_MISSING 4        // bytes still needed (INCOMPLETE_MESSAGE)
#define SECBUFFER_EXTRA 5          // trailing input bytes not consumed
#define SECBUFFER_STREAM_TRAILER 6 // TLS record trailer (MAC, tag, padding)
#define SECBUFFER_STREAM_HEADER 7  // TLS record header (and explicit nonce)
#define SECBUFFER_NEGOTIATION_INFO 8
#define SECBUFFER_PADDING 9
#define SECBUFFER_STREAM 10
#define SECBUFFER_MECHLIST 11
#define SECBUFFER_MECHLIST_SIGNATURE 12
#define SECBUFFER_TARGET 13
#define SECBUFFER_CHANNEL_BINDINGS 14
#define SECBUFFER_CHANGE_PASS_RESPONSE 15
#define SECBUFFER_TARGET_HOST 16
#define SECBUFFER_ALERT 17                 // alert record to send on failure
#define SECBUFFER_APPLICATION_PROTOCOLS 18 // ALPN list, see SEC_APPLICATION_PROTOCOLS
#define SECBUFFER_SRTP_PROTECTION_PROFILES 19
#define SECBUFFER_SRTP_MASTER_KEY_IDENTIFIER 20
#define SECBUFFER_TOKEN_BINDING 21
#define SECBUFFER_PRESHARED_KEY 22
#define SECBUFFER_PRESHARED_KEY_IDENTITY 23
#define SECBUFFER_DTLS_MTU 24 // SEC_DTLS_MTU
#define SECBUFFER_SEND_GENERIC_TLS_EXTENSION 25
#define SECBUFFER_SUBSCRIBE_GENERIC_TLS_EXTENSION 26
#define SECBUFFER_FLAGS 27
#define SECBUFFER_TRAFFIC_SECRETS 28
#define SECBUFFER_CERTIFICATE_REQUEST_CONTEXT 29

// Attribute bits ORed into BufferType. Compare types with
// (BufferType & ~SECBUFFER_ATTRMASK).
#define SECBUFFER_ATTRMASK 0xF0000000
#define SECBUFFER_READONLY 0x80000000 // never written by the package
#define SECBUFFER_READONLY_WITH_CHECKSUM 0x10000000
#define SECBUFFER_UNMAPPED 0x40000000
#define SECBUFFER_KERNEL_MAP 0x20000000
#define SECBUFFER_RESERVED 0x60000000

// SEC_DTLS_MTU is the payload of a SECBUFFER_DTLS_MTU buffer and of
// SECPKG_ATTR_DTLS_MTU. Differences from Windows: DTLS is not implemented.
typedef struct _SEC_DTLS_MTU {
    USHORT PathMTU;
} SEC_DTLS_MTU, *PSEC_DTLS_MTU;

// Status codes.
//
// Values are the Windows ones (winerror.h) and never change. Progress
// statuses tell the caller what to do next; the others are failures. The
// comments say when Schannel returns each one; "not Schannel" codes are here
// because portable callers test for them. CRYPT_E_* codes (e.g. CRYPT_E_REVOKED
// for a revoked certificate) are in wincrypt.h.

// Progress.
#define SEC_E_OK ((SECURITY_STATUS)0x00000000L)                   // success
#define SEC_I_CONTINUE_NEEDED ((SECURITY_STATUS)0x00090312L)      // send output, read, call again
#define SEC_I_COMPLETE_NEEDED ((SECURITY_STATUS)0x00090313L)      // not Schannel
#define SEC_I_COMPLETE_AND_CONTINUE ((SECURITY_STATUS)0x00090314L) // not Schannel
#define SEC_I_LOCAL_LOGON ((SECURITY_STATUS)0x00090315L)          // not Schannel
#define SEC_I_GENERIC_EXTENSION_RECEIVED ((SECURITY_STATUS)0x00090316L)
#define SEC_I_CONTEXT_EXPIRED ((SECURITY_STATUS)0x00090317L)      // peer sent close_notify
#define SEC_I_INCOMPLETE_CREDENTIALS ((SECURITY_STATUS)0x00090320L) // server wants a client certificate
#define SEC_I_RENEGOTIATE ((SECURITY_STATUS)0x00090321L)          // re-enter the handshake loop
#define SEC_I_NO_LSA_CONTEXT ((SECURITY_STATUS)0x00090323L)       // not Schannel
#define SEC_I_SIGNATURE_NEEDED ((SECURITY_STATUS)0x0009035CL)     // not Schannel
#define SEC_I_NO_RENEGOTIATION ((SECURITY_STATUS)0x00090360L)     // peer refused renegotiation
#define SEC_I_MESSAGE_FRAGMENT ((SECURITY_STATUS)0x00090364L)
#define SEC_I_CONTINUE_NEEDED_MESSAGE_OK ((SECURITY_STATUS)0x00090366L)
#define SEC_I_ASYNC_CALL_PENDING ((SECURITY_STATUS)0x00090368L)   // not Schannel

// Failures.
#define SEC_E_INSUFFICIENT_MEMORY ((SECURITY_STATUS)0x80090300L)  // out of memory, or an empty output buffer
#define SEC_E_INVALID_HANDLE ((SECURITY_STATUS)0x80090301L)       // NULL, unknown or freed handle
#define SEC_E_UNSUPPORTED_FUNCTION ((SECURITY_STATUS)0x80090302L) // not implemented / protocol_version alert
#define SEC_E_TARGET_UNKNOWN ((SECURITY_STATUS)0x80090303L)
#define SEC_E_INTERNAL_ERROR ((SECURITY_STATUS)0x80090304L)       // a bug in this library, never a TLS failure
#define SEC_E_SECPKG_NOT_FOUND ((SECURITY_STATUS)0x80090305L)     // unknown package name
#define SEC_E_NOT_OWNER ((SECURITY_STATUS)0x80090306L)
#define SEC_E_CANNOT_INSTALL ((SECURITY_STATUS)0x80090307L)
#define SEC_E_INVALID_TOKEN ((SECURITY_STATUS)0x80090308L)        // malformed input or wrong buffer set
#define SEC_E_CANNOT_PACK ((SECURITY_STATUS)0x80090309L)
#define SEC_E_QOP_NOT_SUPPORTED ((SECURITY_STATUS)0x8009030AL)
#define SEC_E_NO_IMPERSONATION ((SECURITY_STATUS)0x8009030BL)
#define SEC_E_LOGON_DENIED ((SECURITY_STATUS)0x8009030CL)         // access_denied alert
#define SEC_E_UNKNOWN_CREDENTIALS ((SECURITY_STATUS)0x8009030DL)  // unusable credential data
#define SEC_E_NO_CREDENTIALS ((SECURITY_STATUS)0x8009030EL)       // no certificate / no private key
#define SEC_E_MESSAGE_ALTERED ((SECURITY_STATUS)0x8009030FL)      // record MAC or AEAD check failed
#define SEC_E_OUT_OF_SEQUENCE ((SECURITY_STATUS)0x80090310L)
#define SEC_E_NO_AUTHENTICATING_AUTHORITY ((SECURITY_STATUS)0x80090311L)
#define SEC_E_BAD_PKGID ((SECURITY_STATUS)0x80090316L)
#define SEC_E_CONTEXT_EXPIRED ((SECURITY_STATUS)0x80090317L)      // context shut down or re-entry pending
#define SEC_E_INCOMPLETE_MESSAGE ((SECURITY_STATUS)0x80090318L)   // input lacks a complete record
#define SEC_E_INCOMPLETE_CREDENTIALS ((SECURITY_STATUS)0x80090320L)
#define SEC_E_BUFFER_TOO_SMALL ((SECURITY_STATUS)0x80090321L)     // a caller buffer is too small
#define SEC_E_WRONG_PRINCIPAL ((SECURITY_STATUS)0x80090322L)      // certificate name != target name
#define SEC_E_TIME_SKEW ((SECURITY_STATUS)0x80090324L)
#define SEC_E_UNTRUSTED_ROOT ((SECURITY_STATUS)0x80090325L)       // chain ends in an untrusted root
#define SEC_E_ILLEGAL_MESSAGE ((SECURITY_STATUS)0x80090326L)      // fatal alert / malformed handshake
#define SEC_E_CERT_UNKNOWN ((SECURITY_STATUS)0x80090327L)         // bad or unsupported certificate
#define SEC_E_CERT_EXPIRED ((SECURITY_STATUS)0x80090328L)         // certificate expired
#define SEC_E_ENCRYPT_FAILURE ((SECURITY_STATUS)0x80090329L)      // e.g. DATA larger than cbMaximumMessage
#define SEC_E_DECRYPT_FAILURE ((SECURITY_STATUS)0x80090330L)      // decrypt_error alert
#define SEC_E_ALGORITHM_MISMATCH ((SECURITY_STATUS)0x80090331L)   // no common protocol or cipher
#define SEC_E_SECURITY_QOS_FAILED ((SECURITY_STATUS)0x80090332L)
#define SEC_E_UNFINISHED_CONTEXT_DELETED ((SECURITY_STATUS)0x80090333L) // user_canceled alert
#define SEC_E_WRONG_CREDENTIAL_HANDLE ((SECURITY_STATUS)0x80090336L)
#define SEC_E_CRYPTO_SYSTEM_INVALID ((SECURITY_STATUS)0x80090337L)
#define SEC_E_STRONG_CRYPTO_NOT_SUPPORTED ((SECURITY_STATUS)0x8009033AL)
#define SEC_E_SHUTDOWN_IN_PROGRESS ((SECURITY_STATUS)0x8009033FL)
#define SEC_E_BAD_BINDINGS ((SECURITY_STATUS)0x80090346L)
#define SEC_E_CERT_WRONG_USAGE ((SECURITY_STATUS)0x80090349L)     // certificate EKU does not allow this use
#define SEC_E_DOWNGRADE_DETECTED ((SECURITY_STATUS)0x80090350L)   // TLS downgrade protection fired
#define SEC_E_INVALID_PARAMETER ((SECURITY_STATUS)0x8009035DL)    // bad argument
#define SEC_E_NO_CONTEXT ((SECURITY_STATUS)0x80090361L)
#define SEC_E_MUTUAL_AUTH_FAILED ((SECURITY_STATUS)0x80090363L)
#define SEC_E_ONLY_HTTPS_ALLOWED ((SECURITY_STATUS)0x80090365L)
#define SEC_E_APPLICATION_PROTOCOL_MISMATCH ((SECURITY_STATUS)0x80090367L) // no common ALPN protocol
#define SEC_E_INVALID_UPN_NAME ((SECURITY_STATUS)0x80090369L)
#define SEC_E_EXT_BUFFER_TOO_SMALL ((SECURITY_STATUS)0x8009036AL)
#define SEC_E_INSUFFICIENT_BUFFERS ((SECURITY_STATUS)0x8009036BL)

// Context requirement and return flags.
//
// InitializeSecurityContext takes ISC_REQ_* bits in `fContextReq` and reports
// ISC_RET_* bits in `*pfContextAttr`; AcceptSecurityContext does the same with
// ASC_REQ_* and ASC_RET_*. The two families use different bit positions for
// the same names, and a REQ bit does not always equal its RET bit
// (ISC_REQ_CALL_LEVEL is 0x1000, ISC_RET_CALL_LEVEL 0x2000). The 64-bit-only
// flags of newer SDKs (ISC_REQ_MESSAGES, ...) are not defined: the
// `fContextReq` parameters are 32-bit.

#define ISC_REQ_DELEGATE 0x00000001
#define ISC_REQ_MUTUAL_AUTH 0x00000002
#define ISC_REQ_REPLAY_DETECT 0x00000004
#define ISC_REQ_SEQUENCE_DETECT 0x00000008
#define ISC_REQ_CONFIDENTIALITY 0x00000010
#define ISC_REQ_USE_SESSION_KEY 0x00000020
#define ISC_REQ_PROMPT_FOR_CREDS 0x00000040
#define ISC_REQ_USE_SUPPLIED_CREDS 0x00000080
#define ISC_REQ_ALLOCATE_MEMORY 0x00000100
#define ISC_REQ_USE_DCE_STYLE 0x00000200
#define ISC_REQ_DATAGRAM 0x00000400
#define ISC_REQ_CONNECTION 0x00000800
#define ISC_REQ_CALL_LEVEL 0x00001000
#define ISC_REQ_FRAGMENT_SUPPLIED 0x00002000
#define ISC_REQ_EXTENDED_ERROR 0x00004000
#define ISC_REQ_STREAM 0x00008000
#define ISC_REQ_INTEGRITY 0x00010000
#define ISC_REQ_IDENTIFY 0x00020000
#define ISC_REQ_NULL_SESSION 0x00040000
#define ISC_REQ_MANUAL_CRED_VALIDATION 0x00080000
#define ISC_REQ_RESERVED1 0x00100000
#define ISC_REQ_FRAGMENT_TO_FIT 0x00200000
#define ISC_REQ_FORWARD_CREDENTIALS 0x00400000
#define ISC_REQ_NO_INTEGRITY 0x00800000
#define ISC_REQ_USE_HTTP_STYLE 0x01000000
#define ISC_REQ_UNVERIFIED_TARGET_NAME 0x20000000
#define ISC_REQ_CONFIDENTIALITY_ONLY 0x40000000

#define ISC_RET_DELEGATE 0x00000001
#define ISC_RET_MUTUAL_AUTH 0x00000002
#define ISC_RET_REPLAY_DETECT 0x00000004
#define ISC_RET_SEQUENCE_DETECT 0x00000008
#define ISC_RET_CONFIDENTIALITY 0x00000010
#define ISC_RET_USE_SESSION_KEY 0x00000020
#define ISC_RET_USED_COLLECTED_CREDS 0x00000040
#define ISC_RET_USED_SUPPLIED_CREDS 0x00000080
#define ISC_RET_ALLOCATED_MEMORY 0x00000100
#define ISC_RET_USED_DCE_STYLE 0x00000200
#define ISC_RET_DATAGRAM 0x00000400
#define ISC_RET_CONNECTION 0x00000800
#define ISC_RET_INTERMEDIATE_RETURN 0x00001000
#define ISC_RET_CALL_LEVEL 0x00002000
#define ISC_RET_EXTENDED_ERROR 0x00004000
#define ISC_RET_STREAM 0x00008000
#define ISC_RET_INTEGRITY 0x00010000
#define ISC_RET_IDENTIFY 0x00020000
#define ISC_RET_NULL_SESSION 0x00040000
#define ISC_RET_MANUAL_CRED_VALIDATION 0x00080000
#define ISC_RET_RESERVED1 0x00100000
#define ISC_RET_FRAGMENT_ONLY 0x00200000
#define ISC_RET_FORWARD_CREDENTIALS 0x00400000
#define ISC_RET_USED_HTTP_STYLE 0x01000000
#define ISC_RET_NO_ADDITIONAL_TOKEN 0x02000000
#define ISC_RET_REAUTHENTICATION 0x08000000
#define ISC_RET_CONFIDENTIALITY_ONLY 0x40000000

#define ASC_REQ_DELEGATE 0x00000001
#define ASC_REQ_MUTUAL_AUTH 0x00000002
#define ASC_REQ_REPLAY_DETECT 0x00000004
#define ASC_REQ_SEQUENCE_DETECT 0x00000008
#define ASC_REQ_CONFIDENTIALITY 0x00000010
#define ASC_REQ_USE_SESSION_KEY 0x00000020
#define ASC_REQ_SESSION_TICKET 0x00000040
#define ASC_REQ_ALLOCATE_MEMORY 0x00000100
#define ASC_REQ_USE_DCE_STYLE 0x00000200
#define ASC_REQ_DATAGRAM 0x00000400
#define ASC_REQ_CONNECTION 0x00000800
#define ASC_REQ_CALL_LEVEL 0x00001000
#define ASC_REQ_FRAGMENT_SUPPLIED 0x00002000
#define ASC_REQ_EXTENDED_ERROR 0x00008000
#define ASC_REQ_STREAM 0x00010000
#define ASC_REQ_INTEGRITY 0x00020000
#define ASC_REQ_LICENSING 0x00040000
#define ASC_REQ_IDENTIFY 0x00080000
#define ASC_REQ_ALLOW_NULL_SESSION 0x00100000
#define ASC_REQ_ALLOW_NON_USER_LOGONS 0x00200000
#define ASC_REQ_ALLOW_CONTEXT_REPLAY 0x00400000
#define ASC_REQ_FRAGMENT_TO_FIT 0x00800000
#define ASC_REQ_NO_TOKEN 0x01000000
#define ASC_REQ_PROXY_BINDINGS 0x04000000
#define ASC_REQ_ALLOW_MISSING_BINDINGS 0x10000000

#define ASC_RET_DELEGATE 0x00000001
#define ASC_RET_MUTUAL_AUTH 0x00000002
#define ASC_RET_REPLAY_DETECT 0x00000004
#define ASC_RET_SEQUENCE_DETECT 0x00000008
#define ASC_RET_CONFIDENTIALITY 0x00000010
#define ASC_RET_USE_SESSION_KEY 0x00000020
#define ASC_RET_SESSION_TICKET 0x00000040
#define ASC_RET_ALLOCATED_MEMORY 0x00000100
#define ASC_RET_USED_DCE_STYLE 0x00000200
#define ASC_RET_DATAGRAM 0x00000400
#define ASC_RET_CONNECTION 0x00000800
#define ASC_RET_CALL_LEVEL 0x00002000
#define ASC_RET_THIRD_LEG_FAILED 0x00004000
#define ASC_RET_EXTENDED_ERROR 0x00008000
#define ASC_RET_STREAM 0x00010000
#define ASC_RET_INTEGRITY 0x00020000
#define ASC_RET_LICENSING 0x00040000
#define ASC_RET_IDENTIFY 0x00080000
#define ASC_RET_NULL_SESSION 0x00100000
#define ASC_RET_ALLOW_NON_USER_LOGONS 0x00200000
#define ASC_RET_ALLOW_CONTEXT_REPLAY 0x00400000
#define ASC_RET_FRAGMENT_ONLY 0x00800000
#define ASC_RET_NO_TOKEN 0x01000000
#define ASC_RET_NO_ADDITIONAL_TOKEN 0x02000000

// Credential use, data representation and quality of protection.
//
// `fCredentialUse` of AcquireCredentialsHandle: SECPKG_CRED_OUTBOUND for a
// client, SECPKG_CRED_INBOUND for a server. `TargetDataRep` of the context
// functions is ignored by Schannel (pass 0). The SECQOP_* values are not used
// by Schannel: EncryptMessage's `fQOP` must be 0.

#define SECPKG_CRED_INBOUND 0x00000001
#define SECPKG_CRED_OUTBOUND 0x00000002
#define SECPKG_CRED_BOTH 0x00000003
#define SECPKG_CRED_DEFAULT 0x00000004
#define SECPKG_CRED_AUTOLOGON_RESTRICTED 0x00000010
#define SECPKG_CRED_PROCESS_POLICY_ONLY 0x00000020
#define SECPKG_CRED_RESERVED 0xF0000000

#define SECURITY_NATIVE_DREP 0x00000010
#define SECURITY_NETWORK_DREP 0x00000000

#define SECQOP_WRAP_NO_ENCRYPT 0x80000001
#define SECQOP_WRAP_OOB_DATA 0x40000000

// Package information.
//
// A SecPkgInfo describes one security package. The library returns them from
// QuerySecurityPackageInfo, EnumerateSecurityPackages and
// QueryContextAttributes(SECPKG_ATTR_PACKAGE_INFO); each such result is one
// allocation (struct array and strings together) that the caller frees with
// one FreeContextBuffer. For Schannel: fCapabilities 0x004107B3, wVersion 1,
// wRPCID UNISP_RPC_ID (14), cbMaxToken 24576, Comment
// "Schannel Security Package".

#define SECPKG_FLAG_INTEGRITY 0x00000001
#define SECPKG_FLAG_PRIVACY 0x00000002
#define SECPKG_FLAG_TOKEN_ONLY 0x00000004
#define SECPKG_FLAG_DATAGRAM 0x00000008
#define SECPKG_FLAG_CONNECTION 0x00000010
#define SECPKG_FLAG_MULTI_REQUIRED 0x00000020
#define SECPKG_FLAG_CLIENT_ONLY 0x00000040
#define SECPKG_FLAG_EXTENDED_ERROR 0x00000080
#define SECPKG_FLAG_IMPERSONATION 0x00000100
#define SECPKG_FLAG_ACCEPT_WIN32_NAME 0x00000200
#define SECPKG_FLAG_STREAM 0x00000400
#define SECPKG_FLAG_NEGOTIABLE 0x00000800
#define SECPKG_FLAG_GSS_COMPATIBLE 0x00001000
#define SECPKG_FLAG_LOGON 0x00002000
#define SECPKG_FLAG_ASCII_BUFFERS 0x00004000
#define SECPKG_FLAG_FRAGMENT 0x00008000
#define SECPKG_FLAG_MUTUAL_AUTH 0x00010000
#define SECPKG_FLAG_DELEGATION 0x00020000
#define SECPKG_FLAG_READONLY_WITH_CHECKSUM 0x00040000
#define SECPKG_FLAG_RESTRICTED_TOKENS 0x00080000
#define SECPKG_FLAG_NEGO_EXTENDER 0x00100000
#define SECPKG_FLAG_NEGOTIABLE2 0x00200000
#define SECPKG_FLAG_APPCONTAINER_PASSTHROUGH 0x00400000
#define SECPKG_FLAG_APPCONTAINER_CHECKS 0x00800000
#define SECPKG_FLAG_CREDENTIAL_ISOLATION_ENABLED 0x01000000
#define SECPKG_FLAG_APPLY_LOOPBACK 0x02000000

#define SECPKG_ID_NONE 0xFFFF

typedef struct _SecPkgInfoA {
    ULONG fCapabilities; // SECPKG_FLAG_* bits
    USHORT wVersion;     // package version
    USHORT wRPCID;       // DCE RPC authentication id, or SECPKG_ID_NONE
    ULONG cbMaxToken;    // largest handshake token, in bytes (advisory)
    SEC_CHAR *Name;      // package name, UTF-8
    SEC_CHAR *Comment;   // description, UTF-8
} SecPkgInfoA, *PSecPkgInfoA;

typedef struct _SecPkgInfoW {
    ULONG fCapabilities; // SECPKG_FLAG_* bits
    USHORT wVersion;     // package version
    USHORT wRPCID;       // DCE RPC authentication id, or SECPKG_ID_NONE
    ULONG cbMaxToken;    // largest handshake token, in bytes (advisory)
    SEC_WCHAR *Name;     // package name, UTF-16
    SEC_WCHAR *Comment;  // description, UTF-16
} SecPkgInfoW, *PSecPkgInfoW;

// Attribute ids.
//
// QueryContextAttributes and SetContextAttributes take a SECPKG_ATTR_* id;
// QueryCredentialsAttributes and SetCredentialsAttributes take a
// SECPKG_CRED_ATTR_* id or one of the Schannel ids of schannel.h. The generic
// ids are listed here, the Schannel ones (0x50 and up) in schannel.h. Which
// ones Schannel answers is listed at QueryContextAttributesW.

#define SECPKG_ATTR_SIZES 0
#define SECPKG_ATTR_NAMES 1
#define SECPKG_ATTR_LIFESPAN 2
#define SECPKG_ATTR_DCE_INFO 3
#define SECPKG_ATTR_STREAM_SIZES 4
#define SECPKG_ATTR_KEY_INFO 5
#define SECPKG_ATTR_AUTHORITY 6
#define SECPKG_ATTR_PROTO_INFO 7
#define SECPKG_ATTR_PASSWORD_EXPIRY 8
#define SECPKG_ATTR_SESSION_KEY 9
#define SECPKG_ATTR_PACKAGE_INFO 10
#define SECPKG_ATTR_USER_FLAGS 11
#define SECPKG_ATTR_NEGOTIATION_INFO 12
#define SECPKG_ATTR_NATIVE_NAMES 13
#define SECPKG_ATTR_FLAGS 14
#define SECPKG_ATTR_USE_VALIDATED 15
#define SECPKG_ATTR_CREDENTIAL_NAME 16
#define SECPKG_ATTR_TARGET_INFORMATION 17
#define SECPKG_ATTR_ACCESS_TOKEN 18
#define SECPKG_ATTR_TARGET 19
#define SECPKG_ATTR_AUTHENTICATION_ID 20
#define SECPKG_ATTR_LOGOFF_TIME 21
#define SECPKG_ATTR_NEGO_KEYS 22
#define SECPKG_ATTR_PROMPTING_NEEDED 24
#define SECPKG_ATTR_UNIQUE_BINDINGS 25
#define SECPKG_ATTR_ENDPOINT_BINDINGS 26
#define SECPKG_ATTR_CLIENT_SPECIFIED_TARGET 27
#define SECPKG_ATTR_LAST_CLIENT_TOKEN_STATUS 30
#define SECPKG_ATTR_NEGO_PKG_INFO 31
#define SECPKG_ATTR_NEGO_STATUS 32
#define SECPKG_ATTR_CONTEXT_DELETED 33
#define SECPKG_ATTR_DTLS_MTU 34
#define SECPKG_ATTR_APPLICATION_PROTOCOL 35
#define SECPKG_ATTR_NEGOTIATED_TLS_EXTENSIONS 36
#define SECPKG_ATTR_IS_LOOPBACK 37
#define SECPKG_ATTR_SUBJECT_SECURITY_ATTRIBUTES 128
#define SECPKG_ATTR_CREDS_2 0x80000086

// SECPKG_ATTR_DATAGRAM_SIZES is SECPKG_ATTR_STREAM_SIZES under its DTLS name.
#define SECPKG_ATTR_DATAGRAM_SIZES SECPKG_ATTR_STREAM_SIZES

#define SECPKG_CRED_ATTR_NAMES 1
#define SECPKG_CRED_ATTR_SSI_PROVIDER 2
#define SECPKG_CRED_ATTR_KDC_PROXY_SETTINGS 3
#define SECPKG_CRED_ATTR_CERT 4
#define SECPKG_CRED_ATTR_PAC_BYPASS 5

// SecPkgContext_NegotiationInfo.NegotiationState values.
#define SECPKG_NEGOTIATION_COMPLETE 0
#define SECPKG_NEGOTIATION_OPTIMISTIC 1
#define SECPKG_NEGOTIATION_IN_PROGRESS 2
#define SECPKG_NEGOTIATION_DIRECT 3
#define SECPKG_NEGOTIATION_TRY_MULTICRED 4

// Attribute structs.
//
// The caller allocates the struct and passes its address as `pBuffer`.
// Pointers the library stores inside it point to memory the caller owns
// afterwards and frees with FreeContextBuffer, unless the comment says
// otherwise.

// SecPkgContext_Sizes (SECPKG_ATTR_SIZES) gives the token and signature
// limits. Schannel reports cbMaxToken 24576, cbMaxSignature 16, cbBlockSize 0
// and cbSecurityTrailer 16.
typedef struct _SecPkgContext_Sizes {
    ULONG cbMaxToken;
    ULONG cbMaxSignature;
    ULONG cbBlockSize;
    ULONG cbSecurityTrailer;
} SecPkgContext_Sizes, *PSecPkgContext_Sizes;

// SecPkgContext_StreamSizes (SECPKG_ATTR_STREAM_SIZES) gives the layout of
// the buffers EncryptMessage needs. `cbHeader` is exact: every record's header
// is exactly that long, so the plaintext can be placed at offset cbHeader of
// one allocation of cbHeader + cbMaximumMessage + cbTrailer bytes.
// `cbTrailer` is an upper bound; EncryptMessage reports the real trailer size.
// `cbMaximumMessage` is the largest plaintext per EncryptMessage call (16384).
// The values stay constant for the life of the connection.
typedef struct _SecPkgContext_StreamSizes {
    ULONG cbHeader;         // STREAM_HEADER size, in bytes
    ULONG cbTrailer;        // maximum STREAM_TRAILER size, in bytes
    ULONG cbMaximumMessage; // maximum DATA size per EncryptMessage call
    ULONG cBuffers;         // number of buffers EncryptMessage takes (4)
    ULONG cbBlockSize;      // cipher block size, 1 for stream ciphers
} SecPkgContext_StreamSizes, *PSecPkgContext_StreamSizes;

typedef SecPkgContext_StreamSizes SecPkgContext_DatagramSizes;
typedef PSecPkgContext_StreamSizes PSecPkgContext_DatagramSizes;

// SecPkgContext_KeyInfoA (SECPKG_ATTR_KEY_INFO) names the negotiated
// signature and cipher algorithms. `KeySize` is the cipher strength in bits,
// `SignatureAlgorithm` a CALG_* signature id (CALG_RSA_SIGN, CALG_ECDSA) and
// `EncryptAlgorithm` the CALG_* cipher id. The caller frees the two name
// strings with FreeContextBuffer.
typedef struct _SecPkgContext_KeyInfoA {
    SEC_CHAR *sSignatureAlgorithmName;
    SEC_CHAR *sEncryptAlgorithmName;
    ULONG KeySize;
    ULONG SignatureAlgorithm;
    ULONG EncryptAlgorithm;
} SecPkgContext_KeyInfoA, *PSecPkgContext_KeyInfoA;

// SecPkgContext_KeyInfoW is SecPkgContext_KeyInfoA with UTF-16 names.
typedef struct _SecPkgContext_KeyInfoW {
    SEC_WCHAR *sSignatureAlgorithmName;
    SEC_WCHAR *sEncryptAlgorithmName;
    ULONG KeySize;
    ULONG SignatureAlgorithm;
    ULONG EncryptAlgorithm;
} SecPkgContext_KeyInfoW, *PSecPkgContext_KeyInfoW;

// SecPkgContext_Lifespan (SECPKG_ATTR_LIFESPAN) gives the validity period of
// the context: the peer certificate's NotBefore and NotAfter.
typedef struct _SecPkgContext_Lifespan {
    TimeStamp tsStart;
    TimeStamp tsExpiry;
} SecPkgContext_Lifespan, *PSecPkgContext_Lifespan;

// SecPkgContext_PackageInfoA (SECPKG_ATTR_PACKAGE_INFO) points to the
// SecPkgInfo of the package that owns the context. The caller frees
// PackageInfo with FreeContextBuffer.
typedef struct _SecPkgContext_PackageInfoA {
    PSecPkgInfoA PackageInfo;
} SecPkgContext_PackageInfoA, *PSecPkgContext_PackageInfoA;

// SecPkgContext_PackageInfoW is SecPkgContext_PackageInfoA with UTF-16
// strings.
typedef struct _SecPkgContext_PackageInfoW {
    PSecPkgInfoW PackageInfo;
} SecPkgContext_PackageInfoW, *PSecPkgContext_PackageInfoW;

// SecPkgContext_NegotiationInfoA (SECPKG_ATTR_NEGOTIATION_INFO) is the
// Negotiate package's answer; Schannel returns SEC_E_UNSUPPORTED_FUNCTION for
// this attribute, as on Windows.
typedef struct _SecPkgContext_NegotiationInfoA {
    PSecPkgInfoA PackageInfo;
    ULONG NegotiationState; // SECPKG_NEGOTIATION_*
} SecPkgContext_NegotiationInfoA, *PSecPkgContext_NegotiationInfoA;

// SecPkgContext_NegotiationInfoW is SecPkgContext_NegotiationInfoA with
// UTF-16 strings.
typedef struct _SecPkgContext_NegotiationInfoW {
    PSecPkgInfoW PackageInfo;
    ULONG NegotiationState; // SECPKG_NEGOTIATION_*
} SecPkgContext_NegotiationInfoW, *PSecPkgContext_NegotiationInfoW;

// SecPkgContext_Flags (SECPKG_ATTR_FLAGS) holds the context's current
// ISC_RET_* or ASC_RET_* bits.
typedef struct _SecPkgContext_Flags {
    ULONG Flags;
} SecPkgContext_Flags, *PSecPkgContext_Flags;

// SEC_CHANNEL_BINDINGS is the header of a channel-binding blob (RFC 5929).
// The offsets count bytes from the start of this struct. Schannel sets the
// address fields to 0 and puts the application data ("tls-server-end-point:"
// or "tls-unique:" followed by the binding value) right after the header, at
// dwApplicationDataOffset 32.
typedef struct _SEC_CHANNEL_BINDINGS {
    ULONG dwInitiatorAddrType;
    ULONG cbInitiatorLength;
    ULONG dwInitiatorOffset;
    ULONG dwAcceptorAddrType;
    ULONG cbAcceptorLength;
    ULONG dwAcceptorOffset;
    ULONG cbApplicationDataLength;
    ULONG dwApplicationDataOffset;
} SEC_CHANNEL_BINDINGS, *PSEC_CHANNEL_BINDINGS;

// SecPkgContext_Bindings (SECPKG_ATTR_ENDPOINT_BINDINGS,
// SECPKG_ATTR_UNIQUE_BINDINGS) points to one allocation of `BindingsLength`
// bytes: a SEC_CHANNEL_BINDINGS header followed by its application data. The
// caller frees Bindings with FreeContextBuffer.
typedef struct _SecPkgContext_Bindings {
    ULONG BindingsLength;
    SEC_CHANNEL_BINDINGS *Bindings;
} SecPkgContext_Bindings, *PSecPkgContext_Bindings;

// ALPN (application-layer protocol negotiation).
//
// A client offers protocols, and a server states the ones it accepts, by
// passing a SECBUFFER_APPLICATION_PROTOCOLS buffer in the input descriptor of
// its first InitializeSecurityContext / AcceptSecurityContext call. The
// buffer's bytes are a SEC_APPLICATION_PROTOCOLS: a 32-bit byte count, then
// SEC_APPLICATION_PROTOCOL_LIST entries back to back. Each list is a 32-bit
// SEC_APPLICATION_PROTOCOL_NEGOTIATION_EXT, a 16-bit byte count and the
// RFC 7301 ProtocolNameList body (length-prefixed names, no 2-byte prefix).
// Only lists with ProtoNegoExt == SecApplicationProtocolNegotiationExt_ALPN
// are used; NPN lists are skipped. The server picks by its own preference
// order. The result is read with SECPKG_ATTR_APPLICATION_PROTOCOL.
//
// The structs below describe that layout, but sizeof is misleading: with
// ProtocolList[ANYSIZE_ARRAY], sizeof(SEC_APPLICATION_PROTOCOL_LIST) is 8
// because of padding. Build and parse the buffer with the byte offsets:
// ProtocolListsSize at 0, then for the first list ProtoNegoExt at 4,
// ProtocolListSize at 8, ProtocolList at 10. Example, ["h2", "http/1.1"]:
// 12 00 00 00 | 02 00 00 00 | 0C 00 | 02 'h' '2' 08 'h' 't' 't' 'p' '/' '1'
// '.' '1' (22 bytes, cbBuffer 22).

typedef enum _SEC_APPLICATION_PROTOCOL_NEGOTIATION_STATUS {
    SecApplicationProtocolNegotiationStatus_None = 0,
    SecApplicationProtocolNegotiationStatus_Success = 1,
    SecApplicationProtocolNegotiationStatus_SelectedClientOnly = 2
} SEC_APPLICATION_PROTOCOL_NEGOTIATION_STATUS,
    *PSEC_APPLICATION_PROTOCOL_NEGOTIATION_STATUS;

typedef enum _SEC_APPLICATION_PROTOCOL_NEGOTIATION_EXT {
    SecApplicationProtocolNegotiationExt_None = 0,
    SecApplicationProtocolNegotiationExt_NPN = 1,
    SecApplicationProtocolNegotiationExt_ALPN = 2
} SEC_APPLICATION_PROTOCOL_NEGOTIATION_EXT,
    *PSEC_APPLICATION_PROTOCOL_NEGOTIATION_EXT;

typedef struct _SEC_APPLICATION_PROTOCOL_LIST {
    SEC_APPLICATION_PROTOCOL_NEGOTIATION_EXT ProtoNegoExt; // at 0 (4 in the buffer)
    USHORT ProtocolListSize;                 // at 4 (8 in the buffer)
    UCHAR ProtocolList[ANYSIZE_ARRAY];       // at 6 (10 in the buffer)
} SEC_APPLICATION_PROTOCOL_LIST, *PSEC_APPLICATION_PROTOCOL_LIST;

typedef struct _SEC_APPLICATION_PROTOCOLS {
    ULONG ProtocolListsSize; // bytes that follow this field
    SEC_APPLICATION_PROTOCOL_LIST ProtocolLists[ANYSIZE_ARRAY];
} SEC_APPLICATION_PROTOCOLS, *PSEC_APPLICATION_PROTOCOLS;

#define MAX_PROTOCOL_ID_SIZE 0xff

// SecPkgContext_ApplicationProtocol (SECPKG_ATTR_APPLICATION_PROTOCOL) gives
// the outcome of ALPN. On success ProtoNegoStatus is
// SecApplicationProtocolNegotiationStatus_Success, ProtoNegoExt
// SecApplicationProtocolNegotiationExt_ALPN and ProtocolId holds
// ProtocolIdSize bytes (not NUL-terminated). When no protocol was agreed the
// status is SecApplicationProtocolNegotiationStatus_None. The value stays the
// same across post-handshake re-entries.
typedef struct _SecPkgContext_ApplicationProtocol {
    SEC_APPLICATION_PROTOCOL_NEGOTIATION_STATUS ProtoNegoStatus;
    SEC_APPLICATION_PROTOCOL_NEGOTIATION_EXT ProtoNegoExt;
    UCHAR ProtocolIdSize;
    UCHAR ProtocolId[MAX_PROTOCOL_ID_SIZE];
} SecPkgContext_ApplicationProtocol, *PSecPkgContext_ApplicationProtocol;

// SecPkgContext_NamesA (SECPKG_ATTR_NAMES) would give the user a server
// context's client certificate maps to. Schannel on Linux has no account
// mapping and returns SEC_E_UNSUPPORTED_FUNCTION for this attribute.
typedef struct _SecPkgContext_NamesA {
    SEC_CHAR *sUserName;
} SecPkgContext_NamesA, *PSecPkgContext_NamesA;

// SecPkgContext_NamesW is SecPkgContext_NamesA with a UTF-16 name.
typedef struct _SecPkgContext_NamesW {
    SEC_WCHAR *sUserName;
} SecPkgContext_NamesW, *PSecPkgContext_NamesW;

// SecPkgCredentials_NamesA (SECPKG_CRED_ATTR_NAMES) gives the subject name of
// a credential's certificate. The caller frees sUserName with
// FreeContextBuffer.
typedef struct _SecPkgCredentials_NamesA {
    SEC_CHAR *sUserName;
} SecPkgCredentials_NamesA, *PSecPkgCredentials_NamesA;

// SecPkgCredentials_NamesW is SecPkgCredentials_NamesA with a UTF-16 name.
typedef struct _SecPkgCredentials_NamesW {
    SEC_WCHAR *sUserName;
} SecPkgCredentials_NamesW, *PSecPkgCredentials_NamesW;

// SecPkgContext_SessionKey (SECPKG_ATTR_SESSION_KEY) is not answered by
// Schannel (SEC_E_UNSUPPORTED_FUNCTION); use SECPKG_ATTR_KEYING_MATERIAL.
typedef struct _SecPkgContext_SessionKey {
    ULONG SessionKeyLength;
    UCHAR *SessionKey;
} SecPkgContext_SessionKey, *PSecPkgContext_SessionKey;

// SEC_GET_KEY_FN is the type of AcquireCredentialsHandle's `pGetKeyFn`
// callback. Schannel never calls it.
typedef void(SEC_ENTRY *SEC_GET_KEY_FN)(void *Arg, void *Principal,
                                        ULONG KeyVer, void **Key,
                                        SECURITY_STATUS *Status);

// Credentials.
//
// A credential holds what one side of a TLS connection brings: for a server,
// its certificates and private keys; for a client, an optional client
// certificate; for both, the enabled protocol versions, algorithm limits and
// validation flags (SCHANNEL_CRED or SCH_CREDENTIALS in schannel.h).
// Credentials are reference-counted and thread-safe: one credential may back
// many contexts on many threads at once, and freeing the handle does not
// disturb contexts created from it. Client session resumption happens only
// between contexts that share a credential handle and a target name.

// AcquireCredentialsHandleA creates a credential for the package named
// `pszPackage` from the SCHANNEL_CRED or SCH_CREDENTIALS in `pAuthData` and
// writes its handle to `*phCredential`.
//
// `pszPackage` is UNISP_NAME_A, SCHANNEL_NAME_A or DEFAULT_TLS_SSP_NAME_A,
// compared without regard to case. `fCredentialUse` is SECPKG_CRED_OUTBOUND
// for a client or SECPKG_CRED_INBOUND for a server. `pAuthData` is read by its
// first DWORD: SCHANNEL_CRED_VERSION (4) selects SCHANNEL_CRED (SCH_CRED_V3
// is read the same way), SCH_CREDENTIALS_VERSION (5) selects
// SCH_CREDENTIALS; it may be NULL for an outbound credential with default
// settings. `pszPrincipal`, `pvLogonId`,
// `pGetKeyFn` and `pvGetKeyArgument` are ignored. If `ptsExpiry` is not NULL
// it receives the expiry (NotAfter) of the credential's certificate, or
// 0x7FFFFFFFFFFFFFFF when the credential has none. A credential built from
// SCHANNEL_CRED negotiates TLS 1.3 too (see the Differences below).
//
// `pAuthData` and everything it points to are borrowed for the duration of the
// call: the library takes its own references to the certificate contexts and
// copies the rest, so the caller may free its certificate contexts and
// structs as soon as the call returns. (The store a PFXImportCertStore
// certificate came from must stay open while its key is needed, as on
// Windows.) The caller owns the new handle and frees it with
// FreeCredentialsHandle.
//
// Returns:
//   SEC_E_OK: `*phCredential` holds the new handle.
//   SEC_E_SECPKG_NOT_FOUND: `pszPackage` is NULL or names no Schannel package.
//   SEC_E_NO_CREDENTIALS: `pAuthData` is NULL and `fCredentialUse` is not
//     SECPKG_CRED_OUTBOUND, or a certificate has no private key.
//   SEC_E_UNKNOWN_CREDENTIALS: unsupported `dwVersion` (0, 1, 2 ...) or
//     `dwCredFormat`, a certificate that does not decode, or a private key
//     that cannot be used.
//   SEC_E_ALGORITHM_MISMATCH: the protocol bits leave no usable version for
//     this direction (only server bits on an outbound credential or the
//     reverse, TLS and DTLS bits mixed, or everything disabled).
//   SEC_E_INVALID_PARAMETER: `phCredential` is NULL, or an array in
//     `pAuthData` is NULL while its count is not 0, or longer than its
//     SCH_CRED_MAX_* limit.
//   SEC_E_INSUFFICIENT_MEMORY: out of memory.
//
// Thread-safe.
//
// Differences from Windows: with `grbitEnabledProtocols`
// (or `grbitDisabledProtocols`) 0 the library's default set (TLS 1.2 and
// 1.3) is used instead of the registry, and SCHANNEL_CRED is not capped at
// TLS 1.2. There is no certificate store to search, so an outbound
// credential without a certificate never picks a client certificate on its
// own. Server certificates are validated against the Linux system trust store.
// Revocation-checking flags are accepted, but revocation is not checked. DTLS
// is not implemented: any SP_PROT_DTLS* bit gives SEC_E_ALGORITHM_MISMATCH.
// A NULL `phCredential` crashes on Windows.
//
// https://learn.microsoft.com/windows/win32/secauthn/acquirecredentialshandle--schannel
SECURITY_STATUS SEC_ENTRY AcquireCredentialsHandleA(
    SEC_CHAR *pszPrincipal, SEC_CHAR *pszPackage, ULONG fCredentialUse,
    void *pvLogonId, void *pAuthData, SEC_GET_KEY_FN pGetKeyFn,
    void *pvGetKeyArgument, PCredHandle phCredential, PTimeStamp ptsExpiry);

// AcquireCredentialsHandleW is AcquireCredentialsHandleA with UTF-16
// `pszPrincipal` and `pszPackage` (UNISP_NAME_W, SCHANNEL_NAME_W or
// DEFAULT_TLS_SSP_NAME_W).
//
// https://learn.microsoft.com/windows/win32/secauthn/acquirecredentialshandle--schannel
SECURITY_STATUS SEC_ENTRY AcquireCredentialsHandleW(
    SEC_WCHAR *pszPrincipal, SEC_WCHAR *pszPackage, ULONG fCredentialUse,
    void *pvLogonId, void *pAuthData, SEC_GET_KEY_FN pGetKeyFn,
    void *pvGetKeyArgument, PCredHandle phCredential, PTimeStamp ptsExpiry);

// FreeCredentialsHandle releases the caller's reference to the credential
// `phCredential`. The handle becomes invalid at once, in every thread.
// Contexts created from the credential keep working; the credential itself is
// destroyed when its last context is deleted. Client session-cache entries
// tied to the credential are discarded with it.
//
// Returns:
//   SEC_E_OK: the handle was released.
//   SEC_E_INVALID_HANDLE: `phCredential` is NULL, unknown or already freed.
//
// Thread-safe.
//
// https://learn.microsoft.com/windows/win32/api/sspi/nf-sspi-freecredentialshandle
SECURITY_STATUS SEC_ENTRY FreeCredentialsHandle(PCredHandle phCredential);

// FreeCredentialHandle is the historical spelling of FreeCredentialsHandle
// (and the name of slot 4 of SecurityFunctionTableA).
#define FreeCredentialHandle FreeCredentialsHandle

// QueryCredentialsAttributesA writes the credential attribute `ulAttribute`
// of `phCredential` into the struct at `pBuffer`, which the caller allocates.
//
// Attributes Schannel answers:
//   SECPKG_CRED_ATTR_NAMES: SecPkgCredentials_NamesA, the subject name of the
//     credential's certificate. The caller frees sUserName with
//     FreeContextBuffer.
//   SECPKG_ATTR_SUPPORTED_ALGS: SecPkgCred_SupportedAlgs, the ALG_IDs the
//     credential allows. The caller frees palgSupportedAlgs with
//     FreeContextBuffer.
//   SECPKG_ATTR_CIPHER_STRENGTHS: SecPkgCred_CipherStrengths, minimum and
//     maximum cipher strength in bits.
//   SECPKG_ATTR_SUPPORTED_PROTOCOLS: SecPkgCred_SupportedProtocols, the
//     SP_PROT_* bits enabled for this credential (for its direction only),
//     not every protocol the library knows.
//
// Returns:
//   SEC_E_OK: `pBuffer` holds the attribute.
//   SEC_E_INVALID_HANDLE: `phCredential` is NULL, unknown or freed.
//   SEC_E_NO_CREDENTIALS: SECPKG_CRED_ATTR_NAMES on a credential without a
//     certificate.
//   SEC_E_INVALID_PARAMETER: `pBuffer` is NULL.
//   SEC_E_UNSUPPORTED_FUNCTION: any other `ulAttribute`.
// Differences from Windows: Windows returns SEC_E_INTERNAL_ERROR for a NULL
// `pBuffer`; here SEC_E_INTERNAL_ERROR only ever means a library bug.
//   SEC_E_INSUFFICIENT_MEMORY: out of memory.
//
// Thread-safe.
//
// https://learn.microsoft.com/windows/win32/api/sspi/nf-sspi-querycredentialsattributesa
SECURITY_STATUS SEC_ENTRY QueryCredentialsAttributesA(PCredHandle phCredential,
                                                      ULONG ulAttribute,
                                                      void *pBuffer);

// QueryCredentialsAttributesW is QueryCredentialsAttributesA with a UTF-16
// name for SECPKG_CRED_ATTR_NAMES (SecPkgCredentials_NamesW). The other
// attributes are identical.
//
// https://learn.microsoft.com/windows/win32/api/sspi/nf-sspi-querycredentialsattributesw
SECURITY_STATUS SEC_ENTRY QueryCredentialsAttributesW(PCredHandle phCredential,
                                                      ULONG ulAttribute,
                                                      void *pBuffer);

// SetCredentialsAttributesA changes the credential attribute `ulAttribute` of
// `phCredential` from the `cbBuffer` bytes at `pBuffer`.
//
// The one attribute Schannel accepts is SECPKG_ATTR_SESSION_TICKET_KEYS
// (schannel.h) on an inbound (server) credential: `pBuffer` points to a
// SecPkgCred_SessionTicketKeys and `cbBuffer` is its size. The keys replace
// the server's session-ticket keys: the first key encrypts new tickets, every
// key decrypts tickets presented by clients, so keys can be rotated without
// invalidating recent tickets. Servers given the same keys resume each
// other's sessions. Without this call the library generates a random key per
// credential (shared by the credential's contexts) and replaces it every 24
// hours, keeping old keys for 7 days to decrypt; after this call it leaves
// the keys as given. The key array is copied; it is borrowed for the
// duration of the call.
//
// Each key becomes the 32-byte ticket key SHA-256(KeyId ||
// KeyingMaterial[0..KeyingMaterialSize)) of the TLS engine (Go crypto/tls),
// so tickets are only interchangeable between servers running this library.
//
// Returns:
//   SEC_E_OK: the attribute was set.
//   SEC_E_INVALID_HANDLE: `phCredential` is NULL, unknown or freed.
//   SEC_E_INVALID_PARAMETER: `pBuffer` is NULL, `cbBuffer` is too small, the
//     key list is empty, NULL or longer than 256 keys, a key has an
//     unsupported TicketInfoVersion or a KeyingMaterialSize outside 32..64,
//     or the credential is not inbound.
//   SEC_E_UNSUPPORTED_FUNCTION: any other `ulAttribute`.
//
// Thread-safe; contexts created later use the new keys.
//
// Differences from Windows: Windows also accepts SECPKG_ATTR_CLIENT_CERT_POLICY
// here; the ticket format and the key derivation are this library's.
//
// https://learn.microsoft.com/windows/win32/api/sspi/nf-sspi-setcredentialsattributesa
SECURITY_STATUS SEC_ENTRY SetCredentialsAttributesA(PCredHandle phCredential,
                                                    ULONG ulAttribute,
                                                    void *pBuffer,
                                                    ULONG cbBuffer);

// SetCredentialsAttributesW is SetCredentialsAttributesA; no attribute
// Schannel accepts contains strings.
//
// https://learn.microsoft.com/windows/win32/api/sspi/nf-sspi-setcredentialsattributesw
SECURITY_STATUS SEC_ENTRY SetCredentialsAttributesW(PCredHandle phCredential,
                                                    ULONG ulAttribute,
                                                    void *pBuffer,
                                                    ULONG cbBuffer);

// AddCredentialsA would add credentials to an existing credential handle.
//
// Returns SEC_E_UNSUPPORTED_FUNCTION: Schannel does not implement it.
//
// https://learn.microsoft.com/windows/win32/api/sspi/nf-sspi-addcredentialsa
SECURITY_STATUS SEC_ENTRY AddCredentialsA(PCredHandle hCredentials,
                                          SEC_CHAR *pszPrincipal,
                                          SEC_CHAR *pszPackage,
                                          ULONG fCredentialUse,
                                          void *pAuthData,
                                          SEC_GET_KEY_FN pGetKeyFn,
                                          void *pvGetKeyArgument,
                                          PTimeStamp ptsExpiry);

// AddCredentialsW is AddCredentialsA with UTF-16 strings.
//
// Returns SEC_E_UNSUPPORTED_FUNCTION: Schannel does not implement it.
//
// https://learn.microsoft.com/windows/win32/api/sspi/nf-sspi-addcredentialsw
SECURITY_STATUS SEC_ENTRY AddCredentialsW(PCredHandle hCredentials,
                                          SEC_WCHAR *pszPrincipal,
                                          SEC_WCHAR *pszPackage,
                                          ULONG fCredentialUse,
                                          void *pAuthData,
                                          SEC_GET_KEY_FN pGetKeyFn,
                                          void *pvGetKeyArgument,
                                          PTimeStamp ptsExpiry);

// Security contexts.
//
// A security context is one TLS connection. The client creates it with
// InitializeSecurityContext, the server with AcceptSecurityContext, and each
// side calls its function in a loop, passing the bytes received from the peer
// in and sending the output token out, until the call returns SEC_E_OK. The
// library never touches a socket.
//
// Loop protocol, both sides:
//  - Input: a SECBUFFER_TOKEN with the received bytes followed by a
//    SECBUFFER_EMPTY buffer (cbBuffer 0, pvBuffer NULL). Only complete TLS
//    records are consumed. If bytes remain after the last record processed,
//    the EMPTY buffer becomes SECBUFFER_EXTRA with cbBuffer = the number of
//    unconsumed bytes, which are the last cbBuffer bytes of the TOKEN; keep
//    them and pass them first next time. If no complete record is present the
//    call returns SEC_E_INCOMPLETE_MESSAGE and the EMPTY buffer may become
//    SECBUFFER_MISSING with a hint of how many bytes are still needed; read
//    more and call again with the same bytes plus the new ones. Reset the
//    EMPTY buffer (type and cbBuffer 0) before every call.
//  - Output: a SECBUFFER_TOKEN (a SECBUFFER_EMPTY buffer is accepted and
//    retyped), optionally a SECBUFFER_ALERT. With ISC_REQ_ALLOCATE_MEMORY /
//    ASC_REQ_ALLOCATE_MEMORY the library allocates each output buffer and
//    overwrites pvBuffer and cbBuffer whatever they held; the caller frees
//    every non-NULL pvBuffer with FreeContextBuffer. Otherwise the library
//    writes into the caller's buffers and sets cbBuffer to the bytes written.
//    Send cbBuffer bytes of every TOKEN with cbBuffer > 0, whatever the
//    status, SEC_E_OK included: the last flight of a handshake often comes
//    with SEC_E_OK. An ALERT buffer's cbBuffer is reset to 0 on success; on
//    a failure with extended errors it holds a copy of the alert record that
//    is also in the TOKEN: send the TOKEN only.
//  - `*phNewContext` receives the handle on the first call; on later calls it
//    may be NULL or the same pointer as `phContext`. It is not written when
//    the call returns SEC_E_INCOMPLETE_MESSAGE or rejects its arguments.
//
// A context is not safe for concurrent use, with one exception: after the
// handshake one thread may call EncryptMessage while another calls
// DecryptMessage. Other calls on the same context must be serialised by the
// caller (the library also locks internally, so a mistake costs time, not
// memory safety). Different contexts are independent. Any thread may make
// any call, except with SCH_CRED_LINUX_THREAD_AFFINE credentials
// (schannel_linux.h): then every ISC/ASC call of a handshake must come from
// the thread that made its first call, and one from another thread returns
// SEC_E_UNSUPPORTED_FUNCTION without changing anything (not fatal).

// InitializeSecurityContextA runs one step of the client side of a TLS
// handshake on the context `phContext` (NULL on the first call) using the
// credential `phCredential`.
//
// The first call creates the context, writes its handle to `*phNewContext`,
// puts a ClientHello in the output token and returns SEC_I_CONTINUE_NEEDED.
// Its `pInput` may be NULL, or hold only a SECBUFFER_EMPTY buffer, or a
// SECBUFFER_APPLICATION_PROTOCOLS buffer with the ALPN protocols to offer.
// `pszTargetName` is the server's host name: it is sent as SNI (unless it is
// an IP address), checked against the server certificate, and used with the
// credential as the session-cache key; it may be NULL. `fContextReq` takes
// ISC_REQ_* bits; Schannel honours ALLOCATE_MEMORY, MANUAL_CRED_VALIDATION,
// USE_SUPPLIED_CREDS, EXTENDED_ERROR, STREAM, CONFIDENTIALITY, INTEGRITY,
// REPLAY_DETECT, SEQUENCE_DETECT and CONNECTION, and ignores the others.
// `Reserved1`, `TargetDataRep` and `Reserved2` are ignored (pass 0).
// `*pfContextAttr` (must not be NULL) receives ISC_RET_REPLAY_DETECT |
// ISC_RET_SEQUENCE_DETECT | ISC_RET_CONFIDENTIALITY | ISC_RET_STREAM, plus
// ISC_RET_ALLOCATED_MEMORY, ISC_RET_USED_SUPPLIED_CREDS,
// ISC_RET_EXTENDED_ERROR and ISC_RET_MANUAL_CRED_VALIDATION only when the
// matching request bit was set in this call; callers such as curl compare this
// set for equality. `*ptsExpiry` (optional) receives 0 while the handshake is
// in progress and the server certificate's NotAfter once it completes.
//
// The same function drives the context after the handshake:
//  - After ApplyControlToken(SCHANNEL_SHUTDOWN) or (SCHANNEL_ALERT) the next
//    call ignores its input, puts the close_notify (or the alert) record in the
//    output token and returns SEC_E_OK. Send it, then DeleteSecurityContext.
//  - After DecryptMessage returned SEC_I_RENEGOTIATE, call it with the
//    SECBUFFER_EXTRA bytes DecryptMessage left (or NULL `pInput`) to let the
//    context process the post-handshake message; send any output and go on
//    with DecryptMessage, passing it any SECBUFFER_EXTRA this call reports.
//
// `pszTargetName` and the input buffers are borrowed for the duration of the
// call. Output buffers are owned by the caller as described in the section
// comment.
//
// Returns:
//   SEC_I_CONTINUE_NEEDED: send the output token, read the reply, call again.
//     If the input reported SECBUFFER_EXTRA, call again at once with those
//     bytes first.
//   SEC_E_OK: the handshake is complete; send the output token if cbBuffer >
//     0. SECBUFFER_EXTRA bytes, if any, are records for DecryptMessage.
//   SEC_E_INCOMPLETE_MESSAGE: no complete record in the input; read more and
//     retry with the same bytes plus the new ones (also returned for NULL
//     `pInput` when nothing is pending). Output buffers are left untouched.
//   SEC_I_INCOMPLETE_CREDENTIALS: the server asked for a client certificate,
//     the credential has none, and neither ISC_REQ_USE_SUPPLIED_CREDS nor
//     SCH_CRED_NO_DEFAULT_CREDS was given. No input was consumed: call again
//     with the same input, either with a credential that has a certificate or
//     with ISC_REQ_USE_SUPPLIED_CREDS to continue without one.
//   SEC_E_INVALID_HANDLE: a handle is NULL, unknown or freed, `phContext`
//     is a server context, or `phCredential` is NULL on the first call.
//   SEC_E_NO_CREDENTIALS: on the first call, `phCredential` is an inbound
//     (server) credential.
//   SEC_E_INVALID_TOKEN: `pOutput` is NULL or has no buffers, the input does
//     not have the expected shape (e.g. an EMPTY buffer with cbBuffer != 0),
//     or the input bytes are not TLS.
//   SEC_E_INSUFFICIENT_MEMORY: out of memory, or without
//     ISC_REQ_ALLOCATE_MEMORY an output TOKEN or ALERT buffer has cbBuffer 0.
//   SEC_E_BUFFER_TOO_SMALL: the output does not fit in the caller's buffer;
//     nothing was consumed, retry with a larger buffer.
//   SEC_E_UNTRUSTED_ROOT, SEC_E_CERT_EXPIRED, SEC_E_WRONG_PRINCIPAL,
//   SEC_E_CERT_WRONG_USAGE, CRYPT_E_REVOKED: automatic server-certificate
//     validation failed (see SCH_CRED_MANUAL_CRED_VALIDATION).
//   SEC_E_UNSUPPORTED_FUNCTION: no protocol version in common (protocol_version
//     alert); or, not fatal, a SCH_CRED_LINUX_THREAD_AFFINE handshake called
//     from another thread than its first call's (nothing changed).
//   SEC_E_ALGORITHM_MISMATCH: no cipher suite, group or signature algorithm
//     in common.
//   SEC_E_APPLICATION_PROTOCOL_MISMATCH: the server rejected every offered
//     ALPN protocol.
//   SEC_E_ILLEGAL_MESSAGE, SEC_E_CERT_UNKNOWN, SEC_E_MESSAGE_ALTERED,
//   SEC_E_DECRYPT_FAILURE, SEC_E_LOGON_DENIED, SEC_E_UNSUPPORTED_FUNCTION,
//   SEC_E_UNFINISHED_CONTEXT_DELETED, SEC_E_DOWNGRADE_DETECTED: the server
//     sent a fatal alert or a malformed or unexpected message; the alert is
//     mapped as Schannel does ("Schannel error codes for TLS and SSL alerts").
//     With ISC_REQ_EXTENDED_ERROR the output token may hold an alert record
//     to send.
//   SEC_E_INTERNAL_ERROR: a library bug.
// After any SEC_E_* error other than SEC_E_INCOMPLETE_MESSAGE,
// SEC_E_BUFFER_TOO_SMALL and the thread-affine refusal, the context can only
// be deleted.
//
// Differences from Windows: no certificate store is searched for a client
// certificate; server certificates are validated against the Linux system
// trust store; DTLS (ISC_REQ_DATAGRAM) is not implemented.
//
// https://learn.microsoft.com/windows/win32/secauthn/initializesecuritycontext--schannel
SECURITY_STATUS SEC_ENTRY InitializeSecurityContextA(
    PCredHandle phCredential, PCtxtHandle phContext, SEC_CHAR *pszTargetName,
    ULONG fContextReq, ULONG Reserved1, ULONG TargetDataRep,
    PSecBufferDesc pInput, ULONG Reserved2, PCtxtHandle phNewContext,
    PSecBufferDesc pOutput, ULONG *pfContextAttr, PTimeStamp ptsExpiry);

// InitializeSecurityContextW is InitializeSecurityContextA with a UTF-16
// `pszTargetName`.
//
// https://learn.microsoft.com/windows/win32/secauthn/initializesecuritycontext--schannel
SECURITY_STATUS SEC_ENTRY InitializeSecurityContextW(
    PCredHandle phCredential, PCtxtHandle phContext, SEC_WCHAR *pszTargetName,
    ULONG fContextReq, ULONG Reserved1, ULONG TargetDataRep,
    PSecBufferDesc pInput, ULONG Reserved2, PCtxtHandle phNewContext,
    PSecBufferDesc pOutput, ULONG *pfContextAttr, PTimeStamp ptsExpiry);

// AcceptSecurityContext runs one step of the server side of a TLS handshake
// on the context `phContext` (NULL on the first call) using the inbound
// credential `phCredential`.
//
// The first call's `pInput` must hold the ClientHello in a SECBUFFER_TOKEN;
// it may also hold a SECBUFFER_APPLICATION_PROTOCOLS buffer with the ALPN
// protocols the server accepts, in preference order. The call creates the
// context, writes its handle to `*phNewContext`, and returns
// SEC_I_CONTINUE_NEEDED with the server's flight in the output token (or
// SEC_E_INCOMPLETE_MESSAGE if the ClientHello is not complete yet, without
// creating anything). `fContextReq` takes ASC_REQ_* bits; Schannel honours
// ALLOCATE_MEMORY, MUTUAL_AUTH (request a client certificate), EXTENDED_ERROR,
// STREAM, CONFIDENTIALITY, INTEGRITY, REPLAY_DETECT, SEQUENCE_DETECT and
// CONNECTION, and ignores the others. `TargetDataRep` is ignored.
// `*pfContextAttr` (must not be NULL) receives ASC_RET_REPLAY_DETECT |
// ASC_RET_SEQUENCE_DETECT | ASC_RET_CONFIDENTIALITY | ASC_RET_STREAM, plus
// ASC_RET_ALLOCATED_MEMORY, ASC_RET_EXTENDED_ERROR and ASC_RET_MUTUAL_AUTH
// when requested in this call (MUTUAL_AUTH only if the client sent a
// certificate). `*ptsExpiry` (optional) receives 0 while the handshake is in
// progress and the client certificate's NotAfter (or 0x7FFFFFFFFFFFFFFF) once
// it completes.
//
// A client that sends no certificate in answer to ASC_REQ_MUTUAL_AUTH does not
// fail the handshake; check SECPKG_ATTR_REMOTE_CERT_CONTEXT afterwards.
// Shutdown (ApplyControlToken) and post-handshake re-entry after
// SEC_I_RENEGOTIATE work as for InitializeSecurityContextA.
//
// The input buffers are borrowed for the duration of the call. Output buffers
// are owned by the caller as described in the section comment.
//
// Returns:
//   SEC_I_CONTINUE_NEEDED: send the output token, read the reply, call again
//     (at once if the input reported SECBUFFER_EXTRA).
//   SEC_E_OK: the handshake is complete; send the output token if cbBuffer >
//     0 (a TLS 1.2 server's final ChangeCipherSpec and Finished, or TLS 1.3
//     session tickets). SECBUFFER_EXTRA bytes are records for DecryptMessage.
//   SEC_E_INCOMPLETE_MESSAGE: no complete record in the input; read more and
//     retry with the same bytes plus the new ones.
//   SEC_E_INVALID_HANDLE: a handle is NULL, unknown or freed, or
//     `phContext` is a client context.
//   SEC_E_INVALID_TOKEN: `pOutput` is NULL or has no buffers, the input has
//     the wrong shape, or the input bytes are not TLS.
//   SEC_E_INSUFFICIENT_MEMORY: out of memory, or without
//     ASC_REQ_ALLOCATE_MEMORY an output TOKEN or ALERT buffer has cbBuffer 0.
//   SEC_E_BUFFER_TOO_SMALL: the output does not fit in the caller's buffer;
//     nothing was consumed, retry with a larger buffer.
//   SEC_E_NO_CREDENTIALS: on the first call, `phCredential` is not an
//     inbound credential, or it has no certificate the client can accept.
//   SEC_E_UNSUPPORTED_FUNCTION: no protocol version in common (protocol_version
//     alert); or, not fatal, a SCH_CRED_LINUX_THREAD_AFFINE handshake called
//     from another thread than its first call's (nothing changed).
//   SEC_E_ALGORITHM_MISMATCH: no cipher suite, group or signature algorithm
//     in common.
//   SEC_E_APPLICATION_PROTOCOL_MISMATCH: the client offered ALPN and none of
//     its protocols is acceptable (with ASC_REQ_EXTENDED_ERROR the output
//     token holds the no_application_protocol alert to send).
//   SEC_E_ILLEGAL_MESSAGE, SEC_E_CERT_UNKNOWN, SEC_E_CERT_EXPIRED,
//   SEC_E_UNTRUSTED_ROOT, CRYPT_E_REVOKED, SEC_E_MESSAGE_ALTERED,
//   SEC_E_DECRYPT_FAILURE, SEC_E_UNSUPPORTED_FUNCTION,
//   SEC_E_UNFINISHED_CONTEXT_DELETED: the client sent a fatal alert or a
//     malformed or unexpected message; the alert is mapped as Schannel does.
//     With ASC_REQ_EXTENDED_ERROR the output token may hold an alert record
//     to send.
//   SEC_E_INTERNAL_ERROR: a library bug.
//
// Differences from Windows: client certificates are never mapped to
// accounts; a client's attempt to renegotiate TLS 1.2 is refused with a
// no_renegotiation alert and DecryptMessage returns SEC_E_UNSUPPORTED_FUNCTION
// (the connection cannot continue); DTLS (ASC_REQ_DATAGRAM) is not implemented.
//
// https://learn.microsoft.com/windows/win32/secauthn/acceptsecuritycontext--schannel
SECURITY_STATUS SEC_ENTRY AcceptSecurityContext(
    PCredHandle phCredential, PCtxtHandle phContext, PSecBufferDesc pInput,
    ULONG fContextReq, ULONG TargetDataRep, PCtxtHandle phNewContext,
    PSecBufferDesc pOutput, ULONG *pfContextAttr, PTimeStamp ptsExpiry);

// DeleteSecurityContext destroys the context `phContext` and everything it
// holds. It sends nothing: to close a connection cleanly, first produce and
// send a close_notify (ApplyControlToken(SCHANNEL_SHUTDOWN), then one
// InitializeSecurityContext / AcceptSecurityContext call). Deleting a context
// in the middle of a handshake is allowed. Certificate contexts obtained from
// QueryContextAttributes stay valid; memory returned by earlier calls is still
// the caller's to free.
//
// Returns:
//   SEC_E_OK: the context is gone; every later use of the handle gives
//     SEC_E_INVALID_HANDLE.
//   SEC_E_INVALID_HANDLE: `phContext` is NULL, unknown or already deleted.
//
// Must not run concurrently with another call on the same context.
//
// https://learn.microsoft.com/windows/win32/api/sspi/nf-sspi-deletesecuritycontext
SECURITY_STATUS SEC_ENTRY DeleteSecurityContext(PCtxtHandle phContext);

// ApplyControlToken queues a control token on the context `phContext`; the
// next InitializeSecurityContext / AcceptSecurityContext call acts on it.
//
// `pInput` must hold exactly one SECBUFFER_TOKEN buffer whose first DWORD is
// the token type (schannel.h):
//   SCHANNEL_SHUTDOWN: the next call produces a close_notify alert record.
//     Before the handshake has completed the record is sent in plaintext.
//   SCHANNEL_ALERT: the buffer is a SCHANNEL_ALERT_TOKEN (12 bytes); the next
//     call produces that alert record (e.g. TLS1_ALERT_FATAL,
//     TLS1_ALERT_BAD_CERTIFICATE to reject a client certificate).
//   SCHANNEL_SESSION: the buffer is a SCHANNEL_SESSION_TOKEN; on a server
//     context SSL_SESSION_DISABLE_RECONNECTS stops this session from being
//     resumed later and SSL_SESSION_ENABLE_RECONNECTS allows it again.
//   SCHANNEL_RENEGOTIATE: not supported.
// A pending token is used once; applying the same token again before it is
// used is harmless. The buffer is borrowed for the duration of the call.
//
// Returns:
//   SEC_E_OK: the token is queued.
//   SEC_E_INVALID_HANDLE: `phContext` is NULL, unknown or deleted.
//   SEC_E_INVALID_PARAMETER: `pInput` is NULL.
//   SEC_E_INVALID_TOKEN: `pInput` does not hold exactly one buffer, the
//     buffer is not a SECBUFFER_TOKEN, or a SCHANNEL_ALERT token is shorter
//     than 12 bytes.
//   SEC_E_UNSUPPORTED_FUNCTION: the buffer holds fewer than 4 bytes, the
//     token type is unknown, or it is SCHANNEL_RENEGOTIATE.
//
// Must not run concurrently with another call on the same context.
//
// https://learn.microsoft.com/windows/win32/secauthn/applycontroltoken--schannel
SECURITY_STATUS SEC_ENTRY ApplyControlToken(PCtxtHandle phContext,
                                            PSecBufferDesc pInput);

// CompleteAuthToken would finish a token for packages that return
// SEC_I_COMPLETE_NEEDED; Schannel never does.
//
// Returns SEC_E_UNSUPPORTED_FUNCTION: Schannel does not implement it.
//
// https://learn.microsoft.com/windows/win32/api/sspi/nf-sspi-completeauthtoken
SECURITY_STATUS SEC_ENTRY CompleteAuthToken(PCtxtHandle phContext,
                                            PSecBufferDesc pToken);

// ImpersonateSecurityContext would make the calling thread run as the client
// of a server context.
//
// Returns SEC_E_UNSUPPORTED_FUNCTION: Schannel does not implement it.
//
// Differences from Windows: Windows supports it for server contexts whose
// client certificate maps to a Windows account; Linux has no such mapping.
//
// https://learn.microsoft.com/windows/win32/api/sspi/nf-sspi-impersonatesecuritycontext
SECURITY_STATUS SEC_ENTRY ImpersonateSecurityContext(PCtxtHandle phContext);

// RevertSecurityContext would end an ImpersonateSecurityContext.
//
// Returns SEC_E_UNSUPPORTED_FUNCTION: Schannel does not implement it.
//
// https://learn.microsoft.com/windows/win32/api/sspi/nf-sspi-revertsecuritycontext
SECURITY_STATUS SEC_ENTRY RevertSecurityContext(PCtxtHandle phContext);

// QuerySecurityContextToken would return the access token of the client of a
// server context.
//
// Returns SEC_E_UNSUPPORTED_FUNCTION: Schannel does not implement it.
// `*Token` is not written.
//
// https://learn.microsoft.com/windows/win32/api/sspi/nf-sspi-querysecuritycontexttoken
SECURITY_STATUS SEC_ENTRY QuerySecurityContextToken(PCtxtHandle phContext,
                                                    void **Token);

// ExportSecurityContext would serialise a context so that another process
// can import it.
//
// Returns SEC_E_UNSUPPORTED_FUNCTION: Schannel does not implement it.
// `pPackedContext` and `*pToken` are not written.
//
// https://learn.microsoft.com/windows/win32/api/sspi/nf-sspi-exportsecuritycontext
SECURITY_STATUS SEC_ENTRY ExportSecurityContext(PCtxtHandle phContext,
                                                ULONG fFlags,
                                                PSecBuffer pPackedContext,
                                                void **pToken);

// ImportSecurityContextA would rebuild a context serialised by
// ExportSecurityContext.
//
// Returns SEC_E_UNSUPPORTED_FUNCTION: Schannel does not implement it.
// `*phContext` is not written.
//
// https://learn.microsoft.com/windows/win32/api/sspi/nf-sspi-importsecuritycontexta
SECURITY_STATUS SEC_ENTRY ImportSecurityContextA(SEC_CHAR *pszPackage,
                                                 PSecBuffer pPackedContext,
                                                 void *Token,
                                                 PCtxtHandle phContext);

// ImportSecurityContextW is ImportSecurityContextA with a UTF-16
// `pszPackage`.
//
// Returns SEC_E_UNSUPPORTED_FUNCTION: Schannel does not implement it.
//
// https://learn.microsoft.com/windows/win32/api/sspi/nf-sspi-importsecuritycontextw
SECURITY_STATUS SEC_ENTRY ImportSecurityContextW(SEC_WCHAR *pszPackage,
                                                 PSecBuffer pPackedContext,
                                                 void *Token,
                                                 PCtxtHandle phContext);

// Message protection.
//
// Once the handshake has completed, EncryptMessage turns plaintext into one
// TLS record and DecryptMessage turns one TLS record back into plaintext, both
// in place inside the caller's buffers. Sizes come from
// QueryContextAttributes(SECPKG_ATTR_STREAM_SIZES). One thread may encrypt
// while another decrypts on the same context; two concurrent encrypts, or two
// concurrent decrypts, are the caller's bug.

// EncryptMessage encrypts the plaintext in `pMessage` into exactly one TLS
// application-data record, in place.
//
// `pMessage` holds, in this order: a SECBUFFER_STREAM_HEADER of at least
// cbHeader bytes, a SECBUFFER_DATA with at most cbMaximumMessage bytes of
// plaintext (0 is allowed and produces an empty record), a
// SECBUFFER_STREAM_TRAILER of at least cbTrailer bytes and a SECBUFFER_EMPTY.
// On SEC_E_OK the header buffer holds the record header (exactly cbHeader
// bytes, so the data never moves), DATA holds the ciphertext (same length),
// and the trailer buffer holds the MAC or tag with cbBuffer set to its real
// length, which may be less than cbTrailer. If the three buffers are
// contiguous, send header.cbBuffer + data.cbBuffer + trailer.cbBuffer bytes
// from the start of the header. `fQOP` and `MessageSeqNo` must be 0. The
// buffers are borrowed for the duration of the call; SECBUFFER_READONLY
// buffers are not written.
//
// Returns:
//   SEC_E_OK: the record is in the buffers.
//   SEC_E_INVALID_HANDLE: `phContext` is NULL, unknown or deleted.
//   SEC_E_INVALID_TOKEN: `pMessage` lacks a DATA, STREAM_HEADER or
//     STREAM_TRAILER buffer.
//   SEC_E_BUFFER_TOO_SMALL: the header or trailer buffer is too small.
//   SEC_E_ENCRYPT_FAILURE: DATA is larger than cbMaximumMessage.
//   SEC_E_QOP_NOT_SUPPORTED: `fQOP` is not 0.
//   SEC_E_CONTEXT_EXPIRED: the handshake has not completed, the connection
//     was shut down, or a post-handshake re-entry (SEC_I_RENEGOTIATE) has not
//     been done yet.
//   SEC_E_INSUFFICIENT_MEMORY, SEC_E_INTERNAL_ERROR: as usual.
//
// https://learn.microsoft.com/windows/win32/secauthn/encryptmessage--schannel
SECURITY_STATUS SEC_ENTRY EncryptMessage(PCtxtHandle phContext, ULONG fQOP,
                                         PSecBufferDesc pMessage,
                                         ULONG MessageSeqNo);

// DecryptMessage decrypts exactly one TLS record from the SECBUFFER_DATA
// buffer in `pMessage`, in place.
//
// `pMessage` holds at least four buffers: exactly one SECBUFFER_DATA with the
// received bytes (any number of records, possibly a partial one) and at least
// three SECBUFFER_EMPTY buffers, e.g. [DATA, EMPTY, EMPTY, EMPTY]. On success
// only the first record is processed and the buffers are rewritten to point
// into the caller's DATA bytes: the DATA buffer becomes
// SECBUFFER_STREAM_HEADER (the record header), the first EMPTY becomes
// SECBUFFER_DATA (the plaintext, possibly 0 bytes), the second EMPTY
// SECBUFFER_STREAM_TRAILER (the rest of the record) and, if bytes follow the
// record, the third EMPTY SECBUFFER_EXTRA (pvBuffer at the first byte after
// the record, cbBuffer the count). Move the EXTRA bytes to the front and call
// again until SEC_E_INCOMPLETE_MESSAGE or no bytes remain: one call never
// decrypts two records. `MessageSeqNo` must be 0; `pfQOP` may be NULL, else it
// receives 0. The buffers are borrowed for the duration of the call.
//
// Returns:
//   SEC_E_OK: DATA holds the plaintext of one record (possibly empty).
//   SEC_E_INCOMPLETE_MESSAGE: the DATA buffer does not hold a full record. It
//     becomes SECBUFFER_MISSING with cbBuffer = the bytes still missing (a
//     hint). Rebuild the descriptor, read more and retry with all the bytes.
//   SEC_I_CONTEXT_EXPIRED: the record was the peer's close_notify; no more
//     data will come. Buffers are filled as for SEC_E_OK.
//   SEC_I_RENEGOTIATE: the record was a TLS 1.3 KeyUpdate that asks for a
//     KeyUpdate in return (or, with SCH_CRED_LINUX_RENEGOTIATE_ON_TICKET, a
//     session ticket). Call InitializeSecurityContext / AcceptSecurityContext with the
//     SECBUFFER_EXTRA bytes (or no input) before encrypting or decrypting
//     again. Buffers are filled as for SEC_E_OK.
//   SEC_E_INVALID_HANDLE: `phContext` is NULL, unknown or deleted.
//   SEC_E_INVALID_TOKEN: fewer than four buffers, no DATA buffer or two of
//     them, fewer than three EMPTY buffers, or a record that is not TLS.
//   SEC_E_MESSAGE_ALTERED, SEC_E_DECRYPT_FAILURE: the record failed its
//     integrity check; the context is unusable.
//   SEC_E_CONTEXT_EXPIRED: the handshake has not completed, close_notify was
//     already received, or a re-entry after SEC_I_RENEGOTIATE is pending.
//   SEC_E_ILLEGAL_MESSAGE and the other alert statuses listed at
//     InitializeSecurityContextA: the peer sent a fatal alert.
//   SEC_E_UNSUPPORTED_FUNCTION: the peer tried to renegotiate TLS 1.2 (a
//     HelloRequest or a new ClientHello); a no_renegotiation alert was queued
//     for the next handshake call and the context is unusable.
//   SEC_E_INSUFFICIENT_MEMORY, SEC_E_INTERNAL_ERROR: as usual.
//
// Differences from Windows: Windows also returns SEC_I_RENEGOTIATE for every
// TLS 1.3 NewSessionTicket (so nearly every TLS 1.3 client sees it); this
// library processes tickets itself and returns SEC_E_OK with an empty DATA
// buffer, which callers already handle. Windows renegotiates TLS 1.2 on
// request; this library refuses (crypto/tls cannot renegotiate as a server,
// and a refused renegotiation ends the connection).
//
// https://learn.microsoft.com/windows/win32/secauthn/decryptmessage--schannel
SECURITY_STATUS SEC_ENTRY DecryptMessage(PCtxtHandle phContext,
                                         PSecBufferDesc pMessage,
                                         ULONG MessageSeqNo, ULONG *pfQOP);

// MakeSignature would compute a detached signature over a message.
//
// Returns SEC_E_UNSUPPORTED_FUNCTION: Schannel does not implement it.
//
// https://learn.microsoft.com/windows/win32/api/sspi/nf-sspi-makesignature
SECURITY_STATUS SEC_ENTRY MakeSignature(PCtxtHandle phContext, ULONG fQOP,
                                        PSecBufferDesc pMessage,
                                        ULONG MessageSeqNo);

// VerifySignature would check a signature made by MakeSignature.
//
// Returns SEC_E_UNSUPPORTED_FUNCTION: Schannel does not implement it.
// `*pfQOP` is not written.
//
// https://learn.microsoft.com/windows/win32/api/sspi/nf-sspi-verifysignature
SECURITY_STATUS SEC_ENTRY VerifySignature(PCtxtHandle phContext,
                                          PSecBufferDesc pMessage,
                                          ULONG MessageSeqNo, ULONG *pfQOP);

// Context attributes.
//
// QueryContextAttributes reads a property of a context into a struct the
// caller allocates; SetContextAttributes changes one. Pointers the library
// stores in the caller's struct are owned by the caller afterwards.

// QueryContextAttributesA writes the attribute `ulAttribute` of the context
// `phContext` into the struct at `pBuffer`, which the caller allocates.
//
// Attributes Schannel answers, and what the caller frees:
//   SECPKG_ATTR_STREAM_SIZES: SecPkgContext_StreamSizes; constant for the
//     connection.
//   SECPKG_ATTR_SIZES: SecPkgContext_Sizes (constants, also before the
//     handshake completes).
//   SECPKG_ATTR_CONNECTION_INFO: SecPkgContext_ConnectionInfo (schannel.h);
//     dwProtocol is the SP_PROT_* bit of this side (client or server).
//   SECPKG_ATTR_CIPHER_INFO: SecPkgContext_CipherInfo (set dwVersion to
//     SECPKGCONTEXT_CIPHERINFO_V1 first; the library writes the whole struct
//     whatever dwVersion holds); dwProtocol is the wire version (0x0303),
//     names are IANA suite names.
//   SECPKG_ATTR_CONNECTION_INFO_EX: SecPkgContext_ConnectionInfoEx.
//   SECPKG_ATTR_KEY_INFO: SecPkgContext_KeyInfoA; free both name strings with
//     FreeContextBuffer. The signature algorithm is the key type of the
//     server's certificate ("RSA"/CALG_RSA_SIGN, "ECDSA"/CALG_ECDSA,
//     "Ed25519"/0); the cipher name is "AES" or "CHACHA20_POLY1305".
//   SECPKG_ATTR_APPLICATION_PROTOCOL: SecPkgContext_ApplicationProtocol
//     (status None before the handshake completes).
//   SECPKG_ATTR_REMOTE_CERT_CONTEXT: `pBuffer` is a PCCERT_CONTEXT *; it
//     receives a new reference to the peer's certificate, whose hCertStore
//     holds every certificate the peer sent (enumerating it yields this same
//     pointer first, then the rest of the chain as sent). Free it with
//     CertFreeCertificateContext.
//   SECPKG_ATTR_LOCAL_CERT_CONTEXT: likewise, the certificate this side sent
//     (a server that resumed a TLS 1.3 session sent none and reports its
//     credential's first certificate), in a new memory store holding the
//     chain that was sent.
//   SECPKG_ATTR_ENDPOINT_BINDINGS, SECPKG_ATTR_UNIQUE_BINDINGS:
//     SecPkgContext_Bindings; free Bindings with FreeContextBuffer.
//     ENDPOINT: "tls-server-end-point:" and the hash of the server
//     certificate (RFC 5929: its signature hash, SHA-256 for MD5, SHA-1 and
//     Ed25519). UNIQUE: "tls-unique:" and the first Finished message.
//   SECPKG_ATTR_SESSION_INFO: SecPkgContext_SessionInfo; dwFlags has
//     SSL_SESSION_RECONNECT when the handshake resumed a session. See
//     schannel.h for the session id.
//   SECPKG_ATTR_ISSUER_LIST_EX: SecPkgContext_IssuerListInfoEx, the CA names
//     of the server's certificate request (0 and NULL if none, and always on
//     a server); answered during the handshake too (typically right after
//     SEC_I_INCOMPLETE_CREDENTIALS). Free aIssuers with FreeContextBuffer.
//   SECPKG_ATTR_KEYING_MATERIAL: SecPkgContext_KeyingMaterial, RFC 5705
//     exporter output for the label and context set with
//     SetContextAttributes(SECPKG_ATTR_KEYING_MATERIAL_INFO); free
//     pbKeyingMaterial with FreeContextBuffer.
//   SECPKG_ATTR_SUPPORTED_SIGNATURES: SecPkgContext_SupportedSignatures, the
//     peer's signature_algorithms: the ClientHello's on a server, the
//     CertificateRequest's on a client (0 and NULL without a request); free
//     pSignatureAndHashAlgorithms with FreeContextBuffer.
//   SECPKG_ATTR_SUPPORTED_PROTOCOLS: SecPkgCred_SupportedProtocols, the
//     SP_PROT_* bits the context's credential enables.
//   SECPKG_ATTR_PACKAGE_INFO: SecPkgContext_PackageInfoA, the "Schannel"
//     SecPkgInfo; free PackageInfo with FreeContextBuffer.
//   SECPKG_ATTR_FLAGS: SecPkgContext_Flags, the ISC_RET_* / ASC_RET_* bits
//     for the request flags of the context's first call.
//   SECPKG_ATTR_LIFESPAN: SecPkgContext_Lifespan, the peer certificate's
//     NotBefore and NotAfter (0 and 0x7FFFFFFFFFFFFFFF without one).
//   SECPKG_ATTR_APP_DATA: SecPkgContext_SessionAppData, the blob set with
//     SetContextAttributes (0 and NULL if none); free pbAppData with
//     FreeContextBuffer.
// SIZES, FLAGS, APPLICATION_PROTOCOL, ISSUER_LIST_EX, SUPPORTED_PROTOCOLS,
// PACKAGE_INFO and APP_DATA are answered at any time; the others need a
// completed handshake.
//
// Returns:
//   SEC_E_OK: `pBuffer` holds the attribute.
//   SEC_E_INVALID_HANDLE: `phContext` is NULL, unknown or deleted, or the
//     attribute needs a completed handshake and the handshake has not
//     completed.
//   SEC_E_INVALID_PARAMETER: `pBuffer` is NULL, or SECPKG_ATTR_KEYING_MATERIAL
//     was queried without SECPKG_ATTR_KEYING_MATERIAL_INFO set first or asks
//     for more than a TLS 1.3 exporter can give (255 x the suite's hash
//     size).
//   SEC_E_NO_CREDENTIALS: REMOTE_CERT_CONTEXT or LOCAL_CERT_CONTEXT when that
//     side sent no certificate.
//   SEC_E_UNSUPPORTED_FUNCTION: any other attribute (NAMES, NEGOTIATION_INFO,
//     SESSION_KEY, REMOTE_CERTIFICATES, EAP_KEY_BLOCK ... ), UNIQUE_BINDINGS
//     on TLS 1.3 (RFC 9266: no tls-unique) or a resumed TLS 1.2 session
//     without extended master secret, and KEYING_MATERIAL when the session
//     has no exporter (TLS 1.2 without extended master secret).
//   SEC_E_INSUFFICIENT_MEMORY: out of memory.
//
// Must not run concurrently with InitializeSecurityContext,
// AcceptSecurityContext or ApplyControlToken on the same context.
//
// Differences from Windows: what Windows returns before the handshake
// completes is undocumented (this library: SEC_E_INVALID_HANDLE); the
// session id of SESSION_INFO is derived from the exporter (schannel.h);
// SUPPORTED_PROTOCOLS on a context and Ed25519 certificates (KEY_INFO,
// CIPHER_INFO) are extensions; REMOTE_CERTIFICATES, REMOTE_CERT_CHAIN and
// EAP_KEY_BLOCK are not answered.
//
// https://learn.microsoft.com/windows/win32/secauthn/querycontextattributes--schannel
SECURITY_STATUS SEC_ENTRY QueryContextAttributesA(PCtxtHandle phContext,
                                                  ULONG ulAttribute,
                                                  void *pBuffer);

// QueryContextAttributesW is QueryContextAttributesA with UTF-16 strings in
// the attributes that contain strings (KEY_INFO, PACKAGE_INFO); the others
// are identical. (SecPkgContext_CipherInfo is UTF-16 in both.)
//
// https://learn.microsoft.com/windows/win32/secauthn/querycontextattributes--schannel
SECURITY_STATUS SEC_ENTRY QueryContextAttributesW(PCtxtHandle phContext,
                                                  ULONG ulAttribute,
                                                  void *pBuffer);

// SetContextAttributesA changes the attribute `ulAttribute` of the context
// `phContext` from the `cbBuffer` bytes at `pBuffer`, which are borrowed for
// the duration of the call (the library copies what it keeps). Allowed
// before, during and after the handshake.
//
// Attributes Schannel accepts:
//   SECPKG_ATTR_KEYING_MATERIAL_INFO: SecPkgContext_KeyingMaterialInfo, the
//     label (cbLabel counts the terminating NUL; a count without it is
//     accepted too, the label ends at the first NUL within cbLabel bytes),
//     optional context value and output length for a later
//     SECPKG_ATTR_KEYING_MATERIAL query. A later call replaces the earlier.
//   SECPKG_ATTR_APP_DATA: SecPkgContext_SessionAppData, an application blob
//     (at most 1 MiB; cbAppData 0 clears it) kept with the context.
//   SECPKG_ATTR_EARLY_START: SecPkgContext_EarlyStart; accepted, no effect.
//
// Returns:
//   SEC_E_OK: the attribute was set.
//   SEC_E_INVALID_HANDLE: `phContext` is NULL, unknown or deleted.
//   SEC_E_INVALID_PARAMETER: `pBuffer` is NULL, `cbBuffer` is smaller than
//     the attribute's struct, or its contents are invalid: an empty label,
//     a label longer than 249 bytes or reserved by RFC 5246 ("client
//     finished", "server finished", "master secret", "key expansion"),
//     cbKeyingMaterial 0 or above 65535, a NULL pointer with a non-zero
//     count, or app data above 1 MiB.
//   SEC_E_UNSUPPORTED_FUNCTION: any other attribute.
//
// Must not run concurrently with another call on the same context.
//
// Differences from Windows: SECPKG_ATTR_DTLS_MTU and SECPKG_ATTR_EAP_PRF_INFO
// are not accepted (no DTLS, no EAP key block), TLS False Start
// (EARLY_START) is never used, the label and size limits are this
// library's, and APP_DATA stays with the context: a later connection that
// resumes the session does not see it.
//
// https://learn.microsoft.com/windows/win32/api/sspi/nf-sspi-setcontextattributesa
SECURITY_STATUS SEC_ENTRY SetContextAttributesA(PCtxtHandle phContext,
                                                ULONG ulAttribute,
                                                void *pBuffer, ULONG cbBuffer);

// SetContextAttributesW is SetContextAttributesA; no attribute Schannel
// accepts contains UTF-16 strings.
//
// https://learn.microsoft.com/windows/win32/api/sspi/nf-sspi-setcontextattributesw
SECURITY_STATUS SEC_ENTRY SetContextAttributesW(PCtxtHandle phContext,
                                                ULONG ulAttribute,
                                                void *pBuffer, ULONG cbBuffer);

// Memory.
//
// Everything the SSPI functions allocate for the caller comes from one
// allocator and goes back through FreeContextBuffer: output tokens allocated
// for *_REQ_ALLOCATE_MEMORY, SecPkgInfo arrays, and the pointers stored inside
// attribute structs. Certificate contexts are the exception
// (CertFreeCertificateContext), and memory from the crypt32 functions of
// wincrypt.h must not be passed here.

// FreeContextBuffer frees `pvContextBuffer`, a buffer the library allocated
// for the caller. A NULL pointer is allowed and ignored, so callers may free
// every output pvBuffer unconditionally.
//
// Returns:
//   SEC_E_OK: always. Passing a pointer the library did not allocate, or
//     freeing twice, is undefined behaviour, as on Windows.
//
// Thread-safe.
//
// https://learn.microsoft.com/windows/win32/api/sspi/nf-sspi-freecontextbuffer
SECURITY_STATUS SEC_ENTRY FreeContextBuffer(void *pvContextBuffer);

// Package information.

// QuerySecurityPackageInfoA writes to `*ppPackageInfo` a new SecPkgInfoA
// describing the package named `pszPackageName` (UNISP_NAME_A,
// SCHANNEL_NAME_A or DEFAULT_TLS_SSP_NAME_A, compared without regard to
// case). Name is the name as registered; the other values are listed at
// SecPkgInfoA. The struct and its strings are one allocation; the caller
// frees it with FreeContextBuffer.
//
// Returns:
//   SEC_E_OK: `*ppPackageInfo` holds the new struct.
//   SEC_E_SECPKG_NOT_FOUND: `pszPackageName` is NULL or unknown.
//   SEC_E_INVALID_PARAMETER: `ppPackageInfo` is NULL.
//   SEC_E_INSUFFICIENT_MEMORY: out of memory.
//
// Thread-safe.
//
// https://learn.microsoft.com/windows/win32/api/sspi/nf-sspi-querysecuritypackageinfoa
SECURITY_STATUS SEC_ENTRY QuerySecurityPackageInfoA(
    SEC_CHAR *pszPackageName, PSecPkgInfoA *ppPackageInfo);

// QuerySecurityPackageInfoW is QuerySecurityPackageInfoA with UTF-16 strings.
//
// https://learn.microsoft.com/windows/win32/api/sspi/nf-sspi-querysecuritypackageinfow
SECURITY_STATUS SEC_ENTRY QuerySecurityPackageInfoW(
    SEC_WCHAR *pszPackageName, PSecPkgInfoW *ppPackageInfo);

// EnumerateSecurityPackagesA writes to `*ppPackageInfo` a new array of
// SecPkgInfoA, one per package name the library answers to ("Schannel",
// "Microsoft Unified Security Protocol Provider", "Default TLS SSP", all
// describing the same package), and its length to `*pcPackages`. The array
// and all its strings are one allocation; the caller frees it with one
// FreeContextBuffer.
//
// Returns:
//   SEC_E_OK: the array was written.
//   SEC_E_INVALID_PARAMETER: `pcPackages` or `ppPackageInfo` is NULL.
//   SEC_E_INSUFFICIENT_MEMORY: out of memory.
//
// Thread-safe.
//
// Differences from Windows: Windows lists every installed package (Kerberos,
// NTLM, Negotiate ...); only Schannel exists here.
//
// https://learn.microsoft.com/windows/win32/api/sspi/nf-sspi-enumeratesecuritypackagesa
SECURITY_STATUS SEC_ENTRY EnumerateSecurityPackagesA(
    ULONG *pcPackages, PSecPkgInfoA *ppPackageInfo);

// EnumerateSecurityPackagesW is EnumerateSecurityPackagesA with UTF-16
// strings.
//
// https://learn.microsoft.com/windows/win32/api/sspi/nf-sspi-enumeratesecuritypackagesw
SECURITY_STATUS SEC_ENTRY EnumerateSecurityPackagesW(
    ULONG *pcPackages, PSecPkgInfoW *ppPackageInfo);

// Function table.
//
// InitSecurityInterface returns a table of pointers to the SSPI functions;
// code that loads the library dynamically looks up one symbol
// (SECURITY_ENTRYPOINT_ANSIA / _ANSIW) and calls everything through the
// table. The *_FN types are the types of the table slots and of the
// functions above. Slot order and offsets are the Windows x64 ones (32 slots,
// 256 bytes).

typedef SECURITY_STATUS(SEC_ENTRY *ENUMERATE_SECURITY_PACKAGES_FN_A)(
    ULONG *, PSecPkgInfoA *);
typedef SECURITY_STATUS(SEC_ENTRY *ENUMERATE_SECURITY_PACKAGES_FN_W)(
    ULONG *, PSecPkgInfoW *);
typedef SECURITY_STATUS(SEC_ENTRY *QUERY_CREDENTIALS_ATTRIBUTES_FN_A)(
    PCredHandle, ULONG, void *);
typedef SECURITY_STATUS(SEC_ENTRY *QUERY_CREDENTIALS_ATTRIBUTES_FN_W)(
    PCredHandle, ULONG, void *);
typedef SECURITY_STATUS(SEC_ENTRY *ACQUIRE_CREDENTIALS_HANDLE_FN_A)(
    SEC_CHAR *, SEC_CHAR *, ULONG, void *, void *, SEC_GET_KEY_FN, void *,
    PCredHandle, PTimeStamp);
typedef SECURITY_STATUS(SEC_ENTRY *ACQUIRE_CREDENTIALS_HANDLE_FN_W)(
    SEC_WCHAR *, SEC_WCHAR *, ULONG, void *, void *, SEC_GET_KEY_FN, void *,
    PCredHandle, PTimeStamp);
typedef SECURITY_STATUS(SEC_ENTRY *FREE_CREDENTIALS_HANDLE_FN)(PCredHandle);
typedef SECURITY_STATUS(SEC_ENTRY *INITIALIZE_SECURITY_CONTEXT_FN_A)(
    PCredHandle, PCtxtHandle, SEC_CHAR *, ULONG, ULONG, ULONG, PSecBufferDesc,
    ULONG, PCtxtHandle, PSecBufferDesc, ULONG *, PTimeStamp);
typedef SECURITY_STATUS(SEC_ENTRY *INITIALIZE_SECURITY_CONTEXT_FN_W)(
    PCredHandle, PCtxtHandle, SEC_WCHAR *, ULONG, ULONG, ULONG,
    PSecBufferDesc, ULONG, PCtxtHandle, PSecBufferDesc, ULONG *, PTimeStamp);
typedef SECURITY_STATUS(SEC_ENTRY *ACCEPT_SECURITY_CONTEXT_FN)(
    PCredHandle, PCtxtHandle, PSecBufferDesc, ULONG, ULONG, PCtxtHandle,
    PSecBufferDesc, ULONG *, PTimeStamp);
typedef SECURITY_STATUS(SEC_ENTRY *COMPLETE_AUTH_TOKEN_FN)(PCtxtHandle,
                                                           PSecBufferDesc);
typedef SECURITY_STATUS(SEC_ENTRY *DELETE_SECURITY_CONTEXT_FN)(PCtxtHandle);
typedef SECURITY_STATUS(SEC_ENTRY *APPLY_CONTROL_TOKEN_FN)(PCtxtHandle,
                                                           PSecBufferDesc);
typedef SECURITY_STATUS(SEC_ENTRY *QUERY_CONTEXT_ATTRIBUTES_FN_A)(
    PCtxtHandle, ULONG, void *);
typedef SECURITY_STATUS(SEC_ENTRY *QUERY_CONTEXT_ATTRIBUTES_FN_W)(
    PCtxtHandle, ULONG, void *);
typedef SECURITY_STATUS(SEC_ENTRY *IMPERSONATE_SECURITY_CONTEXT_FN)(
    PCtxtHandle);
typedef SECURITY_STATUS(SEC_ENTRY *REVERT_SECURITY_CONTEXT_FN)(PCtxtHandle);
typedef SECURITY_STATUS(SEC_ENTRY *MAKE_SIGNATURE_FN)(PCtxtHandle, ULONG,
                                                      PSecBufferDesc, ULONG);
typedef SECURITY_STATUS(SEC_ENTRY *VERIFY_SIGNATURE_FN)(PCtxtHandle,
                                                        PSecBufferDesc, ULONG,
                                                        ULONG *);
typedef SECURITY_STATUS(SEC_ENTRY *FREE_CONTEXT_BUFFER_FN)(void *);
typedef SECURITY_STATUS(SEC_ENTRY *QUERY_SECURITY_PACKAGE_INFO_FN_A)(
    SEC_CHAR *, PSecPkgInfoA *);
typedef SECURITY_STATUS(SEC_ENTRY *QUERY_SECURITY_PACKAGE_INFO_FN_W)(
    SEC_WCHAR *, PSecPkgInfoW *);
typedef SECURITY_STATUS(SEC_ENTRY *EXPORT_SECURITY_CONTEXT_FN)(PCtxtHandle,
                                                               ULONG,
                                                               PSecBuffer,
                                                               void **);
typedef SECURITY_STATUS(SEC_ENTRY *IMPORT_SECURITY_CONTEXT_FN_A)(
    SEC_CHAR *, PSecBuffer, void *, PCtxtHandle);
typedef SECURITY_STATUS(SEC_ENTRY *IMPORT_SECURITY_CONTEXT_FN_W)(
    SEC_WCHAR *, PSecBuffer, void *, PCtxtHandle);
typedef SECURITY_STATUS(SEC_ENTRY *ADD_CREDENTIALS_FN_A)(
    PCredHandle, SEC_CHAR *, SEC_CHAR *, ULONG, void *, SEC_GET_KEY_FN, void *,
    PTimeStamp);
typedef SECURITY_STATUS(SEC_ENTRY *ADD_CREDENTIALS_FN_W)(
    PCredHandle, SEC_WCHAR *, SEC_WCHAR *, ULONG, void *, SEC_GET_KEY_FN,
    void *, PTimeStamp);
typedef SECURITY_STATUS(SEC_ENTRY *QUERY_SECURITY_CONTEXT_TOKEN_FN)(
    PCtxtHandle, void **);
typedef SECURITY_STATUS(SEC_ENTRY *ENCRYPT_MESSAGE_FN)(PCtxtHandle, ULONG,
                                                       PSecBufferDesc, ULONG);
typedef SECURITY_STATUS(SEC_ENTRY *DECRYPT_MESSAGE_FN)(PCtxtHandle,
                                                       PSecBufferDesc, ULONG,
                                                       ULONG *);
typedef SECURITY_STATUS(SEC_ENTRY *SET_CONTEXT_ATTRIBUTES_FN_A)(PCtxtHandle,
                                                                ULONG, void *,
                                                                ULONG);
typedef SECURITY_STATUS(SEC_ENTRY *SET_CONTEXT_ATTRIBUTES_FN_W)(PCtxtHandle,
                                                                ULONG, void *,
                                                                ULONG);
typedef SECURITY_STATUS(SEC_ENTRY *SET_CREDENTIALS_ATTRIBUTES_FN_A)(
    PCredHandle, ULONG, void *, ULONG);
typedef SECURITY_STATUS(SEC_ENTRY *SET_CREDENTIALS_ATTRIBUTES_FN_W)(
    PCredHandle, ULONG, void *, ULONG);
// The three types below are table slots only; the library exports no
// function of these names.
typedef SECURITY_STATUS(SEC_ENTRY *CHANGE_PASSWORD_FN_A)(
    SEC_CHAR *, SEC_CHAR *, SEC_CHAR *, SEC_CHAR *, SEC_CHAR *, BOOLEAN, ULONG,
    PSecBufferDesc);
typedef SECURITY_STATUS(SEC_ENTRY *CHANGE_PASSWORD_FN_W)(
    SEC_WCHAR *, SEC_WCHAR *, SEC_WCHAR *, SEC_WCHAR *, SEC_WCHAR *, BOOLEAN,
    ULONG, PSecBufferDesc);
typedef SECURITY_STATUS(SEC_ENTRY *QUERY_CONTEXT_ATTRIBUTES_EX_FN_A)(
    PCtxtHandle, ULONG, void *, ULONG);
typedef SECURITY_STATUS(SEC_ENTRY *QUERY_CONTEXT_ATTRIBUTES_EX_FN_W)(
    PCtxtHandle, ULONG, void *, ULONG);
typedef SECURITY_STATUS(SEC_ENTRY *QUERY_CREDENTIALS_ATTRIBUTES_EX_FN_A)(
    PCredHandle, ULONG, void *, ULONG);
typedef SECURITY_STATUS(SEC_ENTRY *QUERY_CREDENTIALS_ATTRIBUTES_EX_FN_W)(
    PCredHandle, ULONG, void *, ULONG);

// SecurityFunctionTable dwVersion values: each version adds slots at the end.
#define SECURITY_SUPPORT_PROVIDER_INTERFACE_VERSION 1
#define SECURITY_SUPPORT_PROVIDER_INTERFACE_VERSION_2 2 // + SetContextAttributes
#define SECURITY_SUPPORT_PROVIDER_INTERFACE_VERSION_3 3 // + SetCredentialsAttributes
#define SECURITY_SUPPORT_PROVIDER_INTERFACE_VERSION_4 4 // + ChangeAccountPassword
#define SECURITY_SUPPORT_PROVIDER_INTERFACE_VERSION_5 5 // + Query*AttributesEx

// SecurityFunctionTableA is the table InitSecurityInterfaceA returns. Slot 4
// is spelled FreeCredentialHandle in the Windows header; that name is a macro
// for FreeCredentialsHandle, so both spellings reach the same member.
typedef struct _SECURITY_FUNCTION_TABLE_A {
    ULONG dwVersion;
    ENUMERATE_SECURITY_PACKAGES_FN_A EnumerateSecurityPackagesA;
    QUERY_CREDENTIALS_ATTRIBUTES_FN_A QueryCredentialsAttributesA;
    ACQUIRE_CREDENTIALS_HANDLE_FN_A AcquireCredentialsHandleA;
    FREE_CREDENTIALS_HANDLE_FN FreeCredentialHandle;
    void *Reserved2;
    INITIALIZE_SECURITY_CONTEXT_FN_A InitializeSecurityContextA;
    ACCEPT_SECURITY_CONTEXT_FN AcceptSecurityContext;
    COMPLETE_AUTH_TOKEN_FN CompleteAuthToken;
    DELETE_SECURITY_CONTEXT_FN DeleteSecurityContext;
    APPLY_CONTROL_TOKEN_FN ApplyControlToken;
    QUERY_CONTEXT_ATTRIBUTES_FN_A QueryContextAttributesA;
    IMPERSONATE_SECURITY_CONTEXT_FN ImpersonateSecurityContext;
    REVERT_SECURITY_CONTEXT_FN RevertSecurityContext;
    MAKE_SIGNATURE_FN MakeSignature;
    VERIFY_SIGNATURE_FN VerifySignature;
    FREE_CONTEXT_BUFFER_FN FreeContextBuffer;
    QUERY_SECURITY_PACKAGE_INFO_FN_A QuerySecurityPackageInfoA;
    void *Reserved3;
    void *Reserved4;
    EXPORT_SECURITY_CONTEXT_FN ExportSecurityContext;
    IMPORT_SECURITY_CONTEXT_FN_A ImportSecurityContextA;
    ADD_CREDENTIALS_FN_A AddCredentialsA;
    void *Reserved8;
    QUERY_SECURITY_CONTEXT_TOKEN_FN QuerySecurityContextToken;
    ENCRYPT_MESSAGE_FN EncryptMessage;
    DECRYPT_MESSAGE_FN DecryptMessage;
    SET_CONTEXT_ATTRIBUTES_FN_A SetContextAttributesA;
    SET_CREDENTIALS_ATTRIBUTES_FN_A SetCredentialsAttributesA;
    CHANGE_PASSWORD_FN_A ChangeAccountPasswordA;
    QUERY_CONTEXT_ATTRIBUTES_EX_FN_A QueryContextAttributesExA;
    QUERY_CREDENTIALS_ATTRIBUTES_EX_FN_A QueryCredentialsAttributesExA;
} SecurityFunctionTableA, *PSecurityFunctionTableA;

// SecurityFunctionTableW is the table InitSecurityInterfaceW returns.
typedef struct _SECURITY_FUNCTION_TABLE_W {
    ULONG dwVersion;
    ENUMERATE_SECURITY_PACKAGES_FN_W EnumerateSecurityPackagesW;
    QUERY_CREDENTIALS_ATTRIBUTES_FN_W QueryCredentialsAttributesW;
    ACQUIRE_CREDENTIALS_HANDLE_FN_W AcquireCredentialsHandleW;
    FREE_CREDENTIALS_HANDLE_FN FreeCredentialsHandle;
    void *Reserved2;
    INITIALIZE_SECURITY_CONTEXT_FN_W InitializeSecurityContextW;
    ACCEPT_SECURITY_CONTEXT_FN AcceptSecurityContext;
    COMPLETE_AUTH_TOKEN_FN CompleteAuthToken;
    DELETE_SECURITY_CONTEXT_FN DeleteSecurityContext;
    APPLY_CONTROL_TOKEN_FN ApplyControlToken;
    QUERY_CONTEXT_ATTRIBUTES_FN_W QueryContextAttributesW;
    IMPERSONATE_SECURITY_CONTEXT_FN ImpersonateSecurityContext;
    REVERT_SECURITY_CONTEXT_FN RevertSecurityContext;
    MAKE_SIGNATURE_FN MakeSignature;
    VERIFY_SIGNATURE_FN VerifySignature;
    FREE_CONTEXT_BUFFER_FN FreeContextBuffer;
    QUERY_SECURITY_PACKAGE_INFO_FN_W QuerySecurityPackageInfoW;
    void *Reserved3;
    void *Reserved4;
    EXPORT_SECURITY_CONTEXT_FN ExportSecurityContext;
    IMPORT_SECURITY_CONTEXT_FN_W ImportSecurityContextW;
    ADD_CREDENTIALS_FN_W AddCredentialsW;
    void *Reserved8;
    QUERY_SECURITY_CONTEXT_TOKEN_FN QuerySecurityContextToken;
    ENCRYPT_MESSAGE_FN EncryptMessage;
    DECRYPT_MESSAGE_FN DecryptMessage;
    SET_CONTEXT_ATTRIBUTES_FN_W SetContextAttributesW;
    SET_CREDENTIALS_ATTRIBUTES_FN_W SetCredentialsAttributesW;
    CHANGE_PASSWORD_FN_W ChangeAccountPasswordW;
    QUERY_CONTEXT_ATTRIBUTES_EX_FN_W QueryContextAttributesExW;
    QUERY_CREDENTIALS_ATTRIBUTES_EX_FN_W QueryCredentialsAttributesExW;
} SecurityFunctionTableW, *PSecurityFunctionTableW;

// The symbol names to look up (dlsym) to get the table.
#define SECURITY_ENTRYPOINT_ANSIA "InitSecurityInterfaceA"
#define SECURITY_ENTRYPOINT_ANSIW "InitSecurityInterfaceW"

typedef PSecurityFunctionTableA(SEC_ENTRY *INIT_SECURITY_INTERFACE_A)(void);
typedef PSecurityFunctionTableW(SEC_ENTRY *INIT_SECURITY_INTERFACE_W)(void);

// InitSecurityInterfaceA returns the library's SecurityFunctionTableA. The
// table is static: it is never freed and never changes, and the call never
// fails. No call to it is needed before using the exported functions
// directly.
//
// The table's dwVersion is SECURITY_SUPPORT_PROVIDER_INTERFACE_VERSION_4, but
// all 32 slots are present and every function slot is filled: slots of
// functions Schannel does not implement (including ChangeAccountPasswordA,
// QueryContextAttributesExA and QueryCredentialsAttributesExA, which are not
// exported) point to functions that return SEC_E_UNSUPPORTED_FUNCTION. Reserved2 and Reserved8 are NULL;
// Reserved3 and Reserved4, historically SealMessage and UnsealMessage, hold
// EncryptMessage and DecryptMessage.
//
// Thread-safe.
//
// https://learn.microsoft.com/windows/win32/api/sspi/nf-sspi-initsecurityinterfacea
PSecurityFunctionTableA SEC_ENTRY InitSecurityInterfaceA(void);

// InitSecurityInterfaceW is InitSecurityInterfaceA for the UTF-16 table,
// SecurityFunctionTableW.
//
// https://learn.microsoft.com/windows/win32/api/sspi/nf-sspi-initsecurityinterfacew
PSecurityFunctionTableW SEC_ENTRY InitSecurityInterfaceW(void);

// Unsuffixed names.
//
// As on Windows, each unsuffixed name maps to its "W" form when UNICODE is
// defined and to its "A" form otherwise. Names that have only one form
// (FreeCredentialsHandle, AcceptSecurityContext, EncryptMessage ...) need no
// mapping. ChangeAccountPassword, QueryContextAttributesEx and
// QueryCredentialsAttributesEx only name table slots.

#ifdef UNICODE
#define SecPkgInfo SecPkgInfoW
#define PSecPkgInfo PSecPkgInfoW
#define SecPkgContext_KeyInfo SecPkgContext_KeyInfoW
#define PSecPkgContext_KeyInfo PSecPkgContext_KeyInfoW
#define SecPkgContext_PackageInfo SecPkgContext_PackageInfoW
#define PSecPkgContext_PackageInfo PSecPkgContext_PackageInfoW
#define SecPkgContext_NegotiationInfo SecPkgContext_NegotiationInfoW
#define PSecPkgContext_NegotiationInfo PSecPkgContext_NegotiationInfoW
#define SecPkgContext_Names SecPkgContext_NamesW
#define PSecPkgContext_Names PSecPkgContext_NamesW
#define SecPkgCredentials_Names SecPkgCredentials_NamesW
#define PSecPkgCredentials_Names PSecPkgCredentials_NamesW
#define AcquireCredentialsHandle AcquireCredentialsHandleW
#define ACQUIRE_CREDENTIALS_HANDLE_FN ACQUIRE_CREDENTIALS_HANDLE_FN_W
#define AddCredentials AddCredentialsW
#define ADD_CREDENTIALS_FN ADD_CREDENTIALS_FN_W
#define QueryCredentialsAttributes QueryCredentialsAttributesW
#define QUERY_CREDENTIALS_ATTRIBUTES_FN QUERY_CREDENTIALS_ATTRIBUTES_FN_W
#define SetCredentialsAttributes SetCredentialsAttributesW
#define SET_CREDENTIALS_ATTRIBUTES_FN SET_CREDENTIALS_ATTRIBUTES_FN_W
#define InitializeSecurityContext InitializeSecurityContextW
#define INITIALIZE_SECURITY_CONTEXT_FN INITIALIZE_SECURITY_CONTEXT_FN_W
#define QueryContextAttributes QueryContextAttributesW
#define QUERY_CONTEXT_ATTRIBUTES_FN QUERY_CONTEXT_ATTRIBUTES_FN_W
#define SetContextAttributes SetContextAttributesW
#define SET_CONTEXT_ATTRIBUTES_FN SET_CONTEXT_ATTRIBUTES_FN_W
#define ImportSecurityContext ImportSecurityContextW
#define IMPORT_SECURITY_CONTEXT_FN IMPORT_SECURITY_CONTEXT_FN_W
#define QuerySecurityPackageInfo QuerySecurityPackageInfoW
#define QUERY_SECURITY_PACKAGE_INFO_FN QUERY_SECURITY_PACKAGE_INFO_FN_W
#define EnumerateSecurityPackages EnumerateSecurityPackagesW
#define ENUMERATE_SECURITY_PACKAGES_FN ENUMERATE_SECURITY_PACKAGES_FN_W
#define ChangeAccountPassword ChangeAccountPasswordW
#define CHANGE_PASSWORD_FN CHANGE_PASSWORD_FN_W
#define QueryContextAttributesEx QueryContextAttributesExW
#define QUERY_CONTEXT_ATTRIBUTES_EX_FN QUERY_CONTEXT_ATTRIBUTES_EX_FN_W
#define QueryCredentialsAttributesEx QueryCredentialsAttributesExW
#define QUERY_CREDENTIALS_ATTRIBUTES_EX_FN QUERY_CREDENTIALS_ATTRIBUTES_EX_FN_W
#define SecurityFunctionTable SecurityFunctionTableW
#define PSecurityFunctionTable PSecurityFunctionTableW
#define InitSecurityInterface InitSecurityInterfaceW
#define INIT_SECURITY_INTERFACE INIT_SECURITY_INTERFACE_W
#define SECURITY_ENTRYPOINT_ANSI SECURITY_ENTRYPOINT_ANSIW
#else
#define SecPkgInfo SecPkgInfoA
#define PSecPkgInfo PSecPkgInfoA
#define SecPkgContext_KeyInfo SecPkgContext_KeyInfoA
#define PSecPkgContext_KeyInfo PSecPkgContext_KeyInfoA
#define SecPkgContext_PackageInfo SecPkgContext_PackageInfoA
#define PSecPkgContext_PackageInfo PSecPkgContext_PackageInfoA
#define SecPkgContext_NegotiationInfo SecPkgContext_NegotiationInfoA
#define PSecPkgContext_NegotiationInfo PSecPkgContext_NegotiationInfoA
#define SecPkgContext_Names SecPkgContext_NamesA
#define PSecPkgContext_Names PSecPkgContext_NamesA
#define SecPkgCredentials_Names SecPkgCredentials_NamesA
#define PSecPkgCredentials_Names PSecPkgCredentials_NamesA
#define AcquireCredentialsHandle AcquireCredentialsHandleA
#define ACQUIRE_CREDENTIALS_HANDLE_FN ACQUIRE_CREDENTIALS_HANDLE_FN_A
#define AddCredentials AddCredentialsA
#define ADD_CREDENTIALS_FN ADD_CREDENTIALS_FN_A
#define QueryCredentialsAttributes QueryCredentialsAttributesA
#define QUERY_CREDENTIALS_ATTRIBUTES_FN QUERY_CREDENTIALS_ATTRIBUTES_FN_A
#define SetCredentialsAttributes SetCredentialsAttributesA
#define SET_CREDENTIALS_ATTRIBUTES_FN SET_CREDENTIALS_ATTRIBUTES_FN_A
#define InitializeSecurityContext InitializeSecurityContextA
#define INITIALIZE_SECURITY_CONTEXT_FN INITIALIZE_SECURITY_CONTEXT_FN_A
#define QueryContextAttributes QueryContextAttributesA
#define QUERY_CONTEXT_ATTRIBUTES_FN QUERY_CONTEXT_ATTRIBUTES_FN_A
#define SetContextAttributes SetContextAttributesA
#define SET_CONTEXT_ATTRIBUTES_FN SET_CONTEXT_ATTRIBUTES_FN_A
#define ImportSecurityContext ImportSecurityContextA
#define IMPORT_SECURITY_CONTEXT_FN IMPORT_SECURITY_CONTEXT_FN_A
#define QuerySecurityPackageInfo QuerySecurityPackageInfoA
#define QUERY_SECURITY_PACKAGE_INFO_FN QUERY_SECURITY_PACKAGE_INFO_FN_A
#define EnumerateSecurityPackages EnumerateSecurityPackagesA
#define ENUMERATE_SECURITY_PACKAGES_FN ENUMERATE_SECURITY_PACKAGES_FN_A
#define ChangeAccountPassword ChangeAccountPasswordA
#define CHANGE_PASSWORD_FN CHANGE_PASSWORD_FN_A
#define QueryContextAttributesEx QueryContextAttributesExA
#define QUERY_CONTEXT_ATTRIBUTES_EX_FN QUERY_CONTEXT_ATTRIBUTES_EX_FN_A
#define QueryCredentialsAttributesEx QueryCredentialsAttributesExA
#define QUERY_CREDENTIALS_ATTRIBUTES_EX_FN QUERY_CREDENTIALS_ATTRIBUTES_EX_FN_A
#define SecurityFunctionTable SecurityFunctionTableA
#define PSecurityFunctionTable PSecurityFunctionTableA
#define InitSecurityInterface InitSecurityInterfaceA
#define INIT_SECURITY_INTERFACE INIT_SECURITY_INTERFACE_A
#define SECURITY_ENTRYPOINT_ANSI SECURITY_ENTRYPOINT_ANSIA
#endif

#ifdef __cplusplus
}
#endif

#endif /* SECUR32_SSPI_H */
