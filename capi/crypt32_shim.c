/*
 * crypt32_shim.c - the public crypt32 entry points of libsecur32.so
 * (include/wincrypt.h, include/schannel_linux.h) and the thread-local last
 * error behind GetLastError / SetLastError (include/wintypes.h).
 *
 * Each function has the exact prototype of the header and forwards to a Go
 * export (gosspi_*) in crypt32.go. Go code runs on arbitrary OS threads, so
 * it never touches the thread-local: it returns the code in an out-parameter
 * and the shim stores it here, on the caller's thread. A zero code means
 * "success, leave the last error alone", as Windows does.
 *
 * Opaque pointers the library validates (HCERTSTORE, PCCERT_CONTEXT, the
 * void * arguments whose meaning depends on another argument) cross as
 * uintptr_t, so that Go never holds an unvalidated value in a pointer.
 */
#include "capi.h"
#include "_cgo_export.h"

static __thread DWORD secur32_last_error;

DWORD GetLastError(void) { return secur32_last_error; }

void SetLastError(DWORD dwErrCode) { secur32_last_error = dwErrCode; }

/* secur32_ptr converts a validated uintptr_t back into a pointer for Go. */
__attribute__((visibility("hidden"))) void *secur32_ptr(uintptr_t v) { return (void *)v; }

#define KEEP_ERROR(err)                      \
    do {                                     \
        if ((err) != 0)                      \
            secur32_last_error = (err);      \
    } while (0)

#define U(p) ((uintptr_t)(const void *)(p))

/* ---- PKCS#12 ---- */

HCERTSTORE WINAPI PFXImportCertStore(CRYPT_DATA_BLOB *pPFX, LPCWSTR szPassword, DWORD dwFlags) {
    DWORD err = 0;
    HCERTSTORE h = gosspi_PFXImportCertStore(pPFX, (WCHAR *)szPassword, dwFlags, &err);
    KEEP_ERROR(err);
    return h;
}

BOOL WINAPI PFXIsPFXBlob(CRYPT_DATA_BLOB *pPFX) { return gosspi_PFXIsPFXBlob(pPFX); }

/* ---- Stores ---- */

HCERTSTORE WINAPI CertOpenStore(LPCSTR lpszStoreProvider, DWORD dwEncodingType,
                                HCRYPTPROV_LEGACY hCryptProv, DWORD dwFlags, const void *pvPara) {
    (void)dwEncodingType;
    (void)hCryptProv;
    (void)dwFlags;
    (void)pvPara;
    DWORD err = 0;
    uintptr_t id = U(lpszStoreProvider);
    /* Providers below 0x10000 are numbers (IS_INTRESOURCE), others strings. */
    HCERTSTORE h = id < 0x10000 ? gosspi_CertOpenStore(id, NULL, &err)
                                : gosspi_CertOpenStore(0, (char *)lpszStoreProvider, &err);
    KEEP_ERROR(err);
    return h;
}

BOOL WINAPI CertCloseStore(HCERTSTORE hCertStore, DWORD dwFlags) {
    DWORD err = 0;
    BOOL ok = gosspi_CertCloseStore(U(hCertStore), dwFlags, &err);
    KEEP_ERROR(err);
    return ok;
}

/* ---- Contexts ---- */

PCCERT_CONTEXT WINAPI CertCreateCertificateContext(DWORD dwCertEncodingType,
                                                   const BYTE *pbCertEncoded, DWORD cbCertEncoded) {
    DWORD err = 0;
    PCCERT_CONTEXT p = gosspi_CertCreateCertificateContext(dwCertEncodingType, (BYTE *)pbCertEncoded,
                                                           cbCertEncoded, &err);
    KEEP_ERROR(err);
    return p;
}

BOOL WINAPI CertAddEncodedCertificateToStore(HCERTSTORE hCertStore, DWORD dwCertEncodingType,
                                             const BYTE *pbCertEncoded, DWORD cbCertEncoded,
                                             DWORD dwAddDisposition, PCCERT_CONTEXT *ppCertContext) {
    DWORD err = 0;
    BOOL ok = gosspi_CertAddEncodedCertificateToStore(U(hCertStore), dwCertEncodingType,
                                                      (BYTE *)pbCertEncoded, cbCertEncoded,
                                                      dwAddDisposition, (CERT_CONTEXT **)ppCertContext, &err);
    KEEP_ERROR(err);
    return ok;
}

