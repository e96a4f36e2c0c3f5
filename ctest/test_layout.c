/*
 * test_layout.c - checks that the public headers reproduce the Windows x64
 * ABI: the size and every field offset of each struct the spec lays out
 * (spec §1.1, §1.4, §3.1-§3.6, §4.4), the function table slot offsets, the
 * types of the function prototypes against the table slot types, and a few
 * constant values.
 *
 * Each check runs twice: at compile time (_Static_assert in C11,
 * static_assert in C++) where possible, and at run time, printing every
 * failure. Define LAYOUT_NO_STATIC_ASSERT to see all failures in one run
 * instead of stopping at the first compile error. The program calls no
 * library function. It exits 0 when every check passes.
 *
 * The file is written in the common subset of C99 and C++:
 * test_layout_cpp.cpp includes it to run the same checks as C++.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define SECURITY_WIN32
#include "windows.h"
#include "security.h"
#include "sspi.h"
#include "schannel.h"
#include "wincrypt.h"

#if defined(__cplusplus)
#include <type_traits>
#endif

// The layouts below are the Windows x64 (LLP64) ones; they only hold on a
// 64-bit target.
#if UINTPTR_MAX == UINT64_MAX
#define LAYOUT_64BIT 1
#else
#define LAYOUT_64BIT 0
#endif

#if LAYOUT_64BIT && !defined(LAYOUT_NO_STATIC_ASSERT) && defined(__cplusplus)
#define STATIC_CHECK(cond, msg) static_assert(cond, msg)
#elif LAYOUT_64BIT && !defined(LAYOUT_NO_STATIC_ASSERT) && \
    defined(__STDC_VERSION__) && __STDC_VERSION__ >= 201112L
#define STATIC_CHECK(cond, msg) _Static_assert(cond, msg)
#else
#define STATIC_CHECK(cond, msg) ((void)0)
#endif

// SAME_TYPE(fn, T) is 1 if the function fn has exactly the pointer type T.
// Both forms are unevaluated, so the library is not referenced.
#if defined(__cplusplus)
#define HAVE_SAME_TYPE 1
#define SAME_TYPE(fn, T) (std::is_same<decltype(&fn), T>::value ? 1 : 0)
#elif defined(__STDC_VERSION__) && __STDC_VERSION__ >= 201112L
#define HAVE_SAME_TYPE 1
#define SAME_TYPE(fn, T) _Generic(&(fn), T: 1, default: 0)
#else
#define HAVE_SAME_TYPE 0
#endif

static int passed;
static int failed;

static void check(int ok, const char *what, unsigned long long got,
                  unsigned long long want, int line) {
    if (ok) {
        passed++;
        return;
    }
    failed++;
    printf("FAIL line %d: %s is %llu (0x%llx), want %llu (0x%llx)\n", line,
           what, got, got, want, want);
}

#define CHECK_SIZE(T, n)                                                     \
    do {                                                                     \
        STATIC_CHECK(sizeof(T) == (n), "sizeof(" #T ")");                    \
        check(sizeof(T) == (n), "sizeof(" #T ")",                            \
              (unsigned long long)sizeof(T), (unsigned long long)(n),        \
              __LINE__);                                                     \
    } while (0)

#define CHECK_OFF(T, f, n)                                                   \
    do {                                                                     \
        STATIC_CHECK(offsetof(T, f) == (n), "offsetof(" #T ", " #f ")");     \
        check(offsetof(T, f) == (n), "offsetof(" #T ", " #f ")",             \
              (unsigned long long)offsetof(T, f), (unsigned long long)(n),   \
              __LINE__);                                                     \
    } while (0)

// CHECK_VAL compares a constant's value after conversion to its own type,
// so that (SECURITY_STATUS)0x80090301 compares equal to a negative int32_t.
#define CHECK_VAL(expr, want)                                                \
    do {                                                                     \
        STATIC_CHECK((expr) == (want), #expr);                               \
        check((expr) == (want), #expr,                                       \
              (unsigned long long)(uint32_t)(expr),                          \
              (unsigned long long)(uint32_t)(want), __LINE__);               \
    } while (0)

#define CHECK_TRUE(cond)                                                     \
    check((cond) ? 1 : 0, #cond, (unsigned long long)((cond) ? 1 : 0), 1ULL, \
          __LINE__)

// Alignment probes.
struct align_timestamp {
    char c;
    TimeStamp t;
};
struct align_handle {
    char c;
    SecHandle h;
};

static void check_base_types(void) {
    // §1.1
    CHECK_SIZE(BYTE, 1);
    CHECK_SIZE(WORD, 2);
    CHECK_SIZE(USHORT, 2);
    CHECK_SIZE(WCHAR, 2);
    CHECK_SIZE(SEC_WCHAR, 2);
    CHECK_SIZE(SEC_CHAR, 1);
    CHECK_SIZE(DWORD, 4);
    CHECK_SIZE(ULONG, 4);
    CHECK_SIZE(LONG, 4);
    CHECK_SIZE(BOOL, 4);
    CHECK_SIZE(HRESULT, 4);
    CHECK_SIZE(SECURITY_STATUS, 4);
    CHECK_SIZE(ALG_ID, 4);
    CHECK_SIZE(ULONG_PTR, 8);
    CHECK_SIZE(HCERTSTORE, 8);
    CHECK_SIZE(PCCERT_CONTEXT, 8);
    CHECK_SIZE(SEC_APPLICATION_PROTOCOL_NEGOTIATION_STATUS, 4);
    CHECK_SIZE(SEC_APPLICATION_PROTOCOL_NEGOTIATION_EXT, 4);
    CHECK_SIZE(eTlsAlgorithmUsage, 4);

    // §1.3
    CHECK_SIZE(SecHandle, 16);
    CHECK_OFF(SecHandle, dwLower, 0);
    CHECK_OFF(SecHandle, dwUpper, 8);
    CHECK_SIZE(CredHandle, 16);
    CHECK_SIZE(CtxtHandle, 16);
    CHECK_OFF(struct align_handle, h, 8);

    // §3.6 / §1.1
    CHECK_SIZE(TimeStamp, 8);
    CHECK_SIZE(SECURITY_INTEGER, 8);
    CHECK_SIZE(LARGE_INTEGER, 8);
    CHECK_OFF(struct align_timestamp, t, 8);
    CHECK_SIZE(FILETIME, 8);
    CHECK_OFF(FILETIME, dwLowDateTime, 0);
    CHECK_OFF(FILETIME, dwHighDateTime, 4);
    CHECK_SIZE(GUID, 16);

    // §3.2
    CHECK_SIZE(UNICODE_STRING, 16);
    CHECK_OFF(UNICODE_STRING, Length, 0);
    CHECK_OFF(UNICODE_STRING, MaximumLength, 2);
    CHECK_OFF(UNICODE_STRING, Buffer, 8);
}

static void check_buffers(void) {
    // §1.4
    CHECK_SIZE(SecBuffer, 16);
    CHECK_OFF(SecBuffer, cbBuffer, 0);
    CHECK_OFF(SecBuffer, BufferType, 4);
    CHECK_OFF(SecBuffer, pvBuffer, 8);
    CHECK_SIZE(SecBufferDesc, 16);
    CHECK_OFF(SecBufferDesc, ulVersion, 0);
    CHECK_OFF(SecBufferDesc, cBuffers, 4);
    CHECK_OFF(SecBufferDesc, pBuffers, 8);

    // §3.3 (SEC_DTLS_MTU)
    CHECK_SIZE(SEC_DTLS_MTU, 2);
    CHECK_OFF(SEC_DTLS_MTU, PathMTU, 0);

    // §3.4: the byte offsets inside a SECBUFFER_APPLICATION_PROTOCOLS buffer
    // are 0 / 4 / 8 / 10; sizeof(SEC_APPLICATION_PROTOCOL_LIST) is 8.
    CHECK_OFF(SEC_APPLICATION_PROTOCOLS, ProtocolListsSize, 0);
    CHECK_OFF(SEC_APPLICATION_PROTOCOLS, ProtocolLists, 4);
    CHECK_OFF(SEC_APPLICATION_PROTOCOL_LIST, ProtoNegoExt, 0);
    CHECK_OFF(SEC_APPLICATION_PROTOCOL_LIST, ProtocolListSize, 4);
    CHECK_OFF(SEC_APPLICATION_PROTOCOL_LIST, ProtocolList, 6);
    CHECK_SIZE(SEC_APPLICATION_PROTOCOL_LIST, 8);
    CHECK_VAL(offsetof(SEC_APPLICATION_PROTOCOLS, ProtocolLists) +
                  offsetof(SEC_APPLICATION_PROTOCOL_LIST, ProtoNegoExt),
              4);
    CHECK_VAL(offsetof(SEC_APPLICATION_PROTOCOLS, ProtocolLists) +
                  offsetof(SEC_APPLICATION_PROTOCOL_LIST, ProtocolListSize),
              8);
    CHECK_VAL(offsetof(SEC_APPLICATION_PROTOCOLS, ProtocolLists) +
                  offsetof(SEC_APPLICATION_PROTOCOL_LIST, ProtocolList),
              10);
}

static void check_package_info(void) {
    // §3.1
    CHECK_SIZE(SecPkgInfoW, 32);
    CHECK_OFF(SecPkgInfoW, fCapabilities, 0);
    CHECK_OFF(SecPkgInfoW, wVersion, 4);
    CHECK_OFF(SecPkgInfoW, wRPCID, 6);
    CHECK_OFF(SecPkgInfoW, cbMaxToken, 8);
    CHECK_OFF(SecPkgInfoW, Name, 16);
    CHECK_OFF(SecPkgInfoW, Comment, 24);
    CHECK_SIZE(SecPkgInfoA, 32);
    CHECK_OFF(SecPkgInfoA, fCapabilities, 0);
    CHECK_OFF(SecPkgInfoA, wVersion, 4);
    CHECK_OFF(SecPkgInfoA, wRPCID, 6);
    CHECK_OFF(SecPkgInfoA, cbMaxToken, 8);
    CHECK_OFF(SecPkgInfoA, Name, 16);
    CHECK_OFF(SecPkgInfoA, Comment, 24);
}

static void check_credentials(void) {
    // §3.2
    CHECK_SIZE(SCHANNEL_CRED, 80);
    CHECK_OFF(SCHANNEL_CRED, dwVersion, 0);
    CHECK_OFF(SCHANNEL_CRED, cCreds, 4);
    CHECK_OFF(SCHANNEL_CRED, paCred, 8);
    CHECK_OFF(SCHANNEL_CRED, hRootStore, 16);
    CHECK_OFF(SCHANNEL_CRED, cMappers, 24);
    CHECK_OFF(SCHANNEL_CRED, aphMappers, 32);
    CHECK_OFF(SCHANNEL_CRED, cSupportedAlgs, 40);
    CHECK_OFF(SCHANNEL_CRED, palgSupportedAlgs, 48);
    CHECK_OFF(SCHANNEL_CRED, grbitEnabledProtocols, 56);
    CHECK_OFF(SCHANNEL_CRED, dwMinimumCipherStrength, 60);
    CHECK_OFF(SCHANNEL_CRED, dwMaximumCipherStrength, 64);
    CHECK_OFF(SCHANNEL_CRED, dwSessionLifespan, 68);
    CHECK_OFF(SCHANNEL_CRED, dwFlags, 72);
    CHECK_OFF(SCHANNEL_CRED, dwCredFormat, 76);

    CHECK_SIZE(SCH_CREDENTIALS, 72);
    CHECK_OFF(SCH_CREDENTIALS, dwVersion, 0);
    CHECK_OFF(SCH_CREDENTIALS, dwCredFormat, 4);
    CHECK_OFF(SCH_CREDENTIALS, cCreds, 8);
    CHECK_OFF(SCH_CREDENTIALS, paCred, 16);
    CHECK_OFF(SCH_CREDENTIALS, hRootStore, 24);
    CHECK_OFF(SCH_CREDENTIALS, cMappers, 32);
    CHECK_OFF(SCH_CREDENTIALS, aphMappers, 40);
    CHECK_OFF(SCH_CREDENTIALS, dwSessionLifespan, 48);
    CHECK_OFF(SCH_CREDENTIALS, dwFlags, 52);
    CHECK_OFF(SCH_CREDENTIALS, cTlsParameters, 56);
    CHECK_OFF(SCH_CREDENTIALS, pTlsParameters, 64);

    CHECK_SIZE(TLS_PARAMETERS, 40);
    CHECK_OFF(TLS_PARAMETERS, cAlpnIds, 0);
    CHECK_OFF(TLS_PARAMETERS, rgstrAlpnIds, 8);
    CHECK_OFF(TLS_PARAMETERS, grbitDisabledProtocols, 16);
    CHECK_OFF(TLS_PARAMETERS, cDisabledCrypto, 20);
    CHECK_OFF(TLS_PARAMETERS, pDisabledCrypto, 24);
    CHECK_OFF(TLS_PARAMETERS, dwFlags, 32);

    CHECK_SIZE(CRYPTO_SETTINGS, 48);
    CHECK_OFF(CRYPTO_SETTINGS, eAlgorithmUsage, 0);
    CHECK_OFF(CRYPTO_SETTINGS, strCngAlgId, 8);
    CHECK_OFF(CRYPTO_SETTINGS, cChainingModes, 24);
    CHECK_OFF(CRYPTO_SETTINGS, rgstrChainingModes, 32);
    CHECK_OFF(CRYPTO_SETTINGS, dwMinBitLength, 40);
    CHECK_OFF(CRYPTO_SETTINGS, dwMaxBitLength, 44);

    CHECK_SIZE(SCHANNEL_CERT_HASH, 40);
    CHECK_OFF(SCHANNEL_CERT_HASH, dwLength, 0);
    CHECK_OFF(SCHANNEL_CERT_HASH, dwFlags, 4);
    CHECK_OFF(SCHANNEL_CERT_HASH, hProv, 8);
    CHECK_OFF(SCHANNEL_CERT_HASH, ShaHash, 16);
    CHECK_SIZE(SCHANNEL_CERT_HASH_STORE, 296);
    CHECK_OFF(SCHANNEL_CERT_HASH_STORE, dwLength, 0);
    CHECK_OFF(SCHANNEL_CERT_HASH_STORE, dwFlags, 4);
    CHECK_OFF(SCHANNEL_CERT_HASH_STORE, hProv, 8);
    CHECK_OFF(SCHANNEL_CERT_HASH_STORE, ShaHash, 16);
    CHECK_OFF(SCHANNEL_CERT_HASH_STORE, pwszStoreName, 36);

    // §2.8 control tokens.
    CHECK_SIZE(SCHANNEL_ALERT_TOKEN, 12);
    CHECK_OFF(SCHANNEL_ALERT_TOKEN, dwTokenType, 0);
    CHECK_OFF(SCHANNEL_ALERT_TOKEN, dwAlertType, 4);
    CHECK_OFF(SCHANNEL_ALERT_TOKEN, dwAlertNumber, 8);
    CHECK_SIZE(SCHANNEL_SESSION_TOKEN, 8);
    CHECK_OFF(SCHANNEL_SESSION_TOKEN, dwTokenType, 0);
    CHECK_OFF(SCHANNEL_SESSION_TOKEN, dwFlags, 4);

    // Credential attribute structs (§3.3, last paragraph).
    CHECK_SIZE(SecPkgCred_SupportedProtocols, 4);
    CHECK_OFF(SecPkgCred_SupportedProtocols, grbitProtocol, 0);
    CHECK_SIZE(SecPkgCred_SupportedAlgs, 16);
    CHECK_OFF(SecPkgCred_SupportedAlgs, cSupportedAlgs, 0);
    CHECK_OFF(SecPkgCred_SupportedAlgs, palgSupportedAlgs, 8);
    CHECK_SIZE(SecPkgCred_CipherStrengths, 8);
    CHECK_OFF(SecPkgCred_CipherStrengths, dwMinimumCipherStrength, 0);
    CHECK_OFF(SecPkgCred_CipherStrengths, dwMaximumCipherStrength, 4);
    CHECK_SIZE(SecPkgCredentials_NamesA, 8);
    CHECK_SIZE(SecPkgCredentials_NamesW, 8);

    // Session ticket keys (Windows SDK layout).
    CHECK_SIZE(SecPkgCred_SessionTicketKey, 88);
    CHECK_OFF(SecPkgCred_SessionTicketKey, TicketInfoVersion, 0);
    CHECK_OFF(SecPkgCred_SessionTicketKey, KeyId, 4);
    CHECK_OFF(SecPkgCred_SessionTicketKey, KeyingMaterial, 20);
    CHECK_OFF(SecPkgCred_SessionTicketKey, KeyingMaterialSize, 84);
    CHECK_SIZE(SecPkgCred_SessionTicketKeys, 16);
    CHECK_OFF(SecPkgCred_SessionTicketKeys, cSessionTicketKeys, 0);
    CHECK_OFF(SecPkgCred_SessionTicketKeys, pSessionTicketKeys, 8);
}

static void check_context_attributes(void) {
    // §3.3
    CHECK_SIZE(SecPkgContext_Sizes, 16);
    CHECK_OFF(SecPkgContext_Sizes, cbMaxToken, 0);
    CHECK_OFF(SecPkgContext_Sizes, cbMaxSignature, 4);
    CHECK_OFF(SecPkgContext_Sizes, cbBlockSize, 8);
    CHECK_OFF(SecPkgContext_Sizes, cbSecurityTrailer, 12);

    CHECK_SIZE(SecPkgContext_StreamSizes, 20);
    CHECK_OFF(SecPkgContext_StreamSizes, cbHeader, 0);
    CHECK_OFF(SecPkgContext_StreamSizes, cbTrailer, 4);
    CHECK_OFF(SecPkgContext_StreamSizes, cbMaximumMessage, 8);
    CHECK_OFF(SecPkgContext_StreamSizes, cBuffers, 12);
    CHECK_OFF(SecPkgContext_StreamSizes, cbBlockSize, 16);
    CHECK_SIZE(SecPkgContext_DatagramSizes, 20);

    CHECK_SIZE(SecPkgContext_KeyInfoW, 32);
    CHECK_OFF(SecPkgContext_KeyInfoW, sSignatureAlgorithmName, 0);
    CHECK_OFF(SecPkgContext_KeyInfoW, sEncryptAlgorithmName, 8);
    CHECK_OFF(SecPkgContext_KeyInfoW, KeySize, 16);
    CHECK_OFF(SecPkgContext_KeyInfoW, SignatureAlgorithm, 20);
    CHECK_OFF(SecPkgContext_KeyInfoW, EncryptAlgorithm, 24);
    CHECK_SIZE(SecPkgContext_KeyInfoA, 32);
    CHECK_OFF(SecPkgContext_KeyInfoA, sSignatureAlgorithmName, 0);
    CHECK_OFF(SecPkgContext_KeyInfoA, sEncryptAlgorithmName, 8);
    CHECK_OFF(SecPkgContext_KeyInfoA, KeySize, 16);
    CHECK_OFF(SecPkgContext_KeyInfoA, SignatureAlgorithm, 20);
    CHECK_OFF(SecPkgContext_KeyInfoA, EncryptAlgorithm, 24);

    CHECK_SIZE(SecPkgContext_Lifespan, 16);
    CHECK_OFF(SecPkgContext_Lifespan, tsStart, 0);
    CHECK_OFF(SecPkgContext_Lifespan, tsExpiry, 8);

    CHECK_SIZE(SecPkgContext_PackageInfoW, 8);
    CHECK_OFF(SecPkgContext_PackageInfoW, PackageInfo, 0);
    CHECK_SIZE(SecPkgContext_PackageInfoA, 8);
    CHECK_OFF(SecPkgContext_PackageInfoA, PackageInfo, 0);

    CHECK_SIZE(SecPkgContext_NegotiationInfoW, 16);
    CHECK_OFF(SecPkgContext_NegotiationInfoW, PackageInfo, 0);
    CHECK_OFF(SecPkgContext_NegotiationInfoW, NegotiationState, 8);
    CHECK_SIZE(SecPkgContext_NegotiationInfoA, 16);
    CHECK_OFF(SecPkgContext_NegotiationInfoA, PackageInfo, 0);
    CHECK_OFF(SecPkgContext_NegotiationInfoA, NegotiationState, 8);

    CHECK_SIZE(SecPkgContext_Flags, 4);
    CHECK_OFF(SecPkgContext_Flags, Flags, 0);

    CHECK_SIZE(SecPkgContext_Bindings, 16);
    CHECK_OFF(SecPkgContext_Bindings, BindingsLength, 0);
    CHECK_OFF(SecPkgContext_Bindings, Bindings, 8);

    CHECK_SIZE(SEC_CHANNEL_BINDINGS, 32);
    CHECK_OFF(SEC_CHANNEL_BINDINGS, dwInitiatorAddrType, 0);
    CHECK_OFF(SEC_CHANNEL_BINDINGS, cbInitiatorLength, 4);
    CHECK_OFF(SEC_CHANNEL_BINDINGS, dwInitiatorOffset, 8);
    CHECK_OFF(SEC_CHANNEL_BINDINGS, dwAcceptorAddrType, 12);
    CHECK_OFF(SEC_CHANNEL_BINDINGS, cbAcceptorLength, 16);
    CHECK_OFF(SEC_CHANNEL_BINDINGS, dwAcceptorOffset, 20);
    CHECK_OFF(SEC_CHANNEL_BINDINGS, cbApplicationDataLength, 24);
    CHECK_OFF(SEC_CHANNEL_BINDINGS, dwApplicationDataOffset, 28);

    CHECK_SIZE(SecPkgContext_ApplicationProtocol, 264);
    CHECK_OFF(SecPkgContext_ApplicationProtocol, ProtoNegoStatus, 0);
    CHECK_OFF(SecPkgContext_ApplicationProtocol, ProtoNegoExt, 4);
    CHECK_OFF(SecPkgContext_ApplicationProtocol, ProtocolIdSize, 8);
    CHECK_OFF(SecPkgContext_ApplicationProtocol, ProtocolId, 9);

    CHECK_SIZE(SecPkgContext_NamesA, 8);
    CHECK_SIZE(SecPkgContext_NamesW, 8);
    CHECK_SIZE(SecPkgContext_SessionKey, 16);
    CHECK_OFF(SecPkgContext_SessionKey, SessionKeyLength, 0);
    CHECK_OFF(SecPkgContext_SessionKey, SessionKey, 8);

    CHECK_SIZE(SecPkgContext_IssuerListInfoEx, 16);
    CHECK_OFF(SecPkgContext_IssuerListInfoEx, aIssuers, 0);
    CHECK_OFF(SecPkgContext_IssuerListInfoEx, cIssuers, 8);

    CHECK_SIZE(SecPkgContext_ConnectionInfo, 28);
    CHECK_OFF(SecPkgContext_ConnectionInfo, dwProtocol, 0);
    CHECK_OFF(SecPkgContext_ConnectionInfo, aiCipher, 4);
    CHECK_OFF(SecPkgContext_ConnectionInfo, dwCipherStrength, 8);
    CHECK_OFF(SecPkgContext_ConnectionInfo, aiHash, 12);
    CHECK_OFF(SecPkgContext_ConnectionInfo, dwHashStrength, 16);
    CHECK_OFF(SecPkgContext_ConnectionInfo, aiExch, 20);
    CHECK_OFF(SecPkgContext_ConnectionInfo, dwExchStrength, 24);

    CHECK_SIZE(SecPkgContext_EapKeyBlock, 192);
    CHECK_OFF(SecPkgContext_EapKeyBlock, rgbKeys, 0);
    CHECK_OFF(SecPkgContext_EapKeyBlock, rgbIVs, 128);

    CHECK_SIZE(SecPkgContext_SessionInfo, 40);
    CHECK_OFF(SecPkgContext_SessionInfo, dwFlags, 0);
    CHECK_OFF(SecPkgContext_SessionInfo, cbSessionId, 4);
    CHECK_OFF(SecPkgContext_SessionInfo, rgbSessionId, 8);

    CHECK_SIZE(SecPkgContext_SessionAppData, 16);
    CHECK_OFF(SecPkgContext_SessionAppData, dwFlags, 0);
    CHECK_OFF(SecPkgContext_SessionAppData, cbAppData, 4);
    CHECK_OFF(SecPkgContext_SessionAppData, pbAppData, 8);

    CHECK_SIZE(SecPkgContext_Certificates, 16);
    CHECK_OFF(SecPkgContext_Certificates, cCertificates, 0);
    CHECK_OFF(SecPkgContext_Certificates, cbCertificateChain, 4);
    CHECK_OFF(SecPkgContext_Certificates, pbCertificateChain, 8);

    CHECK_SIZE(SecPkgContext_CipherInfo, 680);
    CHECK_OFF(SecPkgContext_CipherInfo, dwVersion, 0);
    CHECK_OFF(SecPkgContext_CipherInfo, dwProtocol, 4);
    CHECK_OFF(SecPkgContext_CipherInfo, dwCipherSuite, 8);
    CHECK_OFF(SecPkgContext_CipherInfo, dwBaseCipherSuite, 12);
    CHECK_OFF(SecPkgContext_CipherInfo, szCipherSuite, 16);
    CHECK_OFF(SecPkgContext_CipherInfo, szCipher, 144);
    CHECK_OFF(SecPkgContext_CipherInfo, dwCipherLen, 272);
    CHECK_OFF(SecPkgContext_CipherInfo, dwCipherBlockLen, 276);
    CHECK_OFF(SecPkgContext_CipherInfo, szHash, 280);
    CHECK_OFF(SecPkgContext_CipherInfo, dwHashLen, 408);
    CHECK_OFF(SecPkgContext_CipherInfo, szExchange, 412);
    CHECK_OFF(SecPkgContext_CipherInfo, dwMinExchangeLen, 540);
    CHECK_OFF(SecPkgContext_CipherInfo, dwMaxExchangeLen, 544);
    CHECK_OFF(SecPkgContext_CipherInfo, szCertificate, 548);
    CHECK_OFF(SecPkgContext_CipherInfo, dwKeyType, 676);

    CHECK_SIZE(SecPkgContext_SupportedSignatures, 16);
    CHECK_OFF(SecPkgContext_SupportedSignatures, cSignatureAndHashAlgorithms,
              0);
    CHECK_OFF(SecPkgContext_SupportedSignatures, pSignatureAndHashAlgorithms,
              8);

    CHECK_SIZE(SecPkgContext_KeyingMaterialInfo, 40);
    CHECK_OFF(SecPkgContext_KeyingMaterialInfo, cbLabel, 0);
    CHECK_OFF(SecPkgContext_KeyingMaterialInfo, pszLabel, 8);
    CHECK_OFF(SecPkgContext_KeyingMaterialInfo, cbContextValue, 16);
    CHECK_OFF(SecPkgContext_KeyingMaterialInfo, pbContextValue, 24);
    CHECK_OFF(SecPkgContext_KeyingMaterialInfo, cbKeyingMaterial, 32);

    CHECK_SIZE(SecPkgContext_KeyingMaterial, 16);
    CHECK_OFF(SecPkgContext_KeyingMaterial, cbKeyingMaterial, 0);
    CHECK_OFF(SecPkgContext_KeyingMaterial, pbKeyingMaterial, 8);

    CHECK_SIZE(SecPkgContext_ConnectionInfoEx, 404);
    CHECK_OFF(SecPkgContext_ConnectionInfoEx, dwVersion, 0);
    CHECK_OFF(SecPkgContext_ConnectionInfoEx, dwProtocol, 4);
    CHECK_OFF(SecPkgContext_ConnectionInfoEx, szCipher, 8);
    CHECK_OFF(SecPkgContext_ConnectionInfoEx, dwCipherStrength, 136);
    CHECK_OFF(SecPkgContext_ConnectionInfoEx, szHash, 140);
    CHECK_OFF(SecPkgContext_ConnectionInfoEx, dwHashStrength, 268);
    CHECK_OFF(SecPkgContext_ConnectionInfoEx, szExchange, 272);
    CHECK_OFF(SecPkgContext_ConnectionInfoEx, dwExchStrength, 400);

    CHECK_SIZE(SecPkgContext_ClientCertPolicyResult, 20);
    CHECK_OFF(SecPkgContext_ClientCertPolicyResult, dwPolicyResult, 0);
    CHECK_OFF(SecPkgContext_ClientCertPolicyResult, guidPolicyId, 4);

    CHECK_SIZE(SecPkgContext_EarlyStart, 4);
}

static void check_wincrypt(void) {
    // §3.5
    CHECK_SIZE(CERT_CONTEXT, 40);
    CHECK_OFF(CERT_CONTEXT, dwCertEncodingType, 0);
    CHECK_OFF(CERT_CONTEXT, pbCertEncoded, 8);
    CHECK_OFF(CERT_CONTEXT, cbCertEncoded, 16);
    CHECK_OFF(CERT_CONTEXT, pCertInfo, 24);
    CHECK_OFF(CERT_CONTEXT, hCertStore, 32);

    CHECK_SIZE(CERT_INFO, 208);
    CHECK_OFF(CERT_INFO, dwVersion, 0);
    CHECK_OFF(CERT_INFO, SerialNumber, 8);
    CHECK_OFF(CERT_INFO, SignatureAlgorithm, 24);
    CHECK_OFF(CERT_INFO, Issuer, 48);
    CHECK_OFF(CERT_INFO, NotBefore, 64);
    CHECK_OFF(CERT_INFO, NotAfter, 72);
    CHECK_OFF(CERT_INFO, Subject, 80);
    CHECK_OFF(CERT_INFO, SubjectPublicKeyInfo, 96);
    CHECK_OFF(CERT_INFO, IssuerUniqueId, 144);
    CHECK_OFF(CERT_INFO, SubjectUniqueId, 168);
    CHECK_OFF(CERT_INFO, cExtension, 192);
    CHECK_OFF(CERT_INFO, rgExtension, 200);

    CHECK_SIZE(CRYPT_DATA_BLOB, 16);
    CHECK_OFF(CRYPT_DATA_BLOB, cbData, 0);
    CHECK_OFF(CRYPT_DATA_BLOB, pbData, 8);
    CHECK_SIZE(CRYPT_INTEGER_BLOB, 16);
    CHECK_SIZE(CERT_NAME_BLOB, 16);
    CHECK_OFF(CERT_NAME_BLOB, cbData, 0);
    CHECK_OFF(CERT_NAME_BLOB, pbData, 8);
    CHECK_SIZE(CRYPT_ALGORITHM_IDENTIFIER, 24);
    CHECK_OFF(CRYPT_ALGORITHM_IDENTIFIER, pszObjId, 0);
    CHECK_OFF(CRYPT_ALGORITHM_IDENTIFIER, Parameters, 8);
    CHECK_SIZE(CERT_PUBLIC_KEY_INFO, 48);
    CHECK_OFF(CERT_PUBLIC_KEY_INFO, Algorithm, 0);
    CHECK_OFF(CERT_PUBLIC_KEY_INFO, PublicKey, 24);

    CHECK_SIZE(CRYPT_BIT_BLOB, 24);
    CHECK_OFF(CRYPT_BIT_BLOB, cbData, 0);
    CHECK_OFF(CRYPT_BIT_BLOB, pbData, 8);
    CHECK_OFF(CRYPT_BIT_BLOB, cUnusedBits, 16);

    CHECK_SIZE(CERT_EXTENSION, 32);
    CHECK_OFF(CERT_EXTENSION, pszObjId, 0);
    CHECK_OFF(CERT_EXTENSION, fCritical, 8);
    CHECK_OFF(CERT_EXTENSION, Value, 16);

    CHECK_SIZE(CRYPT_KEY_PROV_INFO, 48);
    CHECK_OFF(CRYPT_KEY_PROV_INFO, pwszContainerName, 0);
    CHECK_OFF(CRYPT_KEY_PROV_INFO, pwszProvName, 8);
    CHECK_OFF(CRYPT_KEY_PROV_INFO, dwProvType, 16);
    CHECK_OFF(CRYPT_KEY_PROV_INFO, dwFlags, 20);
    CHECK_OFF(CRYPT_KEY_PROV_INFO, cProvParam, 24);
    CHECK_OFF(CRYPT_KEY_PROV_INFO, rgProvParam, 32);
    CHECK_OFF(CRYPT_KEY_PROV_INFO, dwKeySpec, 40);
}

// §4.4: slot i of the function table is at byte 8 * i; the table is 256 bytes.
#define CHECK_SLOT(T, member, i) CHECK_OFF(T, member, 8 * (i))

static void check_function_tables(void) {
    CHECK_SIZE(SecurityFunctionTableW, 256);
    CHECK_SLOT(SecurityFunctionTableW, dwVersion, 0);
    CHECK_SLOT(SecurityFunctionTableW, EnumerateSecurityPackagesW, 1);
    CHECK_SLOT(SecurityFunctionTableW, QueryCredentialsAttributesW, 2);
    CHECK_SLOT(SecurityFunctionTableW, AcquireCredentialsHandleW, 3);
    CHECK_SLOT(SecurityFunctionTableW, FreeCredentialsHandle, 4);
    CHECK_SLOT(SecurityFunctionTableW, Reserved2, 5);
    CHECK_SLOT(SecurityFunctionTableW, InitializeSecurityContextW, 6);
    CHECK_SLOT(SecurityFunctionTableW, AcceptSecurityContext, 7);
    CHECK_SLOT(SecurityFunctionTableW, CompleteAuthToken, 8);
    CHECK_SLOT(SecurityFunctionTableW, DeleteSecurityContext, 9);
    CHECK_SLOT(SecurityFunctionTableW, ApplyControlToken, 10);
    CHECK_SLOT(SecurityFunctionTableW, QueryContextAttributesW, 11);
    CHECK_SLOT(SecurityFunctionTableW, ImpersonateSecurityContext, 12);
    CHECK_SLOT(SecurityFunctionTableW, RevertSecurityContext, 13);
    CHECK_SLOT(SecurityFunctionTableW, MakeSignature, 14);
    CHECK_SLOT(SecurityFunctionTableW, VerifySignature, 15);
    CHECK_SLOT(SecurityFunctionTableW, FreeContextBuffer, 16);
    CHECK_SLOT(SecurityFunctionTableW, QuerySecurityPackageInfoW, 17);
    CHECK_SLOT(SecurityFunctionTableW, Reserved3, 18);
    CHECK_SLOT(SecurityFunctionTableW, Reserved4, 19);
    CHECK_SLOT(SecurityFunctionTableW, ExportSecurityContext, 20);
    CHECK_SLOT(SecurityFunctionTableW, ImportSecurityContextW, 21);
    CHECK_SLOT(SecurityFunctionTableW, AddCredentialsW, 22);
    CHECK_SLOT(SecurityFunctionTableW, Reserved8, 23);
    CHECK_SLOT(SecurityFunctionTableW, QuerySecurityContextToken, 24);
    CHECK_SLOT(SecurityFunctionTableW, EncryptMessage, 25);
    CHECK_SLOT(SecurityFunctionTableW, DecryptMessage, 26);
    CHECK_SLOT(SecurityFunctionTableW, SetContextAttributesW, 27);
    CHECK_SLOT(SecurityFunctionTableW, SetCredentialsAttributesW, 28);
    CHECK_SLOT(SecurityFunctionTableW, ChangeAccountPasswordW, 29);
    CHECK_SLOT(SecurityFunctionTableW, QueryContextAttributesExW, 30);
    CHECK_SLOT(SecurityFunctionTableW, QueryCredentialsAttributesExW, 31);

    CHECK_SIZE(SecurityFunctionTableA, 256);
    CHECK_SLOT(SecurityFunctionTableA, dwVersion, 0);
    CHECK_SLOT(SecurityFunctionTableA, EnumerateSecurityPackagesA, 1);
    CHECK_SLOT(SecurityFunctionTableA, QueryCredentialsAttributesA, 2);
    CHECK_SLOT(SecurityFunctionTableA, AcquireCredentialsHandleA, 3);
    CHECK_SLOT(SecurityFunctionTableA, FreeCredentialHandle, 4);
    CHECK_SLOT(SecurityFunctionTableA, FreeCredentialsHandle, 4);
    CHECK_SLOT(SecurityFunctionTableA, Reserved2, 5);
    CHECK_SLOT(SecurityFunctionTableA, InitializeSecurityContextA, 6);
    CHECK_SLOT(SecurityFunctionTableA, AcceptSecurityContext, 7);
    CHECK_SLOT(SecurityFunctionTableA, CompleteAuthToken, 8);
    CHECK_SLOT(SecurityFunctionTableA, DeleteSecurityContext, 9);
    CHECK_SLOT(SecurityFunctionTableA, ApplyControlToken, 10);
    CHECK_SLOT(SecurityFunctionTableA, QueryContextAttributesA, 11);
    CHECK_SLOT(SecurityFunctionTableA, ImpersonateSecurityContext, 12);
    CHECK_SLOT(SecurityFunctionTableA, RevertSecurityContext, 13);
    CHECK_SLOT(SecurityFunctionTableA, MakeSignature, 14);
    CHECK_SLOT(SecurityFunctionTableA, VerifySignature, 15);
    CHECK_SLOT(SecurityFunctionTableA, FreeContextBuffer, 16);
    CHECK_SLOT(SecurityFunctionTableA, QuerySecurityPackageInfoA, 17);
    CHECK_SLOT(SecurityFunctionTableA, Reserved3, 18);
    CHECK_SLOT(SecurityFunctionTableA, Reserved4, 19);
    CHECK_SLOT(SecurityFunctionTableA, ExportSecurityContext, 20);
    CHECK_SLOT(SecurityFunctionTableA, ImportSecurityContextA, 21);
    CHECK_SLOT(SecurityFunctionTableA, AddCredentialsA, 22);
    CHECK_SLOT(SecurityFunctionTableA, Reserved8, 23);
    CHECK_SLOT(SecurityFunctionTableA, QuerySecurityContextToken, 24);
    CHECK_SLOT(SecurityFunctionTableA, EncryptMessage, 25);
    CHECK_SLOT(SecurityFunctionTableA, DecryptMessage, 26);
    CHECK_SLOT(SecurityFunctionTableA, SetContextAttributesA, 27);
    CHECK_SLOT(SecurityFunctionTableA, SetCredentialsAttributesA, 28);
    CHECK_SLOT(SecurityFunctionTableA, ChangeAccountPasswordA, 29);
    CHECK_SLOT(SecurityFunctionTableA, QueryContextAttributesExA, 30);
    CHECK_SLOT(SecurityFunctionTableA, QueryCredentialsAttributesExA, 31);
}

#if HAVE_SAME_TYPE
#define CHECK_PROTO(fn, T)                                                   \
    do {                                                                     \
        STATIC_CHECK(SAME_TYPE(fn, T), #fn " has type " #T);                 \
        check(SAME_TYPE(fn, T), #fn " has type " #T,                         \
              (unsigned long long)SAME_TYPE(fn, T), 1ULL, __LINE__);         \
    } while (0)
#endif

// Every declared function has the type of its table slot.
static void check_prototypes(void) {
#if HAVE_SAME_TYPE
    CHECK_PROTO(AcquireCredentialsHandleA, ACQUIRE_CREDENTIALS_HANDLE_FN_A);
    CHECK_PROTO(AcquireCredentialsHandleW, ACQUIRE_CREDENTIALS_HANDLE_FN_W);
    CHECK_PROTO(FreeCredentialsHandle, FREE_CREDENTIALS_HANDLE_FN);
    CHECK_PROTO(QueryCredentialsAttributesA, QUERY_CREDENTIALS_ATTRIBUTES_FN_A);
    CHECK_PROTO(QueryCredentialsAttributesW, QUERY_CREDENTIALS_ATTRIBUTES_FN_W);
    CHECK_PROTO(SetCredentialsAttributesA, SET_CREDENTIALS_ATTRIBUTES_FN_A);
    CHECK_PROTO(SetCredentialsAttributesW, SET_CREDENTIALS_ATTRIBUTES_FN_W);
    CHECK_PROTO(AddCredentialsA, ADD_CREDENTIALS_FN_A);
    CHECK_PROTO(AddCredentialsW, ADD_CREDENTIALS_FN_W);
    CHECK_PROTO(InitializeSecurityContextA, INITIALIZE_SECURITY_CONTEXT_FN_A);
    CHECK_PROTO(InitializeSecurityContextW, INITIALIZE_SECURITY_CONTEXT_FN_W);
    CHECK_PROTO(AcceptSecurityContext, ACCEPT_SECURITY_CONTEXT_FN);
    CHECK_PROTO(CompleteAuthToken, COMPLETE_AUTH_TOKEN_FN);
    CHECK_PROTO(DeleteSecurityContext, DELETE_SECURITY_CONTEXT_FN);
    CHECK_PROTO(ApplyControlToken, APPLY_CONTROL_TOKEN_FN);
    CHECK_PROTO(QueryContextAttributesA, QUERY_CONTEXT_ATTRIBUTES_FN_A);
    CHECK_PROTO(QueryContextAttributesW, QUERY_CONTEXT_ATTRIBUTES_FN_W);
    CHECK_PROTO(SetContextAttributesA, SET_CONTEXT_ATTRIBUTES_FN_A);
    CHECK_PROTO(SetContextAttributesW, SET_CONTEXT_ATTRIBUTES_FN_W);
    CHECK_PROTO(ImpersonateSecurityContext, IMPERSONATE_SECURITY_CONTEXT_FN);
    CHECK_PROTO(RevertSecurityContext, REVERT_SECURITY_CONTEXT_FN);
    CHECK_PROTO(MakeSignature, MAKE_SIGNATURE_FN);
    CHECK_PROTO(VerifySignature, VERIFY_SIGNATURE_FN);
    CHECK_PROTO(EncryptMessage, ENCRYPT_MESSAGE_FN);
    CHECK_PROTO(DecryptMessage, DECRYPT_MESSAGE_FN);
    CHECK_PROTO(FreeContextBuffer, FREE_CONTEXT_BUFFER_FN);
    CHECK_PROTO(QuerySecurityPackageInfoA, QUERY_SECURITY_PACKAGE_INFO_FN_A);
    CHECK_PROTO(QuerySecurityPackageInfoW, QUERY_SECURITY_PACKAGE_INFO_FN_W);
    CHECK_PROTO(EnumerateSecurityPackagesA, ENUMERATE_SECURITY_PACKAGES_FN_A);
    CHECK_PROTO(EnumerateSecurityPackagesW, ENUMERATE_SECURITY_PACKAGES_FN_W);
    CHECK_PROTO(ExportSecurityContext, EXPORT_SECURITY_CONTEXT_FN);
    CHECK_PROTO(ImportSecurityContextA, IMPORT_SECURITY_CONTEXT_FN_A);
    CHECK_PROTO(ImportSecurityContextW, IMPORT_SECURITY_CONTEXT_FN_W);
    CHECK_PROTO(QuerySecurityContextToken, QUERY_SECURITY_CONTEXT_TOKEN_FN);
    CHECK_PROTO(InitSecurityInterfaceA, INIT_SECURITY_INTERFACE_A);
    CHECK_PROTO(InitSecurityInterfaceW, INIT_SECURITY_INTERFACE_W);
#endif
}

static void check_constants(void) {
    // SECURITY_STATUS values are 32-bit, signed, and compare equal to the
    // cast of their Windows hex value.
    CHECK_SIZE(SEC_E_INVALID_HANDLE, 4);
    CHECK_VAL(SEC_E_INVALID_HANDLE, (SECURITY_STATUS)0x80090301);
    CHECK_TRUE(SEC_E_INVALID_HANDLE < 0);
    CHECK_TRUE(!SEC_SUCCESS(SEC_E_INCOMPLETE_MESSAGE));
    CHECK_TRUE(SEC_SUCCESS(SEC_I_CONTINUE_NEEDED));
    CHECK_VAL(SEC_E_OK, 0);
    CHECK_VAL(SEC_I_CONTINUE_NEEDED, (SECURITY_STATUS)0x00090312);
    CHECK_VAL(SEC_I_CONTEXT_EXPIRED, (SECURITY_STATUS)0x00090317);
    CHECK_VAL(SEC_I_RENEGOTIATE, (SECURITY_STATUS)0x00090321);
    CHECK_VAL(SEC_E_INCOMPLETE_MESSAGE, (SECURITY_STATUS)0x80090318);
    CHECK_VAL(SEC_E_BUFFER_TOO_SMALL, (SECURITY_STATUS)0x80090321);
    CHECK_VAL(SEC_E_INSUFFICIENT_BUFFERS, (SECURITY_STATUS)0x8009036B);

    CHECK_VAL(ASC_REQ_ALLOCATE_MEMORY, 0x100);
    CHECK_VAL(ASC_REQ_STREAM, 0x10000);
    CHECK_VAL(ISC_REQ_STREAM, 0x8000);
    CHECK_VAL(ISC_RET_STREAM, 0x8000);
    CHECK_VAL(ISC_REQ_CALL_LEVEL, 0x1000);
    CHECK_VAL(ISC_RET_CALL_LEVEL, 0x2000);
    CHECK_VAL(ISC_RET_REPLAY_DETECT | ISC_RET_SEQUENCE_DETECT |
                  ISC_RET_CONFIDENTIALITY | ISC_RET_STREAM,
              0x801C);
    CHECK_VAL(ASC_RET_REPLAY_DETECT | ASC_RET_SEQUENCE_DETECT |
                  ASC_RET_CONFIDENTIALITY | ASC_RET_STREAM,
              0x1001C);

    CHECK_VAL(SECBUFFER_ALERT, 17);
    CHECK_VAL(SECBUFFER_APPLICATION_PROTOCOLS, 18);
    CHECK_VAL(SECBUFFER_ATTRMASK, 0xF0000000u);

    CHECK_VAL(SP_PROT_TLS1_3_SERVER, 0x1000);
    CHECK_VAL(SP_PROT_TLS1_X_SERVER, 0x1540);
    CHECK_VAL(SP_PROT_TLS1_X_CLIENT, 0x2A80);
    CHECK_VAL(SP_PROT_TLS1_X, 0x3FC0);
    CHECK_VAL(SP_PROT_DTLS1_X_SERVER, 0x50000);
    CHECK_VAL(SP_PROT_DTLS1_X_CLIENT, 0xA0000);

    CHECK_VAL(SECPKG_ATTR_CONNECTION_INFO, 0x5a);
    CHECK_VAL(SECPKG_ATTR_APPLICATION_PROTOCOL, 35);
    CHECK_VAL(SECPKG_ATTR_KEYING_MATERIAL_INPROC, 0x70);
    CHECK_VAL(SECPKG_ATTR_SESSION_TICKET_KEYS, 0x73);
    CHECK_VAL(SECPKG_ATTR_DATAGRAM_SIZES, SECPKG_ATTR_STREAM_SIZES);

    CHECK_VAL(SCHANNEL_CRED_VERSION, 4);
    CHECK_VAL(SCH_CREDENTIALS_VERSION, 5);
    CHECK_VAL(SCHANNEL_SHUTDOWN, 1);
    CHECK_VAL(TLS1_ALERT_INSUFFIENT_SECURITY, 71);
    CHECK_VAL(TLS1_ALERT_INSUFFICIENT_SECURITY, 71);
    CHECK_VAL(UNISP_RPC_ID, 14);
    CHECK_VAL(MAX_PROTOCOL_ID_SIZE, 255);
    CHECK_VAL(SECURITY_SUPPORT_PROVIDER_INTERFACE_VERSION_5, 5);

    // Handle macros.
    {
        SecHandle h;
        h.dwLower = 1;
        h.dwUpper = 2;
        CHECK_TRUE(SecIsValidHandle(&h));
        SecInvalidateHandle(&h);
        CHECK_TRUE(!SecIsValidHandle(&h));
        CHECK_TRUE(h.dwLower == (ULONG_PTR)-1 && h.dwUpper == (ULONG_PTR)-1);
    }

    // Package names: the _W forms spell the _A forms in UTF-16.
    CHECK_TRUE(strcmp(UNISP_NAME_A,
                      "Microsoft Unified Security Protocol Provider") == 0);
#if defined(UNISP_NAME_W)
    {
        const WCHAR *w = UNISP_NAME_W;
        const char *a = UNISP_NAME_A;
        size_t i = 0;
        while (a[i] != 0 && w[i] == (WCHAR)(unsigned char)a[i]) {
            i++;
        }
        CHECK_TRUE(a[i] == 0 && w[i] == 0);
    }
    {
        const WCHAR *w = SCHANNEL_NAME_W;
        CHECK_TRUE(w[0] == 'S' && w[7] == 'l' && w[8] == 0);
    }
#endif
}

int main(void) {
    if (sizeof(void *) != 8) {
        printf("skipped: the Windows x64 layouts only apply to 64-bit "
               "targets\n");
        return 0;
    }
    check_base_types();
    check_buffers();
    check_package_info();
    check_credentials();
    check_context_attributes();
    check_wincrypt();
    check_function_tables();
    check_prototypes();
    check_constants();
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
