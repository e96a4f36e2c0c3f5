/*
 * wincrypt.h - the crypt32 subset of libsecur32: certificate contexts,
 * in-memory certificate stores and PKCS#12 import, which is what a
 * Schannel server (and a client presenting a certificate) needs to get a
 * PCCERT_CONTEXT with a private key for SCHANNEL_CRED / SCH_CREDENTIALS.
 *
 * Names, constant values and struct layouts are those of the Windows SDK's
 * <wincrypt.h> on Windows x64 (DWORD is 32-bit, pointers 64-bit, natural
 * alignment), so code written for Windows compiles unchanged.
 *
 * Conventions used by every function below:
 *  - Failures are reported as on Windows: a NULL / FALSE return plus a code
 *    for GetLastError (wintypes.h), which is thread-local. Successful calls
 *    leave the last error alone. Codes are Win32 errors (ERROR_*) or
 *    HRESULTs (CRYPT_E_*, NTE_*, E_INVALIDARG) stored as DWORDs; compare
 *    with a cast, e.g. GetLastError() == (DWORD)CRYPT_E_NOT_FOUND.
 *  - A PCCERT_CONTEXT is reference counted. Every function that returns one
 *    gives the caller a reference, released with CertFreeCertificateContext.
 *    The CERT_CONTEXT and everything it points to (CERT_INFO, blobs, OID
 *    strings) is read-only and valid until its last reference is released.
 *  - A store lives while its handle is open or any of its contexts is
 *    referenced; closing the handle with contexts outstanding is normal.
 *  - Pointers the library did not hand out (a CERT_CONTEXT built by the
 *    caller, a freed or foreign pointer, garbage) are rejected with
 *    E_INVALIDARG instead of being dereferenced. On Windows that is
 *    undefined behaviour.
 *  - "A" functions take UTF-8 strings, "W" functions UTF-16 (WCHAR).
 *
 * Differences from Windows: only memory stores exist (no system stores such
 * as "MY", no registry, no files), there is no CSP/CNG key storage (private
 * keys live in memory, attached to the context, for the lifetime of the
 * context), and only the functions declared here are provided.
 */
#ifndef SECUR32_WINCRYPT_H
#define SECUR32_WINCRYPT_H

#include "wintypes.h"

