"""Finding and loading libsecur32.so, and the C prototypes of its functions.

The library is looked up, in this order:

1. the path in the environment variable ``SECUR32_LIB``, if it is set (an
   error if nothing loads from there);
2. ``libsecur32.so`` inside the ``secur32`` package directory, then next
   to it (the directory that holds the package);
3. the system's search: ``ctypes.util.find_library("secur32")``, then
   ``libsecur32.so`` through the dynamic loader's paths
   (``LD_LIBRARY_PATH``, ``/etc/ld.so.cache``, the default directories).

It is loaded once, on the first call of :func:`load`, and never unloaded:
it hosts the Go runtime, which cannot be unloaded.

Every function gets its ``argtypes`` and ``restype`` from :data:`PROTOTYPES`,
which copies the declarations of the headers in ``include/``. Pointer
parameters that Python callers usually fill with ``ctypes.byref(...)``,
arrays or ``None`` are declared with the matching ``POINTER`` type or
``c_void_p``; ``void *`` parameters accept any ctypes object passed with
``byref``.
"""

import ctypes
import ctypes.util
import os
import threading

from . import raw as r

LIBRARY_NAME = "libsecur32.so"

# PROTOTYPES maps each exported function to (restype, argtypes), in the order
# of the headers: wintypes.h, sspi.h, wincrypt.h, schannel_linux.h.
PROTOTYPES = {
    # wintypes.h
    "GetLastError": (r.DWORD, []),
    "SetLastError": (None, [r.DWORD]),
    # sspi.h: credentials
    "AcquireCredentialsHandleA": (
        r.SECURITY_STATUS,
        [
            ctypes.c_char_p,  # pszPrincipal
            ctypes.c_char_p,  # pszPackage
            r.ULONG,  # fCredentialUse
            ctypes.c_void_p,  # pvLogonId
            ctypes.c_void_p,  # pAuthData
            ctypes.c_void_p,  # pGetKeyFn (SEC_GET_KEY_FN)
            ctypes.c_void_p,  # pvGetKeyArgument
            r.PCredHandle,  # phCredential
            r.PTimeStamp,  # ptsExpiry
        ],
    ),
    "AcquireCredentialsHandleW": (
        r.SECURITY_STATUS,
        [
            ctypes.POINTER(r.SEC_WCHAR),
            ctypes.POINTER(r.SEC_WCHAR),
            r.ULONG,
            ctypes.c_void_p,
            ctypes.c_void_p,
            ctypes.c_void_p,
            ctypes.c_void_p,
            r.PCredHandle,
            r.PTimeStamp,
        ],
    ),
    "FreeCredentialsHandle": (r.SECURITY_STATUS, [r.PCredHandle]),
    "QueryCredentialsAttributesA": (
        r.SECURITY_STATUS,
        [r.PCredHandle, r.ULONG, ctypes.c_void_p],
    ),
    "QueryCredentialsAttributesW": (
        r.SECURITY_STATUS,
        [r.PCredHandle, r.ULONG, ctypes.c_void_p],
    ),
    "SetCredentialsAttributesA": (
        r.SECURITY_STATUS,
        [r.PCredHandle, r.ULONG, ctypes.c_void_p, r.ULONG],
    ),
    "SetCredentialsAttributesW": (
        r.SECURITY_STATUS,
        [r.PCredHandle, r.ULONG, ctypes.c_void_p, r.ULONG],
    ),
    "AddCredentialsA": (
        r.SECURITY_STATUS,
        [
            r.PCredHandle,
            ctypes.c_char_p,
            ctypes.c_char_p,
            r.ULONG,
            ctypes.c_void_p,
            ctypes.c_void_p,
            ctypes.c_void_p,
            r.PTimeStamp,
        ],
    ),
    "AddCredentialsW": (
        r.SECURITY_STATUS,
        [
            r.PCredHandle,
            ctypes.POINTER(r.SEC_WCHAR),
            ctypes.POINTER(r.SEC_WCHAR),
            r.ULONG,
            ctypes.c_void_p,
            ctypes.c_void_p,
            ctypes.c_void_p,
            r.PTimeStamp,
        ],
    ),
    # sspi.h: security contexts
    "InitializeSecurityContextA": (
        r.SECURITY_STATUS,
        [
            r.PCredHandle,  # phCredential
            r.PCtxtHandle,  # phContext
            ctypes.c_char_p,  # pszTargetName
            r.ULONG,  # fContextReq
            r.ULONG,  # Reserved1
            r.ULONG,  # TargetDataRep
            r.PSecBufferDesc,  # pInput
            r.ULONG,  # Reserved2
            r.PCtxtHandle,  # phNewContext
            r.PSecBufferDesc,  # pOutput
            ctypes.POINTER(r.ULONG),  # pfContextAttr
            r.PTimeStamp,  # ptsExpiry
        ],
    ),
    "InitializeSecurityContextW": (
        r.SECURITY_STATUS,
        [
            r.PCredHandle,
            r.PCtxtHandle,
            ctypes.POINTER(r.SEC_WCHAR),
            r.ULONG,
            r.ULONG,
            r.ULONG,
            r.PSecBufferDesc,
            r.ULONG,
            r.PCtxtHandle,
            r.PSecBufferDesc,
            ctypes.POINTER(r.ULONG),
            r.PTimeStamp,
        ],
    ),
    "AcceptSecurityContext": (
        r.SECURITY_STATUS,
        [
            r.PCredHandle,  # phCredential
            r.PCtxtHandle,  # phContext
            r.PSecBufferDesc,  # pInput
            r.ULONG,  # fContextReq
            r.ULONG,  # TargetDataRep
            r.PCtxtHandle,  # phNewContext
            r.PSecBufferDesc,  # pOutput
            ctypes.POINTER(r.ULONG),  # pfContextAttr
            r.PTimeStamp,  # ptsExpiry
        ],
    ),
    "DeleteSecurityContext": (r.SECURITY_STATUS, [r.PCtxtHandle]),
    "ApplyControlToken": (r.SECURITY_STATUS, [r.PCtxtHandle, r.PSecBufferDesc]),
    "CompleteAuthToken": (r.SECURITY_STATUS, [r.PCtxtHandle, r.PSecBufferDesc]),
    "ImpersonateSecurityContext": (r.SECURITY_STATUS, [r.PCtxtHandle]),
    "RevertSecurityContext": (r.SECURITY_STATUS, [r.PCtxtHandle]),
    "QuerySecurityContextToken": (
        r.SECURITY_STATUS,
        [r.PCtxtHandle, ctypes.POINTER(ctypes.c_void_p)],
    ),
    "ExportSecurityContext": (
        r.SECURITY_STATUS,
        [r.PCtxtHandle, r.ULONG, r.PSecBuffer, ctypes.POINTER(ctypes.c_void_p)],
    ),
    "ImportSecurityContextA": (
        r.SECURITY_STATUS,
        [ctypes.c_char_p, r.PSecBuffer, ctypes.c_void_p, r.PCtxtHandle],
    ),
    "ImportSecurityContextW": (
        r.SECURITY_STATUS,
        [ctypes.POINTER(r.SEC_WCHAR), r.PSecBuffer, ctypes.c_void_p, r.PCtxtHandle],
    ),
    # sspi.h: message protection
    "EncryptMessage": (
        r.SECURITY_STATUS,
        [r.PCtxtHandle, r.ULONG, r.PSecBufferDesc, r.ULONG],
    ),
    "DecryptMessage": (
        r.SECURITY_STATUS,
        [r.PCtxtHandle, r.PSecBufferDesc, r.ULONG, ctypes.POINTER(r.ULONG)],
    ),
    "MakeSignature": (
        r.SECURITY_STATUS,
        [r.PCtxtHandle, r.ULONG, r.PSecBufferDesc, r.ULONG],
    ),
    "VerifySignature": (
        r.SECURITY_STATUS,
        [r.PCtxtHandle, r.PSecBufferDesc, r.ULONG, ctypes.POINTER(r.ULONG)],
    ),
    # sspi.h: context attributes
    "QueryContextAttributesA": (
        r.SECURITY_STATUS,
        [r.PCtxtHandle, r.ULONG, ctypes.c_void_p],
    ),
    "QueryContextAttributesW": (
        r.SECURITY_STATUS,
        [r.PCtxtHandle, r.ULONG, ctypes.c_void_p],
    ),
    "SetContextAttributesA": (
        r.SECURITY_STATUS,
        [r.PCtxtHandle, r.ULONG, ctypes.c_void_p, r.ULONG],
    ),
    "SetContextAttributesW": (
        r.SECURITY_STATUS,
        [r.PCtxtHandle, r.ULONG, ctypes.c_void_p, r.ULONG],
    ),
    # sspi.h: memory and package information
    "FreeContextBuffer": (r.SECURITY_STATUS, [ctypes.c_void_p]),
    "QuerySecurityPackageInfoA": (
        r.SECURITY_STATUS,
        [ctypes.c_char_p, ctypes.POINTER(r.PSecPkgInfoA)],
    ),
    "QuerySecurityPackageInfoW": (
        r.SECURITY_STATUS,
        [ctypes.POINTER(r.SEC_WCHAR), ctypes.POINTER(r.PSecPkgInfoW)],
    ),
    "EnumerateSecurityPackagesA": (
        r.SECURITY_STATUS,
        [ctypes.POINTER(r.ULONG), ctypes.POINTER(r.PSecPkgInfoA)],
    ),
    "EnumerateSecurityPackagesW": (
        r.SECURITY_STATUS,
        [ctypes.POINTER(r.ULONG), ctypes.POINTER(r.PSecPkgInfoW)],
    ),
    "InitSecurityInterfaceA": (r.PSecurityFunctionTableA, []),
    "InitSecurityInterfaceW": (r.PSecurityFunctionTableW, []),
    # wincrypt.h
    "PFXImportCertStore": (
        r.HCERTSTORE,
        [ctypes.POINTER(r.CRYPT_DATA_BLOB), r.LPCWSTR, r.DWORD],
    ),
    "PFXIsPFXBlob": (r.BOOL, [ctypes.POINTER(r.CRYPT_DATA_BLOB)]),
    "CertOpenStore": (
        r.HCERTSTORE,
        # lpszStoreProvider is a char * or a small integer
        # (CERT_STORE_PROV_MEMORY), hence c_void_p.
        [ctypes.c_void_p, r.DWORD, r.HCRYPTPROV_LEGACY, r.DWORD, ctypes.c_void_p],
    ),
    "CertCloseStore": (r.BOOL, [r.HCERTSTORE, r.DWORD]),
    "CertCreateCertificateContext": (
        r.PCCERT_CONTEXT,
        [r.DWORD, ctypes.c_char_p, r.DWORD],
    ),
    "CertAddEncodedCertificateToStore": (
        r.BOOL,
        [
            r.HCERTSTORE,
            r.DWORD,
            ctypes.c_char_p,
            r.DWORD,
            r.DWORD,
            ctypes.POINTER(r.PCCERT_CONTEXT),
        ],
    ),
    "CertAddCertificateContextToStore": (
        r.BOOL,
        [r.HCERTSTORE, r.PCCERT_CONTEXT, r.DWORD, ctypes.POINTER(r.PCCERT_CONTEXT)],
    ),
    "CertEnumCertificatesInStore": (
        r.PCCERT_CONTEXT,
        [r.HCERTSTORE, r.PCCERT_CONTEXT],
    ),
    "CertFindCertificateInStore": (
        r.PCCERT_CONTEXT,
        [r.HCERTSTORE, r.DWORD, r.DWORD, r.DWORD, ctypes.c_void_p, r.PCCERT_CONTEXT],
    ),
    "CertDuplicateCertificateContext": (r.PCCERT_CONTEXT, [r.PCCERT_CONTEXT]),
    "CertFreeCertificateContext": (r.BOOL, [r.PCCERT_CONTEXT]),
    "CertGetCertificateContextProperty": (
        r.BOOL,
        [r.PCCERT_CONTEXT, r.DWORD, ctypes.c_void_p, ctypes.POINTER(r.DWORD)],
    ),
    "CertGetNameStringA": (
        r.DWORD,
        [r.PCCERT_CONTEXT, r.DWORD, r.DWORD, ctypes.c_void_p, ctypes.c_char_p, r.DWORD],
    ),
    "CertGetNameStringW": (
        r.DWORD,
        [r.PCCERT_CONTEXT, r.DWORD, r.DWORD, ctypes.c_void_p, r.LPWSTR, r.DWORD],
    ),
    # schannel_linux.h
    "SchLinuxLoadCertificatePem": (
        r.PCCERT_CONTEXT,
        [ctypes.c_char_p, r.DWORD, ctypes.c_char_p, r.DWORD, ctypes.c_char_p],
    ),
    "SchLinuxLoadCertificatePemFiles": (
        r.PCCERT_CONTEXT,
        [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p],
    ),
    "SchLinuxStatusName": (ctypes.c_char_p, [r.SECURITY_STATUS]),
    "SchLinuxStatusMessage": (ctypes.c_char_p, [r.SECURITY_STATUS]),
}

