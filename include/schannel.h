/*
 * schannel.h - the Schannel-specific part of the SSPI of libsecur32: package
 * names, protocol bits, the credential structs passed to
 * AcquireCredentialsHandle, control tokens for ApplyControlToken, and the
 * Schannel attribute ids and structs of QueryContextAttributes and
 * QueryCredentialsAttributes.
 *
 * Names, values and layouts are those of the Windows SDK's <schannel.h> on
 * Windows x64. The generic SSPI lives in sspi.h; the certificate types
 * (PCCERT_CONTEXT, HCERTSTORE, ALG_ID, CALG_*, CRYPT_E_*) in wincrypt.h.
 *
 * Differences from Windows: SslEmptyCache and the other non-SSPI functions of
 * the Windows header are not provided.
 */
#ifndef SECUR32_SCHANNEL_H
#define SECUR32_SCHANNEL_H

#include "wintypes.h"
#include "sspi.h"
#include "wincrypt.h"

#ifdef __cplusplus
extern "C" {
#endif

// Package names.
//
// AcquireCredentialsHandle and QuerySecurityPackageInfo accept UNISP_NAME,
// SCHANNEL_NAME and DEFAULT_TLS_SSP_NAME, compared without regard to case;
// all three name the same package. The legacy per-protocol names (SSL2SP_NAME
// ...) are kept for source compatibility; the library does not answer to them.
//
// The _W names are UTF-16 (WCHAR) strings. WCHAR is uint16_t, not wchar_t, so
// they cannot be L"" literals: in C11 and C++11 they are u"" literals cast to
// WCHAR * (non-const, as an L"" literal is in C, so they can be passed to the
// SEC_WCHAR * parameters of sspi.h directly). C99 has no u"" literals; there
// they are compound literals, which at block scope live only until the end of
// the enclosing block: pass them straight to a function, do not keep the
// pointer.

#define UNISP_NAME_A "Microsoft Unified Security Protocol Provider"
#define SCHANNEL_NAME_A "Schannel"
#define DEFAULT_TLS_SSP_NAME_A "Default TLS SSP"
#define SSL2SP_NAME_A "Microsoft SSL 2.0"
#define SSL3SP_NAME_A "Microsoft SSL 3.0"
#define TLS1SP_NAME_A "Microsoft TLS 1.0"
#define PCT1SP_NAME_A "Microsoft PCT 1.0"

#if (defined(__cplusplus) && __cplusplus >= 201103L) || \
    (!defined(__cplusplus) && defined(__STDC_VERSION__) && \
     __STDC_VERSION__ >= 201112L)
#define UNISP_NAME_W ((WCHAR *)u"Microsoft Unified Security Protocol Provider")
#define SCHANNEL_NAME_W ((WCHAR *)u"Schannel")
#define DEFAULT_TLS_SSP_NAME_W ((WCHAR *)u"Default TLS SSP")
#define SSL2SP_NAME_W ((WCHAR *)u"Microsoft SSL 2.0")
#define SSL3SP_NAME_W ((WCHAR *)u"Microsoft SSL 3.0")
#define TLS1SP_NAME_W ((WCHAR *)u"Microsoft TLS 1.0")
#define PCT1SP_NAME_W ((WCHAR *)u"Microsoft PCT 1.0")
#elif !defined(__cplusplus)
#define UNISP_NAME_W                                                         \
    ((WCHAR[]){'M', 'i', 'c', 'r', 'o', 's', 'o', 'f', 't', ' ', 'U', 'n',   \
               'i', 'f', 'i', 'e', 'd', ' ', 'S', 'e', 'c', 'u', 'r', 'i',   \
               't', 'y', ' ', 'P', 'r', 'o', 't', 'o', 'c', 'o', 'l', ' ',   \
               'P', 'r', 'o', 'v', 'i', 'd', 'e', 'r', 0})
#define SCHANNEL_NAME_W ((WCHAR[]){'S', 'c', 'h', 'a', 'n', 'n', 'e', 'l', 0})
#define DEFAULT_TLS_SSP_NAME_W                                               \
    ((WCHAR[]){'D', 'e', 'f', 'a', 'u', 'l', 't', ' ', 'T', 'L', 'S', ' ',   \
               'S', 'S', 'P', 0})
#define SSL2SP_NAME_W                                                        \
    ((WCHAR[]){'M', 'i', 'c', 'r', 'o', 's', 'o', 'f', 't', ' ', 'S', 'S',   \
               'L', ' ', '2', '.', '0', 0})
#define SSL3SP_NAME_W                                                        \
    ((WCHAR[]){'M', 'i', 'c', 'r', 'o', 's', 'o', 'f', 't', ' ', 'S', 'S',   \
               'L', ' ', '3', '.', '0', 0})
#define TLS1SP_NAME_W                                                        \
    ((WCHAR[]){'M', 'i', 'c', 'r', 'o', 's', 'o', 'f', 't', ' ', 'T', 'L',   \
               'S', ' ', '1', '.', '0', 0})
#define PCT1SP_NAME_W                                                        \
    ((WCHAR[]){'M', 'i', 'c', 'r', 'o', 's', 'o', 'f', 't', ' ', 'P', 'C',   \
               'T', ' ', '1', '.', '0', 0})
#endif

#ifdef UNICODE
#define UNISP_NAME UNISP_NAME_W
#define SCHANNEL_NAME SCHANNEL_NAME_W
#define DEFAULT_TLS_SSP_NAME DEFAULT_TLS_SSP_NAME_W
#define SSL2SP_NAME SSL2SP_NAME_W
#define SSL3SP_NAME SSL3SP_NAME_W
#define TLS1SP_NAME TLS1SP_NAME_W
#define PCT1SP_NAME PCT1SP_NAME_W
#else
#define UNISP_NAME UNISP_NAME_A
#define SCHANNEL_NAME SCHANNEL_NAME_A
#define DEFAULT_TLS_SSP_NAME DEFAULT_TLS_SSP_NAME_A
#define SSL2SP_NAME SSL2SP_NAME_A
#define SSL3SP_NAME SSL3SP_NAME_A
#define TLS1SP_NAME TLS1SP_NAME_A
#define PCT1SP_NAME PCT1SP_NAME_A
#endif

// UNISP_RPC_ID is Schannel's SecPkgInfo.wRPCID (RPC_C_AUTHN_GSS_SCHANNEL).
#define UNISP_RPC_ID 14

// Protocols.
//
// SP_PROT_* bits select protocol versions in SCHANNEL_CRED's
// grbitEnabledProtocols, TLS_PARAMETERS' grbitDisabledProtocols and
// SecPkgCred_SupportedProtocols, and name the negotiated version in
// SecPkgContext_ConnectionInfo.dwProtocol. Each version has a server bit (even
// position) and a client bit (odd position); a credential only looks at the
// bits of its own direction. The library implements TLS 1.0 to 1.3; the SSL,
// PCT and DTLS bits exist for source compatibility.

#define SP_PROT_NONE 0
#define SP_PROT_ALL 0xFFFFFFFF

#define SP_PROT_PCT1_SERVER 0x00000001
#define SP_PROT_PCT1_CLIENT 0x00000002
#define SP_PROT_PCT1 (SP_PROT_PCT1_SERVER | SP_PROT_PCT1_CLIENT)

#define SP_PROT_SSL2_SERVER 0x00000004
#define SP_PROT_SSL2_CLIENT 0x00000008
#define SP_PROT_SSL2 (SP_PROT_SSL2_SERVER | SP_PROT_SSL2_CLIENT)

#define SP_PROT_SSL3_SERVER 0x00000010
#define SP_PROT_SSL3_CLIENT 0x00000020
#define SP_PROT_SSL3 (SP_PROT_SSL3_SERVER | SP_PROT_SSL3_CLIENT)

#define SP_PROT_TLS1_SERVER 0x00000040
#define SP_PROT_TLS1_CLIENT 0x00000080
#define SP_PROT_TLS1 (SP_PROT_TLS1_SERVER | SP_PROT_TLS1_CLIENT)
#define SP_PROT_TLS1_0_SERVER SP_PROT_TLS1_SERVER
#define SP_PROT_TLS1_0_CLIENT SP_PROT_TLS1_CLIENT
#define SP_PROT_TLS1_0 (SP_PROT_TLS1_0_SERVER | SP_PROT_TLS1_0_CLIENT)

#define SP_PROT_TLS1_1_SERVER 0x00000100
#define SP_PROT_TLS1_1_CLIENT 0x00000200
#define SP_PROT_TLS1_1 (SP_PROT_TLS1_1_SERVER | SP_PROT_TLS1_1_CLIENT)

#define SP_PROT_TLS1_2_SERVER 0x00000400
#define SP_PROT_TLS1_2_CLIENT 0x00000800
#define SP_PROT_TLS1_2 (SP_PROT_TLS1_2_SERVER | SP_PROT_TLS1_2_CLIENT)

#define SP_PROT_TLS1_3_SERVER 0x00001000
#define SP_PROT_TLS1_3_CLIENT 0x00002000
#define SP_PROT_TLS1_3 (SP_PROT_TLS1_3_SERVER | SP_PROT_TLS1_3_CLIENT)

#define SP_PROT_DTLS_SERVER 0x00010000
#define SP_PROT_DTLS_CLIENT 0x00020000
#define SP_PROT_DTLS (SP_PROT_DTLS_SERVER | SP_PROT_DTLS_CLIENT)
#define SP_PROT_DTLS1_0_SERVER SP_PROT_DTLS_SERVER
#define SP_PROT_DTLS1_0_CLIENT SP_PROT_DTLS_CLIENT
#define SP_PROT_DTLS1_0 (SP_PROT_DTLS1_0_SERVER | SP_PROT_DTLS1_0_CLIENT)

#define SP_PROT_DTLS1_2_SERVER 0x00040000
#define SP_PROT_DTLS1_2_CLIENT 0x00080000
#define SP_PROT_DTLS1_2 (SP_PROT_DTLS1_2_SERVER | SP_PROT_DTLS1_2_CLIENT)

#define SP_PROT_UNI_SERVER 0x40000000
#define SP_PROT_UNI_CLIENT 0x80000000
#define SP_PROT_UNI (SP_PROT_UNI_SERVER | SP_PROT_UNI_CLIENT)

// Composites.
#define SP_PROT_SSL3TLS1_CLIENTS (SP_PROT_TLS1_CLIENT | SP_PROT_SSL3_CLIENT)
#define SP_PROT_SSL3TLS1_SERVERS (SP_PROT_TLS1_SERVER | SP_PROT_SSL3_SERVER)
#define SP_PROT_SSL3TLS1 (SP_PROT_SSL3 | SP_PROT_TLS1)

#define SP_PROT_TLS1_3PLUS_SERVER SP_PROT_TLS1_3_SERVER
#define SP_PROT_TLS1_3PLUS_CLIENT SP_PROT_TLS1_3_CLIENT
#define SP_PROT_TLS1_3PLUS (SP_PROT_TLS1_3PLUS_SERVER | SP_PROT_TLS1_3PLUS_CLIENT)
#define SP_PROT_TLS1_1PLUS_SERVER                                         \
    (SP_PROT_TLS1_1_SERVER | SP_PROT_TLS1_2_SERVER | SP_PROT_TLS1_3PLUS_SERVER)
#define SP_PROT_TLS1_1PLUS_CLIENT                                         \
    (SP_PROT_TLS1_1_CLIENT | SP_PROT_TLS1_2_CLIENT | SP_PROT_TLS1_3PLUS_CLIENT)
#define SP_PROT_TLS1_1PLUS (SP_PROT_TLS1_1PLUS_SERVER | SP_PROT_TLS1_1PLUS_CLIENT)

#define SP_PROT_TLS1_X_SERVER                                             \
    (SP_PROT_TLS1_0_SERVER | SP_PROT_TLS1_1_SERVER | SP_PROT_TLS1_2_SERVER | \
     SP_PROT_TLS1_3_SERVER) // 0x1540
#define SP_PROT_TLS1_X_CLIENT                                             \
    (SP_PROT_TLS1_0_CLIENT | SP_PROT_TLS1_1_CLIENT | SP_PROT_TLS1_2_CLIENT | \
     SP_PROT_TLS1_3_CLIENT) // 0x2A80
#define SP_PROT_TLS1_X (SP_PROT_TLS1_X_SERVER | SP_PROT_TLS1_X_CLIENT) // 0x3FC0

#define SP_PROT_SSL3TLS1_X_CLIENTS (SP_PROT_TLS1_X_CLIENT | SP_PROT_SSL3_CLIENT)
#define SP_PROT_SSL3TLS1_X_SERVERS (SP_PROT_TLS1_X_SERVER | SP_PROT_SSL3_SERVER)
#define SP_PROT_SSL3TLS1_X (SP_PROT_SSL3 | SP_PROT_TLS1_X)

#define SP_PROT_DTLS1_X_SERVER (SP_PROT_DTLS1_0_SERVER | SP_PROT_DTLS1_2_SERVER)
#define SP_PROT_DTLS1_X_CLIENT (SP_PROT_DTLS1_0_CLIENT | SP_PROT_DTLS1_2_CLIENT)
#define SP_PROT_DTLS1_X (SP_PROT_DTLS1_X_SERVER | SP_PROT_DTLS1_X_CLIENT)

#define SP_PROT_CLIENTS                                                   \
    (SP_PROT_PCT1_CLIENT | SP_PROT_SSL2_CLIENT | SP_PROT_SSL3_CLIENT |       \
     SP_PROT_UNI_CLIENT | SP_PROT_TLS1_CLIENT)
#define SP_PROT_SERVERS                                                   \
    (SP_PROT_PCT1_SERVER | SP_PROT_SSL2_SERVER | SP_PROT_SSL3_SERVER |       \
     SP_PROT_UNI_SERVER | SP_PROT_TLS1_SERVER)
#define SP_PROT_X_CLIENTS                                                 \
    (SP_PROT_CLIENTS | SP_PROT_TLS1_X_CLIENT | SP_PROT_DTLS1_X_CLIENT)
#define SP_PROT_X_SERVERS                                                 \
    (SP_PROT_SERVERS | SP_PROT_TLS1_X_SERVER | SP_PROT_DTLS1_X_SERVER)

// Credentials.
//
// AcquireCredentialsHandle's `pAuthData` points to a SCHANNEL_CRED (dwVersion
// SCHANNEL_CRED_VERSION) or a SCH_CREDENTIALS (dwVersion
// SCH_CREDENTIALS_VERSION); the library reads the first DWORD to tell them
// apart. Both, and everything they point to, are borrowed for the duration of
// that call only.

#define SCH_CRED_V1 0x00000001
#define SCH_CRED_V2 0x00000002
#define SCH_CRED_VERSION 0x00000002
#define SCH_CRED_V3 0x00000003
#define SCHANNEL_CRED_VERSION 0x00000004 // SCHANNEL_CRED
#define SCH_CREDENTIALS_VERSION 0x00000005 // SCH_CREDENTIALS

// dwCredFormat values: how paCred identifies the certificates.
#define SCH_CRED_FORMAT_CERT_CONTEXT 0x00000000    // PCCERT_CONTEXT array
#define SCH_CRED_FORMAT_CERT_HASH 0x00000001       // SCHANNEL_CERT_HASH
#define SCH_CRED_FORMAT_CERT_HASH_STORE 0x00000002 // SCHANNEL_CERT_HASH_STORE

// Limits.
#define SCH_CRED_MAX_STORE_NAME_SIZE 128
#define SCH_MAX_STORE_NAME_SIZE 128
#define SCH_CRED_MAX_SUPPORTED_ALGS 256
#define SCH_CRED_MAX_SUPPORTED_CERTS 100
#define SCH_CRED_MAX_SUPPORTED_PARAMETERS 16
#define SCH_CRED_MAX_SUPPORTED_ALPN_IDS 16
#define SCH_CRED_MAX_SUPPORTED_CRYPTO_SETTINGS 16
#define SCH_CRED_MAX_SUPPORTED_CHAINING_MODES 16

// dwFlags of SCHANNEL_CRED and SCH_CREDENTIALS. SCHANNEL_CRED lists which of
// them the library acts on.
#define SCH_CRED_NO_SYSTEM_MAPPER 0x00000002          // server: no account mapping
#define SCH_CRED_NO_SERVERNAME_CHECK 0x00000004       // client: skip the host name check
#define SCH_CRED_MANUAL_CRED_VALIDATION 0x00000008    // client: application validates the server
#define SCH_CRED_NO_DEFAULT_CREDS 0x00000010          // client: never pick a client certificate
#define SCH_CRED_AUTO_CRED_VALIDATION 0x00000020      // client: validate the server (default)
#define SCH_CRED_USE_DEFAULT_CREDS 0x00000040         // client: pick a client certificate (default)
#define SCH_CRED_DISABLE_RECONNECTS 0x00000080        // server: no session resumption
#define SCH_CRED_REVOCATION_CHECK_END_CERT 0x00000100 // check revocation of the leaf
#define SCH_CRED_REVOCATION_CHECK_CHAIN 0x00000200    // check revocation of the chain
#define SCH_CRED_REVOCATION_CHECK_CHAIN_EXCLUDE_ROOT 0x00000400
#define SCH_CRED_IGNORE_NO_REVOCATION_CHECK 0x00000800
#define SCH_CRED_IGNORE_REVOCATION_OFFLINE 0x00001000
#define SCH_CRED_RESTRICTED_ROOTS 0x00002000          // server: only roots in hRootStore
#define SCH_CRED_REVOCATION_CHECK_CACHE_ONLY 0x00004000
#define SCH_CRED_CACHE_ONLY_URL_RETRIEVAL 0x00008000
#define SCH_CRED_MEMORY_STORE_CERT 0x00010000
#define SCH_CRED_CACHE_ONLY_URL_RETRIEVAL_ON_CREATE 0x00020000
#define SCH_SEND_ROOT_CERT 0x00040000                 // server: send the root too
#define SCH_CRED_SNI_CREDENTIAL 0x00080000
#define SCH_CRED_SNI_ENABLE_OCSP 0x00100000
#define SCH_SEND_AUX_RECORD 0x00200000                // TLS 1.0 CBC record splitting
#define SCH_USE_STRONG_CRYPTO 0x00400000              // no weak cipher suites
#define SCH_USE_PRESHAREDKEY_ONLY 0x00800000
#define SCH_USE_DTLS_ONLY 0x01000000
#define SCH_ALLOW_NULL_ENCRYPTION 0x02000000

// SCHANNEL_CRED is the classic Schannel credential (dwVersion
// SCHANNEL_CRED_VERSION). Fields:
//   dwCredFormat, cCreds, paCred: the certificates. With
//     SCH_CRED_FORMAT_CERT_CONTEXT (the only format the library supports),
//     paCred is an array of cCreds certificate contexts. A server needs at
//     least one, each with a private key (e.g. from PFXImportCertStore); with
//     several, the first whose key type suits the negotiated cipher suite is
//     used. A client passes 0 or 1: the certificate to present if the server
//     asks for one.
//   hRootStore: server only: the roots client certificates are validated
//     against, whose names are sent in the certificate request.
//   cMappers, aphMappers: reserved; pass 0 and NULL.
//   cSupportedAlgs, palgSupportedAlgs: if not 0, the CALG_* ids (ciphers,
//     hashes, key exchanges) allowed; ids the library does not know are
//     ignored.
//   grbitEnabledProtocols: SP_PROT_* bits to enable, 0 for the library's
//     default set (TLS 1.2 and TLS 1.3). Only the bits of the credential's
//     direction count; a gap (1.0 and 1.2 without 1.1) is filled.
//   dwMinimumCipherStrength, dwMaximumCipherStrength: bounds on the cipher
//     strength in bits, 0 for no bound.
//   dwSessionLifespan: how long a cached session may be resumed, in
//     milliseconds; 0 means 10 hours.
//   dwFlags: SCH_CRED_* and SCH_* bits. The library acts on
//     SCH_CRED_NO_SERVERNAME_CHECK, SCH_CRED_MANUAL_CRED_VALIDATION,
//     SCH_CRED_AUTO_CRED_VALIDATION, SCH_CRED_NO_DEFAULT_CREDS,
//     SCH_CRED_USE_DEFAULT_CREDS and SCH_CRED_DISABLE_RECONNECTS. It accepts
//     the others and ignores them (SCH_USE_STRONG_CRYPTO has nothing to
//     remove: no weak suite is ever offered).
//
// Differences from Windows: a SCHANNEL_CRED credential negotiates TLS 1.3
// too (Windows caps it at TLS 1.2), by default and when SP_PROT_TLS1_3 bits
// are set; clear them to stay at TLS 1.2. SCH_CRED_FORMAT_CERT_HASH and
// SCH_CRED_FORMAT_CERT_HASH_STORE need a Windows certificate store and give
// SEC_E_UNKNOWN_CREDENTIALS. Revocation is never checked, whatever the
// revocation flags say, and certificates are never mapped to accounts. There
// are no NULL (non-encrypting) cipher suites.
//
// https://learn.microsoft.com/windows/win32/api/schannel/ns-schannel-schannel_cred
typedef struct _SCHANNEL_CRED {
    DWORD dwVersion;                 // SCHANNEL_CRED_VERSION
    DWORD cCreds;                    // entries in paCred
    PCCERT_CONTEXT *paCred;          // certificates
    HCERTSTORE hRootStore;           // server: trusted roots for client certificates
    DWORD cMappers;                  // reserved, 0
    struct _HMAPPER **aphMappers;    // reserved, NULL
    DWORD cSupportedAlgs;            // entries in palgSupportedAlgs
    ALG_ID *palgSupportedAlgs;       // allowed CALG_* ids, or NULL
    DWORD grbitEnabledProtocols;     // SP_PROT_* bits, 0 for defaults
    DWORD dwMinimumCipherStrength;   // bits, 0 for no bound
    DWORD dwMaximumCipherStrength;   // bits, 0 for no bound
    DWORD dwSessionLifespan;         // milliseconds, 0 for 10 hours
    DWORD dwFlags;                   // SCH_CRED_* / SCH_* bits
    DWORD dwCredFormat;              // SCH_CRED_FORMAT_*
} SCHANNEL_CRED, *PSCHANNEL_CRED;

// eTlsAlgorithmUsage says which role of an algorithm a CRYPTO_SETTINGS entry
// disables.
typedef enum _eTlsAlgorithmUsage {
    TlsParametersCngAlgUsageKeyExchange = 0, // key exchange: RSA, ECDH, DH ...
    TlsParametersCngAlgUsageSignature = 1,   // handshake signature: RSA, ECDSA ...
    TlsParametersCngAlgUsageCipher = 2,      // record cipher: AES, CHACHA20 ...
    TlsParametersCngAlgUsageDigest = 3,      // hash: SHA1, SHA256 ...
    TlsParametersCngAlgUsageCertSig = 4      // certificate signature
} eTlsAlgorithmUsage;

// SCHANNEL_RSA_PSS_PADDING_ALGORITHM and SCHANNEL_RSA_PKCS_PADDING_ALGORITHM
// are pseudo CNG ids for CRYPTO_SETTINGS.strCngAlgId that select an RSA
// signature padding. Like the _W package names, they are UTF-16 strings and
// only defined where u"" literals exist (C11, C++11).
#if (defined(__cplusplus) && __cplusplus >= 201103L) || \
    (!defined(__cplusplus) && defined(__STDC_VERSION__) && \
     __STDC_VERSION__ >= 201112L)
#define SCHANNEL_RSA_PSS_PADDING_ALGORITHM ((WCHAR *)u"SCH_RSA_PSS_PAD")
#define SCHANNEL_RSA_PKCS_PADDING_ALGORITHM ((WCHAR *)u"SCH_RSA_PKCS_PAD")
#endif

// CRYPTO_SETTINGS disables one algorithm, named by its CNG algorithm id
// (u"AES", u"RSA", u"ECDH", u"SHA1", u"3DES" ...), for one usage, optionally
// only for some chaining modes (u"ChainingModeCBC", u"ChainingModeGCM") or
// key lengths. With cChainingModes 0 every mode is disabled; with
// dwMinBitLength and dwMaxBitLength 0 every length is. The strings are
// UNICODE_STRINGs: Length counts bytes, not characters.
//
// https://learn.microsoft.com/windows/win32/api/schannel/ns-schannel-crypto_settings
typedef struct _CRYPTO_SETTINGS {
    eTlsAlgorithmUsage eAlgorithmUsage; // role of the algorithm
    UNICODE_STRING strCngAlgId;         // CNG algorithm id
    DWORD cChainingModes;               // entries in rgstrChainingModes
    PUNICODE_STRING rgstrChainingModes; // CNG chaining modes, or NULL
    DWORD dwMinBitLength;               // smallest key length disabled, 0 = any
    DWORD dwMaxBitLength;               // largest key length disabled, 0 = any
} CRYPTO_SETTINGS, *PCRYPTO_SETTINGS;

// TLS_PARAMS_OPTIONAL in TLS_PARAMETERS.dwFlags (servers only): apply the
// restrictions only if they leave the handshake able to succeed.
#define TLS_PARAMS_OPTIONAL 0x00000001

// TLS_PARAMETERS restricts the protocol versions and algorithms of a
// SCH_CREDENTIALS. grbitDisabledProtocols lists SP_PROT_* bits to *disable*
// (the reverse of SCHANNEL_CRED.grbitEnabledProtocols); 0 keeps the library's
// default set. pDisabledCrypto points to a contiguous array of
// cDisabledCrypto CRYPTO_SETTINGS. If cAlpnIds is not 0, the entry applies
// only to connections that negotiate one of the rgstrAlpnIds protocols; an
// entry with cAlpnIds 0 applies to all. Algorithm ids that match nothing the
// library implements are ignored.
//
// https://learn.microsoft.com/windows/win32/api/schannel/ns-schannel-tls_parameters
typedef struct _TLS_PARAMETERS {
    DWORD cAlpnIds;                 // entries in rgstrAlpnIds, at most 16
    PUNICODE_STRING rgstrAlpnIds;   // ALPN ids this entry is limited to
    DWORD grbitDisabledProtocols;   // SP_PROT_* bits to disable
    DWORD cDisabledCrypto;          // entries in pDisabledCrypto, at most 16
    PCRYPTO_SETTINGS pDisabledCrypto; // algorithms to disable
    DWORD dwFlags;                  // TLS_PARAMS_OPTIONAL
} TLS_PARAMETERS, *PTLS_PARAMETERS;

// SCH_CREDENTIALS is the newer Schannel credential (dwVersion
// SCH_CREDENTIALS_VERSION, Windows 10 1809 and later; on Windows the only one
// that negotiates TLS 1.3). dwCredFormat, cCreds, paCred, hRootStore, cMappers,
// aphMappers, dwSessionLifespan and dwFlags mean what they mean in
// SCHANNEL_CRED (same supported formats, same flags acted on).
// pTlsParameters points to an array of cTlsParameters (at most 16)
// TLS_PARAMETERS; with none, the library's default protocols and algorithms
// apply.
//
// Differences from Windows: as for SCHANNEL_CRED.
//
// https://learn.microsoft.com/windows/win32/api/schannel/ns-schannel-sch_credentials
typedef struct _SCH_CREDENTIALS {
    DWORD dwVersion;                // SCH_CREDENTIALS_VERSION
    DWORD dwCredFormat;             // SCH_CRED_FORMAT_*
    DWORD cCreds;                   // entries in paCred
    PCCERT_CONTEXT *paCred;         // certificates
    HCERTSTORE hRootStore;          // server: trusted roots for client certificates
    DWORD cMappers;                 // reserved, 0
    struct _HMAPPER **aphMappers;   // reserved, NULL
    DWORD dwSessionLifespan;        // milliseconds, 0 for 10 hours
    DWORD dwFlags;                  // SCH_CRED_* / SCH_* bits
    DWORD cTlsParameters;           // entries in pTlsParameters
    PTLS_PARAMETERS pTlsParameters; // restrictions, or NULL
} SCH_CREDENTIALS, *PSCH_CREDENTIALS;

#define SCH_MACHINE_CERT_HASH 0x00000001

// SCHANNEL_CERT_HASH names a certificate of a Windows system store by its
// SHA-1 hash (dwCredFormat SCH_CRED_FORMAT_CERT_HASH). hProv is an
// HCRYPTPROV (a ULONG_PTR). Differences from Windows: there is no system store
// on Linux; this format gives SEC_E_UNKNOWN_CREDENTIALS.
typedef struct _SCHANNEL_CERT_HASH {
    DWORD dwLength;    // sizeof(SCHANNEL_CERT_HASH)
    DWORD dwFlags;     // SCH_MACHINE_CERT_HASH
    ULONG_PTR hProv;   // HCRYPTPROV
    BYTE ShaHash[20];  // SHA-1 of the certificate
} SCHANNEL_CERT_HASH, *PSCHANNEL_CERT_HASH;

// SCHANNEL_CERT_HASH_STORE is SCHANNEL_CERT_HASH plus a store name
// (dwCredFormat SCH_CRED_FORMAT_CERT_HASH_STORE). Differences from Windows:
// not supported, as for SCHANNEL_CERT_HASH.
typedef struct _SCHANNEL_CERT_HASH_STORE {
    DWORD dwLength;    // sizeof(SCHANNEL_CERT_HASH_STORE)
    DWORD dwFlags;     // SCH_MACHINE_CERT_HASH
    ULONG_PTR hProv;   // HCRYPTPROV
    BYTE ShaHash[20];  // SHA-1 of the certificate
    WCHAR pwszStoreName[SCH_MAX_STORE_NAME_SIZE]; // UTF-16 store name
} SCHANNEL_CERT_HASH_STORE, *PSCHANNEL_CERT_HASH_STORE;

// Control tokens.
//
// ApplyControlToken takes a one-buffer SECBUFFER_TOKEN descriptor whose first
// DWORD is one of the token types below; see ApplyControlToken in sspi.h.

#define SCHANNEL_RENEGOTIATE 0 // not supported
#define SCHANNEL_SHUTDOWN 1    // DWORD alone: send close_notify
#define SCHANNEL_ALERT 2       // SCHANNEL_ALERT_TOKEN
#define SCHANNEL_SESSION 3     // SCHANNEL_SESSION_TOKEN

// SCHANNEL_ALERT_TOKEN asks the next InitializeSecurityContext /
// AcceptSecurityContext call to produce one alert record, e.g. {
// SCHANNEL_ALERT, TLS1_ALERT_FATAL, TLS1_ALERT_BAD_CERTIFICATE } to reject a
// client certificate.
typedef struct _SCHANNEL_ALERT_TOKEN {
    DWORD dwTokenType;   // SCHANNEL_ALERT
    DWORD dwAlertType;   // TLS1_ALERT_WARNING or TLS1_ALERT_FATAL
    DWORD dwAlertNumber; // TLS1_ALERT_* description
} SCHANNEL_ALERT_TOKEN;

// Alert levels.
#define TLS1_ALERT_WARNING 1
#define TLS1_ALERT_FATAL 2

// Alert descriptions (the TLS AlertDescription numbers).
#define TLS1_ALERT_CLOSE_NOTIFY 0
#define TLS1_ALERT_UNEXPECTED_MESSAGE 10
#define TLS1_ALERT_BAD_RECORD_MAC 20
#define TLS1_ALERT_DECRYPTION_FAILED 21
#define TLS1_ALERT_RECORD_OVERFLOW 22
#define TLS1_ALERT_DECOMPRESSION_FAIL 30
#define TLS1_ALERT_HANDSHAKE_FAILURE 40
#define TLS1_ALERT_BAD_CERTIFICATE 42
#define TLS1_ALERT_UNSUPPORTED_CERT 43
#define TLS1_ALERT_CERTIFICATE_REVOKED 44
#define TLS1_ALERT_CERTIFICATE_EXPIRED 45
#define TLS1_ALERT_CERTIFICATE_UNKNOWN 46
#define TLS1_ALERT_ILLEGAL_PARAMETER 47
#define TLS1_ALERT_UNKNOWN_CA 48
#define TLS1_ALERT_ACCESS_DENIED 49
#define TLS1_ALERT_DECODE_ERROR 50
#define TLS1_ALERT_DECRYPT_ERROR 51
#define TLS1_ALERT_EXPORT_RESTRICTION 60
#define TLS1_ALERT_PROTOCOL_VERSION 70
#define TLS1_ALERT_INSUFFIENT_SECURITY 71 // sic: the Windows header's spelling
#define TLS1_ALERT_INSUFFICIENT_SECURITY 71
#define TLS1_ALERT_INTERNAL_ERROR 80
#define TLS1_ALERT_USER_CANCELED 90
#define TLS1_ALERT_NO_RENEGOTIATION 100
#define TLS1_ALERT_UNSUPPORTED_EXT 110
#define TLS1_ALERT_UNKNOWN_PSK_IDENTITY 115
#define TLS1_ALERT_NO_APP_PROTOCOL 120

// SCHANNEL_SESSION_TOKEN.dwFlags values.
#define SSL_SESSION_ENABLE_RECONNECTS 1
#define SSL_SESSION_DISABLE_RECONNECTS 2

// SCHANNEL_SESSION_TOKEN controls whether a server context's session may be
// resumed by later connections.
typedef struct _SCHANNEL_SESSION_TOKEN {
    DWORD dwTokenType; // SCHANNEL_SESSION
    DWORD dwFlags;     // SSL_SESSION_ENABLE_RECONNECTS or _DISABLE_RECONNECTS
} SCHANNEL_SESSION_TOKEN;

// Attribute ids.
//
// Schannel's ids for QueryContextAttributes / SetContextAttributes (and, for
// SUPPORTED_ALGS, CIPHER_STRENGTHS, SUPPORTED_PROTOCOLS and
// SESSION_TICKET_KEYS, the credential functions). The comment names the
// struct; QueryContextAttributesW in sspi.h lists which ones the library
// answers. The others return SEC_E_UNSUPPORTED_FUNCTION.

#define SECPKG_ATTR_ISSUER_LIST 0x50            // legacy, unsupported
#define SECPKG_ATTR_REMOTE_CRED 0x51            // legacy, unsupported
#define SECPKG_ATTR_LOCAL_CRED 0x52             // legacy, unsupported
#define SECPKG_ATTR_REMOTE_CERT_CONTEXT 0x53    // PCCERT_CONTEXT
#define SECPKG_ATTR_LOCAL_CERT_CONTEXT 0x54     // PCCERT_CONTEXT
#define SECPKG_ATTR_ROOT_STORE 0x55             // HCERTSTORE, unsupported
#define SECPKG_ATTR_SUPPORTED_ALGS 0x56         // SecPkgCred_SupportedAlgs (credential)
#define SECPKG_ATTR_CIPHER_STRENGTHS 0x57       // SecPkgCred_CipherStrengths (credential)
#define SECPKG_ATTR_SUPPORTED_PROTOCOLS 0x58    // SecPkgCred_SupportedProtocols (credential, context)
#define SECPKG_ATTR_ISSUER_LIST_EX 0x59         // SecPkgContext_IssuerListInfoEx
#define SECPKG_ATTR_CONNECTION_INFO 0x5a        // SecPkgContext_ConnectionInfo
#define SECPKG_ATTR_EAP_KEY_BLOCK 0x5b          // SecPkgContext_EapKeyBlock
#define SECPKG_ATTR_MAPPED_CRED_ATTR 0x5c       // unsupported
#define SECPKG_ATTR_SESSION_INFO 0x5d           // SecPkgContext_SessionInfo
#define SECPKG_ATTR_APP_DATA 0x5e               // SecPkgContext_SessionAppData
#define SECPKG_ATTR_REMOTE_CERTIFICATES 0x5f    // SecPkgContext_Certificates
#define SECPKG_ATTR_CLIENT_CERT_POLICY 0x60     // unsupported
#define SECPKG_ATTR_CC_POLICY_RESULT 0x61       // SecPkgContext_ClientCertPolicyResult
#define SECPKG_ATTR_USE_NCRYPT 0x62             // unsupported
#define SECPKG_ATTR_LOCAL_CERT_INFO 0x63        // unsupported
#define SECPKG_ATTR_CIPHER_INFO 0x64            // SecPkgContext_CipherInfo
#define SECPKG_ATTR_EAP_PRF_INFO 0x65           // unsupported
#define SECPKG_ATTR_SUPPORTED_SIGNATURES 0x66   // SecPkgContext_SupportedSignatures
#define SECPKG_ATTR_REMOTE_CERT_CHAIN 0x67      // PCCERT_CONTEXT, unsupported
#define SECPKG_ATTR_UI_INFO 0x68                // unsupported
#define SECPKG_ATTR_EARLY_START 0x69            // SecPkgContext_EarlyStart (set)
#define SECPKG_ATTR_KEYING_MATERIAL_INFO 0x6a   // SecPkgContext_KeyingMaterialInfo (set)
#define SECPKG_ATTR_KEYING_MATERIAL 0x6b        // SecPkgContext_KeyingMaterial
#define SECPKG_ATTR_SRTP_PARAMETERS 0x6c        // unsupported (DTLS-SRTP)
#define SECPKG_ATTR_TOKEN_BINDING 0x6d          // unsupported
#define SECPKG_ATTR_CONNECTION_INFO_EX 0x6e     // SecPkgContext_ConnectionInfoEx
#define SECPKG_ATTR_KEYING_MATERIAL_TOKEN_BINDING 0x6f // unsupported
#define SECPKG_ATTR_KEYING_MATERIAL_INPROC 0x70 // unsupported
#define SECPKG_ATTR_CERT_CHECK_RESULT 0x71      // unsupported
#define SECPKG_ATTR_CERT_CHECK_RESULT_INPROC 0x72 // unsupported
#define SECPKG_ATTR_SESSION_TICKET_KEYS 0x73    // SecPkgCred_SessionTicketKeys (credential, set)
#define SECPKG_ATTR_SERIALIZED_REMOTE_CERT_CONTEXT_INPROC 0x74 // unsupported
#define SECPKG_ATTR_SERIALIZED_REMOTE_CERT_CONTEXT 0x75        // unsupported

// Context attribute structs.

// SecPkgContext_IssuerListInfoEx (SECPKG_ATTR_ISSUER_LIST_EX) lists the
// certificate authorities a server named in its certificate request, as DER
// Name blobs; cIssuers is 0 if the server sent no request. Typically queried
// by a client after SEC_I_INCOMPLETE_CREDENTIALS. The array and the blobs are
// one allocation: the caller frees aIssuers with FreeContextBuffer.
typedef struct _SecPkgContext_IssuerListInfoEx {
    CERT_NAME_BLOB *aIssuers; // DER-encoded distinguished names
    DWORD cIssuers;           // entries in aIssuers
} SecPkgContext_IssuerListInfoEx, *PSecPkgContext_IssuerListInfoEx;

// SecPkgContext_ConnectionInfo (SECPKG_ATTR_CONNECTION_INFO) describes the
// negotiated connection with SP_PROT_* and CALG_* values. dwProtocol is the
// bit of this side (SP_PROT_TLS1_2_CLIENT on a client, SP_PROT_TLS1_2_SERVER
// on a server). For AEAD suites (GCM, ChaCha20-Poly1305, all of TLS 1.3)
// aiHash and dwHashStrength are 0, as on current Windows. aiExch is
// CALG_ECDH_EPHEM, CALG_DH_EPHEM or CALG_RSA_KEYX; dwExchStrength is the
// group or modulus size in bits. ChaCha20 has no CALG_* id: aiCipher is 0
// for it (SECPKG_ATTR_CIPHER_INFO names it).
//
// https://learn.microsoft.com/windows/win32/api/schannel/ns-schannel-secpkgcontext_connectioninfo
typedef struct _SecPkgContext_ConnectionInfo {
    DWORD dwProtocol;       // SP_PROT_* bit of the negotiated version
    ALG_ID aiCipher;        // CALG_AES_128, CALG_AES_256 ...
    DWORD dwCipherStrength; // cipher key bits
    ALG_ID aiHash;          // CALG_SHA1 ... for CBC suites, 0 for AEAD
    DWORD dwHashStrength;   // MAC bits, 0 for AEAD
    ALG_ID aiExch;          // CALG_ECDH_EPHEM, CALG_DH_EPHEM, CALG_RSA_KEYX
    DWORD dwExchStrength;   // key-exchange bits
} SecPkgContext_ConnectionInfo, *PSecPkgContext_ConnectionInfo;

// SecPkgContext_EapKeyBlock (SECPKG_ATTR_EAP_KEY_BLOCK) holds EAP-TLS key
// material. Differences from Windows: not answered
// (SEC_E_UNSUPPORTED_FUNCTION); derive it with SECPKG_ATTR_KEYING_MATERIAL.
typedef struct _SecPkgContext_EapKeyBlock {
    BYTE rgbKeys[128];
    BYTE rgbIVs[64];
} SecPkgContext_EapKeyBlock, *PSecPkgContext_EapKeyBlock;

// SSL_SESSION_RECONNECT in SecPkgContext_SessionInfo.dwFlags: the handshake
// resumed an earlier session.
#define SSL_SESSION_RECONNECT 1

// SecPkgContext_SessionInfo (SECPKG_ATTR_SESSION_INFO) says whether the
// connection resumed a session and gives a session id.
//
// Differences from Windows: the TLS engine does not expose the protocol's
// session id, so rgbSessionId holds 32 bytes of the RFC 5705 exporter with
// the label "EXPORTER-libsecur32-session-id" and no context: the same on
// both ends of one connection, different for every connection (a resumed
// connection does not repeat the id of the one it resumed). cbSessionId is 0
// when the exporter is unavailable (TLS 1.2 without extended master secret).
typedef struct _SecPkgContext_SessionInfo {
    DWORD dwFlags;          // SSL_SESSION_RECONNECT
    DWORD cbSessionId;      // bytes used in rgbSessionId
    BYTE rgbSessionId[32];  // session id
} SecPkgContext_SessionInfo, *PSecPkgContext_SessionInfo;

// SecPkgContext_SessionAppData (SECPKG_ATTR_APP_DATA) is an application blob
// stored with the TLS session. Set: the blob is copied. Query: the caller
// frees pbAppData with FreeContextBuffer (NULL when cbAppData is 0).
// Differences from Windows: the blob is kept with the context, not with the
// cached session, so a resumed connection starts without it.
typedef struct _SecPkgContext_SessionAppData {
    DWORD dwFlags;   // 0
    DWORD cbAppData; // bytes at pbAppData
    PBYTE pbAppData; // the blob
} SecPkgContext_SessionAppData, *PSecPkgContext_SessionAppData;

// SecPkgContext_Certificates (SECPKG_ATTR_REMOTE_CERTIFICATES) is the peer's
// certificate chain as one blob. Differences from Windows: not answered
// (SEC_E_UNSUPPORTED_FUNCTION); use SECPKG_ATTR_REMOTE_CERT_CONTEXT, whose
// hCertStore holds the whole chain.
typedef struct _SecPkgContext_Certificates {
    DWORD cCertificates;
    DWORD cbCertificateChain;
    PBYTE pbCertificateChain;
} SecPkgContext_Certificates, *PSecPkgContext_Certificates;

// Size of the name arrays of SecPkgContext_CipherInfo and
// SecPkgContext_ConnectionInfoEx, in WCHARs.
#define SZ_ALG_MAX_SIZE 64

#define SECPKGCONTEXT_CIPHERINFO_V1 1

// SecPkgContext_CipherInfo (SECPKG_ATTR_CIPHER_INFO) describes the negotiated
// cipher suite by name. Set dwVersion to SECPKGCONTEXT_CIPHERINFO_V1 before
// the query. dwProtocol is the TLS wire version (0x0303 for TLS 1.2, 0x0304
// for TLS 1.3), not an SP_PROT_* bit; dwCipherSuite is the IANA suite number
// and szCipherSuite its IANA name (u"TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
// u"TLS_AES_128_GCM_SHA256"). The other names are CNG names (u"AES",
// u"ECDH", u"RSA"); szHash is empty and dwHashLen 0 for AEAD suites.
// szCertificate is the key type of the server's certificate (u"RSA",
// u"ECDSA", u"Ed25519"); szExchange is u"ECDH" for every ECDHE group,
// including X25519MLKEM768; dwMinExchangeLen / dwMaxExchangeLen are 0 /
// 65536 and dwKeyType is the named group's TLS code point (0x1d x25519,
// 0x17 secp256r1, 0x11ec X25519MLKEM768), as on Windows 10 and later. The
// strings are NUL-terminated UTF-16 in both the A and W queries.
//
// https://learn.microsoft.com/windows/win32/api/schannel/ns-schannel-secpkgcontext_cipherinfo
typedef struct _SecPkgContext_CipherInfo {
    DWORD dwVersion;                      // SECPKGCONTEXT_CIPHERINFO_V1
    DWORD dwProtocol;                     // wire version, e.g. 0x0303
    DWORD dwCipherSuite;                  // IANA cipher suite number
    DWORD dwBaseCipherSuite;              // same as dwCipherSuite
    WCHAR szCipherSuite[SZ_ALG_MAX_SIZE]; // IANA suite name
    WCHAR szCipher[SZ_ALG_MAX_SIZE];      // cipher, e.g. u"AES"
    DWORD dwCipherLen;                    // cipher key bits
    DWORD dwCipherBlockLen;               // cipher block bytes
    WCHAR szHash[SZ_ALG_MAX_SIZE];        // MAC hash, empty for AEAD
    DWORD dwHashLen;                      // MAC bits, 0 for AEAD
    WCHAR szExchange[SZ_ALG_MAX_SIZE];    // key exchange, e.g. u"ECDH"
    DWORD dwMinExchangeLen;               // key-exchange bits (lower bound)
    DWORD dwMaxExchangeLen;               // key-exchange bits (upper bound)
    WCHAR szCertificate[SZ_ALG_MAX_SIZE]; // certificate key, e.g. u"RSA"
    DWORD dwKeyType;                      // named group (TLS code point)
} SecPkgContext_CipherInfo, *PSecPkgContext_CipherInfo;

// SecPkgContext_SupportedSignatures (SECPKG_ATTR_SUPPORTED_SIGNATURES) lists
// the peer's signature_algorithms as TLS SignatureScheme code points. The
// caller frees pSignatureAndHashAlgorithms with FreeContextBuffer.
typedef struct _SecPkgContext_SupportedSignatures {
    WORD cSignatureAndHashAlgorithms;  // entries in the array
    WORD *pSignatureAndHashAlgorithms; // TLS code points
} SecPkgContext_SupportedSignatures, *PSecPkgContext_SupportedSignatures;

// SecPkgContext_KeyingMaterialInfo (SECPKG_ATTR_KEYING_MATERIAL_INFO, set with
// SetContextAttributes) configures the RFC 5705 exporter that a later
// SECPKG_ATTR_KEYING_MATERIAL query runs. cbLabel counts the label's
// terminating NUL (a count without it is accepted: the label ends at the
// first NUL within cbLabel bytes). cbContextValue 0 means no context value
// (RFC 5705 distinguishes it from an empty one for TLS 1.2). The label and
// context are copied.
//
// https://learn.microsoft.com/windows/win32/api/schannel/ns-schannel-secpkgcontext_keyingmaterialinfo
typedef struct _SecPkgContext_KeyingMaterialInfo {
    WORD cbLabel;           // bytes of pszLabel, NUL included
    LPSTR pszLabel;         // ASCII exporter label
    WORD cbContextValue;    // bytes of pbContextValue, 0 for none
    PBYTE pbContextValue;   // exporter context, or NULL
    DWORD cbKeyingMaterial; // bytes to export, > 0
} SecPkgContext_KeyingMaterialInfo, *PSecPkgContext_KeyingMaterialInfo;

// SecPkgContext_KeyingMaterial (SECPKG_ATTR_KEYING_MATERIAL) receives the
// exporter output configured with SECPKG_ATTR_KEYING_MATERIAL_INFO. The caller
// frees pbKeyingMaterial with FreeContextBuffer.
typedef struct _SecPkgContext_KeyingMaterial {
    DWORD cbKeyingMaterial; // bytes at pbKeyingMaterial
    PBYTE pbKeyingMaterial; // exporter output
} SecPkgContext_KeyingMaterial, *PSecPkgContext_KeyingMaterial;

#define SECPKGCONTEXT_CONNECTION_INFO_EX_V1 1

// SecPkgContext_ConnectionInfoEx (SECPKG_ATTR_CONNECTION_INFO_EX) is
// SecPkgContext_ConnectionInfo with CNG algorithm names instead of CALG_*
// ids. dwProtocol is an SP_PROT_* bit, as in SecPkgContext_ConnectionInfo.
typedef struct _SecPkgContext_ConnectionInfoEx {
    DWORD dwVersion;                   // SECPKGCONTEXT_CONNECTION_INFO_EX_V1
    DWORD dwProtocol;                  // SP_PROT_* bit
    WCHAR szCipher[SZ_ALG_MAX_SIZE];   // e.g. u"AES"
    DWORD dwCipherStrength;            // cipher key bits
    WCHAR szHash[SZ_ALG_MAX_SIZE];     // MAC hash, empty for AEAD
    DWORD dwHashStrength;              // MAC bits, 0 for AEAD
    WCHAR szExchange[SZ_ALG_MAX_SIZE]; // e.g. u"ECDH"
    DWORD dwExchStrength;              // key-exchange bits
} SecPkgContext_ConnectionInfoEx, *PSecPkgContext_ConnectionInfoEx;

// SecPkgContext_ClientCertPolicyResult (SECPKG_ATTR_CC_POLICY_RESULT) is the
// result of a Windows client-certificate policy. Differences from Windows:
// not answered (SEC_E_UNSUPPORTED_FUNCTION).
typedef struct _SecPkgContext_ClientCertPolicyResult {
    HRESULT dwPolicyResult;
    GUID guidPolicyId;
} SecPkgContext_ClientCertPolicyResult, *PSecPkgContext_ClientCertPolicyResult;

#define ENABLE_TLS_CLIENT_EARLY_START 0x00000001

// SecPkgContext_EarlyStart (SECPKG_ATTR_EARLY_START, set) asks for TLS False
// Start. Differences from Windows: accepted, but False Start is never used.
typedef struct _SecPkgContext_EarlyStart {
    DWORD dwEarlyStartFlags; // ENABLE_TLS_CLIENT_EARLY_START
} SecPkgContext_EarlyStart, *PSecPkgContext_EarlyStart;

// Credential attribute structs.

// SecPkgCred_SupportedAlgs (SECPKG_ATTR_SUPPORTED_ALGS on a credential)
// lists the CALG_* ids the credential allows. The caller frees
// palgSupportedAlgs with FreeContextBuffer.
typedef struct _SecPkgCred_SupportedAlgs {
    DWORD cSupportedAlgs;      // entries in palgSupportedAlgs
    ALG_ID *palgSupportedAlgs; // CALG_* ids
} SecPkgCred_SupportedAlgs, *PSecPkgCred_SupportedAlgs;

// SecPkgCred_CipherStrengths (SECPKG_ATTR_CIPHER_STRENGTHS on a credential)
// gives the weakest and strongest cipher the credential allows, in bits.
typedef struct _SecPkgCred_CipherStrengths {
    DWORD dwMinimumCipherStrength;
    DWORD dwMaximumCipherStrength;
} SecPkgCred_CipherStrengths, *PSecPkgCred_CipherStrengths;

// SecPkgCred_SupportedProtocols (SECPKG_ATTR_SUPPORTED_PROTOCOLS on a
// credential) gives the SP_PROT_* bits enabled for the credential's
// direction.
typedef struct _SecPkgCred_SupportedProtocols {
    DWORD grbitProtocol;
} SecPkgCred_SupportedProtocols, *PSecPkgCred_SupportedProtocols;

// Session ticket key format versions (SecPkgCred_SessionTicketKey).
#define SESSION_TICKET_INFO_V0 0
#define SESSION_TICKET_INFO_VERSION SESSION_TICKET_INFO_V0

// SecPkgCred_SessionTicketKey is one server session-ticket key. KeyId names
// the key (it is carried in the tickets it protects, so a server farm sharing
// keys can find the right one); KeyingMaterial holds KeyingMaterialSize
// (32 to 64) random bytes from a cryptographic generator. The library's
// ticket key is SHA-256(KeyId || KeyingMaterial[0..KeyingMaterialSize)).
typedef struct _SecPkgCred_SessionTicketKey {
    DWORD TicketInfoVersion;  // SESSION_TICKET_INFO_VERSION
    BYTE KeyId[16];           // key identifier
    BYTE KeyingMaterial[64];  // secret, KeyingMaterialSize bytes used
    BYTE KeyingMaterialSize;  // 32 to 64
} SecPkgCred_SessionTicketKey, *PSecPkgCred_SessionTicketKey;

// SecPkgCred_SessionTicketKeys is the payload of
// SetCredentialsAttributes(SECPKG_ATTR_SESSION_TICKET_KEYS) on an inbound
// credential: the session-ticket keys of the server. The first key encrypts
// new tickets; every key decrypts tickets presented by clients, so a key can
// be rotated out gradually (put the new key first, keep the old one after it
// until its tickets have expired). The keys are copied.
typedef struct _SecPkgCred_SessionTicketKeys {
    DWORD cSessionTicketKeys;                 // entries, at least 1
    PSecPkgCred_SessionTicketKey pSessionTicketKeys; // the keys, first one current
} SecPkgCred_SessionTicketKeys, *PSecPkgCred_SessionTicketKeys;

#ifdef __cplusplus
}
#endif

#endif /* SECUR32_SCHANNEL_H */
