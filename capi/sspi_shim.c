/*
 * sspi_shim.c - the public SSPI entry points of libsecur32.so. Each one has
 * the exact prototype of include/sspi.h and forwards to a Go export
 * (gosspi_*) in the capi Go files; package information, FreeContextBuffer, the
 * function tables and the functions Schannel does not implement are plain C.
 */
#include "capi.h"
#include "_cgo_export.h"
#include <strings.h>

/* ---- Package information (spec §4.1) ---- */

#define SCHANNEL_CAPS 0x004107B3u
#define SCHANNEL_MAX_TOKEN 24576u

static const char *const pkg_names[] = {
    "Schannel",
    "Microsoft Unified Security Protocol Provider",
    "Default TLS SSP",
};
static const char pkg_comment[] = "Schannel Security Package";
#define NPKG (sizeof(pkg_names) / sizeof(pkg_names[0]))

static size_t wlen(const SEC_WCHAR *s) {
    size_t n = 0;
    while (s[n]) n++;
    return n;
}

/* Builds `count` SecPkgInfoA/W entries starting at pkg_names[first] in one
 * malloc block (array then strings), freed with one FreeContextBuffer.
 * Also used by QueryContextAttributes(SECPKG_ATTR_PACKAGE_INFO). */
void *secur32_alloc_pkginfo(size_t first, size_t count, int wide) {
    size_t csz = wide ? 2 : 1;
    size_t total = count * sizeof(SecPkgInfoA);
    for (size_t i = first; i < first + count; i++)
        total += (strlen(pkg_names[i]) + 1 + sizeof(pkg_comment)) * csz;
    unsigned char *block = secur32_alloc(total);
    if (!block) return NULL;
    unsigned char *str = block + count * sizeof(SecPkgInfoA);
    for (size_t i = 0; i < count; i++) {
        SecPkgInfoA *info = (SecPkgInfoA *)(block + i * sizeof(SecPkgInfoA));
        info->fCapabilities = SCHANNEL_CAPS;
        info->wVersion = 1;
        info->wRPCID = UNISP_RPC_ID;
        info->cbMaxToken = SCHANNEL_MAX_TOKEN;
        const char *srcs[2] = {pkg_names[first + i], pkg_comment};
        for (int k = 0; k < 2; k++) {
            size_t n = strlen(srcs[k]);
            if (wide) {
                uint16_t *w = (uint16_t *)str;
                for (size_t j = 0; j < n; j++) w[j] = (uint16_t)(unsigned char)srcs[k][j];
                w[n] = 0;
            } else {
                memcpy(str, srcs[k], n + 1);
            }
            if (k == 0) info->Name = (SEC_CHAR *)str; else info->Comment = (SEC_CHAR *)str;
            str += (n + 1) * csz;
        }
    }
    return block;
}

static int find_pkg_a(const char *name) {
    if (!name) return -1;
    for (size_t i = 0; i < NPKG; i++)
        if (strcasecmp(name, pkg_names[i]) == 0) return (int)i;
    return -1;
}

static int find_pkg_w(const SEC_WCHAR *name) {
    if (!name) return -1;
    size_t n = wlen(name);
    for (size_t i = 0; i < NPKG; i++) {
        const char *p = pkg_names[i];
        if (strlen(p) != n) continue;
        size_t j = 0;
        for (; j < n; j++) {
            uint16_t c = name[j];
            if (c > 0x7f) break;
            char a = (char)c, b = p[j];
            if (a >= 'A' && a <= 'Z') a = (char)(a + 32);
            if (b >= 'A' && b <= 'Z') b = (char)(b + 32);
            if (a != b) break;
        }
        if (j == n) return (int)i;
    }
    return -1;
}

SECURITY_STATUS SEC_ENTRY QuerySecurityPackageInfoA(SEC_CHAR *pszPackageName, PSecPkgInfoA *ppPackageInfo) {
    int i = find_pkg_a((const char *)pszPackageName);
    if (i < 0) return SEC_E_SECPKG_NOT_FOUND;
    if (!ppPackageInfo) return SEC_E_INVALID_PARAMETER;
    *ppPackageInfo = secur32_alloc_pkginfo((size_t)i, 1, 0);
    return *ppPackageInfo ? SEC_E_OK : SEC_E_INSUFFICIENT_MEMORY;
}

