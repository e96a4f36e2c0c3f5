"""The SSPI, Schannel and crypt32 API of libsecur32, one to one.

This module mirrors the C headers in ``include/`` (``wintypes.h``,
``sspi.h``, ``schannel.h``, ``wincrypt.h`` and ``schannel_linux.h``): the
same names, the same constant values and the same structure layouts as the
Windows SDK on Windows x64. Read the header comments for what each function
does; nothing here adds behaviour. :mod:`secur32.context` builds a Pythonic
API on top.

Conventions:

- Integer widths are the Windows ones: ``ULONG``, ``DWORD`` and ``LONG`` are
  32-bit (``c_uint32`` / ``c_int32``, never ``c_ulong``), ``ULONG_PTR`` is
  pointer-sized and ``WCHAR`` / ``SEC_WCHAR`` is a UTF-16 code unit
  (``c_uint16``, not ``c_wchar``). Use :func:`to_wchar` and
  :func:`from_wchar` for the "W" functions.
- String constants are ``bytes`` where C has a ``char`` string
  (``UNISP_NAME_A``, ``szOID_*``) and ``str`` where it has a ``WCHAR`` one
  (``UNISP_NAME_W``).
- Status constants are non-negative Python ints (``SEC_E_INVALID_TOKEN ==
  0x80090308``) but the functions return a signed 32-bit
  ``SECURITY_STATUS``: compare ``status & 0xFFFFFFFF`` (or use
  :func:`status_name`), and test success with :func:`SEC_SUCCESS`.
- The functions are attributes of this module too (``raw.EncryptMessage``),
  with ``argtypes`` and ``restype`` set by :mod:`secur32._lib`. The library
  is loaded on first use of a function, not on import, so the types and
  constants work without it.
- The library must never be unloaded: it hosts the Go runtime.
"""

import ctypes
from ctypes import (
    POINTER,
    Structure,
    Union,
    c_char,
    c_char_p,
    c_int16,
    c_int32,
    c_int64,
    c_size_t,
    c_ssize_t,
    c_uint8,
    c_uint16,
    c_uint32,
    c_uint64,
    c_void_p,
)

# ---------------------------------------------------------------------------
# wintypes.h
# ---------------------------------------------------------------------------

BYTE = UCHAR = BOOLEAN = c_uint8
CHAR = c_char
WORD = USHORT = c_uint16
SHORT = c_int16
DWORD = ULONG = UINT = c_uint32
LONG = INT = BOOL = HRESULT = c_int32
LONGLONG = c_int64
ULONGLONG = DWORDLONG = c_uint64
ULONG_PTR = DWORD_PTR = SIZE_T = c_size_t
LONG_PTR = c_ssize_t
WCHAR = c_uint16
PVOID = LPVOID = HANDLE = LPCVOID = c_void_p
LPSTR = LPCSTR = PSTR = PCSTR = c_char_p
LPWSTR = LPCWSTR = PWSTR = PCWSTR = PWCHAR = POINTER(WCHAR)
PBYTE = LPBYTE = POINTER(BYTE)
PDWORD = LPDWORD = POINTER(DWORD)
PULONG = POINTER(ULONG)

ANYSIZE_ARRAY = 1
TRUE = 1
FALSE = 0


class FILETIME(Structure):
    """100-ns ticks since 1601-01-01 UTC, split in two 32-bit halves."""

    _fields_ = [("dwLowDateTime", DWORD), ("dwHighDateTime", DWORD)]


class _LARGE_INTEGER_u(Structure):
    _fields_ = [("LowPart", DWORD), ("HighPart", LONG)]


class LARGE_INTEGER(Union):
    _fields_ = [("u", _LARGE_INTEGER_u), ("QuadPart", LONGLONG)]


class GUID(Structure):
    _fields_ = [
        ("Data1", c_uint32),
        ("Data2", c_uint16),
        ("Data3", c_uint16),
        ("Data4", c_uint8 * 8),
    ]


class UNICODE_STRING(Structure):
    """Length and MaximumLength count bytes, not characters."""

    _fields_ = [("Length", USHORT), ("MaximumLength", USHORT), ("Buffer", PWSTR)]


PFILETIME = LPFILETIME = POINTER(FILETIME)
PLARGE_INTEGER = POINTER(LARGE_INTEGER)
PUNICODE_STRING = POINTER(UNICODE_STRING)

# Win32 error codes the library reports through GetLastError.
ERROR_SUCCESS = 0
ERROR_FILE_NOT_FOUND = 2
ERROR_NOT_ENOUGH_MEMORY = 8
ERROR_INVALID_DATA = 13
ERROR_NO_MORE_FILES = 18
ERROR_INVALID_PARAMETER = 87
ERROR_INVALID_PASSWORD = 86
ERROR_MORE_DATA = 234
ERROR_INVALID_HANDLE = 6

# ---------------------------------------------------------------------------
# sspi.h
# ---------------------------------------------------------------------------

# Basic types.

SECURITY_STATUS = LONG
PSECURITY_STATUS = POINTER(SECURITY_STATUS)
SEC_CHAR = CHAR
SEC_WCHAR = WCHAR


def SEC_SUCCESS(status):
    """True for SEC_E_OK and every SEC_I_* status (the C macro)."""
    return ctypes.c_int32(status).value >= 0


# Handles.


class SecHandle(Structure):
    """A credential or context handle: two opaque pointer-sized values."""

    _fields_ = [("dwLower", ULONG_PTR), ("dwUpper", ULONG_PTR)]


PSecHandle = POINTER(SecHandle)
CredHandle = CtxtHandle = SecHandle
PCredHandle = PCtxtHandle = PSecHandle

SEC_DELETED_HANDLE = ctypes.c_size_t(-2).value
_INVALID_HANDLE_VALUE = ctypes.c_size_t(-1).value


def SecInvalidateHandle(handle):
    """Marks `handle` as holding nothing (the C macro)."""
    handle.dwLower = handle.dwUpper = _INVALID_HANDLE_VALUE


def SecIsValidHandle(handle):
    """False for a handle marked by SecInvalidateHandle (the C macro)."""
    return (
        handle.dwLower != _INVALID_HANDLE_VALUE
        and handle.dwUpper != _INVALID_HANDLE_VALUE
    )


# Time stamps. A TimeStamp is a LARGE_INTEGER in C; c_int64 has the same
# size and alignment and is easier to use.

TimeStamp = SECURITY_INTEGER = c_int64
PTimeStamp = PSECURITY_INTEGER = POINTER(TimeStamp)

# Buffers.


class SecBuffer(Structure):
    _fields_ = [
        ("cbBuffer", ULONG),  # size of the buffer, in bytes
        ("BufferType", ULONG),  # SECBUFFER_* type, ORed with attribute bits
        ("pvBuffer", c_void_p),  # the bytes
    ]


PSecBuffer = POINTER(SecBuffer)


class SecBufferDesc(Structure):
    _fields_ = [
        ("ulVersion", ULONG),  # SECBUFFER_VERSION
        ("cBuffers", ULONG),  # number of entries in pBuffers
        ("pBuffers", PSecBuffer),  # array of cBuffers buffers
    ]


PSecBufferDesc = POINTER(SecBufferDesc)

SECBUFFER_VERSION = 0
SECBUFFER_EMPTY = 0  # unused slot the package may fill
SECBUFFER_DATA = 1  # application data (plain or cipher text)
SECBUFFER_TOKEN = 2  # handshake bytes, or a control token
SECBUFFER_PKG_PARAMS = 3
SECBUFFER_MISSING = 4  # bytes still needed (INCOMPLETE_MESSAGE)
SECBUFFER_EXTRA = 5  # trailing input bytes not consumed
SECBUFFER_STREAM_TRAILER = 6  # TLS record trailer (MAC, tag, padding)
SECBUFFER_STREAM_HEADER = 7  # TLS record header (and explicit nonce)
SECBUFFER_NEGOTIATION_INFO = 8
SECBUFFER_PADDING = 9
SECBUFFER_STREAM = 10
SECBUFFER_MECHLIST = 11
SECBUFFER_MECHLIST_SIGNATURE = 12
SECBUFFER_TARGET = 13
SECBUFFER_CHANNEL_BINDINGS = 14
SECBUFFER_CHANGE_PASS_RESPONSE = 15
SECBUFFER_TARGET_HOST = 16
SECBUFFER_ALERT = 17  # alert record to send on failure
SECBUFFER_APPLICATION_PROTOCOLS = 18  # ALPN list, see SEC_APPLICATION_PROTOCOLS
SECBUFFER_SRTP_PROTECTION_PROFILES = 19
SECBUFFER_SRTP_MASTER_KEY_IDENTIFIER = 20
SECBUFFER_TOKEN_BINDING = 21
SECBUFFER_PRESHARED_KEY = 22
SECBUFFER_PRESHARED_KEY_IDENTITY = 23
SECBUFFER_DTLS_MTU = 24  # SEC_DTLS_MTU
SECBUFFER_SEND_GENERIC_TLS_EXTENSION = 25
SECBUFFER_SUBSCRIBE_GENERIC_TLS_EXTENSION = 26
SECBUFFER_FLAGS = 27
SECBUFFER_TRAFFIC_SECRETS = 28
SECBUFFER_CERTIFICATE_REQUEST_CONTEXT = 29

# Attribute bits ORed into BufferType. Compare types with
# (BufferType & ~SECBUFFER_ATTRMASK).
SECBUFFER_ATTRMASK = 0xF0000000
SECBUFFER_READONLY = 0x80000000  # never written by the package
SECBUFFER_READONLY_WITH_CHECKSUM = 0x10000000
SECBUFFER_UNMAPPED = 0x40000000
SECBUFFER_KERNEL_MAP = 0x20000000
SECBUFFER_RESERVED = 0x60000000


class SEC_DTLS_MTU(Structure):
    _fields_ = [("PathMTU", USHORT)]


PSEC_DTLS_MTU = POINTER(SEC_DTLS_MTU)

# Status codes. Values are the Windows ones (winerror.h), unsigned here.

# Progress.
SEC_E_OK = 0x00000000  # success
SEC_I_CONTINUE_NEEDED = 0x00090312  # send output, read, call again
SEC_I_COMPLETE_NEEDED = 0x00090313  # not Schannel
SEC_I_COMPLETE_AND_CONTINUE = 0x00090314  # not Schannel
SEC_I_LOCAL_LOGON = 0x00090315  # not Schannel
SEC_I_GENERIC_EXTENSION_RECEIVED = 0x00090316
SEC_I_CONTEXT_EXPIRED = 0x00090317  # peer sent close_notify
SEC_I_INCOMPLETE_CREDENTIALS = 0x00090320  # server wants a client certificate
SEC_I_RENEGOTIATE = 0x00090321  # re-enter the handshake loop
SEC_I_NO_LSA_CONTEXT = 0x00090323  # not Schannel
SEC_I_SIGNATURE_NEEDED = 0x0009035C  # not Schannel
SEC_I_NO_RENEGOTIATION = 0x00090360  # peer refused renegotiation
SEC_I_MESSAGE_FRAGMENT = 0x00090364
SEC_I_CONTINUE_NEEDED_MESSAGE_OK = 0x00090366
SEC_I_ASYNC_CALL_PENDING = 0x00090368  # not Schannel