BOOL WINAPI CertAddCertificateContextToStore(HCERTSTORE hCertStore, PCCERT_CONTEXT pCertContext,
                                             DWORD dwAddDisposition, PCCERT_CONTEXT *ppStoreContext) {
    DWORD err = 0;
    BOOL ok = gosspi_CertAddCertificateContextToStore(U(hCertStore), U(pCertContext), dwAddDisposition,
                                                      (CERT_CONTEXT **)ppStoreContext, &err);
    KEEP_ERROR(err);
    return ok;
}

PCCERT_CONTEXT WINAPI CertEnumCertificatesInStore(HCERTSTORE hCertStore, PCCERT_CONTEXT pPrevCertContext) {
    DWORD err = 0;
    PCCERT_CONTEXT p = gosspi_CertEnumCertificatesInStore(U(hCertStore), U(pPrevCertContext), &err);
    KEEP_ERROR(err);
    return p;
}

PCCERT_CONTEXT WINAPI CertFindCertificateInStore(HCERTSTORE hCertStore, DWORD dwCertEncodingType,
                                                 DWORD dwFindFlags, DWORD dwFindType,
                                                 const void *pvFindPara, PCCERT_CONTEXT pPrevCertContext) {
    (void)dwCertEncodingType;
    (void)dwFindFlags;
    DWORD err = 0;
    PCCERT_CONTEXT p = gosspi_CertFindCertificateInStore(U(hCertStore), dwFindType, U(pvFindPara),
                                                         U(pPrevCertContext), &err);
    KEEP_ERROR(err);
    return p;
}

PCCERT_CONTEXT WINAPI CertDuplicateCertificateContext(PCCERT_CONTEXT pCertContext) {
    DWORD err = 0;
    PCCERT_CONTEXT p = gosspi_CertDuplicateCertificateContext(U(pCertContext), &err);
    KEEP_ERROR(err);
    return p;
}

BOOL WINAPI CertFreeCertificateContext(PCCERT_CONTEXT pCertContext) {
    DWORD err = 0;
    BOOL ok = gosspi_CertFreeCertificateContext(U(pCertContext), &err);
    KEEP_ERROR(err);
    return ok;
}

BOOL WINAPI CertGetCertificateContextProperty(PCCERT_CONTEXT pCertContext, DWORD dwPropId,
                                              void *pvData, DWORD *pcbData) {
    DWORD err = 0;
    BOOL ok = gosspi_CertGetCertificateContextProperty(U(pCertContext), dwPropId, pvData, pcbData, &err);
    KEEP_ERROR(err);
    return ok;
}

DWORD WINAPI CertGetNameStringA(PCCERT_CONTEXT pCertContext, DWORD dwType, DWORD dwFlags,
                                void *pvTypePara, LPSTR pszNameString, DWORD cchNameString) {
    DWORD err = 0;
    DWORD n = gosspi_CertGetNameString(U(pCertContext), dwType, dwFlags, U(pvTypePara),
                                       pszNameString, cchNameString, 0, &err);
    KEEP_ERROR(err);
    return n;
}

DWORD WINAPI CertGetNameStringW(PCCERT_CONTEXT pCertContext, DWORD dwType, DWORD dwFlags,
                                void *pvTypePara, LPWSTR pszNameString, DWORD cchNameString) {
    DWORD err = 0;
    DWORD n = gosspi_CertGetNameString(U(pCertContext), dwType, dwFlags, U(pvTypePara),
                                       pszNameString, cchNameString, 1, &err);
    KEEP_ERROR(err);
    return n;
}

/* ---- Linux extension (schannel_linux.h) ---- */

PCCERT_CONTEXT SchLinuxLoadCertificatePem(const BYTE *pbCertChainPem, DWORD cbCertChainPem,
                                          const BYTE *pbKeyPem, DWORD cbKeyPem,
                                          const char *pszPassword) {
    DWORD err = 0;
    PCCERT_CONTEXT p = gosspi_SchLinuxLoadCertificatePem((BYTE *)pbCertChainPem, cbCertChainPem,
                                                         (BYTE *)pbKeyPem, cbKeyPem,
                                                         (char *)pszPassword, &err);
    KEEP_ERROR(err);
    return p;
}

PCCERT_CONTEXT SchLinuxLoadCertificatePemFiles(const char *pszCertChainFile, const char *pszKeyFile,
                                               const char *pszPassword) {
    DWORD err = 0;
    PCCERT_CONTEXT p = gosspi_SchLinuxLoadCertificatePemFiles((char *)pszCertChainFile, (char *)pszKeyFile,
                                                              (char *)pszPassword, &err);
    KEEP_ERROR(err);
    return p;
}