SECURITY_STATUS SEC_ENTRY QuerySecurityPackageInfoW(SEC_WCHAR *pszPackageName, PSecPkgInfoW *ppPackageInfo) {
    int i = find_pkg_w(pszPackageName);
    if (i < 0) return SEC_E_SECPKG_NOT_FOUND;
    if (!ppPackageInfo) return SEC_E_INVALID_PARAMETER;
    *ppPackageInfo = secur32_alloc_pkginfo((size_t)i, 1, 1);
    return *ppPackageInfo ? SEC_E_OK : SEC_E_INSUFFICIENT_MEMORY;
}

SECURITY_STATUS SEC_ENTRY EnumerateSecurityPackagesA(ULONG *pcPackages, PSecPkgInfoA *ppPackageInfo) {
    if (!pcPackages || !ppPackageInfo) return SEC_E_INVALID_PARAMETER;
    *ppPackageInfo = secur32_alloc_pkginfo(0, NPKG, 0);
    if (!*ppPackageInfo) return SEC_E_INSUFFICIENT_MEMORY;
    *pcPackages = NPKG;
    return SEC_E_OK;
}

SECURITY_STATUS SEC_ENTRY EnumerateSecurityPackagesW(ULONG *pcPackages, PSecPkgInfoW *ppPackageInfo) {
    if (!pcPackages || !ppPackageInfo) return SEC_E_INVALID_PARAMETER;
    *ppPackageInfo = secur32_alloc_pkginfo(0, NPKG, 1);
    if (!*ppPackageInfo) return SEC_E_INSUFFICIENT_MEMORY;
    *pcPackages = NPKG;
    return SEC_E_OK;
}

static long live_allocs;

void *secur32_alloc(size_t n) {
    void *p = calloc(1, n ? n : 1);
    if (p) __atomic_add_fetch(&live_allocs, 1, __ATOMIC_RELAXED);
    return p;
}

long secur32_live_allocs(void) { return __atomic_load_n(&live_allocs, __ATOMIC_RELAXED); }

static uint64_t last_thread_token;
static __thread uint64_t thread_token;

uint64_t secur32_thread_token(void) {
    if (!thread_token) thread_token = __atomic_add_fetch(&last_thread_token, 1, __ATOMIC_RELAXED);
    return thread_token;
}

SECURITY_STATUS SEC_ENTRY FreeContextBuffer(PVOID pvContextBuffer) {
    if (pvContextBuffer) {
        __atomic_sub_fetch(&live_allocs, 1, __ATOMIC_RELAXED);
        free(pvContextBuffer);
    }
    return SEC_E_OK;
}

/* ---- Credentials ---- */

SECURITY_STATUS SEC_ENTRY AcquireCredentialsHandleA(SEC_CHAR *pszPrincipal, SEC_CHAR *pszPackage,
        ULONG fCredentialUse, PVOID pvLogonId, PVOID pAuthData, SEC_GET_KEY_FN pGetKeyFn,
        PVOID pvGetKeyArgument, PCredHandle phCredential, PTimeStamp ptsExpiry) {
    (void)pszPrincipal; (void)pvLogonId; (void)pGetKeyFn; (void)pvGetKeyArgument;
    return gosspi_AcquireCredentialsHandle(pszPackage, 0, fCredentialUse, pAuthData, phCredential, ptsExpiry);
}

SECURITY_STATUS SEC_ENTRY AcquireCredentialsHandleW(SEC_WCHAR *pszPrincipal, SEC_WCHAR *pszPackage,
        ULONG fCredentialUse, PVOID pvLogonId, PVOID pAuthData, SEC_GET_KEY_FN pGetKeyFn,
        PVOID pvGetKeyArgument, PCredHandle phCredential, PTimeStamp ptsExpiry) {
    (void)pszPrincipal; (void)pvLogonId; (void)pGetKeyFn; (void)pvGetKeyArgument;
    return gosspi_AcquireCredentialsHandle(pszPackage, 1, fCredentialUse, pAuthData, phCredential, ptsExpiry);
}

SECURITY_STATUS SEC_ENTRY FreeCredentialsHandle(PCredHandle phCredential) {
    return gosspi_FreeCredentialsHandle(phCredential);
}

SECURITY_STATUS SEC_ENTRY QueryCredentialsAttributesA(PCredHandle phCredential, ULONG ulAttribute, PVOID pBuffer) {
    return gosspi_QueryCredentialsAttributes(phCredential, ulAttribute, pBuffer, 0);
}