# Failures.
SEC_E_INSUFFICIENT_MEMORY = 0x80090300  # out of memory, or an empty output buffer
SEC_E_INVALID_HANDLE = 0x80090301  # NULL, unknown or freed handle
SEC_E_UNSUPPORTED_FUNCTION = 0x80090302  # not implemented / protocol_version alert
SEC_E_TARGET_UNKNOWN = 0x80090303
SEC_E_INTERNAL_ERROR = 0x80090304  # a bug in this library, never a TLS failure
SEC_E_SECPKG_NOT_FOUND = 0x80090305  # unknown package name
SEC_E_NOT_OWNER = 0x80090306
SEC_E_CANNOT_INSTALL = 0x80090307
SEC_E_INVALID_TOKEN = 0x80090308  # malformed input or wrong buffer set
SEC_E_CANNOT_PACK = 0x80090309
SEC_E_QOP_NOT_SUPPORTED = 0x8009030A
SEC_E_NO_IMPERSONATION = 0x8009030B
SEC_E_LOGON_DENIED = 0x8009030C  # access_denied alert
SEC_E_UNKNOWN_CREDENTIALS = 0x8009030D  # unusable credential data
SEC_E_NO_CREDENTIALS = 0x8009030E  # no certificate / no private key
SEC_E_MESSAGE_ALTERED = 0x8009030F  # record MAC or AEAD check failed
SEC_E_OUT_OF_SEQUENCE = 0x80090310
SEC_E_NO_AUTHENTICATING_AUTHORITY = 0x80090311
SEC_E_BAD_PKGID = 0x80090316
SEC_E_CONTEXT_EXPIRED = 0x80090317  # context shut down or re-entry pending
SEC_E_INCOMPLETE_MESSAGE = 0x80090318  # input lacks a complete record
SEC_E_INCOMPLETE_CREDENTIALS = 0x80090320
SEC_E_BUFFER_TOO_SMALL = 0x80090321  # a caller buffer is too small
SEC_E_WRONG_PRINCIPAL = 0x80090322  # certificate name != target name
SEC_E_TIME_SKEW = 0x80090324
SEC_E_UNTRUSTED_ROOT = 0x80090325  # chain ends in an untrusted root
SEC_E_ILLEGAL_MESSAGE = 0x80090326  # fatal alert / malformed handshake
SEC_E_CERT_UNKNOWN = 0x80090327  # bad or unsupported certificate
SEC_E_CERT_EXPIRED = 0x80090328  # certificate expired
SEC_E_ENCRYPT_FAILURE = 0x80090329  # e.g. DATA larger than cbMaximumMessage
SEC_E_DECRYPT_FAILURE = 0x80090330  # decrypt_error alert
SEC_E_ALGORITHM_MISMATCH = 0x80090331  # no common protocol or cipher
SEC_E_SECURITY_QOS_FAILED = 0x80090332
SEC_E_UNFINISHED_CONTEXT_DELETED = 0x80090333  # user_canceled alert
SEC_E_WRONG_CREDENTIAL_HANDLE = 0x80090336
SEC_E_CRYPTO_SYSTEM_INVALID = 0x80090337
SEC_E_STRONG_CRYPTO_NOT_SUPPORTED = 0x8009033A
SEC_E_SHUTDOWN_IN_PROGRESS = 0x8009033F
SEC_E_BAD_BINDINGS = 0x80090346
SEC_E_CERT_WRONG_USAGE = 0x80090349  # certificate EKU does not allow this use
SEC_E_DOWNGRADE_DETECTED = 0x80090350  # TLS downgrade protection fired
SEC_E_INVALID_PARAMETER = 0x8009035D  # bad argument
SEC_E_NO_CONTEXT = 0x80090361
SEC_E_MUTUAL_AUTH_FAILED = 0x80090363
SEC_E_ONLY_HTTPS_ALLOWED = 0x80090365
SEC_E_APPLICATION_PROTOCOL_MISMATCH = 0x80090367  # no common ALPN protocol
SEC_E_INVALID_UPN_NAME = 0x80090369
SEC_E_EXT_BUFFER_TOO_SMALL = 0x8009036A
SEC_E_INSUFFICIENT_BUFFERS = 0x8009036B

# Context requirement and return flags.
ISC_REQ_DELEGATE = 0x00000001
ISC_REQ_MUTUAL_AUTH = 0x00000002
ISC_REQ_REPLAY_DETECT = 0x00000004
ISC_REQ_SEQUENCE_DETECT = 0x00000008
ISC_REQ_CONFIDENTIALITY = 0x00000010
ISC_REQ_USE_SESSION_KEY = 0x00000020
ISC_REQ_PROMPT_FOR_CREDS = 0x00000040
ISC_REQ_USE_SUPPLIED_CREDS = 0x00000080
ISC_REQ_ALLOCATE_MEMORY = 0x00000100
ISC_REQ_USE_DCE_STYLE = 0x00000200
ISC_REQ_DATAGRAM = 0x00000400
ISC_REQ_CONNECTION = 0x00000800
ISC_REQ_CALL_LEVEL = 0x00001000
ISC_REQ_FRAGMENT_SUPPLIED = 0x00002000
ISC_REQ_EXTENDED_ERROR = 0x00004000
ISC_REQ_STREAM = 0x00008000
ISC_REQ_INTEGRITY = 0x00010000
ISC_REQ_IDENTIFY = 0x00020000
ISC_REQ_NULL_SESSION = 0x00040000
ISC_REQ_MANUAL_CRED_VALIDATION = 0x00080000
ISC_REQ_RESERVED1 = 0x00100000
ISC_REQ_FRAGMENT_TO_FIT = 0x00200000
ISC_REQ_FORWARD_CREDENTIALS = 0x00400000
ISC_REQ_NO_INTEGRITY = 0x00800000
ISC_REQ_USE_HTTP_STYLE = 0x01000000
ISC_REQ_UNVERIFIED_TARGET_NAME = 0x20000000
ISC_REQ_CONFIDENTIALITY_ONLY = 0x40000000
ISC_RET_DELEGATE = 0x00000001
ISC_RET_MUTUAL_AUTH = 0x00000002
ISC_RET_REPLAY_DETECT = 0x00000004
ISC_RET_SEQUENCE_DETECT = 0x00000008
ISC_RET_CONFIDENTIALITY = 0x00000010
ISC_RET_USE_SESSION_KEY = 0x00000020
ISC_RET_USED_COLLECTED_CREDS = 0x00000040
ISC_RET_USED_SUPPLIED_CREDS = 0x00000080
ISC_RET_ALLOCATED_MEMORY = 0x00000100
ISC_RET_USED_DCE_STYLE = 0x00000200
ISC_RET_DATAGRAM = 0x00000400
ISC_RET_CONNECTION = 0x00000800
ISC_RET_INTERMEDIATE_RETURN = 0x00001000
ISC_RET_CALL_LEVEL = 0x00002000
ISC_RET_EXTENDED_ERROR = 0x00004000
ISC_RET_STREAM = 0x00008000
ISC_RET_INTEGRITY = 0x00010000
ISC_RET_IDENTIFY = 0x00020000
ISC_RET_NULL_SESSION = 0x00040000
ISC_RET_MANUAL_CRED_VALIDATION = 0x00080000
ISC_RET_RESERVED1 = 0x00100000
ISC_RET_FRAGMENT_ONLY = 0x00200000
ISC_RET_FORWARD_CREDENTIALS = 0x00400000
ISC_RET_USED_HTTP_STYLE = 0x01000000
ISC_RET_NO_ADDITIONAL_TOKEN = 0x02000000
ISC_RET_REAUTHENTICATION = 0x08000000
ISC_RET_CONFIDENTIALITY_ONLY = 0x40000000
ASC_REQ_DELEGATE = 0x00000001
ASC_REQ_MUTUAL_AUTH = 0x00000002
ASC_REQ_REPLAY_DETECT = 0x00000004
ASC_REQ_SEQUENCE_DETECT = 0x00000008
ASC_REQ_CONFIDENTIALITY = 0x00000010
ASC_REQ_USE_SESSION_KEY = 0x00000020
ASC_REQ_SESSION_TICKET = 0x00000040
ASC_REQ_ALLOCATE_MEMORY = 0x00000100
ASC_REQ_USE_DCE_STYLE = 0x00000200
ASC_REQ_DATAGRAM = 0x00000400
ASC_REQ_CONNECTION = 0x00000800
ASC_REQ_CALL_LEVEL = 0x00001000
ASC_REQ_FRAGMENT_SUPPLIED = 0x00002000
ASC_REQ_EXTENDED_ERROR = 0x00008000
ASC_REQ_STREAM = 0x00010000
ASC_REQ_INTEGRITY = 0x00020000
ASC_REQ_LICENSING = 0x00040000
ASC_REQ_IDENTIFY = 0x00080000
ASC_REQ_ALLOW_NULL_SESSION = 0x00100000
ASC_REQ_ALLOW_NON_USER_LOGONS = 0x00200000
ASC_REQ_ALLOW_CONTEXT_REPLAY = 0x00400000
ASC_REQ_FRAGMENT_TO_FIT = 0x00800000
ASC_REQ_NO_TOKEN = 0x01000000
ASC_REQ_PROXY_BINDINGS = 0x04000000
ASC_REQ_ALLOW_MISSING_BINDINGS = 0x10000000
ASC_RET_DELEGATE = 0x00000001
ASC_RET_MUTUAL_AUTH = 0x00000002
ASC_RET_REPLAY_DETECT = 0x00000004
ASC_RET_SEQUENCE_DETECT = 0x00000008
ASC_RET_CONFIDENTIALITY = 0x00000010
ASC_RET_USE_SESSION_KEY = 0x00000020
ASC_RET_SESSION_TICKET = 0x00000040
ASC_RET_ALLOCATED_MEMORY = 0x00000100
ASC_RET_USED_DCE_STYLE = 0x00000200
ASC_RET_DATAGRAM = 0x00000400
ASC_RET_CONNECTION = 0x00000800
ASC_RET_CALL_LEVEL = 0x00002000
ASC_RET_THIRD_LEG_FAILED = 0x00004000
ASC_RET_EXTENDED_ERROR = 0x00008000
ASC_RET_STREAM = 0x00010000
ASC_RET_INTEGRITY = 0x00020000
ASC_RET_LICENSING = 0x00040000

# Credential use, data representation and quality of protection.
ASC_RET_IDENTIFY = 0x00080000
ASC_RET_NULL_SESSION = 0x00100000
ASC_RET_ALLOW_NON_USER_LOGONS = 0x00200000
ASC_RET_ALLOW_CONTEXT_REPLAY = 0x00400000
ASC_RET_FRAGMENT_ONLY = 0x00800000
ASC_RET_NO_TOKEN = 0x01000000
ASC_RET_NO_ADDITIONAL_TOKEN = 0x02000000
SECPKG_CRED_INBOUND = 0x00000001
SECPKG_CRED_OUTBOUND = 0x00000002
SECPKG_CRED_BOTH = 0x00000003
SECPKG_CRED_DEFAULT = 0x00000004
SECPKG_CRED_AUTOLOGON_RESTRICTED = 0x00000010
SECPKG_CRED_PROCESS_POLICY_ONLY = 0x00000020
SECPKG_CRED_RESERVED = 0xF0000000
SECURITY_NATIVE_DREP = 0x00000010
SECURITY_NETWORK_DREP = 0x00000000
SECQOP_WRAP_NO_ENCRYPT = 0x80000001
SECQOP_WRAP_OOB_DATA = 0x40000000

# Package information.
SECPKG_FLAG_INTEGRITY = 0x00000001
SECPKG_FLAG_PRIVACY = 0x00000002
SECPKG_FLAG_TOKEN_ONLY = 0x00000004
SECPKG_FLAG_DATAGRAM = 0x00000008
SECPKG_FLAG_CONNECTION = 0x00000010
SECPKG_FLAG_MULTI_REQUIRED = 0x00000020
SECPKG_FLAG_CLIENT_ONLY = 0x00000040
SECPKG_FLAG_EXTENDED_ERROR = 0x00000080
SECPKG_FLAG_IMPERSONATION = 0x00000100
SECPKG_FLAG_ACCEPT_WIN32_NAME = 0x00000200
SECPKG_FLAG_STREAM = 0x00000400
SECPKG_FLAG_NEGOTIABLE = 0x00000800
SECPKG_FLAG_GSS_COMPATIBLE = 0x00001000
SECPKG_FLAG_LOGON = 0x00002000
SECPKG_FLAG_ASCII_BUFFERS = 0x00004000
SECPKG_FLAG_FRAGMENT = 0x00008000
SECPKG_FLAG_MUTUAL_AUTH = 0x00010000
SECPKG_FLAG_DELEGATION = 0x00020000
SECPKG_FLAG_READONLY_WITH_CHECKSUM = 0x00040000
SECPKG_FLAG_RESTRICTED_TOKENS = 0x00080000
SECPKG_FLAG_NEGO_EXTENDER = 0x00100000
SECPKG_FLAG_NEGOTIABLE2 = 0x00200000
SECPKG_FLAG_APPCONTAINER_PASSTHROUGH = 0x00400000
SECPKG_FLAG_APPCONTAINER_CHECKS = 0x00800000
SECPKG_FLAG_CREDENTIAL_ISOLATION_ENABLED = 0x01000000
SECPKG_FLAG_APPLY_LOOPBACK = 0x02000000
SECPKG_ID_NONE = 0xFFFF