_lock = threading.Lock()
_library = None
_functions = {}


def candidates():
    """The paths :func:`load` tries, in order (see the module comment)."""
    explicit = os.environ.get("SECUR32_LIB")
    if explicit:
        return [explicit]
    package_dir = os.path.dirname(os.path.abspath(__file__))
    paths = [
        os.path.join(package_dir, LIBRARY_NAME),
        os.path.join(os.path.dirname(package_dir), LIBRARY_NAME),
    ]
    found = ctypes.util.find_library("secur32")
    if found:
        paths.append(found)
    paths.append(LIBRARY_NAME)
    return paths


def load():
    """Returns the loaded library (a ctypes.CDLL), loading it on first use.

    Raises OSError naming every path tried if none loads.
    """
    global _library
    with _lock:
        if _library is not None:
            return _library
        errors = []
        for path in candidates():
            # Paths with a directory part must exist; bare names go to the
            # dynamic loader's own search.
            if os.sep in path and not os.path.exists(path):
                errors.append("%s: no such file" % path)
                continue
            try:
                _library = ctypes.CDLL(path)
            except OSError as e:
                errors.append("%s: %s" % (path, e))
                continue
            return _library
        raise OSError(
            "libsecur32 not found (set SECUR32_LIB to its path); tried: "
            + "; ".join(errors)
        )


def function(name):
    """The library function `name` with argtypes and restype set from
    PROTOTYPES. Raises AttributeError if the library does not export it."""
    with _lock:
        f = _functions.get(name)
    if f is not None:
        return f
    restype, argtypes = PROTOTYPES[name]
    f = getattr(load(), name)
    f.restype = restype
    f.argtypes = argtypes
    with _lock:
        _functions[name] = f
    return f


def path():
    """The path of the loaded library, or None before :func:`load`."""
    return None if _library is None else _library._name