SECURITY_STATUS SEC_ENTRY QueryCredentialsAttributesW(PCredHandle phCredential, ULONG ulAttribute, PVOID pBuffer) {
    return gosspi_QueryCredentialsAttributes(phCredential, ulAttribute, pBuffer, 1);
}

SECURITY_STATUS SEC_ENTRY SetCredentialsAttributesA(PCredHandle phCredential, ULONG ulAttribute, PVOID pBuffer, ULONG cbBuffer) {
    return gosspi_SetCredentialsAttributes(phCredential, ulAttribute, pBuffer, cbBuffer);
}

SECURITY_STATUS SEC_ENTRY SetCredentialsAttributesW(PCredHandle phCredential, ULONG ulAttribute, PVOID pBuffer, ULONG cbBuffer) {
    return gosspi_SetCredentialsAttributes(phCredential, ulAttribute, pBuffer, cbBuffer);
}

/* ---- Security contexts ---- */

SECURITY_STATUS SEC_ENTRY InitializeSecurityContextA(PCredHandle phCredential, PCtxtHandle phContext,
        SEC_CHAR *pszTargetName, ULONG fContextReq, ULONG Reserved1, ULONG TargetDataRep,
        PSecBufferDesc pInput, ULONG Reserved2, PCtxtHandle phNewContext, PSecBufferDesc pOutput,
        ULONG *pfContextAttr, PTimeStamp ptsExpiry) {
    (void)Reserved1; (void)Reserved2; (void)TargetDataRep;
    return gosspi_Handshake(0, phCredential, phContext, pszTargetName, 0, fContextReq, pInput,
                            phNewContext, pOutput, pfContextAttr, ptsExpiry);
}

SECURITY_STATUS SEC_ENTRY InitializeSecurityContextW(PCredHandle phCredential, PCtxtHandle phContext,
        SEC_WCHAR *pszTargetName, ULONG fContextReq, ULONG Reserved1, ULONG TargetDataRep,
        PSecBufferDesc pInput, ULONG Reserved2, PCtxtHandle phNewContext, PSecBufferDesc pOutput,
        ULONG *pfContextAttr, PTimeStamp ptsExpiry) {
    (void)Reserved1; (void)Reserved2; (void)TargetDataRep;
    return gosspi_Handshake(0, phCredential, phContext, pszTargetName, 1, fContextReq, pInput,
                            phNewContext, pOutput, pfContextAttr, ptsExpiry);
}

SECURITY_STATUS SEC_ENTRY AcceptSecurityContext(PCredHandle phCredential, PCtxtHandle phContext,
        PSecBufferDesc pInput, ULONG fContextReq, ULONG TargetDataRep, PCtxtHandle phNewContext,
        PSecBufferDesc pOutput, ULONG *pfContextAttr, PTimeStamp ptsExpiry) {
    (void)TargetDataRep;
    return gosspi_Handshake(1, phCredential, phContext, NULL, 0, fContextReq, pInput,
                            phNewContext, pOutput, pfContextAttr, ptsExpiry);
}

SECURITY_STATUS SEC_ENTRY DeleteSecurityContext(PCtxtHandle phContext) {
    return gosspi_DeleteSecurityContext(phContext);
}

SECURITY_STATUS SEC_ENTRY ApplyControlToken(PCtxtHandle phContext, PSecBufferDesc pInput) {
    return gosspi_ApplyControlToken(phContext, pInput);
}

SECURITY_STATUS SEC_ENTRY QueryContextAttributesA(PCtxtHandle phContext, ULONG ulAttribute, PVOID pBuffer) {
    return gosspi_QueryContextAttributes(phContext, ulAttribute, pBuffer, 0);
}

SECURITY_STATUS SEC_ENTRY QueryContextAttributesW(PCtxtHandle phContext, ULONG ulAttribute, PVOID pBuffer) {
    return gosspi_QueryContextAttributes(phContext, ulAttribute, pBuffer, 1);
}

SECURITY_STATUS SEC_ENTRY SetContextAttributesA(PCtxtHandle phContext, ULONG ulAttribute, PVOID pBuffer, ULONG cbBuffer) {
    return gosspi_SetContextAttributes(phContext, ulAttribute, pBuffer, cbBuffer);
}