class SecPkgInfoA(Structure):
    _fields_ = [
        ("fCapabilities", ULONG),  # SECPKG_FLAG_* bits
        ("wVersion", USHORT),  # package version
        ("wRPCID", USHORT),  # DCE RPC authentication id, or SECPKG_ID_NONE
        ("cbMaxToken", ULONG),  # largest handshake token, in bytes
        ("Name", c_char_p),  # package name, UTF-8
        ("Comment", c_char_p),  # description, UTF-8
    ]


class SecPkgInfoW(Structure):
    _fields_ = [
        ("fCapabilities", ULONG),
        ("wVersion", USHORT),
        ("wRPCID", USHORT),
        ("cbMaxToken", ULONG),
        ("Name", POINTER(SEC_WCHAR)),  # package name, UTF-16
        ("Comment", POINTER(SEC_WCHAR)),  # description, UTF-16
    ]


PSecPkgInfoA = POINTER(SecPkgInfoA)
PSecPkgInfoW = POINTER(SecPkgInfoW)

# Attribute ids.
SECPKG_ATTR_SIZES = 0
SECPKG_ATTR_NAMES = 1
SECPKG_ATTR_LIFESPAN = 2
SECPKG_ATTR_DCE_INFO = 3
SECPKG_ATTR_STREAM_SIZES = 4
SECPKG_ATTR_KEY_INFO = 5
SECPKG_ATTR_AUTHORITY = 6
SECPKG_ATTR_PROTO_INFO = 7
SECPKG_ATTR_PASSWORD_EXPIRY = 8
SECPKG_ATTR_SESSION_KEY = 9
SECPKG_ATTR_PACKAGE_INFO = 10
SECPKG_ATTR_USER_FLAGS = 11
SECPKG_ATTR_NEGOTIATION_INFO = 12
SECPKG_ATTR_NATIVE_NAMES = 13
SECPKG_ATTR_FLAGS = 14
SECPKG_ATTR_USE_VALIDATED = 15
SECPKG_ATTR_CREDENTIAL_NAME = 16
SECPKG_ATTR_TARGET_INFORMATION = 17
SECPKG_ATTR_ACCESS_TOKEN = 18
SECPKG_ATTR_TARGET = 19
SECPKG_ATTR_AUTHENTICATION_ID = 20
SECPKG_ATTR_LOGOFF_TIME = 21
SECPKG_ATTR_NEGO_KEYS = 22
SECPKG_ATTR_PROMPTING_NEEDED = 24
SECPKG_ATTR_UNIQUE_BINDINGS = 25
SECPKG_ATTR_ENDPOINT_BINDINGS = 26
SECPKG_ATTR_CLIENT_SPECIFIED_TARGET = 27
SECPKG_ATTR_LAST_CLIENT_TOKEN_STATUS = 30
SECPKG_ATTR_NEGO_PKG_INFO = 31
SECPKG_ATTR_NEGO_STATUS = 32
SECPKG_ATTR_CONTEXT_DELETED = 33
SECPKG_ATTR_DTLS_MTU = 34
SECPKG_ATTR_APPLICATION_PROTOCOL = 35
SECPKG_ATTR_NEGOTIATED_TLS_EXTENSIONS = 36
SECPKG_ATTR_IS_LOOPBACK = 37
SECPKG_ATTR_SUBJECT_SECURITY_ATTRIBUTES = 128
SECPKG_ATTR_CREDS_2 = 0x80000086
SECPKG_ATTR_DATAGRAM_SIZES = SECPKG_ATTR_STREAM_SIZES
SECPKG_CRED_ATTR_NAMES = 1
SECPKG_CRED_ATTR_SSI_PROVIDER = 2
SECPKG_CRED_ATTR_KDC_PROXY_SETTINGS = 3
SECPKG_CRED_ATTR_CERT = 4
SECPKG_CRED_ATTR_PAC_BYPASS = 5

# SecPkgContext_NegotiationInfo.NegotiationState values.
SECPKG_NEGOTIATION_COMPLETE = 0
SECPKG_NEGOTIATION_OPTIMISTIC = 1
SECPKG_NEGOTIATION_IN_PROGRESS = 2
SECPKG_NEGOTIATION_DIRECT = 3
SECPKG_NEGOTIATION_TRY_MULTICRED = 4

# Attribute structs.


class SecPkgContext_Sizes(Structure):
    _fields_ = [
        ("cbMaxToken", ULONG),
        ("cbMaxSignature", ULONG),
        ("cbBlockSize", ULONG),
        ("cbSecurityTrailer", ULONG),
    ]


class SecPkgContext_StreamSizes(Structure):
    _fields_ = [
        ("cbHeader", ULONG),  # STREAM_HEADER size, in bytes
        ("cbTrailer", ULONG),  # maximum STREAM_TRAILER size, in bytes
        ("cbMaximumMessage", ULONG),  # maximum DATA size per EncryptMessage call
        ("cBuffers", ULONG),  # number of buffers EncryptMessage takes (4)
        ("cbBlockSize", ULONG),  # cipher block size, 1 for stream ciphers
    ]


SecPkgContext_DatagramSizes = SecPkgContext_StreamSizes


class SecPkgContext_KeyInfoA(Structure):
    _fields_ = [
        ("sSignatureAlgorithmName", c_char_p),
        ("sEncryptAlgorithmName", c_char_p),
        ("KeySize", ULONG),
        ("SignatureAlgorithm", ULONG),
        ("EncryptAlgorithm", ULONG),
    ]


class SecPkgContext_KeyInfoW(Structure):
    _fields_ = [
        ("sSignatureAlgorithmName", POINTER(SEC_WCHAR)),
        ("sEncryptAlgorithmName", POINTER(SEC_WCHAR)),
        ("KeySize", ULONG),
        ("SignatureAlgorithm", ULONG),
        ("EncryptAlgorithm", ULONG),
    ]


class SecPkgContext_Lifespan(Structure):
    _fields_ = [("tsStart", TimeStamp), ("tsExpiry", TimeStamp)]


class SecPkgContext_PackageInfoA(Structure):
    _fields_ = [("PackageInfo", PSecPkgInfoA)]


class SecPkgContext_PackageInfoW(Structure):
    _fields_ = [("PackageInfo", PSecPkgInfoW)]


class SecPkgContext_NegotiationInfoA(Structure):
    _fields_ = [("PackageInfo", PSecPkgInfoA), ("NegotiationState", ULONG)]


class SecPkgContext_NegotiationInfoW(Structure):
    _fields_ = [("PackageInfo", PSecPkgInfoW), ("NegotiationState", ULONG)]


class SecPkgContext_Flags(Structure):
    _fields_ = [("Flags", ULONG)]


class SEC_CHANNEL_BINDINGS(Structure):
    _fields_ = [
        ("dwInitiatorAddrType", ULONG),
        ("cbInitiatorLength", ULONG),
        ("dwInitiatorOffset", ULONG),
        ("dwAcceptorAddrType", ULONG),
        ("cbAcceptorLength", ULONG),
        ("dwAcceptorOffset", ULONG),
        ("cbApplicationDataLength", ULONG),
        ("dwApplicationDataOffset", ULONG),
    ]


PSEC_CHANNEL_BINDINGS = POINTER(SEC_CHANNEL_BINDINGS)


class SecPkgContext_Bindings(Structure):
    _fields_ = [
        ("BindingsLength", ULONG),
        ("Bindings", PSEC_CHANNEL_BINDINGS),
    ]


# ALPN (application-layer protocol negotiation). The structs describe the
# layout of a SECBUFFER_APPLICATION_PROTOCOLS buffer, but sizeof is
# misleading: build and parse the buffer with the byte offsets
# (ProtocolListsSize at 0, ProtoNegoExt at 4, ProtocolListSize at 8,
# ProtocolList at 10); see secur32.context.application_protocols_buffer.

SEC_APPLICATION_PROTOCOL_NEGOTIATION_STATUS = c_int32
SecApplicationProtocolNegotiationStatus_None = 0
SecApplicationProtocolNegotiationStatus_Success = 1
SecApplicationProtocolNegotiationStatus_SelectedClientOnly = 2

SEC_APPLICATION_PROTOCOL_NEGOTIATION_EXT = c_int32
SecApplicationProtocolNegotiationExt_None = 0
SecApplicationProtocolNegotiationExt_NPN = 1
SecApplicationProtocolNegotiationExt_ALPN = 2


class SEC_APPLICATION_PROTOCOL_LIST(Structure):
    _fields_ = [
        ("ProtoNegoExt", SEC_APPLICATION_PROTOCOL_NEGOTIATION_EXT),
        ("ProtocolListSize", USHORT),
        ("ProtocolList", UCHAR * ANYSIZE_ARRAY),
    ]


class SEC_APPLICATION_PROTOCOLS(Structure):
    _fields_ = [
        ("ProtocolListsSize", ULONG),
        ("ProtocolLists", SEC_APPLICATION_PROTOCOL_LIST * ANYSIZE_ARRAY),
    ]


MAX_PROTOCOL_ID_SIZE = 0xff


class SecPkgContext_ApplicationProtocol(Structure):
    _fields_ = [
        ("ProtoNegoStatus", SEC_APPLICATION_PROTOCOL_NEGOTIATION_STATUS),
        ("ProtoNegoExt", SEC_APPLICATION_PROTOCOL_NEGOTIATION_EXT),
        ("ProtocolIdSize", UCHAR),
        ("ProtocolId", UCHAR * MAX_PROTOCOL_ID_SIZE),
    ]


class SecPkgContext_NamesA(Structure):
    _fields_ = [("sUserName", c_char_p)]


class SecPkgContext_NamesW(Structure):
    _fields_ = [("sUserName", POINTER(SEC_WCHAR))]


class SecPkgCredentials_NamesA(Structure):
    _fields_ = [("sUserName", c_char_p)]


class SecPkgCredentials_NamesW(Structure):
    _fields_ = [("sUserName", POINTER(SEC_WCHAR))]


class SecPkgContext_SessionKey(Structure):
    _fields_ = [("SessionKeyLength", ULONG), ("SessionKey", POINTER(UCHAR))]


# SEC_GET_KEY_FN is the type of AcquireCredentialsHandle's pGetKeyFn, which
# Schannel never calls; the prototypes take it as a c_void_p so that None
# can be passed.
SEC_GET_KEY_FN = ctypes.CFUNCTYPE(
    None, c_void_p, c_void_p, ULONG, POINTER(c_void_p), POINTER(SECURITY_STATUS)
)

# Function table. The slots are typed c_void_p here: the layout (32
# pointer-sized slots, 256 bytes) is what matters; call the functions of
# this module rather than through the table.
SECURITY_SUPPORT_PROVIDER_INTERFACE_VERSION = 1
SECURITY_SUPPORT_PROVIDER_INTERFACE_VERSION_2 = 2  # + SetContextAttributes
SECURITY_SUPPORT_PROVIDER_INTERFACE_VERSION_3 = 3  # + SetCredentialsAttributes
SECURITY_SUPPORT_PROVIDER_INTERFACE_VERSION_4 = 4  # + ChangeAccountPassword
SECURITY_SUPPORT_PROVIDER_INTERFACE_VERSION_5 = 5  # + Query*AttributesEx
SECURITY_ENTRYPOINT_ANSIA = b"InitSecurityInterfaceA"
SECURITY_ENTRYPOINT_ANSIW = b"InitSecurityInterfaceW"
SECURITY_ENTRYPOINT_ANSI = SECURITY_ENTRYPOINT_ANSIA

_FUNCTION_TABLE_SLOTS = (
    "dwVersion",
    "EnumerateSecurityPackages%",
    "QueryCredentialsAttributes%",
    "AcquireCredentialsHandle%",
    "FreeCredentialsHandle",
    "Reserved2",
    "InitializeSecurityContext%",
    "AcceptSecurityContext",
    "CompleteAuthToken",
    "DeleteSecurityContext",
    "ApplyControlToken",
    "QueryContextAttributes%",
    "ImpersonateSecurityContext",
    "RevertSecurityContext",
    "MakeSignature",
    "VerifySignature",
    "FreeContextBuffer",
    "QuerySecurityPackageInfo%",
    "Reserved3",
    "Reserved4",
    "ExportSecurityContext",
    "ImportSecurityContext%",
    "AddCredentials%",
    "Reserved8",
    "QuerySecurityContextToken",
    "EncryptMessage",
    "DecryptMessage",
    "SetContextAttributes%",
    "SetCredentialsAttributes%",
    "ChangeAccountPassword%",
    "QueryContextAttributesEx%",
    "QueryCredentialsAttributesEx%",
)


def _function_table_fields(suffix):
    fields = [("dwVersion", ULONG)]
    for slot in _FUNCTION_TABLE_SLOTS[1:]:
        fields.append((slot.replace("%", suffix), c_void_p))
    return fields