#ifdef __cplusplus
extern "C" {
#endif

// Basic types.
//
// ALG_ID identifies an algorithm (CALG_*). HCERTSTORE is an opaque store
// handle. The key handles are pointer-sized integers; this library never
// issues any (there is no CSP), they exist for source compatibility.

typedef unsigned int ALG_ID;
typedef void *HCERTSTORE;
typedef ULONG_PTR HCRYPTPROV;
typedef ULONG_PTR HCRYPTKEY;
typedef ULONG_PTR HCRYPTHASH;
typedef ULONG_PTR HCRYPTPROV_LEGACY;
typedef ULONG_PTR NCRYPT_KEY_HANDLE;
typedef ULONG_PTR HCRYPTPROV_OR_NCRYPT_KEY_HANDLE;

// Algorithm ids (CALG_*), as Schannel reports them in
// SecPkgContext_ConnectionInfo, SecPkgContext_KeyInfo and
// SecPkgCred_SupportedAlgs and accepts in SCHANNEL_CRED.palgSupportedAlgs.

// Ciphers.
#define CALG_RC4 0x00006801
#define CALG_DES 0x00006601
#define CALG_RC2 0x00006602
#define CALG_3DES 0x00006603
#define CALG_3DES_112 0x00006609
#define CALG_AES 0x00006611
#define CALG_AES_128 0x0000660e
#define CALG_AES_192 0x0000660f
#define CALG_AES_256 0x00006610
#define CALG_NULLCIPHER 0x00006000
// Hashes.
#define CALG_MD2 0x00008001
#define CALG_MD4 0x00008002
#define CALG_MD5 0x00008003
#define CALG_SHA1 0x00008004
#define CALG_SHA CALG_SHA1
#define CALG_SSL3_SHAMD5 0x00008008
#define CALG_HMAC 0x00008009
#define CALG_TLS1PRF 0x0000800a
#define CALG_SHA_256 0x0000800c
#define CALG_SHA_384 0x0000800d
#define CALG_SHA_512 0x0000800e
// Key exchange.
#define CALG_RSA_KEYX 0x0000a400
#define CALG_DH_SF 0x0000aa01
#define CALG_DH_EPHEM 0x0000aa02
#define CALG_ECDH 0x0000aa05
#define CALG_ECDH_EPHEM 0x0000ae06
#define CALG_ECMQV 0x0000a001
// Signatures.
#define CALG_RSA_SIGN 0x00002400
#define CALG_DSS_SIGN 0x00002200
#define CALG_ECDSA 0x00002203
#define CALG_NO_SIGN 0x00002000
// Miscellaneous.
#define CALG_TLS1_MASTER 0x00004c06

// Blobs and certificate structures.
//
// A blob is a byte count and a pointer (16 bytes). Every blob type below is
// the same struct under the name Windows uses for its role.

typedef struct _CRYPTOAPI_BLOB {
    DWORD cbData;
    BYTE *pbData;
} CRYPT_INTEGER_BLOB, *PCRYPT_INTEGER_BLOB,
  CRYPT_UINT_BLOB, *PCRYPT_UINT_BLOB,
  CRYPT_OBJID_BLOB, *PCRYPT_OBJID_BLOB,
  CERT_NAME_BLOB, *PCERT_NAME_BLOB,
  CERT_RDN_VALUE_BLOB, *PCERT_RDN_VALUE_BLOB,
  CERT_BLOB, *PCERT_BLOB,
  CRL_BLOB, *PCRL_BLOB,
  DATA_BLOB, *PDATA_BLOB,
  CRYPT_DATA_BLOB, *PCRYPT_DATA_BLOB,
  CRYPT_HASH_BLOB, *PCRYPT_HASH_BLOB,
  CRYPT_DIGEST_BLOB, *PCRYPT_DIGEST_BLOB,
  CRYPT_DER_BLOB, *PCRYPT_DER_BLOB,
  CRYPT_ATTR_BLOB, *PCRYPT_ATTR_BLOB;

// CRYPT_BIT_BLOB is a DER BIT STRING: the bytes and the number of unused
// bits in the last byte (24 bytes).
typedef struct _CRYPT_BIT_BLOB {
    DWORD cbData;
    BYTE *pbData;
    DWORD cUnusedBits;
} CRYPT_BIT_BLOB, *PCRYPT_BIT_BLOB;

// CRYPT_ALGORITHM_IDENTIFIER is an algorithm OID as a dotted string (e.g.
// szOID_RSA_SHA256RSA) and the DER of its parameters (empty when absent) (24
// bytes).
typedef struct _CRYPT_ALGORITHM_IDENTIFIER {
    LPSTR pszObjId;
    CRYPT_OBJID_BLOB Parameters;
} CRYPT_ALGORITHM_IDENTIFIER, *PCRYPT_ALGORITHM_IDENTIFIER;

// CERT_PUBLIC_KEY_INFO is a SubjectPublicKeyInfo (48 bytes).
typedef struct _CERT_PUBLIC_KEY_INFO {
    CRYPT_ALGORITHM_IDENTIFIER Algorithm;
    CRYPT_BIT_BLOB PublicKey;
} CERT_PUBLIC_KEY_INFO, *PCERT_PUBLIC_KEY_INFO;

// CERT_EXTENSION is one X.509 extension; Value is the DER inside extnValue
// (32 bytes).
typedef struct _CERT_EXTENSION {
    LPSTR pszObjId;
    BOOL fCritical;
    CRYPT_OBJID_BLOB Value;
} CERT_EXTENSION, *PCERT_EXTENSION;
typedef const CERT_EXTENSION *PCCERT_EXTENSION;

// CERT_INFO is the decoded TBSCertificate (208 bytes). dwVersion is 0 for
// v1, 2 for v3. SerialNumber holds the DER INTEGER content bytes in
// little-endian order (reversed; a leading 00 sign byte of the DER becomes
// a trailing 00). Issuer and Subject are DER Name encodings. NotBefore and
// NotAfter are UTC FILETIMEs.
typedef struct _CERT_INFO {
    DWORD dwVersion;
    CRYPT_INTEGER_BLOB SerialNumber;
    CRYPT_ALGORITHM_IDENTIFIER SignatureAlgorithm;
    CERT_NAME_BLOB Issuer;
    FILETIME NotBefore;
    FILETIME NotAfter;
    CERT_NAME_BLOB Subject;
    CERT_PUBLIC_KEY_INFO SubjectPublicKeyInfo;
    CRYPT_BIT_BLOB IssuerUniqueId;
    CRYPT_BIT_BLOB SubjectUniqueId;
    DWORD cExtension;
    PCERT_EXTENSION rgExtension;
} CERT_INFO, *PCERT_INFO;

// CERT_CONTEXT is a certificate in a store (40 bytes): its encoding type
// (X509_ASN_ENCODING), its DER bytes, the decoded CERT_INFO and the store it
// belongs to. Contexts are created by the library only.
typedef struct _CERT_CONTEXT {
    DWORD dwCertEncodingType;
    BYTE *pbCertEncoded;
    DWORD cbCertEncoded;
    PCERT_INFO pCertInfo;
    HCERTSTORE hCertStore;
} CERT_CONTEXT, *PCERT_CONTEXT;
typedef const CERT_CONTEXT *PCCERT_CONTEXT;

// CRYPT_KEY_PROV_PARAM is one provider parameter of CRYPT_KEY_PROV_INFO.
typedef struct _CRYPT_KEY_PROV_PARAM {
    DWORD dwParam;
    BYTE *pbData;
    DWORD cbData;
    DWORD dwFlags;
} CRYPT_KEY_PROV_PARAM, *PCRYPT_KEY_PROV_PARAM;

// CRYPT_KEY_PROV_INFO says where a certificate's private key lives (48
// bytes); it is the value of CERT_KEY_PROV_INFO_PROP_ID.
typedef struct _CRYPT_KEY_PROV_INFO {
    LPWSTR pwszContainerName;
    LPWSTR pwszProvName;
    DWORD dwProvType;
    DWORD dwFlags;
    DWORD cProvParam;
    PCRYPT_KEY_PROV_PARAM rgProvParam;
    DWORD dwKeySpec;
} CRYPT_KEY_PROV_INFO, *PCRYPT_KEY_PROV_INFO;

// Key specs (dwKeySpec).
#define AT_KEYEXCHANGE 1
#define AT_SIGNATURE 2
#define CERT_NCRYPT_KEY_SPEC 0xFFFFFFFF

// Encoding types. Pass X509_ASN_ENCODING | PKCS_7_ASN_ENCODING (or just
// X509_ASN_ENCODING) wherever a dwCertEncodingType is asked for.
#define CRYPT_ASN_ENCODING 0x00000001
#define X509_ASN_ENCODING 0x00000001
#define PKCS_7_ASN_ENCODING 0x00010000
#define CERT_ENCODING_TYPE_MASK 0x0000FFFF
#define CMSG_ENCODING_TYPE_MASK 0xFFFF0000

// Store providers (lpszStoreProvider of CertOpenStore). Only the memory
// provider is implemented; the others are named so that code mentioning
// them compiles, and CertOpenStore fails for them.
#define CERT_STORE_PROV_MSG ((LPCSTR)(ULONG_PTR)1)
#define CERT_STORE_PROV_MEMORY ((LPCSTR)(ULONG_PTR)2)
#define CERT_STORE_PROV_FILE ((LPCSTR)(ULONG_PTR)3)
#define CERT_STORE_PROV_REG ((LPCSTR)(ULONG_PTR)4)
#define CERT_STORE_PROV_PKCS7 ((LPCSTR)(ULONG_PTR)5)
#define CERT_STORE_PROV_SERIALIZED ((LPCSTR)(ULONG_PTR)6)
#define CERT_STORE_PROV_FILENAME_A ((LPCSTR)(ULONG_PTR)7)
#define CERT_STORE_PROV_FILENAME_W ((LPCSTR)(ULONG_PTR)8)
#define CERT_STORE_PROV_FILENAME CERT_STORE_PROV_FILENAME_W
#define CERT_STORE_PROV_SYSTEM_A ((LPCSTR)(ULONG_PTR)9)
#define CERT_STORE_PROV_SYSTEM_W ((LPCSTR)(ULONG_PTR)10)
#define CERT_STORE_PROV_SYSTEM CERT_STORE_PROV_SYSTEM_W
#define CERT_STORE_PROV_COLLECTION ((LPCSTR)(ULONG_PTR)11)
#define CERT_STORE_PROV_SYSTEM_REGISTRY_A ((LPCSTR)(ULONG_PTR)12)
#define CERT_STORE_PROV_SYSTEM_REGISTRY_W ((LPCSTR)(ULONG_PTR)13)
#define CERT_STORE_PROV_SYSTEM_REGISTRY CERT_STORE_PROV_SYSTEM_REGISTRY_W
#define CERT_STORE_PROV_PHYSICAL_W ((LPCSTR)(ULONG_PTR)14)
#define CERT_STORE_PROV_PHYSICAL CERT_STORE_PROV_PHYSICAL_W
#define CERT_STORE_PROV_SMART_CARD_W ((LPCSTR)(ULONG_PTR)15)
#define CERT_STORE_PROV_SMART_CARD CERT_STORE_PROV_SMART_CARD_W
#define CERT_STORE_PROV_LDAP_W ((LPCSTR)(ULONG_PTR)16)
#define CERT_STORE_PROV_LDAP CERT_STORE_PROV_LDAP_W
#define CERT_STORE_PROV_PKCS12 ((LPCSTR)(ULONG_PTR)17)
#define sz_CERT_STORE_PROV_MEMORY "Memory"
#define sz_CERT_STORE_PROV_FILENAME_W "File"
#define sz_CERT_STORE_PROV_FILENAME sz_CERT_STORE_PROV_FILENAME_W
#define sz_CERT_STORE_PROV_SYSTEM_W "System"
#define sz_CERT_STORE_PROV_SYSTEM sz_CERT_STORE_PROV_SYSTEM_W
#define sz_CERT_STORE_PROV_PKCS7 "PKCS7"
#define sz_CERT_STORE_PROV_PKCS12 "PKCS12"
#define sz_CERT_STORE_PROV_SERIALIZED "Serialized"
#define sz_CERT_STORE_PROV_COLLECTION "Collection"
#define sz_CERT_STORE_PROV_SYSTEM_REGISTRY_W "SystemRegistry"
#define sz_CERT_STORE_PROV_SYSTEM_REGISTRY sz_CERT_STORE_PROV_SYSTEM_REGISTRY_W
#define sz_CERT_STORE_PROV_PHYSICAL_W "Physical"
#define sz_CERT_STORE_PROV_PHYSICAL sz_CERT_STORE_PROV_PHYSICAL_W
#define sz_CERT_STORE_PROV_SMART_CARD_W "SmartCard"
#define sz_CERT_STORE_PROV_SMART_CARD sz_CERT_STORE_PROV_SMART_CARD_W
#define sz_CERT_STORE_PROV_LDAP_W "Ldap"
#define sz_CERT_STORE_PROV_LDAP sz_CERT_STORE_PROV_LDAP_W

// CertOpenStore flags (accepted and ignored by the memory provider), and
// the system store locations (for source compatibility).
#define CERT_STORE_NO_CRYPT_RELEASE_FLAG 0x00000001
#define CERT_STORE_SET_LOCALIZED_NAME_FLAG 0x00000002
#define CERT_STORE_DEFER_CLOSE_UNTIL_LAST_FREE_FLAG 0x00000004
#define CERT_STORE_DELETE_FLAG 0x00000010
#define CERT_STORE_UNSAFE_PHYSICAL_FLAG 0x00000020
#define CERT_STORE_SHARE_STORE_FLAG 0x00000040
#define CERT_STORE_SHARE_CONTEXT_FLAG 0x00000080
#define CERT_STORE_MANIFOLD_FLAG 0x00000100
#define CERT_STORE_ENUM_ARCHIVED_FLAG 0x00000200
#define CERT_STORE_UPDATE_KEYID_FLAG 0x00000400
#define CERT_STORE_BACKUP_RESTORE_FLAG 0x00000800
#define CERT_STORE_MAXIMUM_ALLOWED_FLAG 0x00001000
#define CERT_STORE_CREATE_NEW_FLAG 0x00002000
#define CERT_STORE_OPEN_EXISTING_FLAG 0x00004000
#define CERT_STORE_READONLY_FLAG 0x00008000
#define CERT_SYSTEM_STORE_LOCATION_SHIFT 16
#define CERT_SYSTEM_STORE_CURRENT_USER 0x00010000
#define CERT_SYSTEM_STORE_LOCAL_MACHINE 0x00020000

// CertCloseStore flags.
#define CERT_CLOSE_STORE_FORCE_FLAG 0x00000001
#define CERT_CLOSE_STORE_CHECK_FLAG 0x00000002

// Add dispositions (dwAddDisposition of CertAdd*ToStore). A certificate
// already in the store is one with the same DER encoding (same SHA-1
// thumbprint).
#define CERT_STORE_ADD_NEW 1                                  // fail with CRYPT_E_EXISTS if present
#define CERT_STORE_ADD_USE_EXISTING 2                         // return the one present
#define CERT_STORE_ADD_REPLACE_EXISTING 3                     // replace the one present
#define CERT_STORE_ADD_ALWAYS 4                               // add even if present
#define CERT_STORE_ADD_REPLACE_EXISTING_INHERIT_PROPERTIES 5  // replace, keep its properties
#define CERT_STORE_ADD_NEWER 6                                // replace only if NotBefore is later
#define CERT_STORE_ADD_NEWER_INHERIT_PROPERTIES 7

// Find types of CertFindCertificateInStore (dwFindType). The comment gives
// what pvFindPara points to.
#define CERT_COMPARE_SHIFT 16
#define CERT_INFO_ISSUER_FLAG 4
#define CERT_INFO_SUBJECT_FLAG 7
#define CERT_FIND_ANY 0x00000000                  // NULL: every certificate
#define CERT_FIND_SHA1_HASH 0x00010000            // CRYPT_HASH_BLOB: 20-byte SHA-1 thumbprint
#define CERT_FIND_HASH CERT_FIND_SHA1_HASH
#define CERT_FIND_ISSUER_NAME 0x00020004          // CERT_NAME_BLOB: exact DER issuer
#define CERT_FIND_SUBJECT_NAME 0x00020007         // CERT_NAME_BLOB: exact DER subject
#define CERT_FIND_ISSUER_ATTR 0x00030004          // not implemented
#define CERT_FIND_SUBJECT_ATTR 0x00030007         // not implemented
#define CERT_FIND_MD5_HASH 0x00040000             // CRYPT_HASH_BLOB: 16-byte MD5 thumbprint
#define CERT_FIND_PROPERTY 0x00050000             // not implemented
#define CERT_FIND_PUBLIC_KEY 0x00060000           // CERT_PUBLIC_KEY_INFO: same algorithm and key
#define CERT_FIND_ISSUER_STR_A 0x00070004         // char *: substring of the issuer name
#define CERT_FIND_SUBJECT_STR_A 0x00070007        // char *: substring of the subject name
#define CERT_FIND_ISSUER_STR_W 0x00080004         // WCHAR *: substring of the issuer name
#define CERT_FIND_SUBJECT_STR_W 0x00080007        // WCHAR *: substring of the subject name
#define CERT_FIND_ISSUER_STR CERT_FIND_ISSUER_STR_W
#define CERT_FIND_SUBJECT_STR CERT_FIND_SUBJECT_STR_W
#define CERT_FIND_KEY_SPEC 0x00090000             // not implemented
#define CERT_FIND_ENHKEY_USAGE 0x000A0000         // not implemented
#define CERT_FIND_CTL_USAGE CERT_FIND_ENHKEY_USAGE
#define CERT_FIND_SUBJECT_CERT 0x000B0000         // CERT_INFO: same Issuer and SerialNumber
#define CERT_FIND_ISSUER_OF 0x000C0000            // not implemented
#define CERT_FIND_EXISTING 0x000D0000             // PCCERT_CONTEXT (from this library): same DER
#define CERT_FIND_SIGNATURE_HASH 0x000E0000       // not implemented
#define CERT_FIND_KEY_IDENTIFIER 0x000F0000       // CRYPT_HASH_BLOB: CERT_KEY_IDENTIFIER_PROP_ID
#define CERT_FIND_CERT_ID 0x00100000              // not implemented
#define CERT_FIND_CROSS_CERT_DIST_POINTS 0x00110000 // not implemented
#define CERT_FIND_PUBKEY_MD5_HASH 0x00120000      // not implemented
#define CERT_FIND_SUBJECT_INFO_ACCESS 0x00130000  // not implemented
#define CERT_FIND_HASH_STR 0x00140000             // not implemented
#define CERT_FIND_HAS_PRIVATE_KEY 0x00150000      // NULL: certificates with a private key
// dwFindFlags for the string find types (accepted, no effect).
#define CERT_UNICODE_IS_RDN_ATTRS_FLAG 0x00000001
#define CERT_CASE_INSENSITIVE_IS_RDN_ATTRS_FLAG 0x00000002

// Property ids of CertGetCertificateContextProperty.
#define CERT_KEY_PROV_HANDLE_PROP_ID 1
#define CERT_KEY_PROV_INFO_PROP_ID 2            // CRYPT_KEY_PROV_INFO: present when a private key is attached
#define CERT_SHA1_HASH_PROP_ID 3                // 20 bytes
#define CERT_MD5_HASH_PROP_ID 4                 // 16 bytes
#define CERT_HASH_PROP_ID CERT_SHA1_HASH_PROP_ID
#define CERT_KEY_CONTEXT_PROP_ID 5
#define CERT_KEY_SPEC_PROP_ID 6                 // DWORD: AT_KEYEXCHANGE when a private key is attached
#define CERT_ENHKEY_USAGE_PROP_ID 9
#define CERT_CTL_USAGE_PROP_ID CERT_ENHKEY_USAGE_PROP_ID
#define CERT_FRIENDLY_NAME_PROP_ID 11           // NUL-terminated UTF-16 string
#define CERT_DESCRIPTION_PROP_ID 13
#define CERT_ACCESS_STATE_PROP_ID 14
#define CERT_SIGNATURE_HASH_PROP_ID 15
#define CERT_ARCHIVED_PROP_ID 19
#define CERT_KEY_IDENTIFIER_PROP_ID 20          // subject key identifier or SHA-1 of the public key
#define CERT_ISSUER_PUBLIC_KEY_MD5_HASH_PROP_ID 24
#define CERT_SUBJECT_PUBLIC_KEY_MD5_HASH_PROP_ID 25
#define CERT_NCRYPT_KEY_HANDLE_PROP_ID 78
#define CERT_SHA256_HASH_PROP_ID 107            // 32 bytes

// Name types of CertGetNameString (dwType) and its flags.
#define CERT_NAME_EMAIL_TYPE 1           // SAN rfc822Name, else the emailAddress attribute
#define CERT_NAME_RDN_TYPE 2             // the whole name; pvTypePara: DWORD * string type or NULL
#define CERT_NAME_ATTR_TYPE 3            // one attribute; pvTypePara: char * OID or NULL (common name)
#define CERT_NAME_SIMPLE_DISPLAY_TYPE 4  // first CN, OU, O or e-mail
#define CERT_NAME_FRIENDLY_DISPLAY_TYPE 5 // friendly name property, else simple display
#define CERT_NAME_DNS_TYPE 6             // first SAN dNSName, else the common name
#define CERT_NAME_URL_TYPE 7             // first SAN URI
#define CERT_NAME_UPN_TYPE 8             // SAN otherName UPN
#define CERT_NAME_ISSUER_FLAG 0x00000001
#define CERT_NAME_SEARCH_ALL_NAMES_FLAG 0x00000002
#define CERT_NAME_DISABLE_IE4_UTF8_FLAG 0x00010000
#define CERT_NAME_STR_ENABLE_PUNYCODE_FLAG 0x00200000

// String types for CERT_NAME_RDN_TYPE (the CertNameToStr dwStrType), and
// their flags.
#define CERT_SIMPLE_NAME_STR 1   // "host, Org"
#define CERT_OID_NAME_STR 2      // "2.5.4.3=host, 2.5.4.10=Org"
#define CERT_X500_NAME_STR 3     // "CN=host, O=Org"
#define CERT_XML_NAME_STR 4      // rendered as CERT_X500_NAME_STR
#define CERT_NAME_STR_SEMICOLON_FLAG 0x40000000
#define CERT_NAME_STR_NO_PLUS_FLAG 0x20000000
#define CERT_NAME_STR_NO_QUOTING_FLAG 0x10000000
#define CERT_NAME_STR_CRLF_FLAG 0x08000000
#define CERT_NAME_STR_COMMA_FLAG 0x04000000
#define CERT_NAME_STR_REVERSE_FLAG 0x02000000
#define CERT_NAME_STR_FORWARD_FLAG 0x01000000

// PFXImportCertStore flags. All are accepted; only PKCS12_ONLY_CERTIFICATES
// changes anything (keys live in memory whatever is asked).
#define CRYPT_EXPORTABLE 0x00000001
#define CRYPT_USER_PROTECTED 0x00000002
#define CRYPT_MACHINE_KEYSET 0x00000020
#define CRYPT_USER_KEYSET 0x00001000
#define PKCS12_INCLUDE_EXTENDED_PROPERTIES 0x00000010
#define PKCS12_IMPORT_SILENT 0x00000040
#define PKCS12_PREFER_CNG_KSP 0x00000100
#define PKCS12_ALWAYS_CNG_KSP 0x00000200
#define PKCS12_ONLY_CERTIFICATES 0x00000400
#define PKCS12_ONLY_NOT_ENCRYPTED_CERTIFICATES 0x00000800
#define PKCS12_ALLOW_OVERWRITE_KEY 0x00004000
#define PKCS12_NO_PERSIST_KEY 0x00008000
#define PKCS12_VIRTUAL_ISOLATION_KEY 0x00010000

// Object identifiers (the pszObjId strings of CERT_INFO).
#define szOID_RSA "1.2.840.113549"
#define szOID_RSA_RSA "1.2.840.113549.1.1.1"
#define szOID_RSA_MD5RSA "1.2.840.113549.1.1.4"
#define szOID_RSA_SHA1RSA "1.2.840.113549.1.1.5"
#define szOID_RSA_SSA_PSS "1.2.840.113549.1.1.10"
#define szOID_RSA_SHA256RSA "1.2.840.113549.1.1.11"
#define szOID_RSA_SHA384RSA "1.2.840.113549.1.1.12"
#define szOID_RSA_SHA512RSA "1.2.840.113549.1.1.13"
#define szOID_RSA_emailAddr "1.2.840.113549.1.9.1"
#define szOID_ECC_PUBLIC_KEY "1.2.840.10045.2.1"
#define szOID_ECC_CURVE_P256 "1.2.840.10045.3.1.7"
#define szOID_ECC_CURVE_P384 "1.3.132.0.34"
#define szOID_ECC_CURVE_P521 "1.3.132.0.35"
#define szOID_ECDSA_SHA1 "1.2.840.10045.4.1"
#define szOID_ECDSA_SHA256 "1.2.840.10045.4.3.2"
#define szOID_ECDSA_SHA384 "1.2.840.10045.4.3.3"
#define szOID_ECDSA_SHA512 "1.2.840.10045.4.3.4"
#define szOID_OIWSEC_sha1 "1.3.14.3.2.26"
#define szOID_NIST_sha256 "2.16.840.1.101.3.4.2.1"
#define szOID_NIST_sha384 "2.16.840.1.101.3.4.2.2"
#define szOID_NIST_sha512 "2.16.840.1.101.3.4.2.3"
#define szOID_COMMON_NAME "2.5.4.3"
#define szOID_SUR_NAME "2.5.4.4"
#define szOID_DEVICE_SERIAL_NUMBER "2.5.4.5"
#define szOID_COUNTRY_NAME "2.5.4.6"
#define szOID_LOCALITY_NAME "2.5.4.7"
#define szOID_STATE_OR_PROVINCE_NAME "2.5.4.8"
#define szOID_STREET_ADDRESS "2.5.4.9"
#define szOID_ORGANIZATION_NAME "2.5.4.10"
#define szOID_ORGANIZATIONAL_UNIT_NAME "2.5.4.11"
#define szOID_TITLE "2.5.4.12"
#define szOID_DOMAIN_COMPONENT "0.9.2342.19200300.100.1.25"
#define szOID_SUBJECT_KEY_IDENTIFIER "2.5.29.14"
#define szOID_KEY_USAGE "2.5.29.15"
#define szOID_SUBJECT_ALT_NAME2 "2.5.29.17"
#define szOID_ISSUER_ALT_NAME2 "2.5.29.18"
#define szOID_BASIC_CONSTRAINTS2 "2.5.29.19"
#define szOID_AUTHORITY_KEY_IDENTIFIER2 "2.5.29.35"
#define szOID_ENHANCED_KEY_USAGE "2.5.29.37"
#define szOID_PKIX_KP_SERVER_AUTH "1.3.6.1.5.5.7.3.1"
#define szOID_PKIX_KP_CLIENT_AUTH "1.3.6.1.5.5.7.3.2"
// Ed25519 keys and signatures have no szOID_ name in the Windows SDK; their
// pszObjId is "1.3.101.112".

// Error codes.
//
// HRESULTs the functions below leave in GetLastError (as DWORDs), and the
// ones Schannel returns for certificate problems (CRYPT_E_REVOKED ...).
#ifndef E_INVALIDARG
#define E_INVALIDARG ((HRESULT)0x80070057L)
#endif
#ifndef E_OUTOFMEMORY
#define E_OUTOFMEMORY ((HRESULT)0x8007000EL)
#endif
#ifndef E_FAIL
#define E_FAIL ((HRESULT)0x80004005L)
#endif
#define CRYPT_E_BAD_ENCODE ((HRESULT)0x80092002L)          // data does not decode (not a PFX)
#define CRYPT_E_NOT_FOUND ((HRESULT)0x80092004L)           // no (more) matching certificate / property
#define CRYPT_E_EXISTS ((HRESULT)0x80092005L)              // certificate already in the store
#define CRYPT_E_SELF_SIGNED ((HRESULT)0x80092007L)
#define CRYPT_E_NO_MATCH ((HRESULT)0x80092009L)
#define CRYPT_E_NO_KEY_PROPERTY ((HRESULT)0x8009200BL)
#define CRYPT_E_PENDING_CLOSE ((HRESULT)0x8009200FL)       // store closed with contexts still referenced
#define CRYPT_E_REVOKED ((HRESULT)0x80092010L)             // certificate revoked (certificate_revoked alert)
#define CRYPT_E_NO_REVOCATION_DLL ((HRESULT)0x80092011L)
#define CRYPT_E_NO_REVOCATION_CHECK ((HRESULT)0x80092012L)
#define CRYPT_E_REVOCATION_OFFLINE ((HRESULT)0x80092013L)
#define CRYPT_E_NOT_IN_REVOCATION_DATABASE ((HRESULT)0x80092014L)
#define CRYPT_E_ASN1_ERROR ((HRESULT)0x80093100L)
#define CRYPT_E_ASN1_EOD ((HRESULT)0x80093102L)
#define CRYPT_E_ASN1_CORRUPT ((HRESULT)0x80093103L)
#define CRYPT_E_ASN1_BADTAG ((HRESULT)0x8009310BL)         // bytes are not a DER certificate
#define CERT_E_EXPIRED ((HRESULT)0x800B0101L)
#define CERT_E_VALIDITYPERIODNESTING ((HRESULT)0x800B0102L)
#define CERT_E_ROLE ((HRESULT)0x800B0103L)
#define CERT_E_PATHLENCONST ((HRESULT)0x800B0104L)
#define CERT_E_CRITICAL ((HRESULT)0x800B0105L)
#define CERT_E_PURPOSE ((HRESULT)0x800B0106L)
#define CERT_E_ISSUERCHAINING ((HRESULT)0x800B0107L)
#define CERT_E_MALFORMED ((HRESULT)0x800B0108L)
#define CERT_E_UNTRUSTEDROOT ((HRESULT)0x800B0109L)
#define CERT_E_CHAINING ((HRESULT)0x800B010AL)
#define CERT_E_REVOKED ((HRESULT)0x800B010CL)
#define CERT_E_UNTRUSTEDTESTROOT ((HRESULT)0x800B010DL)
#define CERT_E_REVOCATION_FAILURE ((HRESULT)0x800B010EL)
#define CERT_E_CN_NO_MATCH ((HRESULT)0x800B010FL)
#define CERT_E_WRONG_USAGE ((HRESULT)0x800B0110L)
#define NTE_BAD_KEY ((HRESULT)0x80090003L)                 // private key does not decode
#define NTE_BAD_DATA ((HRESULT)0x80090005L)
#define NTE_BAD_SIGNATURE ((HRESULT)0x80090006L)
#define NTE_BAD_ALGID ((HRESULT)0x80090008L)
#define NTE_BAD_FLAGS ((HRESULT)0x80090009L)
#define NTE_NO_KEY ((HRESULT)0x8009000DL)                  // no private key found
#define NTE_NO_MEMORY ((HRESULT)0x8009000EL)
#define NTE_EXISTS ((HRESULT)0x8009000FL)
#define NTE_NOT_FOUND ((HRESULT)0x80090011L)
#define NTE_BAD_PUBLIC_KEY ((HRESULT)0x80090015L)
#define NTE_BAD_KEYSET ((HRESULT)0x80090016L)              // private key does not match the certificate
#define NTE_FAIL ((HRESULT)0x80090020L)
#define NTE_INVALID_PARAMETER ((HRESULT)0x80090027L)
#define NTE_NOT_SUPPORTED ((HRESULT)0x80090029L)

// PKCS#12 import.
//
// PFXImportCertStore is the usual way to get a certificate with a private
// key: it returns a memory store holding every certificate of the file, the
// private key attached to the certificate it belongs to.

// PFXImportCertStore decodes the PKCS#12 (PFX) file in `pPFX` with the
// password `szPassword` (UTF-16; NULL and L"" are both tried for an empty
// password, since PKCS#12 distinguishes them) and returns a new memory store
// with all its certificates, in file order. Each private key is attached to
// the certificate whose public key it matches; that certificate then reports
// CERT_KEY_PROV_INFO_PROP_ID and matches CERT_FIND_HAS_PRIVATE_KEY. A
// friendlyName bag attribute becomes CERT_FRIENDLY_NAME_PROP_ID. Supported
// encryption: PBES2 (PBKDF2 with AES-CBC or 3DES, OpenSSL 3's default),
// pbeWithSHAAnd3-KeyTripleDES-CBC, pbeWithSHAAnd40BitRC2-CBC and the other
// PKCS#12 PBEs; integrity: HMAC-SHA-1/SHA-2 and PBMAC1. `pPFX` is borrowed
// for the duration of the call. The caller owns the store and closes it with
// CertCloseStore; the keys live as long as the contexts that carry them.
//
// `dwFlags` are the CRYPT_* / PKCS12_* flags above; PKCS12_ONLY_CERTIFICATES
// imports no keys, the others are accepted and ignored.
//
// GetLastError on failure (NULL returned):
//   ERROR_INVALID_PASSWORD: the password is wrong.
//   CRYPT_E_BAD_ENCODE: the data is not a PFX, or uses an unsupported
//     algorithm or BER (indefinite-length) encoding.
//   E_INVALIDARG: `pPFX` is NULL, or its pbData is NULL or cbData 0.
//
// Differences from Windows: keys are never persisted (PKCS12_NO_PERSIST_KEY
// is implied), and PKCS#12 files in public-key integrity mode are rejected.
//
// https://learn.microsoft.com/windows/win32/api/wincrypt/nf-wincrypt-pfximportcertstore
HCERTSTORE WINAPI PFXImportCertStore(CRYPT_DATA_BLOB *pPFX, LPCWSTR szPassword, DWORD dwFlags);

// PFXIsPFXBlob reports whether `pPFX` decodes as a PKCS#12 PFX structure
// (without checking the password or the contents). NULL gives FALSE. It
// does not change the last error.
//
// https://learn.microsoft.com/windows/win32/api/wincrypt/nf-wincrypt-pfxispfxblob
BOOL WINAPI PFXIsPFXBlob(CRYPT_DATA_BLOB *pPFX);

// Certificate stores.
//
// A store is an ordered collection of certificate contexts. Enumeration
// returns them in insertion order and hands out the same CERT_CONTEXT
// pointer for a certificate every time. A store is safe for concurrent use.

// CertOpenStore opens a new, empty memory store. `lpszStoreProvider` must be
// CERT_STORE_PROV_MEMORY or the string sz_CERT_STORE_PROV_MEMORY ("Memory",
// any case); `dwEncodingType`, `hCryptProv`, `dwFlags` and `pvPara` are
// ignored. The caller owns the store and closes it with CertCloseStore.
//
// GetLastError on failure (NULL returned):
//   ERROR_FILE_NOT_FOUND: a provider Windows has but this library does not
//     (system stores such as "MY", files, registry, PKCS7, collections ...).
//   E_INVALIDARG: `lpszStoreProvider` is NULL or an unknown provider.
//
// Differences from Windows: only the memory provider exists.
//
// https://learn.microsoft.com/windows/win32/api/wincrypt/nf-wincrypt-certopenstore
HCERTSTORE WINAPI CertOpenStore(LPCSTR lpszStoreProvider, DWORD dwEncodingType,
                                HCRYPTPROV_LEGACY hCryptProv, DWORD dwFlags, const void *pvPara);

// CertCloseStore closes the store handle `hCertStore`. The store and its
// certificates stay alive until every context obtained from it has been
// freed; then everything is released.
//
// Returns TRUE, or FALSE with GetLastError:
//   CRYPT_E_PENDING_CLOSE: CERT_CLOSE_STORE_CHECK_FLAG was given and
//     contexts are still referenced (the handle is closed all the same).
//   E_INVALIDARG: `hCertStore` is not a store handle of this library, or is
//     already closed.
// A NULL `hCertStore` returns TRUE.
//
// Differences from Windows: CERT_CLOSE_STORE_FORCE_FLAG does not free
// contexts that are still referenced (that would leave the caller with
// dangling pointers); it behaves like a plain close.
//
// https://learn.microsoft.com/windows/win32/api/wincrypt/nf-wincrypt-certclosestore
BOOL WINAPI CertCloseStore(HCERTSTORE hCertStore, DWORD dwFlags);

// Certificate contexts.

// CertCreateCertificateContext parses the DER certificate `pbCertEncoded`
// (borrowed for the duration of the call; bytes after the certificate are
// ignored) and returns a new context with a reference for the caller, free it
// with CertFreeCertificateContext. The context has no private key and
// belongs to a private memory store (its hCertStore, which the caller must
// not close).
//
// GetLastError on failure (NULL returned):
//   E_INVALIDARG: `dwCertEncodingType` lacks X509_ASN_ENCODING, or
//     `pbCertEncoded` is NULL or `cbCertEncoded` is 0.
//   CRYPT_E_ASN1_BADTAG: the bytes are not a certificate.
//
// Differences from Windows: certificates are parsed with Go's crypto/x509,
// which rejects some malformed certificates Windows accepts (e.g. negative
// serial numbers).
//
// https://learn.microsoft.com/windows/win32/api/wincrypt/nf-wincrypt-certcreatecertificatecontext
PCCERT_CONTEXT WINAPI CertCreateCertificateContext(DWORD dwCertEncodingType,
                                                   const BYTE *pbCertEncoded, DWORD cbCertEncoded);

// CertAddEncodedCertificateToStore parses the DER certificate
// `pbCertEncoded` and adds it to `hCertStore` according to
// `dwAddDisposition` (CERT_STORE_ADD_*). If `ppCertContext` is not NULL it
// receives the context now in the store (with a reference for the caller),
// or NULL on failure.
//
// Returns TRUE, or FALSE with GetLastError:
//   CRYPT_E_EXISTS: CERT_STORE_ADD_NEW or CERT_STORE_ADD_NEWER and the
//     certificate is already there (and not older).
//   CRYPT_E_ASN1_BADTAG: the bytes are not a certificate.
//   E_INVALIDARG: unknown store, encoding type without X509_ASN_ENCODING,
//     NULL or empty `pbCertEncoded`, or an unknown disposition.
//
// https://learn.microsoft.com/windows/win32/api/wincrypt/nf-wincrypt-certaddencodedcertificatetostore
BOOL WINAPI CertAddEncodedCertificateToStore(HCERTSTORE hCertStore, DWORD dwCertEncodingType,
                                             const BYTE *pbCertEncoded, DWORD cbCertEncoded,
                                             DWORD dwAddDisposition, PCCERT_CONTEXT *ppCertContext);

// CertAddCertificateContextToStore adds a copy of `pCertContext` (from any
// store, properties and private key included) to `hCertStore` according to
// `dwAddDisposition`. If `ppStoreContext` is not NULL it receives the context
// now in the store (with a reference for the caller), or NULL on failure.
// `pCertContext` keeps its own reference.
//
// Returns TRUE, or FALSE with GetLastError:
//   CRYPT_E_EXISTS: as for CertAddEncodedCertificateToStore.
//   E_INVALIDARG: unknown store, `pCertContext` not a context of this
//     library, or an unknown disposition.
//
// https://learn.microsoft.com/windows/win32/api/wincrypt/nf-wincrypt-certaddcertificatecontexttostore
BOOL WINAPI CertAddCertificateContextToStore(HCERTSTORE hCertStore, PCCERT_CONTEXT pCertContext,
                                             DWORD dwAddDisposition, PCCERT_CONTEXT *ppStoreContext);

// CertEnumCertificatesInStore returns the certificate after
// `pPrevCertContext` in `hCertStore` (the first one when it is NULL) with a
// reference for the caller, and always releases the caller's reference on a
// non-NULL `pPrevCertContext`, even on failure. A loop that runs to the end
// therefore leaks nothing; a loop that stops early frees the last context it
// got.
//
// GetLastError when NULL is returned:
//   CRYPT_E_NOT_FOUND: no more certificates.
//   E_INVALIDARG: `hCertStore` is not a store of this library, or
//     `pPrevCertContext` is not a context of this library or belongs to
//     another store.
//
// https://learn.microsoft.com/windows/win32/api/wincrypt/nf-wincrypt-certenumcertificatesinstore
PCCERT_CONTEXT WINAPI CertEnumCertificatesInStore(HCERTSTORE hCertStore, PCCERT_CONTEXT pPrevCertContext);

// CertFindCertificateInStore returns the next certificate after
// `pPrevCertContext` (from the start when NULL) that matches `dwFindType` /
// `pvFindPara` (see the CERT_FIND_* list above), with a reference for the
// caller, and always releases the caller's reference on a non-NULL
// `pPrevCertContext`. The string find types match, ignoring case, a
// substring of the name rendered as "CN=host, O=Org" (CERT_X500_NAME_STR,
// in encoded order), of the values-only form "host, Org", or of the simple
// display name. `dwCertEncodingType` and `dwFindFlags` are ignored.
//
// GetLastError when NULL is returned:
//   CRYPT_E_NOT_FOUND: no (more) matching certificate, or a find type this
//     library does not implement (those marked above).
//   E_INVALIDARG: `hCertStore` or `pPrevCertContext` is invalid (as for
//     CertEnumCertificatesInStore), or `pvFindPara` is NULL for a find type
//     that needs it, or CERT_FIND_EXISTING names a context the library did
//     not create.
//
// https://learn.microsoft.com/windows/win32/api/wincrypt/nf-wincrypt-certfindcertificateinstore
PCCERT_CONTEXT WINAPI CertFindCertificateInStore(HCERTSTORE hCertStore, DWORD dwCertEncodingType,
                                                 DWORD dwFindFlags, DWORD dwFindType,
                                                 const void *pvFindPara, PCCERT_CONTEXT pPrevCertContext);

// CertDuplicateCertificateContext adds a reference to `pCertContext` and
// returns the same pointer. NULL returns NULL.
//
// GetLastError when NULL is returned for a non-NULL argument:
//   E_INVALIDARG: `pCertContext` is not a context of this library.
//
// https://learn.microsoft.com/windows/win32/api/wincrypt/nf-wincrypt-certduplicatecertificatecontext
PCCERT_CONTEXT WINAPI CertDuplicateCertificateContext(PCCERT_CONTEXT pCertContext);

// CertFreeCertificateContext releases one reference to `pCertContext`. The
// context's memory is freed when its last reference is gone and its store is
// closed (or it was replaced in its store). NULL returns TRUE.
//
// Returns TRUE, or FALSE with GetLastError:
//   E_INVALIDARG: `pCertContext` is not a live context of this library
//     (never returned by it, or already freed).
//
// Differences from Windows: Windows always returns TRUE and would crash on
// a bad pointer.
//
// https://learn.microsoft.com/windows/win32/api/wincrypt/nf-wincrypt-certfreecertificatecontext
BOOL WINAPI CertFreeCertificateContext(PCCERT_CONTEXT pCertContext);

// CertGetCertificateContextProperty copies property `dwPropId` of
// `pCertContext` into `pvData` with the usual two-call protocol: with
// `pvData` NULL it stores the size needed in `*pcbData` and returns TRUE;
// otherwise `*pcbData` is the buffer size on input and the size written (or
// needed) on output.
//
// Properties: CERT_SHA1_HASH_PROP_ID (= CERT_HASH_PROP_ID), CERT_MD5_HASH_PROP_ID,
// CERT_SHA256_HASH_PROP_ID, CERT_KEY_IDENTIFIER_PROP_ID,
// CERT_FRIENDLY_NAME_PROP_ID (when the PFX had one), and, for a certificate
// with a private key, CERT_KEY_PROV_INFO_PROP_ID (a CRYPT_KEY_PROV_INFO whose
// strings follow it in `pvData`: container L"libsecur32", provider
// L"libsecur32", dwProvType 0, dwKeySpec AT_KEYEXCHANGE) and
// CERT_KEY_SPEC_PROP_ID (a DWORD, AT_KEYEXCHANGE).
//
// Returns TRUE, or FALSE with GetLastError:
//   ERROR_MORE_DATA: `*pcbData` is too small; it now holds the size needed.
//   CRYPT_E_NOT_FOUND: the certificate does not have this property.
//   E_INVALIDARG: `pCertContext` is not a context of this library, or
//     `pcbData` is NULL.
//
// Differences from Windows: there is no key container behind
// CERT_KEY_PROV_INFO_PROP_ID (no CSP / CNG provider to open it with); it
// only says that a private key is attached. CERT_KEY_CONTEXT_PROP_ID and
// CERT_NCRYPT_KEY_HANDLE_PROP_ID are never present.
//
// https://learn.microsoft.com/windows/win32/api/wincrypt/nf-wincrypt-certgetcertificatecontextproperty
BOOL WINAPI CertGetCertificateContextProperty(PCCERT_CONTEXT pCertContext, DWORD dwPropId,
                                              void *pvData, DWORD *pcbData);

// CertGetNameStringA renders a name of the certificate's subject (or of its
// issuer with CERT_NAME_ISSUER_FLAG in `dwFlags`) as selected by `dwType`
// (CERT_NAME_*_TYPE, see the list above) into `pszNameString`, a buffer of
// `cchNameString` characters, always NUL-terminated and truncated to fit.
// It returns the number of characters written including the NUL, or, when
// `pszNameString` is NULL or `cchNameString` is 0, the size needed. When the
// certificate has no such name the result is the empty string and 1.
// `pvTypePara`: for CERT_NAME_RDN_TYPE a DWORD * string type
// (CERT_X500_NAME_STR when NULL), for CERT_NAME_ATTR_TYPE a char * OID
// (szOID_COMMON_NAME when NULL), otherwise ignored. The A form writes UTF-8.
//
// An invalid `pCertContext` gives the empty string, 1, and GetLastError
// E_INVALIDARG.
//
// Differences from Windows: CERT_NAME_SEARCH_ALL_NAMES_FLAG is ignored (one
// name is returned); CERT_XML_NAME_STR renders as CERT_X500_NAME_STR.
//
// https://learn.microsoft.com/windows/win32/api/wincrypt/nf-wincrypt-certgetnamestringa
DWORD WINAPI CertGetNameStringA(PCCERT_CONTEXT pCertContext, DWORD dwType, DWORD dwFlags,
                                void *pvTypePara, LPSTR pszNameString, DWORD cchNameString);

// CertGetNameStringW is CertGetNameStringA writing UTF-16; sizes count WCHARs.
//
// https://learn.microsoft.com/windows/win32/api/wincrypt/nf-wincrypt-certgetnamestringw
DWORD WINAPI CertGetNameStringW(PCCERT_CONTEXT pCertContext, DWORD dwType, DWORD dwFlags,
                                void *pvTypePara, LPWSTR pszNameString, DWORD cchNameString);

#ifdef UNICODE
#define CertGetNameString CertGetNameStringW
#else
#define CertGetNameString CertGetNameStringA
#endif

#ifdef __cplusplus
}
#endif

#endif /* SECUR32_WINCRYPT_H */