SECURITY_STATUS SEC_ENTRY SetContextAttributesW(PCtxtHandle phContext, ULONG ulAttribute, PVOID pBuffer, ULONG cbBuffer) {
    return gosspi_SetContextAttributes(phContext, ulAttribute, pBuffer, cbBuffer);
}

/* ---- Message protection ---- */

SECURITY_STATUS SEC_ENTRY EncryptMessage(PCtxtHandle phContext, ULONG fQOP, PSecBufferDesc pMessage, ULONG MessageSeqNo) {
    return gosspi_EncryptMessage(phContext, fQOP, pMessage, MessageSeqNo);
}

SECURITY_STATUS SEC_ENTRY DecryptMessage(PCtxtHandle phContext, PSecBufferDesc pMessage, ULONG MessageSeqNo, PULONG pfQOP) {
    return gosspi_DecryptMessage(phContext, pMessage, MessageSeqNo, pfQOP);
}

/* ---- Functions Schannel does not implement ---- */

SECURITY_STATUS SEC_ENTRY CompleteAuthToken(PCtxtHandle phContext, PSecBufferDesc pToken) {
    (void)phContext; (void)pToken;
    return SEC_E_UNSUPPORTED_FUNCTION;
}
SECURITY_STATUS SEC_ENTRY ImpersonateSecurityContext(PCtxtHandle phContext) {
    (void)phContext;
    return SEC_E_UNSUPPORTED_FUNCTION;
}
SECURITY_STATUS SEC_ENTRY RevertSecurityContext(PCtxtHandle phContext) {
    (void)phContext;
    return SEC_E_UNSUPPORTED_FUNCTION;
}
SECURITY_STATUS SEC_ENTRY MakeSignature(PCtxtHandle phContext, ULONG fQOP, PSecBufferDesc pMessage, ULONG MessageSeqNo) {
    (void)phContext; (void)fQOP; (void)pMessage; (void)MessageSeqNo;
    return SEC_E_UNSUPPORTED_FUNCTION;
}
SECURITY_STATUS SEC_ENTRY VerifySignature(PCtxtHandle phContext, PSecBufferDesc pMessage, ULONG MessageSeqNo, PULONG pfQOP) {
    (void)phContext; (void)pMessage; (void)MessageSeqNo; (void)pfQOP;
    return SEC_E_UNSUPPORTED_FUNCTION;
}
SECURITY_STATUS SEC_ENTRY ExportSecurityContext(PCtxtHandle phContext, ULONG fFlags, PSecBuffer pPackedContext, PVOID *pToken) {
    (void)phContext; (void)fFlags; (void)pPackedContext; (void)pToken;
    return SEC_E_UNSUPPORTED_FUNCTION;
}
SECURITY_STATUS SEC_ENTRY ImportSecurityContextA(SEC_CHAR *pszPackage, PSecBuffer pPackedContext, PVOID Token, PCtxtHandle phContext) {
    (void)pszPackage; (void)pPackedContext; (void)Token; (void)phContext;
    return SEC_E_UNSUPPORTED_FUNCTION;
}
SECURITY_STATUS SEC_ENTRY ImportSecurityContextW(SEC_WCHAR *pszPackage, PSecBuffer pPackedContext, PVOID Token, PCtxtHandle phContext) {
    (void)pszPackage; (void)pPackedContext; (void)Token; (void)phContext;
    return SEC_E_UNSUPPORTED_FUNCTION;
}
SECURITY_STATUS SEC_ENTRY AddCredentialsA(PCredHandle hCredentials, SEC_CHAR *pszPrincipal, SEC_CHAR *pszPackage,
        ULONG fCredentialUse, PVOID pAuthData, SEC_GET_KEY_FN pGetKeyFn, PVOID pvGetKeyArgument, PTimeStamp ptsExpiry) {
    (void)hCredentials; (void)pszPrincipal; (void)pszPackage; (void)fCredentialUse; (void)pAuthData;
    (void)pGetKeyFn; (void)pvGetKeyArgument; (void)ptsExpiry;
    return SEC_E_UNSUPPORTED_FUNCTION;
}
SECURITY_STATUS SEC_ENTRY AddCredentialsW(PCredHandle hCredentials, SEC_WCHAR *pszPrincipal, SEC_WCHAR *pszPackage,
        ULONG fCredentialUse, PVOID pAuthData, SEC_GET_KEY_FN pGetKeyFn, PVOID pvGetKeyArgument, PTimeStamp ptsExpiry) {
    (void)hCredentials; (void)pszPrincipal; (void)pszPackage; (void)fCredentialUse; (void)pAuthData;
    (void)pGetKeyFn; (void)pvGetKeyArgument; (void)ptsExpiry;
    return SEC_E_UNSUPPORTED_FUNCTION;
}
SECURITY_STATUS SEC_ENTRY QuerySecurityContextToken(PCtxtHandle phContext, void **Token) {
    (void)phContext; (void)Token;
    return SEC_E_UNSUPPORTED_FUNCTION;
}