class SecurityFunctionTableA(Structure):
    _fields_ = _function_table_fields("A")


class SecurityFunctionTableW(Structure):
    _fields_ = _function_table_fields("W")


PSecurityFunctionTableA = POINTER(SecurityFunctionTableA)
PSecurityFunctionTableW = POINTER(SecurityFunctionTableW)

# ---------------------------------------------------------------------------
# wincrypt.h (types first: schannel.h uses them)
# ---------------------------------------------------------------------------

ALG_ID = c_uint32
HCERTSTORE = c_void_p
HCRYPTPROV = HCRYPTKEY = HCRYPTHASH = HCRYPTPROV_LEGACY = ULONG_PTR
NCRYPT_KEY_HANDLE = HCRYPTPROV_OR_NCRYPT_KEY_HANDLE = ULONG_PTR


class CRYPTOAPI_BLOB(Structure):
    _fields_ = [("cbData", DWORD), ("pbData", POINTER(BYTE))]


CRYPT_INTEGER_BLOB = CRYPT_UINT_BLOB = CRYPT_OBJID_BLOB = CRYPTOAPI_BLOB
CERT_NAME_BLOB = CERT_RDN_VALUE_BLOB = CERT_BLOB = CRL_BLOB = CRYPTOAPI_BLOB
DATA_BLOB = CRYPT_DATA_BLOB = CRYPT_HASH_BLOB = CRYPTOAPI_BLOB
CRYPT_DIGEST_BLOB = CRYPT_DER_BLOB = CRYPT_ATTR_BLOB = CRYPTOAPI_BLOB
PCRYPT_DATA_BLOB = PCRYPT_HASH_BLOB = PCERT_NAME_BLOB = POINTER(CRYPTOAPI_BLOB)


class CRYPT_BIT_BLOB(Structure):
    _fields_ = [("cbData", DWORD), ("pbData", POINTER(BYTE)), ("cUnusedBits", DWORD)]


class CRYPT_ALGORITHM_IDENTIFIER(Structure):
    _fields_ = [("pszObjId", LPSTR), ("Parameters", CRYPT_OBJID_BLOB)]


class CERT_PUBLIC_KEY_INFO(Structure):
    _fields_ = [
        ("Algorithm", CRYPT_ALGORITHM_IDENTIFIER),
        ("PublicKey", CRYPT_BIT_BLOB),
    ]


class CERT_EXTENSION(Structure):
    _fields_ = [("pszObjId", LPSTR), ("fCritical", BOOL), ("Value", CRYPT_OBJID_BLOB)]


PCERT_EXTENSION = POINTER(CERT_EXTENSION)


class CERT_INFO(Structure):
    """The decoded TBSCertificate; see wincrypt.h for the field encodings."""

    _fields_ = [
        ("dwVersion", DWORD),
        ("SerialNumber", CRYPT_INTEGER_BLOB),
        ("SignatureAlgorithm", CRYPT_ALGORITHM_IDENTIFIER),
        ("Issuer", CERT_NAME_BLOB),
        ("NotBefore", FILETIME),
        ("NotAfter", FILETIME),
        ("Subject", CERT_NAME_BLOB),
        ("SubjectPublicKeyInfo", CERT_PUBLIC_KEY_INFO),
        ("IssuerUniqueId", CRYPT_BIT_BLOB),
        ("SubjectUniqueId", CRYPT_BIT_BLOB),
        ("cExtension", DWORD),
        ("rgExtension", PCERT_EXTENSION),
    ]


PCERT_INFO = POINTER(CERT_INFO)


class CERT_CONTEXT(Structure):
    """A certificate in a store. Created by the library only."""

    _fields_ = [
        ("dwCertEncodingType", DWORD),
        ("pbCertEncoded", POINTER(BYTE)),
        ("cbCertEncoded", DWORD),
        ("pCertInfo", PCERT_INFO),
        ("hCertStore", HCERTSTORE),
    ]


PCERT_CONTEXT = PCCERT_CONTEXT = POINTER(CERT_CONTEXT)


class CRYPT_KEY_PROV_PARAM(Structure):
    _fields_ = [
        ("dwParam", DWORD),
        ("pbData", POINTER(BYTE)),
        ("cbData", DWORD),
        ("dwFlags", DWORD),
    ]


class CRYPT_KEY_PROV_INFO(Structure):
    _fields_ = [
        ("pwszContainerName", LPWSTR),
        ("pwszProvName", LPWSTR),
        ("dwProvType", DWORD),
        ("dwFlags", DWORD),
        ("cProvParam", DWORD),
        ("rgProvParam", POINTER(CRYPT_KEY_PROV_PARAM)),
        ("dwKeySpec", DWORD),
    ]


# ---------------------------------------------------------------------------
# schannel.h
# ---------------------------------------------------------------------------

# Package names. The _A names are bytes, ready for the SEC_CHAR * parameters;
# the _W names are str: pass to_wchar(UNISP_NAME_W) to the "W" functions.
UNISP_NAME_A = b"Microsoft Unified Security Protocol Provider"
SCHANNEL_NAME_A = b"Schannel"
DEFAULT_TLS_SSP_NAME_A = b"Default TLS SSP"
SSL2SP_NAME_A = b"Microsoft SSL 2.0"
SSL3SP_NAME_A = b"Microsoft SSL 3.0"
TLS1SP_NAME_A = b"Microsoft TLS 1.0"
PCT1SP_NAME_A = b"Microsoft PCT 1.0"
UNISP_NAME_W = "Microsoft Unified Security Protocol Provider"
SCHANNEL_NAME_W = "Schannel"
DEFAULT_TLS_SSP_NAME_W = "Default TLS SSP"
SSL2SP_NAME_W = "Microsoft SSL 2.0"
SSL3SP_NAME_W = "Microsoft SSL 3.0"
TLS1SP_NAME_W = "Microsoft TLS 1.0"
PCT1SP_NAME_W = "Microsoft PCT 1.0"
UNISP_NAME = UNISP_NAME_A
SCHANNEL_NAME = SCHANNEL_NAME_A
DEFAULT_TLS_SSP_NAME = DEFAULT_TLS_SSP_NAME_A
SSL2SP_NAME = SSL2SP_NAME_A
SSL3SP_NAME = SSL3SP_NAME_A
TLS1SP_NAME = TLS1SP_NAME_A
PCT1SP_NAME = PCT1SP_NAME_A
UNISP_RPC_ID = 14

# Protocols.
SP_PROT_NONE = 0
SP_PROT_ALL = 0xFFFFFFFF
SP_PROT_PCT1_SERVER = 0x00000001
SP_PROT_PCT1_CLIENT = 0x00000002
SP_PROT_PCT1 = (SP_PROT_PCT1_SERVER | SP_PROT_PCT1_CLIENT)
SP_PROT_SSL2_SERVER = 0x00000004
SP_PROT_SSL2_CLIENT = 0x00000008
SP_PROT_SSL2 = (SP_PROT_SSL2_SERVER | SP_PROT_SSL2_CLIENT)
SP_PROT_SSL3_SERVER = 0x00000010
SP_PROT_SSL3_CLIENT = 0x00000020
SP_PROT_SSL3 = (SP_PROT_SSL3_SERVER | SP_PROT_SSL3_CLIENT)
SP_PROT_TLS1_SERVER = 0x00000040
SP_PROT_TLS1_CLIENT = 0x00000080
SP_PROT_TLS1 = (SP_PROT_TLS1_SERVER | SP_PROT_TLS1_CLIENT)
SP_PROT_TLS1_0_SERVER = SP_PROT_TLS1_SERVER
SP_PROT_TLS1_0_CLIENT = SP_PROT_TLS1_CLIENT
SP_PROT_TLS1_0 = (SP_PROT_TLS1_0_SERVER | SP_PROT_TLS1_0_CLIENT)
SP_PROT_TLS1_1_SERVER = 0x00000100
SP_PROT_TLS1_1_CLIENT = 0x00000200
SP_PROT_TLS1_1 = (SP_PROT_TLS1_1_SERVER | SP_PROT_TLS1_1_CLIENT)
SP_PROT_TLS1_2_SERVER = 0x00000400
SP_PROT_TLS1_2_CLIENT = 0x00000800
SP_PROT_TLS1_2 = (SP_PROT_TLS1_2_SERVER | SP_PROT_TLS1_2_CLIENT)
SP_PROT_TLS1_3_SERVER = 0x00001000
SP_PROT_TLS1_3_CLIENT = 0x00002000
SP_PROT_TLS1_3 = (SP_PROT_TLS1_3_SERVER | SP_PROT_TLS1_3_CLIENT)
SP_PROT_DTLS_SERVER = 0x00010000
SP_PROT_DTLS_CLIENT = 0x00020000
SP_PROT_DTLS = (SP_PROT_DTLS_SERVER | SP_PROT_DTLS_CLIENT)
SP_PROT_DTLS1_0_SERVER = SP_PROT_DTLS_SERVER
SP_PROT_DTLS1_0_CLIENT = SP_PROT_DTLS_CLIENT
SP_PROT_DTLS1_0 = (SP_PROT_DTLS1_0_SERVER | SP_PROT_DTLS1_0_CLIENT)
SP_PROT_DTLS1_2_SERVER = 0x00040000
SP_PROT_DTLS1_2_CLIENT = 0x00080000
SP_PROT_DTLS1_2 = (SP_PROT_DTLS1_2_SERVER | SP_PROT_DTLS1_2_CLIENT)
SP_PROT_UNI_SERVER = 0x40000000
SP_PROT_UNI_CLIENT = 0x80000000
SP_PROT_UNI = (SP_PROT_UNI_SERVER | SP_PROT_UNI_CLIENT)

# Composites.
SP_PROT_SSL3TLS1_CLIENTS = (SP_PROT_TLS1_CLIENT | SP_PROT_SSL3_CLIENT)
SP_PROT_SSL3TLS1_SERVERS = (SP_PROT_TLS1_SERVER | SP_PROT_SSL3_SERVER)
SP_PROT_SSL3TLS1 = (SP_PROT_SSL3 | SP_PROT_TLS1)
SP_PROT_TLS1_3PLUS_SERVER = SP_PROT_TLS1_3_SERVER
SP_PROT_TLS1_3PLUS_CLIENT = SP_PROT_TLS1_3_CLIENT
SP_PROT_TLS1_3PLUS = (SP_PROT_TLS1_3PLUS_SERVER | SP_PROT_TLS1_3PLUS_CLIENT)
SP_PROT_TLS1_1PLUS_SERVER = (SP_PROT_TLS1_1_SERVER | SP_PROT_TLS1_2_SERVER | SP_PROT_TLS1_3PLUS_SERVER)
SP_PROT_TLS1_1PLUS_CLIENT = (SP_PROT_TLS1_1_CLIENT | SP_PROT_TLS1_2_CLIENT | SP_PROT_TLS1_3PLUS_CLIENT)
SP_PROT_TLS1_1PLUS = (SP_PROT_TLS1_1PLUS_SERVER | SP_PROT_TLS1_1PLUS_CLIENT)
SP_PROT_TLS1_X_SERVER = (SP_PROT_TLS1_0_SERVER | SP_PROT_TLS1_1_SERVER | SP_PROT_TLS1_2_SERVER |       SP_PROT_TLS1_3_SERVER)  # 0x1540
SP_PROT_TLS1_X_CLIENT = (SP_PROT_TLS1_0_CLIENT | SP_PROT_TLS1_1_CLIENT | SP_PROT_TLS1_2_CLIENT |       SP_PROT_TLS1_3_CLIENT)  # 0x2A80
SP_PROT_TLS1_X = (SP_PROT_TLS1_X_SERVER | SP_PROT_TLS1_X_CLIENT)  # 0x3FC0
SP_PROT_SSL3TLS1_X_CLIENTS = (SP_PROT_TLS1_X_CLIENT | SP_PROT_SSL3_CLIENT)
SP_PROT_SSL3TLS1_X_SERVERS = (SP_PROT_TLS1_X_SERVER | SP_PROT_SSL3_SERVER)
SP_PROT_SSL3TLS1_X = (SP_PROT_SSL3 | SP_PROT_TLS1_X)
SP_PROT_DTLS1_X_SERVER = (SP_PROT_DTLS1_0_SERVER | SP_PROT_DTLS1_2_SERVER)
SP_PROT_DTLS1_X_CLIENT = (SP_PROT_DTLS1_0_CLIENT | SP_PROT_DTLS1_2_CLIENT)
SP_PROT_DTLS1_X = (SP_PROT_DTLS1_X_SERVER | SP_PROT_DTLS1_X_CLIENT)
SP_PROT_CLIENTS = (SP_PROT_PCT1_CLIENT | SP_PROT_SSL2_CLIENT | SP_PROT_SSL3_CLIENT |             SP_PROT_UNI_CLIENT | SP_PROT_TLS1_CLIENT)
SP_PROT_SERVERS = (SP_PROT_PCT1_SERVER | SP_PROT_SSL2_SERVER | SP_PROT_SSL3_SERVER |             SP_PROT_UNI_SERVER | SP_PROT_TLS1_SERVER)
SP_PROT_X_CLIENTS = (SP_PROT_CLIENTS | SP_PROT_TLS1_X_CLIENT | SP_PROT_DTLS1_X_CLIENT)
SP_PROT_X_SERVERS = (SP_PROT_SERVERS | SP_PROT_TLS1_X_SERVER | SP_PROT_DTLS1_X_SERVER)