/* Table-only slots (not exported). */
static SECURITY_STATUS SEC_ENTRY unsupported_change_password_w(SEC_WCHAR *a, SEC_WCHAR *b, SEC_WCHAR *c, SEC_WCHAR *d,
        SEC_WCHAR *e, BOOLEAN f, ULONG g, PSecBufferDesc h) {
    (void)a; (void)b; (void)c; (void)d; (void)e; (void)f; (void)g; (void)h;
    return SEC_E_UNSUPPORTED_FUNCTION;
}
static SECURITY_STATUS SEC_ENTRY unsupported_change_password_a(SEC_CHAR *a, SEC_CHAR *b, SEC_CHAR *c, SEC_CHAR *d,
        SEC_CHAR *e, BOOLEAN f, ULONG g, PSecBufferDesc h) {
    (void)a; (void)b; (void)c; (void)d; (void)e; (void)f; (void)g; (void)h;
    return SEC_E_UNSUPPORTED_FUNCTION;
}
static SECURITY_STATUS SEC_ENTRY unsupported_qca_ex(PCtxtHandle a, ULONG b, PVOID c, ULONG d) {
    (void)a; (void)b; (void)c; (void)d;
    return SEC_E_UNSUPPORTED_FUNCTION;
}

/* ---- InitSecurityInterface (spec §4.4) ---- */

static SecurityFunctionTableW table_w = {
    SECURITY_SUPPORT_PROVIDER_INTERFACE_VERSION_4,
    EnumerateSecurityPackagesW,
    QueryCredentialsAttributesW,
    AcquireCredentialsHandleW,
    FreeCredentialsHandle,
    NULL,
    InitializeSecurityContextW,
    AcceptSecurityContext,
    CompleteAuthToken,
    DeleteSecurityContext,
    ApplyControlToken,
    QueryContextAttributesW,
    ImpersonateSecurityContext,
    RevertSecurityContext,
    MakeSignature,
    VerifySignature,
    FreeContextBuffer,
    QuerySecurityPackageInfoW,
    (void *)EncryptMessage,
    (void *)DecryptMessage,
    ExportSecurityContext,
    ImportSecurityContextW,
    AddCredentialsW,
    NULL,
    QuerySecurityContextToken,
    EncryptMessage,
    DecryptMessage,
    SetContextAttributesW,
    SetCredentialsAttributesW,
    unsupported_change_password_w,
    unsupported_qca_ex,
    unsupported_qca_ex,
};

static SecurityFunctionTableA table_a = {
    SECURITY_SUPPORT_PROVIDER_INTERFACE_VERSION_4,
    EnumerateSecurityPackagesA,
    QueryCredentialsAttributesA,
    AcquireCredentialsHandleA,
    FreeCredentialsHandle,
    NULL,
    InitializeSecurityContextA,
    AcceptSecurityContext,
    CompleteAuthToken,
    DeleteSecurityContext,
    ApplyControlToken,
    QueryContextAttributesA,
    ImpersonateSecurityContext,
    RevertSecurityContext,
    MakeSignature,
    VerifySignature,
    FreeContextBuffer,
    QuerySecurityPackageInfoA,
    (void *)EncryptMessage,
    (void *)DecryptMessage,
    ExportSecurityContext,
    ImportSecurityContextA,
    AddCredentialsA,
    NULL,
    QuerySecurityContextToken,
    EncryptMessage,
    DecryptMessage,
    SetContextAttributesA,
    SetCredentialsAttributesA,
    unsupported_change_password_a,
    unsupported_qca_ex,
    unsupported_qca_ex,
};

PSecurityFunctionTableW SEC_ENTRY InitSecurityInterfaceW(void) { return &table_w; }
PSecurityFunctionTableA SEC_ENTRY InitSecurityInterfaceA(void) { return &table_a; }