# Credentials.
SCH_CRED_V1 = 0x00000001
SCH_CRED_V2 = 0x00000002
SCH_CRED_VERSION = 0x00000002
SCH_CRED_V3 = 0x00000003
SCHANNEL_CRED_VERSION = 0x00000004  # SCHANNEL_CRED
SCH_CREDENTIALS_VERSION = 0x00000005  # SCH_CREDENTIALS
SCH_CRED_FORMAT_CERT_CONTEXT = 0x00000000  # PCCERT_CONTEXT array
SCH_CRED_FORMAT_CERT_HASH = 0x00000001  # SCHANNEL_CERT_HASH
SCH_CRED_FORMAT_CERT_HASH_STORE = 0x00000002  # SCHANNEL_CERT_HASH_STORE

# Limits.
SCH_CRED_MAX_STORE_NAME_SIZE = 128
SCH_MAX_STORE_NAME_SIZE = 128
SCH_CRED_MAX_SUPPORTED_ALGS = 256
SCH_CRED_MAX_SUPPORTED_CERTS = 100
SCH_CRED_MAX_SUPPORTED_PARAMETERS = 16
SCH_CRED_MAX_SUPPORTED_ALPN_IDS = 16
SCH_CRED_MAX_SUPPORTED_CRYPTO_SETTINGS = 16
SCH_CRED_MAX_SUPPORTED_CHAINING_MODES = 16

# dwFlags of SCHANNEL_CRED and SCH_CREDENTIALS.
SCH_CRED_NO_SYSTEM_MAPPER = 0x00000002  # server: no account mapping
SCH_CRED_NO_SERVERNAME_CHECK = 0x00000004  # client: skip the host name check
SCH_CRED_MANUAL_CRED_VALIDATION = 0x00000008  # client: application validates the server
SCH_CRED_NO_DEFAULT_CREDS = 0x00000010  # client: never pick a client certificate
SCH_CRED_AUTO_CRED_VALIDATION = 0x00000020  # client: validate the server (default)
SCH_CRED_USE_DEFAULT_CREDS = 0x00000040  # client: pick a client certificate (default)
SCH_CRED_DISABLE_RECONNECTS = 0x00000080  # server: no session resumption
SCH_CRED_REVOCATION_CHECK_END_CERT = 0x00000100  # check revocation of the leaf
SCH_CRED_REVOCATION_CHECK_CHAIN = 0x00000200  # check revocation of the chain
SCH_CRED_REVOCATION_CHECK_CHAIN_EXCLUDE_ROOT = 0x00000400
SCH_CRED_IGNORE_NO_REVOCATION_CHECK = 0x00000800
SCH_CRED_IGNORE_REVOCATION_OFFLINE = 0x00001000
SCH_CRED_RESTRICTED_ROOTS = 0x00002000  # server: only roots in hRootStore
SCH_CRED_REVOCATION_CHECK_CACHE_ONLY = 0x00004000
SCH_CRED_CACHE_ONLY_URL_RETRIEVAL = 0x00008000
SCH_CRED_MEMORY_STORE_CERT = 0x00010000
SCH_CRED_CACHE_ONLY_URL_RETRIEVAL_ON_CREATE = 0x00020000
SCH_SEND_ROOT_CERT = 0x00040000  # server: send the root too
SCH_CRED_SNI_CREDENTIAL = 0x00080000
SCH_CRED_SNI_ENABLE_OCSP = 0x00100000
SCH_SEND_AUX_RECORD = 0x00200000  # TLS 1.0 CBC record splitting
SCH_USE_STRONG_CRYPTO = 0x00400000  # no weak cipher suites
SCH_USE_PRESHAREDKEY_ONLY = 0x00800000
SCH_USE_DTLS_ONLY = 0x01000000
SCH_ALLOW_NULL_ENCRYPTION = 0x02000000


class SCHANNEL_CRED(Structure):
    _fields_ = [
        ("dwVersion", DWORD),  # SCHANNEL_CRED_VERSION
        ("cCreds", DWORD),  # entries in paCred
        ("paCred", POINTER(PCCERT_CONTEXT)),  # certificates
        ("hRootStore", HCERTSTORE),  # server: trusted roots for client certificates
        ("cMappers", DWORD),  # reserved, 0
        ("aphMappers", POINTER(c_void_p)),  # reserved, NULL
        ("cSupportedAlgs", DWORD),  # entries in palgSupportedAlgs
        ("palgSupportedAlgs", POINTER(ALG_ID)),  # allowed CALG_* ids, or NULL
        ("grbitEnabledProtocols", DWORD),  # SP_PROT_* bits, 0 for defaults
        ("dwMinimumCipherStrength", DWORD),  # bits, 0 for no bound
        ("dwMaximumCipherStrength", DWORD),  # bits, 0 for no bound
        ("dwSessionLifespan", DWORD),  # milliseconds, 0 for 10 hours
        ("dwFlags", DWORD),  # SCH_CRED_* / SCH_* bits
        ("dwCredFormat", DWORD),  # SCH_CRED_FORMAT_*
    ]


PSCHANNEL_CRED = POINTER(SCHANNEL_CRED)

eTlsAlgorithmUsage = c_int32
TlsParametersCngAlgUsageKeyExchange = 0
TlsParametersCngAlgUsageSignature = 1
TlsParametersCngAlgUsageCipher = 2
TlsParametersCngAlgUsageDigest = 3
TlsParametersCngAlgUsageCertSig = 4

SCHANNEL_RSA_PSS_PADDING_ALGORITHM = "SCH_RSA_PSS_PAD"
SCHANNEL_RSA_PKCS_PADDING_ALGORITHM = "SCH_RSA_PKCS_PAD"


class CRYPTO_SETTINGS(Structure):
    _fields_ = [
        ("eAlgorithmUsage", eTlsAlgorithmUsage),  # role of the algorithm
        ("strCngAlgId", UNICODE_STRING),  # CNG algorithm id
        ("cChainingModes", DWORD),  # entries in rgstrChainingModes
        ("rgstrChainingModes", PUNICODE_STRING),  # CNG chaining modes, or NULL
        ("dwMinBitLength", DWORD),  # smallest key length disabled, 0 = any
        ("dwMaxBitLength", DWORD),  # largest key length disabled, 0 = any
    ]


PCRYPTO_SETTINGS = POINTER(CRYPTO_SETTINGS)

TLS_PARAMS_OPTIONAL = 0x00000001


class TLS_PARAMETERS(Structure):
    _fields_ = [
        ("cAlpnIds", DWORD),  # entries in rgstrAlpnIds, at most 16
        ("rgstrAlpnIds", PUNICODE_STRING),  # ALPN ids this entry is limited to
        ("grbitDisabledProtocols", DWORD),  # SP_PROT_* bits to disable
        ("cDisabledCrypto", DWORD),  # entries in pDisabledCrypto, at most 16
        ("pDisabledCrypto", PCRYPTO_SETTINGS),  # algorithms to disable
        ("dwFlags", DWORD),  # TLS_PARAMS_OPTIONAL
    ]


PTLS_PARAMETERS = POINTER(TLS_PARAMETERS)


class SCH_CREDENTIALS(Structure):
    _fields_ = [
        ("dwVersion", DWORD),  # SCH_CREDENTIALS_VERSION
        ("dwCredFormat", DWORD),  # SCH_CRED_FORMAT_*
        ("cCreds", DWORD),  # entries in paCred
        ("paCred", POINTER(PCCERT_CONTEXT)),  # certificates
        ("hRootStore", HCERTSTORE),  # server: trusted roots for client certificates
        ("cMappers", DWORD),  # reserved, 0
        ("aphMappers", POINTER(c_void_p)),  # reserved, NULL
        ("dwSessionLifespan", DWORD),  # milliseconds, 0 for 10 hours
        ("dwFlags", DWORD),  # SCH_CRED_* / SCH_* bits
        ("cTlsParameters", DWORD),  # entries in pTlsParameters
        ("pTlsParameters", PTLS_PARAMETERS),  # restrictions, or NULL
    ]


PSCH_CREDENTIALS = POINTER(SCH_CREDENTIALS)

SCH_MACHINE_CERT_HASH = 0x00000001


class SCHANNEL_CERT_HASH(Structure):
    _fields_ = [
        ("dwLength", DWORD),
        ("dwFlags", DWORD),
        ("hProv", ULONG_PTR),
        ("ShaHash", BYTE * 20),
    ]


class SCHANNEL_CERT_HASH_STORE(Structure):
    _fields_ = [
        ("dwLength", DWORD),
        ("dwFlags", DWORD),
        ("hProv", ULONG_PTR),
        ("ShaHash", BYTE * 20),
        ("pwszStoreName", WCHAR * SCH_MAX_STORE_NAME_SIZE),
    ]


# Control tokens.
SCHANNEL_RENEGOTIATE = 0  # not supported
SCHANNEL_SHUTDOWN = 1  # DWORD alone: send close_notify
SCHANNEL_ALERT = 2  # SCHANNEL_ALERT_TOKEN
SCHANNEL_SESSION = 3  # SCHANNEL_SESSION_TOKEN


class SCHANNEL_ALERT_TOKEN(Structure):
    _fields_ = [
        ("dwTokenType", DWORD),  # SCHANNEL_ALERT
        ("dwAlertType", DWORD),  # TLS1_ALERT_WARNING or TLS1_ALERT_FATAL
        ("dwAlertNumber", DWORD),  # TLS1_ALERT_* description
    ]


# Alert levels.
TLS1_ALERT_WARNING = 1
TLS1_ALERT_FATAL = 2

# Alert descriptions (the TLS AlertDescription numbers).
TLS1_ALERT_CLOSE_NOTIFY = 0
TLS1_ALERT_UNEXPECTED_MESSAGE = 10
TLS1_ALERT_BAD_RECORD_MAC = 20
TLS1_ALERT_DECRYPTION_FAILED = 21
TLS1_ALERT_RECORD_OVERFLOW = 22
TLS1_ALERT_DECOMPRESSION_FAIL = 30
TLS1_ALERT_HANDSHAKE_FAILURE = 40
TLS1_ALERT_BAD_CERTIFICATE = 42
TLS1_ALERT_UNSUPPORTED_CERT = 43
TLS1_ALERT_CERTIFICATE_REVOKED = 44
TLS1_ALERT_CERTIFICATE_EXPIRED = 45
TLS1_ALERT_CERTIFICATE_UNKNOWN = 46
TLS1_ALERT_ILLEGAL_PARAMETER = 47
TLS1_ALERT_UNKNOWN_CA = 48
TLS1_ALERT_ACCESS_DENIED = 49
TLS1_ALERT_DECODE_ERROR = 50
TLS1_ALERT_DECRYPT_ERROR = 51
TLS1_ALERT_EXPORT_RESTRICTION = 60
TLS1_ALERT_PROTOCOL_VERSION = 70
TLS1_ALERT_INSUFFIENT_SECURITY = 71  # sic: the Windows header's spelling
TLS1_ALERT_INSUFFICIENT_SECURITY = 71
TLS1_ALERT_INTERNAL_ERROR = 80
TLS1_ALERT_USER_CANCELED = 90
TLS1_ALERT_NO_RENEGOTIATION = 100
TLS1_ALERT_UNSUPPORTED_EXT = 110
TLS1_ALERT_UNKNOWN_PSK_IDENTITY = 115
TLS1_ALERT_NO_APP_PROTOCOL = 120

# SCHANNEL_SESSION_TOKEN.dwFlags values.
SSL_SESSION_ENABLE_RECONNECTS = 1
SSL_SESSION_DISABLE_RECONNECTS = 2


class SCHANNEL_SESSION_TOKEN(Structure):
    _fields_ = [
        ("dwTokenType", DWORD),  # SCHANNEL_SESSION
        ("dwFlags", DWORD),  # SSL_SESSION_ENABLE_RECONNECTS or _DISABLE_RECONNECTS
    ]


# Attribute ids.
SECPKG_ATTR_ISSUER_LIST = 0x50  # legacy, unsupported
SECPKG_ATTR_REMOTE_CRED = 0x51  # legacy, unsupported
SECPKG_ATTR_LOCAL_CRED = 0x52  # legacy, unsupported
SECPKG_ATTR_REMOTE_CERT_CONTEXT = 0x53  # PCCERT_CONTEXT
SECPKG_ATTR_LOCAL_CERT_CONTEXT = 0x54  # PCCERT_CONTEXT
SECPKG_ATTR_ROOT_STORE = 0x55  # HCERTSTORE, unsupported
SECPKG_ATTR_SUPPORTED_ALGS = 0x56  # SecPkgCred_SupportedAlgs (credential)
SECPKG_ATTR_CIPHER_STRENGTHS = 0x57  # SecPkgCred_CipherStrengths (credential)
SECPKG_ATTR_SUPPORTED_PROTOCOLS = 0x58  # SecPkgCred_SupportedProtocols (credential)
SECPKG_ATTR_ISSUER_LIST_EX = 0x59  # SecPkgContext_IssuerListInfoEx
SECPKG_ATTR_CONNECTION_INFO = 0x5a  # SecPkgContext_ConnectionInfo
SECPKG_ATTR_EAP_KEY_BLOCK = 0x5b  # SecPkgContext_EapKeyBlock
SECPKG_ATTR_MAPPED_CRED_ATTR = 0x5c  # unsupported
SECPKG_ATTR_SESSION_INFO = 0x5d  # SecPkgContext_SessionInfo
SECPKG_ATTR_APP_DATA = 0x5e  # SecPkgContext_SessionAppData
SECPKG_ATTR_REMOTE_CERTIFICATES = 0x5f  # SecPkgContext_Certificates
SECPKG_ATTR_CLIENT_CERT_POLICY = 0x60  # unsupported
SECPKG_ATTR_CC_POLICY_RESULT = 0x61  # SecPkgContext_ClientCertPolicyResult
SECPKG_ATTR_USE_NCRYPT = 0x62  # unsupported
SECPKG_ATTR_LOCAL_CERT_INFO = 0x63  # unsupported
SECPKG_ATTR_CIPHER_INFO = 0x64  # SecPkgContext_CipherInfo
SECPKG_ATTR_EAP_PRF_INFO = 0x65  # unsupported
SECPKG_ATTR_SUPPORTED_SIGNATURES = 0x66  # SecPkgContext_SupportedSignatures
SECPKG_ATTR_REMOTE_CERT_CHAIN = 0x67  # PCCERT_CONTEXT, unsupported
SECPKG_ATTR_UI_INFO = 0x68  # unsupported
SECPKG_ATTR_EARLY_START = 0x69  # SecPkgContext_EarlyStart (set)
SECPKG_ATTR_KEYING_MATERIAL_INFO = 0x6a  # SecPkgContext_KeyingMaterialInfo (set)
SECPKG_ATTR_KEYING_MATERIAL = 0x6b  # SecPkgContext_KeyingMaterial
SECPKG_ATTR_SRTP_PARAMETERS = 0x6c  # unsupported (DTLS-SRTP)
SECPKG_ATTR_TOKEN_BINDING = 0x6d  # unsupported
SECPKG_ATTR_CONNECTION_INFO_EX = 0x6e  # SecPkgContext_ConnectionInfoEx
SECPKG_ATTR_KEYING_MATERIAL_TOKEN_BINDING = 0x6f  # unsupported
SECPKG_ATTR_KEYING_MATERIAL_INPROC = 0x70  # unsupported
SECPKG_ATTR_CERT_CHECK_RESULT = 0x71  # unsupported
SECPKG_ATTR_CERT_CHECK_RESULT_INPROC = 0x72  # unsupported
SECPKG_ATTR_SESSION_TICKET_KEYS = 0x73  # SecPkgCred_SessionTicketKeys (credential, set)
SECPKG_ATTR_SERIALIZED_REMOTE_CERT_CONTEXT_INPROC = 0x74  # unsupported
SECPKG_ATTR_SERIALIZED_REMOTE_CERT_CONTEXT = 0x75  # unsupported

# Context attribute structs.
SSL_SESSION_RECONNECT = 1
SZ_ALG_MAX_SIZE = 64
SECPKGCONTEXT_CIPHERINFO_V1 = 1
SECPKGCONTEXT_CONNECTION_INFO_EX_V1 = 1
ENABLE_TLS_CLIENT_EARLY_START = 0x00000001


class SecPkgContext_IssuerListInfoEx(Structure):
    _fields_ = [("aIssuers", PCERT_NAME_BLOB), ("cIssuers", DWORD)]


class SecPkgContext_ConnectionInfo(Structure):
    _fields_ = [
        ("dwProtocol", DWORD),  # SP_PROT_* bit of the negotiated version
        ("aiCipher", ALG_ID),  # CALG_AES_128, CALG_AES_256 ...
        ("dwCipherStrength", DWORD),  # cipher key bits
        ("aiHash", ALG_ID),  # CALG_SHA1 ... for CBC suites, 0 for AEAD
        ("dwHashStrength", DWORD),  # MAC bits, 0 for AEAD
        ("aiExch", ALG_ID),  # CALG_ECDH_EPHEM, CALG_DH_EPHEM, CALG_RSA_KEYX
        ("dwExchStrength", DWORD),  # key-exchange bits
    ]


class SecPkgContext_EapKeyBlock(Structure):
    _fields_ = [("rgbKeys", BYTE * 128), ("rgbIVs", BYTE * 64)]


class SecPkgContext_SessionInfo(Structure):
    _fields_ = [
        ("dwFlags", DWORD),  # SSL_SESSION_RECONNECT
        ("cbSessionId", DWORD),  # bytes used in rgbSessionId
        ("rgbSessionId", BYTE * 32),  # session id
    ]


class SecPkgContext_SessionAppData(Structure):
    _fields_ = [("dwFlags", DWORD), ("cbAppData", DWORD), ("pbAppData", PBYTE)]


class SecPkgContext_Certificates(Structure):
    _fields_ = [
        ("cCertificates", DWORD),
        ("cbCertificateChain", DWORD),
        ("pbCertificateChain", PBYTE),
    ]


class SecPkgContext_CipherInfo(Structure):
    """Set dwVersion to SECPKGCONTEXT_CIPHERINFO_V1 before the query. The
    names are NUL-terminated UTF-16 (from_wchar) in the A and W queries."""

    _fields_ = [
        ("dwVersion", DWORD),  # SECPKGCONTEXT_CIPHERINFO_V1
        ("dwProtocol", DWORD),  # wire version, e.g. 0x0303
        ("dwCipherSuite", DWORD),  # IANA cipher suite number
        ("dwBaseCipherSuite", DWORD),  # same as dwCipherSuite
        ("szCipherSuite", WCHAR * SZ_ALG_MAX_SIZE),  # IANA suite name
        ("szCipher", WCHAR * SZ_ALG_MAX_SIZE),  # cipher, e.g. "AES"
        ("dwCipherLen", DWORD),  # cipher key bits
        ("dwCipherBlockLen", DWORD),  # cipher block bytes
        ("szHash", WCHAR * SZ_ALG_MAX_SIZE),  # MAC hash, empty for AEAD
        ("dwHashLen", DWORD),  # MAC bits, 0 for AEAD
        ("szExchange", WCHAR * SZ_ALG_MAX_SIZE),  # key exchange, e.g. "ECDH"
        ("dwMinExchangeLen", DWORD),  # key-exchange bits (lower bound)
        ("dwMaxExchangeLen", DWORD),  # key-exchange bits (upper bound)
        ("szCertificate", WCHAR * SZ_ALG_MAX_SIZE),  # certificate key, e.g. "RSA"
        ("dwKeyType", DWORD),  # named group (TLS code point)
    ]


class SecPkgContext_SupportedSignatures(Structure):
    _fields_ = [
        ("cSignatureAndHashAlgorithms", WORD),  # entries in the array
        ("pSignatureAndHashAlgorithms", POINTER(WORD)),  # TLS code points
    ]


class SecPkgContext_KeyingMaterialInfo(Structure):
    _fields_ = [
        ("cbLabel", WORD),  # bytes of pszLabel, NUL included
        ("pszLabel", LPSTR),  # ASCII exporter label
        ("cbContextValue", WORD),  # bytes of pbContextValue, 0 for none
        ("pbContextValue", PBYTE),  # exporter context, or NULL
        ("cbKeyingMaterial", DWORD),  # bytes to export, > 0
    ]


class SecPkgContext_KeyingMaterial(Structure):
    _fields_ = [
        ("cbKeyingMaterial", DWORD),  # bytes at pbKeyingMaterial
        ("pbKeyingMaterial", PBYTE),  # exporter output
    ]


class SecPkgContext_ConnectionInfoEx(Structure):
    _fields_ = [
        ("dwVersion", DWORD),  # SECPKGCONTEXT_CONNECTION_INFO_EX_V1
        ("dwProtocol", DWORD),  # SP_PROT_* bit
        ("szCipher", WCHAR * SZ_ALG_MAX_SIZE),
        ("dwCipherStrength", DWORD),
        ("szHash", WCHAR * SZ_ALG_MAX_SIZE),
        ("dwHashStrength", DWORD),
        ("szExchange", WCHAR * SZ_ALG_MAX_SIZE),
        ("dwExchStrength", DWORD),
    ]


class SecPkgContext_ClientCertPolicyResult(Structure):
    _fields_ = [("dwPolicyResult", HRESULT), ("guidPolicyId", GUID)]


class SecPkgContext_EarlyStart(Structure):
    _fields_ = [("dwEarlyStartFlags", DWORD)]  # ENABLE_TLS_CLIENT_EARLY_START


# Credential attribute structs.


class SecPkgCred_SupportedAlgs(Structure):
    _fields_ = [("cSupportedAlgs", DWORD), ("palgSupportedAlgs", POINTER(ALG_ID))]


class SecPkgCred_CipherStrengths(Structure):
    _fields_ = [
        ("dwMinimumCipherStrength", DWORD),
        ("dwMaximumCipherStrength", DWORD),
    ]


class SecPkgCred_SupportedProtocols(Structure):
    _fields_ = [("grbitProtocol", DWORD)]


SESSION_TICKET_INFO_V0 = 0
SESSION_TICKET_INFO_VERSION = SESSION_TICKET_INFO_V0


class SecPkgCred_SessionTicketKey(Structure):
    _fields_ = [
        ("TicketInfoVersion", DWORD),  # SESSION_TICKET_INFO_VERSION
        ("KeyId", BYTE * 16),  # key identifier
        ("KeyingMaterial", BYTE * 64),  # secret, KeyingMaterialSize bytes used
        ("KeyingMaterialSize", BYTE),  # 32 to 64
    ]


class SecPkgCred_SessionTicketKeys(Structure):
    _fields_ = [
        ("cSessionTicketKeys", DWORD),  # entries, at least 1
        ("pSessionTicketKeys", POINTER(SecPkgCred_SessionTicketKey)),
    ]


# ---------------------------------------------------------------------------
# wincrypt.h constants
# ---------------------------------------------------------------------------

# Algorithm ids (CALG_*).
CALG_RC4 = 0x00006801
CALG_DES = 0x00006601
CALG_RC2 = 0x00006602
CALG_3DES = 0x00006603
CALG_3DES_112 = 0x00006609
CALG_AES = 0x00006611
CALG_AES_128 = 0x0000660e
CALG_AES_192 = 0x0000660f
CALG_AES_256 = 0x00006610
CALG_NULLCIPHER = 0x00006000
CALG_MD2 = 0x00008001
CALG_MD4 = 0x00008002
CALG_MD5 = 0x00008003
CALG_SHA1 = 0x00008004
CALG_SHA = CALG_SHA1
CALG_SSL3_SHAMD5 = 0x00008008
CALG_HMAC = 0x00008009
CALG_TLS1PRF = 0x0000800a
CALG_SHA_256 = 0x0000800c
CALG_SHA_384 = 0x0000800d
CALG_SHA_512 = 0x0000800e
CALG_RSA_KEYX = 0x0000a400
CALG_DH_SF = 0x0000aa01
CALG_DH_EPHEM = 0x0000aa02
CALG_ECDH = 0x0000aa05
CALG_ECDH_EPHEM = 0x0000ae06
CALG_ECMQV = 0x0000a001
CALG_RSA_SIGN = 0x00002400
CALG_DSS_SIGN = 0x00002200
CALG_ECDSA = 0x00002203
CALG_NO_SIGN = 0x00002000
CALG_TLS1_MASTER = 0x00004c06

# Key specs, encoding types, store providers and store flags.
AT_KEYEXCHANGE = 1
AT_SIGNATURE = 2
CERT_NCRYPT_KEY_SPEC = 0xFFFFFFFF
CRYPT_ASN_ENCODING = 0x00000001
X509_ASN_ENCODING = 0x00000001
PKCS_7_ASN_ENCODING = 0x00010000
CERT_ENCODING_TYPE_MASK = 0x0000FFFF
CMSG_ENCODING_TYPE_MASK = 0xFFFF0000
CERT_STORE_PROV_MSG = 1
CERT_STORE_PROV_MEMORY = 2
CERT_STORE_PROV_FILE = 3
CERT_STORE_PROV_REG = 4
CERT_STORE_PROV_PKCS7 = 5
CERT_STORE_PROV_SERIALIZED = 6
CERT_STORE_PROV_FILENAME_A = 7
CERT_STORE_PROV_FILENAME_W = 8
CERT_STORE_PROV_FILENAME = CERT_STORE_PROV_FILENAME_W
CERT_STORE_PROV_SYSTEM_A = 9
CERT_STORE_PROV_SYSTEM_W = 10
CERT_STORE_PROV_SYSTEM = CERT_STORE_PROV_SYSTEM_W
CERT_STORE_PROV_COLLECTION = 11
CERT_STORE_PROV_SYSTEM_REGISTRY_A = 12
CERT_STORE_PROV_SYSTEM_REGISTRY_W = 13
CERT_STORE_PROV_SYSTEM_REGISTRY = CERT_STORE_PROV_SYSTEM_REGISTRY_W
CERT_STORE_PROV_PHYSICAL_W = 14
CERT_STORE_PROV_PHYSICAL = CERT_STORE_PROV_PHYSICAL_W
CERT_STORE_PROV_SMART_CARD_W = 15
CERT_STORE_PROV_SMART_CARD = CERT_STORE_PROV_SMART_CARD_W
CERT_STORE_PROV_LDAP_W = 16
CERT_STORE_PROV_LDAP = CERT_STORE_PROV_LDAP_W
CERT_STORE_PROV_PKCS12 = 17
sz_CERT_STORE_PROV_MEMORY = b"Memory"
sz_CERT_STORE_PROV_FILENAME_W = b"File"
sz_CERT_STORE_PROV_FILENAME = sz_CERT_STORE_PROV_FILENAME_W
sz_CERT_STORE_PROV_SYSTEM_W = b"System"
sz_CERT_STORE_PROV_SYSTEM = sz_CERT_STORE_PROV_SYSTEM_W
sz_CERT_STORE_PROV_PKCS7 = b"PKCS7"
sz_CERT_STORE_PROV_PKCS12 = b"PKCS12"
sz_CERT_STORE_PROV_SERIALIZED = b"Serialized"
sz_CERT_STORE_PROV_COLLECTION = b"Collection"
sz_CERT_STORE_PROV_SYSTEM_REGISTRY_W = b"SystemRegistry"
sz_CERT_STORE_PROV_SYSTEM_REGISTRY = sz_CERT_STORE_PROV_SYSTEM_REGISTRY_W
sz_CERT_STORE_PROV_PHYSICAL_W = b"Physical"
sz_CERT_STORE_PROV_PHYSICAL = sz_CERT_STORE_PROV_PHYSICAL_W
sz_CERT_STORE_PROV_SMART_CARD_W = b"SmartCard"
sz_CERT_STORE_PROV_SMART_CARD = sz_CERT_STORE_PROV_SMART_CARD_W
sz_CERT_STORE_PROV_LDAP_W = b"Ldap"
sz_CERT_STORE_PROV_LDAP = sz_CERT_STORE_PROV_LDAP_W
CERT_STORE_NO_CRYPT_RELEASE_FLAG = 0x00000001
CERT_STORE_SET_LOCALIZED_NAME_FLAG = 0x00000002
CERT_STORE_DEFER_CLOSE_UNTIL_LAST_FREE_FLAG = 0x00000004
CERT_STORE_DELETE_FLAG = 0x00000010
CERT_STORE_UNSAFE_PHYSICAL_FLAG = 0x00000020
CERT_STORE_SHARE_STORE_FLAG = 0x00000040
CERT_STORE_SHARE_CONTEXT_FLAG = 0x00000080
CERT_STORE_MANIFOLD_FLAG = 0x00000100
CERT_STORE_ENUM_ARCHIVED_FLAG = 0x00000200
CERT_STORE_UPDATE_KEYID_FLAG = 0x00000400
CERT_STORE_BACKUP_RESTORE_FLAG = 0x00000800
CERT_STORE_MAXIMUM_ALLOWED_FLAG = 0x00001000
CERT_STORE_CREATE_NEW_FLAG = 0x00002000
CERT_STORE_OPEN_EXISTING_FLAG = 0x00004000
CERT_STORE_READONLY_FLAG = 0x00008000
CERT_SYSTEM_STORE_LOCATION_SHIFT = 16
CERT_SYSTEM_STORE_CURRENT_USER = 0x00010000
CERT_SYSTEM_STORE_LOCAL_MACHINE = 0x00020000

# CertCloseStore flags, add dispositions and find types.
CERT_CLOSE_STORE_FORCE_FLAG = 0x00000001
CERT_CLOSE_STORE_CHECK_FLAG = 0x00000002
CERT_STORE_ADD_NEW = 1  # fail with CRYPT_E_EXISTS if present
CERT_STORE_ADD_USE_EXISTING = 2  # return the one present
CERT_STORE_ADD_REPLACE_EXISTING = 3  # replace the one present
CERT_STORE_ADD_ALWAYS = 4  # add even if present
CERT_STORE_ADD_REPLACE_EXISTING_INHERIT_PROPERTIES = 5  # replace, keep its properties
CERT_STORE_ADD_NEWER = 6  # replace only if NotBefore is later
CERT_STORE_ADD_NEWER_INHERIT_PROPERTIES = 7
CERT_COMPARE_SHIFT = 16
CERT_INFO_ISSUER_FLAG = 4
CERT_INFO_SUBJECT_FLAG = 7
CERT_FIND_ANY = 0x00000000  # NULL: every certificate
CERT_FIND_SHA1_HASH = 0x00010000  # CRYPT_HASH_BLOB: 20-byte SHA-1 thumbprint
CERT_FIND_HASH = CERT_FIND_SHA1_HASH
CERT_FIND_ISSUER_NAME = 0x00020004  # CERT_NAME_BLOB: exact DER issuer
CERT_FIND_SUBJECT_NAME = 0x00020007  # CERT_NAME_BLOB: exact DER subject
CERT_FIND_ISSUER_ATTR = 0x00030004  # not implemented
CERT_FIND_SUBJECT_ATTR = 0x00030007  # not implemented
CERT_FIND_MD5_HASH = 0x00040000  # CRYPT_HASH_BLOB: 16-byte MD5 thumbprint
CERT_FIND_PROPERTY = 0x00050000  # not implemented
CERT_FIND_PUBLIC_KEY = 0x00060000  # CERT_PUBLIC_KEY_INFO: same algorithm and key
CERT_FIND_ISSUER_STR_A = 0x00070004  # char *: substring of the issuer name
CERT_FIND_SUBJECT_STR_A = 0x00070007  # char *: substring of the subject name
CERT_FIND_ISSUER_STR_W = 0x00080004  # WCHAR *: substring of the issuer name
CERT_FIND_SUBJECT_STR_W = 0x00080007  # WCHAR *: substring of the subject name
CERT_FIND_ISSUER_STR = CERT_FIND_ISSUER_STR_W
CERT_FIND_SUBJECT_STR = CERT_FIND_SUBJECT_STR_W
CERT_FIND_KEY_SPEC = 0x00090000  # not implemented
CERT_FIND_ENHKEY_USAGE = 0x000A0000  # not implemented
CERT_FIND_CTL_USAGE = CERT_FIND_ENHKEY_USAGE
CERT_FIND_SUBJECT_CERT = 0x000B0000  # CERT_INFO: same Issuer and SerialNumber
CERT_FIND_ISSUER_OF = 0x000C0000  # not implemented
CERT_FIND_EXISTING = 0x000D0000  # PCCERT_CONTEXT (from this library): same DER
CERT_FIND_SIGNATURE_HASH = 0x000E0000  # not implemented
CERT_FIND_KEY_IDENTIFIER = 0x000F0000  # CRYPT_HASH_BLOB: CERT_KEY_IDENTIFIER_PROP_ID
CERT_FIND_CERT_ID = 0x00100000  # not implemented
CERT_FIND_CROSS_CERT_DIST_POINTS = 0x00110000  # not implemented
CERT_FIND_PUBKEY_MD5_HASH = 0x00120000  # not implemented
CERT_FIND_SUBJECT_INFO_ACCESS = 0x00130000  # not implemented
CERT_FIND_HASH_STR = 0x00140000  # not implemented
CERT_FIND_HAS_PRIVATE_KEY = 0x00150000  # NULL: certificates with a private key
CERT_UNICODE_IS_RDN_ATTRS_FLAG = 0x00000001
CERT_CASE_INSENSITIVE_IS_RDN_ATTRS_FLAG = 0x00000002

# Property ids of CertGetCertificateContextProperty.
CERT_KEY_PROV_HANDLE_PROP_ID = 1
CERT_KEY_PROV_INFO_PROP_ID = 2  # CRYPT_KEY_PROV_INFO: present when a private key is attached
CERT_SHA1_HASH_PROP_ID = 3  # 20 bytes
CERT_MD5_HASH_PROP_ID = 4  # 16 bytes
CERT_HASH_PROP_ID = CERT_SHA1_HASH_PROP_ID
CERT_KEY_CONTEXT_PROP_ID = 5
CERT_KEY_SPEC_PROP_ID = 6  # DWORD: AT_KEYEXCHANGE when a private key is attached
CERT_ENHKEY_USAGE_PROP_ID = 9
CERT_CTL_USAGE_PROP_ID = CERT_ENHKEY_USAGE_PROP_ID
CERT_FRIENDLY_NAME_PROP_ID = 11  # NUL-terminated UTF-16 string
CERT_DESCRIPTION_PROP_ID = 13
CERT_ACCESS_STATE_PROP_ID = 14
CERT_SIGNATURE_HASH_PROP_ID = 15
CERT_ARCHIVED_PROP_ID = 19
CERT_KEY_IDENTIFIER_PROP_ID = 20  # subject key identifier or SHA-1 of the public key
CERT_ISSUER_PUBLIC_KEY_MD5_HASH_PROP_ID = 24
CERT_SUBJECT_PUBLIC_KEY_MD5_HASH_PROP_ID = 25
CERT_NCRYPT_KEY_HANDLE_PROP_ID = 78
CERT_SHA256_HASH_PROP_ID = 107  # 32 bytes

# Name types of CertGetNameString (dwType), string types and flags.
CERT_NAME_EMAIL_TYPE = 1  # SAN rfc822Name, else the emailAddress attribute
CERT_NAME_RDN_TYPE = 2  # the whole name; pvTypePara: DWORD * string type or NULL
CERT_NAME_ATTR_TYPE = 3  # one attribute; pvTypePara: char * OID or NULL (common name)
CERT_NAME_SIMPLE_DISPLAY_TYPE = 4  # first CN, OU, O or e-mail
CERT_NAME_FRIENDLY_DISPLAY_TYPE = 5  # friendly name property, else simple display
CERT_NAME_DNS_TYPE = 6  # first SAN dNSName, else the common name
CERT_NAME_URL_TYPE = 7  # first SAN URI
CERT_NAME_UPN_TYPE = 8  # SAN otherName UPN
CERT_NAME_ISSUER_FLAG = 0x00000001
CERT_NAME_SEARCH_ALL_NAMES_FLAG = 0x00000002
CERT_NAME_DISABLE_IE4_UTF8_FLAG = 0x00010000
CERT_NAME_STR_ENABLE_PUNYCODE_FLAG = 0x00200000
CERT_SIMPLE_NAME_STR = 1  # "host, Org"
CERT_OID_NAME_STR = 2  # "2.5.4.3=host, 2.5.4.10=Org"
CERT_X500_NAME_STR = 3  # "CN=host, O=Org"
CERT_XML_NAME_STR = 4  # rendered as CERT_X500_NAME_STR
CERT_NAME_STR_SEMICOLON_FLAG = 0x40000000
CERT_NAME_STR_NO_PLUS_FLAG = 0x20000000
CERT_NAME_STR_NO_QUOTING_FLAG = 0x10000000
CERT_NAME_STR_CRLF_FLAG = 0x08000000
CERT_NAME_STR_COMMA_FLAG = 0x04000000
CERT_NAME_STR_REVERSE_FLAG = 0x02000000
CERT_NAME_STR_FORWARD_FLAG = 0x01000000
CRYPT_EXPORTABLE = 0x00000001
CRYPT_USER_PROTECTED = 0x00000002
CRYPT_MACHINE_KEYSET = 0x00000020
CRYPT_USER_KEYSET = 0x00001000
PKCS12_INCLUDE_EXTENDED_PROPERTIES = 0x00000010
PKCS12_IMPORT_SILENT = 0x00000040
PKCS12_PREFER_CNG_KSP = 0x00000100
PKCS12_ALWAYS_CNG_KSP = 0x00000200
PKCS12_ONLY_CERTIFICATES = 0x00000400
PKCS12_ONLY_NOT_ENCRYPTED_CERTIFICATES = 0x00000800
PKCS12_ALLOW_OVERWRITE_KEY = 0x00004000
PKCS12_NO_PERSIST_KEY = 0x00008000
PKCS12_VIRTUAL_ISOLATION_KEY = 0x00010000

# Object identifiers (the pszObjId strings of CERT_INFO).
szOID_RSA = b"1.2.840.113549"
szOID_RSA_RSA = b"1.2.840.113549.1.1.1"
szOID_RSA_MD5RSA = b"1.2.840.113549.1.1.4"
szOID_RSA_SHA1RSA = b"1.2.840.113549.1.1.5"
szOID_RSA_SSA_PSS = b"1.2.840.113549.1.1.10"
szOID_RSA_SHA256RSA = b"1.2.840.113549.1.1.11"
szOID_RSA_SHA384RSA = b"1.2.840.113549.1.1.12"
szOID_RSA_SHA512RSA = b"1.2.840.113549.1.1.13"
szOID_RSA_emailAddr = b"1.2.840.113549.1.9.1"
szOID_ECC_PUBLIC_KEY = b"1.2.840.10045.2.1"
szOID_ECC_CURVE_P256 = b"1.2.840.10045.3.1.7"
szOID_ECC_CURVE_P384 = b"1.3.132.0.34"
szOID_ECC_CURVE_P521 = b"1.3.132.0.35"
szOID_ECDSA_SHA1 = b"1.2.840.10045.4.1"
szOID_ECDSA_SHA256 = b"1.2.840.10045.4.3.2"
szOID_ECDSA_SHA384 = b"1.2.840.10045.4.3.3"
szOID_ECDSA_SHA512 = b"1.2.840.10045.4.3.4"
szOID_OIWSEC_sha1 = b"1.3.14.3.2.26"
szOID_NIST_sha256 = b"2.16.840.1.101.3.4.2.1"
szOID_NIST_sha384 = b"2.16.840.1.101.3.4.2.2"
szOID_NIST_sha512 = b"2.16.840.1.101.3.4.2.3"
szOID_COMMON_NAME = b"2.5.4.3"
szOID_SUR_NAME = b"2.5.4.4"
szOID_DEVICE_SERIAL_NUMBER = b"2.5.4.5"
szOID_COUNTRY_NAME = b"2.5.4.6"
szOID_LOCALITY_NAME = b"2.5.4.7"
szOID_STATE_OR_PROVINCE_NAME = b"2.5.4.8"
szOID_STREET_ADDRESS = b"2.5.4.9"
szOID_ORGANIZATION_NAME = b"2.5.4.10"
szOID_ORGANIZATIONAL_UNIT_NAME = b"2.5.4.11"
szOID_TITLE = b"2.5.4.12"
szOID_DOMAIN_COMPONENT = b"0.9.2342.19200300.100.1.25"
szOID_SUBJECT_KEY_IDENTIFIER = b"2.5.29.14"
szOID_KEY_USAGE = b"2.5.29.15"
szOID_SUBJECT_ALT_NAME2 = b"2.5.29.17"
szOID_ISSUER_ALT_NAME2 = b"2.5.29.18"
szOID_BASIC_CONSTRAINTS2 = b"2.5.29.19"
szOID_AUTHORITY_KEY_IDENTIFIER2 = b"2.5.29.35"
szOID_ENHANCED_KEY_USAGE = b"2.5.29.37"
szOID_PKIX_KP_SERVER_AUTH = b"1.3.6.1.5.5.7.3.1"
szOID_PKIX_KP_CLIENT_AUTH = b"1.3.6.1.5.5.7.3.2"

# Error codes (HRESULTs, as the DWORDs GetLastError returns).
E_INVALIDARG = 0x80070057
E_OUTOFMEMORY = 0x8007000E
E_FAIL = 0x80004005
CRYPT_E_BAD_ENCODE = 0x80092002  # data does not decode (not a PFX)
CRYPT_E_NOT_FOUND = 0x80092004  # no (more) matching certificate / property
CRYPT_E_EXISTS = 0x80092005  # certificate already in the store
CRYPT_E_SELF_SIGNED = 0x80092007
CRYPT_E_NO_MATCH = 0x80092009
CRYPT_E_NO_KEY_PROPERTY = 0x8009200B
CRYPT_E_PENDING_CLOSE = 0x8009200F  # store closed with contexts still referenced
CRYPT_E_REVOKED = 0x80092010  # certificate revoked (certificate_revoked alert)
CRYPT_E_NO_REVOCATION_DLL = 0x80092011
CRYPT_E_NO_REVOCATION_CHECK = 0x80092012
CRYPT_E_REVOCATION_OFFLINE = 0x80092013
CRYPT_E_NOT_IN_REVOCATION_DATABASE = 0x80092014
CRYPT_E_ASN1_ERROR = 0x80093100
CRYPT_E_ASN1_EOD = 0x80093102
CRYPT_E_ASN1_CORRUPT = 0x80093103
CRYPT_E_ASN1_BADTAG = 0x8009310B  # bytes are not a DER certificate
CERT_E_EXPIRED = 0x800B0101
CERT_E_VALIDITYPERIODNESTING = 0x800B0102
CERT_E_ROLE = 0x800B0103
CERT_E_PATHLENCONST = 0x800B0104
CERT_E_CRITICAL = 0x800B0105
CERT_E_PURPOSE = 0x800B0106
CERT_E_ISSUERCHAINING = 0x800B0107
CERT_E_MALFORMED = 0x800B0108
CERT_E_UNTRUSTEDROOT = 0x800B0109
CERT_E_CHAINING = 0x800B010A
CERT_E_REVOKED = 0x800B010C
CERT_E_UNTRUSTEDTESTROOT = 0x800B010D
CERT_E_REVOCATION_FAILURE = 0x800B010E
CERT_E_CN_NO_MATCH = 0x800B010F
CERT_E_WRONG_USAGE = 0x800B0110
NTE_BAD_KEY = 0x80090003  # private key does not decode
NTE_BAD_DATA = 0x80090005
NTE_BAD_SIGNATURE = 0x80090006
NTE_BAD_ALGID = 0x80090008
NTE_BAD_FLAGS = 0x80090009
NTE_NO_KEY = 0x8009000D  # no private key found
NTE_NO_MEMORY = 0x8009000E
NTE_EXISTS = 0x8009000F
NTE_NOT_FOUND = 0x80090011
NTE_BAD_PUBLIC_KEY = 0x80090015
NTE_BAD_KEYSET = 0x80090016  # private key does not match the certificate
NTE_FAIL = 0x80090020
NTE_INVALID_PARAMETER = 0x80090027
NTE_NOT_SUPPORTED = 0x80090029

# ---------------------------------------------------------------------------
# schannel_linux.h (Linux extensions, not part of Windows)
# ---------------------------------------------------------------------------

# A dwFlags bit of a client SCH_CREDENTIALS / SCHANNEL_CRED: DecryptMessage
# returns SEC_I_RENEGOTIATE for every TLS 1.3 NewSessionTicket, as Windows
# does, instead of consuming tickets silently.
SCH_CRED_LINUX_RENEGOTIATE_ON_TICKET = 0x40000000

# A dwFlags bit of a client or server credential: the caller promises to make
# every ISC/ASC call of a handshake on the thread that began it, and the
# handshake runs on that thread (much cheaper). A call from another thread
# mid-handshake returns SEC_E_UNSUPPORTED_FUNCTION.
SCH_CRED_LINUX_THREAD_AFFINE = 0x20000000

# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------


def _names(*prefixes):
    table = {}
    for name, value in globals().items():
        if name.startswith(prefixes) and isinstance(value, int):
            table.setdefault(value & 0xFFFFFFFF, name)
    return table


# STATUS_NAMES maps a SECURITY_STATUS (as an unsigned 32-bit value) to its
# name: every SEC_E_* and SEC_I_* code, plus CRYPT_E_REVOKED, which
# InitializeSecurityContext returns for a revoked certificate.
STATUS_NAMES = _names("SEC_E_", "SEC_I_")
STATUS_NAMES[CRYPT_E_REVOKED] = "CRYPT_E_REVOKED"

# ERROR_NAMES maps a GetLastError code to its name: the ERROR_*, E_*,
# CRYPT_E_*, CERT_E_* and NTE_* codes of wintypes.h and wincrypt.h.
ERROR_NAMES = _names("ERROR_", "E_", "CRYPT_E_", "CERT_E_", "NTE_")


def status_name(status):
    """The name of a SECURITY_STATUS, signed or not, e.g. "SEC_E_INVALID_TOKEN";
    "0x%08X" for a value without a name."""
    status &= 0xFFFFFFFF
    return STATUS_NAMES.get(status, "0x%08X" % status)


def error_name(code):
    """The name of a GetLastError code, e.g. "CRYPT_E_NOT_FOUND"; "0x%08X"
    (or the decimal Win32 code) for a value without a name."""
    code &= 0xFFFFFFFF
    return ERROR_NAMES.get(code, "0x%08X" % code)


def to_wchar(text):
    """A NUL-terminated WCHAR (UTF-16) array holding `text`, for the SEC_WCHAR *
    and LPCWSTR parameters. Keep it alive for the duration of the call."""
    data = text.encode("utf-16-le")
    units = len(data) // 2
    array = (WCHAR * (units + 1))()
    ctypes.memmove(array, data, len(data))
    return array


def from_wchar(value, length=None):
    """Decodes a UTF-16 string from a WCHAR array or a POINTER(WCHAR): the
    first `length` code units, or up to the first NUL. None for NULL."""
    if isinstance(value, ctypes.Array):
        units = list(value)
    else:
        if not value:
            return None
        units = []
        i = 0
        while length is None or i < length:
            unit = value[i]
            if length is None and unit == 0:
                break
            units.append(unit)
            i += 1
    if length is not None:
        units = units[:length]
    elif 0 in units:
        units = units[: units.index(0)]
    data = b"".join(u.to_bytes(2, "little") for u in units)
    return data.decode("utf-16-le", errors="replace")


# ---------------------------------------------------------------------------
# Functions
# ---------------------------------------------------------------------------
#
# Every function exported by libsecur32 is an attribute of this module,
# resolved on first use through secur32._lib (which declares argtypes and
# restype from the prototypes in the headers). FreeCredentialHandle is the
# historical spelling of FreeCredentialsHandle. The schannel_linux.h
# functions (SchLinux*) are here too.


def __getattr__(name):
    from . import _lib

    if name == "FreeCredentialHandle":
        name = "FreeCredentialsHandle"
    if name in _lib.PROTOTYPES:
        function = _lib.function(name)
        globals()[name] = function
        return function
    raise AttributeError("module %r has no attribute %r" % (__name__, name))


def __dir__():
    from . import _lib

    return sorted(set(globals()) | set(_lib.PROTOTYPES))
