/*
 * test_certs.c - the crypt32 subset (wincrypt.h) and the PEM extension
 * (schannel_linux.h) through the public C API: PKCS#12 import for every
 * encoding and key type gen_certs.sh produces, stores, enumeration and find,
 * reference counting, properties, names, CERT_INFO fields, and NULL /
 * garbage arguments to every function.
 *
 * Usage: test_certs [TESTDATA]; TESTDATA defaults to $SECUR32_TESTDATA and
 * must hold the output of ctest/gen_certs.sh. Prints each failure with
 * file:line and ends with "N passed, M failed".
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <threads.h>
#include <time.h>

#include "windows.h"
#include "schannel_linux.h"

/* Leak check hook of the library (capi/handles.go); optional. */
extern int gosspi_LiveHandles(void) __attribute__((weak));

static int passed, failed;
static const char *datadir;

#define CHECK(cond)                                                         \
    do {                                                                    \
        if (cond) {                                                         \
            passed++;                                                       \
        } else {                                                            \
            failed++;                                                       \
            printf("%s:%d: FAIL: %s\n", __FILE__, __LINE__, #cond);         \
        }                                                                   \
    } while (0)

#define CHECK_ERR(code) check_err(__FILE__, __LINE__, (DWORD)(code), #code)

static void check_err(const char *file, int line, DWORD want, const char *name) {
    DWORD got = GetLastError();
    if (got == want) {
        passed++;
    } else {
        failed++;
        printf("%s:%d: FAIL: GetLastError() = 0x%08X, want %s (0x%08X)\n", file, line, (unsigned)got, name,
               (unsigned)want);
    }
}

#define CHECK_STR(got, want) check_str(__FILE__, __LINE__, (got), (want))

static void check_str(const char *file, int line, const char *got, const char *want) {
    if (got && strcmp(got, want) == 0) {
        passed++;
    } else {
        failed++;
        printf("%s:%d: FAIL: got \"%s\", want \"%s\"\n", file, line, got ? got : "(null)", want);
    }
}

#define ENC (X509_ASN_ENCODING | PKCS_7_ASN_ENCODING)

/* ---- Helpers ---- */

static BYTE *read_file(const char *name, DWORD *len) {
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", datadir, name);
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    BYTE *buf = malloc(n > 0 ? (size_t)n : 1);
    if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    if (len) *len = (DWORD)n;
    return buf;
}

static int file_exists(const char *name) {
    BYTE *b = read_file(name, NULL);
    free(b);
    return b != NULL;
}

/* read_hex reads a one-line hex file (fingerprint, serial) into out; returns
 * the number of bytes. */
static DWORD read_hex(const char *name, BYTE *out, DWORD max) {
    DWORD len = 0, n = 0;
    char *text = (char *)read_file(name, &len);
    if (!text) return 0;
    for (DWORD i = 0; i + 1 < len && n < max; i += 2) {
        unsigned v;
        char pair[3] = {text[i], text[i + 1], 0};
        if (sscanf(pair, "%2x", &v) != 1) break;
        out[n++] = (BYTE)v;
    }
    free(text);
    return n;
}

static char *path_of(const char *name) {
    static char buf[4][1024];
    static int next;
    char *p = buf[next++ % 4];
    snprintf(p, sizeof buf[0], "%s/%s", datadir, name);
    return p;
}

static HCERTSTORE import_pfx(const char *name, LPCWSTR password, DWORD flags) {
    CRYPT_DATA_BLOB blob = {0, NULL};
    blob.pbData = read_file(name, &blob.cbData);
    if (!blob.pbData) {
        printf("cannot read %s/%s (run gen_certs.sh)\n", datadir, name);
        return NULL;
    }
    HCERTSTORE s = PFXImportCertStore(&blob, password, flags);
    free(blob.pbData);
    return s;
}

static int count_certs(HCERTSTORE store) {
    int n = 0;
    PCCERT_CONTEXT c = NULL;
    while ((c = CertEnumCertificatesInStore(store, c)) != NULL) n++;
    return n;
}

static int has_sha1(PCCERT_CONTEXT ctx, const char *sha1file) {
    BYTE want[20], got[20];
    DWORD cb = sizeof got;
    if (read_hex(sha1file, want, sizeof want) != 20) return 0;
    if (!CertGetCertificateContextProperty(ctx, CERT_SHA1_HASH_PROP_ID, got, &cb)) return 0;
    return cb == 20 && memcmp(got, want, 20) == 0;
}

static int wequal(const WCHAR *a, const char *b) {
    for (; *b; a++, b++)
        if (*a != (WCHAR)(unsigned char)*b) return 0;
    return *a == 0;
}

static time_t filetime_to_unix(FILETIME ft) {
    ULONGLONG t = ((ULONGLONG)ft.dwHighDateTime << 32) | ft.dwLowDateTime;
    return (time_t)((t - 116444736000000000ULL) / 10000000ULL);
}

static const CERT_EXTENSION *find_ext(PCCERT_CONTEXT c, const char *oid) {
    for (DWORD i = 0; i < c->pCertInfo->cExtension; i++)
        if (strcmp(c->pCertInfo->rgExtension[i].pszObjId, oid) == 0) return &c->pCertInfo->rgExtension[i];
    return NULL;
}

/* ---- Struct layouts: Windows x64 (spec §3.5) ---- */

static void test_layouts(void) {
    CHECK(sizeof(ALG_ID) == 4);
    CHECK(sizeof(HCERTSTORE) == 8 && sizeof(HCRYPTPROV) == 8);
    CHECK(sizeof(CRYPT_INTEGER_BLOB) == 16 && sizeof(CERT_NAME_BLOB) == 16 && sizeof(CRYPT_HASH_BLOB) == 16);
    CHECK(sizeof(CRYPT_BIT_BLOB) == 24 && offsetof(CRYPT_BIT_BLOB, cUnusedBits) == 16);
    CHECK(sizeof(CRYPT_ALGORITHM_IDENTIFIER) == 24 && offsetof(CRYPT_ALGORITHM_IDENTIFIER, Parameters) == 8);
    CHECK(sizeof(CERT_PUBLIC_KEY_INFO) == 48 && offsetof(CERT_PUBLIC_KEY_INFO, PublicKey) == 24);
    CHECK(sizeof(CERT_EXTENSION) == 32 && offsetof(CERT_EXTENSION, fCritical) == 8 &&
          offsetof(CERT_EXTENSION, Value) == 16);
    CHECK(sizeof(CERT_CONTEXT) == 40);
    CHECK(offsetof(CERT_CONTEXT, pbCertEncoded) == 8 && offsetof(CERT_CONTEXT, cbCertEncoded) == 16 &&
          offsetof(CERT_CONTEXT, pCertInfo) == 24 && offsetof(CERT_CONTEXT, hCertStore) == 32);
    CHECK(sizeof(CERT_INFO) == 208);
    CHECK(offsetof(CERT_INFO, SerialNumber) == 8 && offsetof(CERT_INFO, SignatureAlgorithm) == 24 &&
          offsetof(CERT_INFO, Issuer) == 48 && offsetof(CERT_INFO, NotBefore) == 64 &&
          offsetof(CERT_INFO, NotAfter) == 72 && offsetof(CERT_INFO, Subject) == 80 &&
          offsetof(CERT_INFO, SubjectPublicKeyInfo) == 96 && offsetof(CERT_INFO, IssuerUniqueId) == 144 &&
          offsetof(CERT_INFO, SubjectUniqueId) == 168 && offsetof(CERT_INFO, cExtension) == 192 &&
          offsetof(CERT_INFO, rgExtension) == 200);
    CHECK(sizeof(CRYPT_KEY_PROV_INFO) == 48);
    CHECK(offsetof(CRYPT_KEY_PROV_INFO, pwszProvName) == 8 && offsetof(CRYPT_KEY_PROV_INFO, dwProvType) == 16 &&
          offsetof(CRYPT_KEY_PROV_INFO, dwFlags) == 20 && offsetof(CRYPT_KEY_PROV_INFO, cProvParam) == 24 &&
          offsetof(CRYPT_KEY_PROV_INFO, rgProvParam) == 32 && offsetof(CRYPT_KEY_PROV_INFO, dwKeySpec) == 40);
    CHECK(sizeof(CRYPT_KEY_PROV_PARAM) == 24);
    CHECK((DWORD)CRYPT_E_NOT_FOUND == 0x80092004u && (DWORD)E_INVALIDARG == 0x80070057u);
}

/* ---- PKCS#12 import, every encoding and key type ---- */

static const char *const kinds[] = {"rsa", "p256", "p384", "ed25519"};

static void check_imported_leaf(HCERTSTORE store, const char *kind, int has_friendly_name) {
    char name[64];
    PCCERT_CONTEXT ctx = CertFindCertificateInStore(store, ENC, 0, CERT_FIND_HAS_PRIVATE_KEY, NULL, NULL);
    CHECK(ctx != NULL);
    if (!ctx) return;
    CHECK(ctx->hCertStore == store);
    CHECK(ctx->dwCertEncodingType == X509_ASN_ENCODING);
    CHECK(ctx->pCertInfo != NULL && ctx->pCertInfo->dwVersion == 2);
    snprintf(name, sizeof name, "%s.sha1", kind);
    CHECK(has_sha1(ctx, name));

    DWORD derlen = 0;
    snprintf(name, sizeof name, "%s.der", kind);
    BYTE *der = read_file(name, &derlen);
    CHECK(der && ctx->cbCertEncoded == derlen && memcmp(ctx->pbCertEncoded, der, derlen) == 0);
    free(der);

    /* The private key shows as CERT_KEY_PROV_INFO_PROP_ID (two-call protocol). */
    DWORD cb = 0;
    CHECK(CertGetCertificateContextProperty(ctx, CERT_KEY_PROV_INFO_PROP_ID, NULL, &cb));
    CHECK(cb >= sizeof(CRYPT_KEY_PROV_INFO));
    CRYPT_KEY_PROV_INFO *kpi = malloc(cb);
    CHECK(kpi && CertGetCertificateContextProperty(ctx, CERT_KEY_PROV_INFO_PROP_ID, kpi, &cb));
    if (kpi) {
        CHECK(kpi->pwszContainerName && wequal(kpi->pwszContainerName, "libsecur32"));
        CHECK(kpi->dwKeySpec == AT_KEYEXCHANGE);
        CHECK((BYTE *)kpi->pwszContainerName >= (BYTE *)kpi && (BYTE *)kpi->pwszContainerName < (BYTE *)kpi + cb);
        free(kpi);
    }
    DWORD spec = 0;
    cb = sizeof spec;
    CHECK(CertGetCertificateContextProperty(ctx, CERT_KEY_SPEC_PROP_ID, &spec, &cb) && spec == AT_KEYEXCHANGE);

    char buf[128];
    CHECK(CertGetNameStringA(ctx, CERT_NAME_SIMPLE_DISPLAY_TYPE, 0, NULL, buf, sizeof buf) == 10);
    CHECK_STR(buf, "localhost");
    CHECK(CertGetNameStringA(ctx, CERT_NAME_DNS_TYPE, 0, NULL, buf, sizeof buf) == 10);
    CHECK_STR(buf, "localhost");

    WCHAR fn[64];
    cb = sizeof fn;
    BOOL got = CertGetCertificateContextProperty(ctx, CERT_FRIENDLY_NAME_PROP_ID, fn, &cb);
    if (has_friendly_name) {
        char want[64];
        snprintf(want, sizeof want, "libsecur32 %s", kind);
        CHECK(got && wequal(fn, want));
        CertGetNameStringA(ctx, CERT_NAME_FRIENDLY_DISPLAY_TYPE, 0, NULL, buf, sizeof buf);
        CHECK_STR(buf, want);
    } else {
        CHECK(!got);
        CHECK_ERR(CRYPT_E_NOT_FOUND);
        CertGetNameStringA(ctx, CERT_NAME_FRIENDLY_DISPLAY_TYPE, 0, NULL, buf, sizeof buf);
        CHECK_STR(buf, "localhost");
    }

    /* Only one certificate, and it has the key. */
    CHECK(CertFindCertificateInStore(store, ENC, 0, CERT_FIND_HAS_PRIVATE_KEY, NULL, ctx) == NULL);
    CHECK_ERR(CRYPT_E_NOT_FOUND);
}

static void test_pfx_import(void) {
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
        const char *kind = kinds[k];
        char name[64];
        HCERTSTORE s;

        snprintf(name, sizeof name, "%s-aes.pfx", kind);
        s = import_pfx(name, u"pass", CRYPT_EXPORTABLE | PKCS12_NO_PERSIST_KEY);
        CHECK(s != NULL);
        if (s) {
            check_imported_leaf(s, kind, 1);
            CHECK(count_certs(s) == 1);
            CHECK(CertCloseStore(s, CERT_CLOSE_STORE_CHECK_FLAG));
        }
        SetLastError(0);
        CHECK(import_pfx(name, u"wrong", 0) == NULL);
        CHECK_ERR(ERROR_INVALID_PASSWORD);
        CHECK(import_pfx(name, NULL, 0) == NULL);
        CHECK_ERR(ERROR_INVALID_PASSWORD);

        /* Empty password: both L"" and NULL open it. */
        snprintf(name, sizeof name, "%s-aes-empty.pfx", kind);
        s = import_pfx(name, u"", CRYPT_USER_KEYSET);
        CHECK(s != NULL);
        if (s) {
            check_imported_leaf(s, kind, 1);
            CHECK(CertCloseStore(s, CERT_CLOSE_STORE_CHECK_FLAG));
        }
        s = import_pfx(name, NULL, 0);
        CHECK(s != NULL);
        if (s) CHECK(CertCloseStore(s, 0));
        CHECK(import_pfx(name, u"pass", 0) == NULL);
        CHECK_ERR(ERROR_INVALID_PASSWORD);

        /* Legacy 3DES with a SHA-1 MAC. */
        snprintf(name, sizeof name, "%s-3des.pfx", kind);
        s = import_pfx(name, u"pass", PKCS12_ALWAYS_CNG_KSP);
        CHECK(s != NULL);
        if (s) {
            check_imported_leaf(s, kind, 0);
            CHECK(CertCloseStore(s, CERT_CLOSE_STORE_CHECK_FLAG));
        }
        CHECK(import_pfx(name, u"Pass", 0) == NULL);
        CHECK_ERR(ERROR_INVALID_PASSWORD);
    }

    if (file_exists("rsa-rc2.pfx")) {
        HCERTSTORE s = import_pfx("rsa-rc2.pfx", u"pass", 0);
        CHECK(s != NULL);
        if (s) {
            check_imported_leaf(s, "rsa", 0);
            CHECK(CertCloseStore(s, CERT_CLOSE_STORE_CHECK_FLAG));
        }
    }

    /* PKCS12_ONLY_CERTIFICATES imports no key. */
    HCERTSTORE s = import_pfx("rsa-aes.pfx", u"pass", PKCS12_ONLY_CERTIFICATES);
    CHECK(s != NULL);
    if (s) {
        CHECK(count_certs(s) == 1);
        CHECK(CertFindCertificateInStore(s, ENC, 0, CERT_FIND_HAS_PRIVATE_KEY, NULL, NULL) == NULL);
        CHECK_ERR(CRYPT_E_NOT_FOUND);
        CHECK(CertCloseStore(s, CERT_CLOSE_STORE_CHECK_FLAG));
    }

    /* A certificate-only PFX. */
    s = import_pfx("certonly.pfx", u"pass", 0);
    CHECK(s != NULL);
    if (s) {
        PCCERT_CONTEXT c = CertEnumCertificatesInStore(s, NULL);
        CHECK(c && has_sha1(c, "ca.sha1"));
        DWORD cb = 0;
        CHECK(!CertGetCertificateContextProperty(c, CERT_KEY_PROV_INFO_PROP_ID, NULL, &cb));
        CHECK_ERR(CRYPT_E_NOT_FOUND);
        CertFreeCertificateContext(c);
        CHECK(CertCloseStore(s, CERT_CLOSE_STORE_CHECK_FLAG));
    }
}

static void test_pfx_errors(void) {
    DWORD len = 0;
    CRYPT_DATA_BLOB blob;

    blob.pbData = read_file("garbage.bin", &blob.cbData);
    CHECK(blob.pbData != NULL);
    CHECK(!PFXIsPFXBlob(&blob));
    SetLastError(0);
    CHECK(PFXImportCertStore(&blob, u"pass", 0) == NULL);
    CHECK_ERR(CRYPT_E_BAD_ENCODE);
    free(blob.pbData);

    blob.pbData = read_file("rsa.der", &blob.cbData);
    CHECK(!PFXIsPFXBlob(&blob));
    CHECK(PFXImportCertStore(&blob, u"pass", 0) == NULL);
    CHECK_ERR(CRYPT_E_BAD_ENCODE);
    free(blob.pbData);

    blob.pbData = read_file("p256-aes.pfx", &len);
    blob.cbData = len;
    CHECK(PFXIsPFXBlob(&blob));
    blob.cbData = len / 2; /* truncated */
    CHECK(!PFXIsPFXBlob(&blob));
    CHECK(PFXImportCertStore(&blob, u"pass", 0) == NULL);
    CHECK_ERR(CRYPT_E_BAD_ENCODE);
    blob.cbData = 0;
    CHECK(PFXImportCertStore(&blob, u"pass", 0) == NULL);
    CHECK_ERR(E_INVALIDARG);
    free(blob.pbData);

    blob.pbData = NULL;
    blob.cbData = 10;
    CHECK(!PFXIsPFXBlob(&blob));
    CHECK(PFXImportCertStore(&blob, u"pass", 0) == NULL);
    CHECK_ERR(E_INVALIDARG);
    CHECK(!PFXIsPFXBlob(NULL));
    CHECK(PFXImportCertStore(NULL, NULL, 0) == NULL);
    CHECK_ERR(E_INVALIDARG);

    /* PFXIsPFXBlob leaves the last error alone. */
    SetLastError(0x1234);
    CHECK(!PFXIsPFXBlob(NULL));
    CHECK_ERR(0x1234);
}

/* ---- A chain in one PFX: enumeration, find, names ---- */

static void test_chain_pfx(void) {
    HCERTSTORE s = import_pfx("chain.pfx", u"pass", 0);
    CHECK(s != NULL);
    if (!s) return;
    CHECK(count_certs(s) == 3);

    /* Enumeration: file order (leaf first), the same pointers every time. */
    PCCERT_CONTEXT first[3] = {0}, c = NULL;
    for (int i = 0; i < 3; i++) {
        c = CertEnumCertificatesInStore(s, c);
        CHECK(c != NULL);
        first[i] = c;
    }
    SetLastError(0);
    CHECK(CertEnumCertificatesInStore(s, c) == NULL);
    CHECK_ERR(CRYPT_E_NOT_FOUND);
    CHECK(has_sha1(first[0], "leaf.sha1"));
    c = NULL;
    for (int i = 0; i < 3; i++) {
        c = CertEnumCertificatesInStore(s, c);
        CHECK(c == first[i]);
    }
    CertFreeCertificateContext(c);
    int leaf_seen = 0, inter_seen = 0, ca_seen = 0;
    for (int i = 0; i < 3; i++) {
        leaf_seen += has_sha1(first[i], "leaf.sha1");
        inter_seen += has_sha1(first[i], "inter.sha1");
        ca_seen += has_sha1(first[i], "ca.sha1");
    }
    CHECK(leaf_seen == 1 && inter_seen == 1 && ca_seen == 1);

    /* Find by SHA-1 (CRYPT_HASH_BLOB). */
    BYTE hash[20];
    CRYPT_HASH_BLOB hb = {read_hex("inter.sha1", hash, sizeof hash), hash};
    PCCERT_CONTEXT inter = CertFindCertificateInStore(s, ENC, 0, CERT_FIND_SHA1_HASH, &hb, NULL);
    CHECK(inter != NULL && has_sha1(inter, "inter.sha1"));
    CHECK(CertFindCertificateInStore(s, ENC, 0, CERT_FIND_HASH, &hb, inter) == NULL);
    CHECK_ERR(CRYPT_E_NOT_FOUND);
    hash[0] ^= 0xff;
    CHECK(CertFindCertificateInStore(s, ENC, 0, CERT_FIND_SHA1_HASH, &hb, NULL) == NULL);
    CHECK_ERR(CRYPT_E_NOT_FOUND);

    /* Find by subject / issuer string, A and W, ignoring case. */
    c = CertFindCertificateInStore(s, ENC, 0, CERT_FIND_SUBJECT_STR_A, "intermediate", NULL);
    CHECK(c && has_sha1(c, "inter.sha1"));
    CertFreeCertificateContext(c);
    c = CertFindCertificateInStore(s, ENC, 0, CERT_FIND_SUBJECT_STR_W, u"TEST ROOT", NULL);
    CHECK(c && has_sha1(c, "ca.sha1"));
    CertFreeCertificateContext(c);
    c = CertFindCertificateInStore(s, ENC, 0, CERT_FIND_SUBJECT_STR, u"CN=localhost, O=libsecur32", NULL);
    CHECK(c && has_sha1(c, "leaf.sha1"));
    CertFreeCertificateContext(c);
    int n = 0;
    c = NULL;
    while ((c = CertFindCertificateInStore(s, ENC, 0, CERT_FIND_ISSUER_STR_A, "Root CA", c)) != NULL) n++;
    CHECK(n == 2); /* the intermediate and the self-signed root */
    n = 0;
    while ((c = CertFindCertificateInStore(s, ENC, 0, CERT_FIND_ANY, NULL, c)) != NULL) n++;
    CHECK(n == 3);

    /* Find by private key: only the leaf. */
    PCCERT_CONTEXT leaf = CertFindCertificateInStore(s, ENC, 0, CERT_FIND_HAS_PRIVATE_KEY, NULL, NULL);
    CHECK(leaf != NULL && has_sha1(leaf, "leaf.sha1"));
    if (!leaf) return;

    /* Find by exact DER names, existing context, MD5, public key, key id,
     * issuer+serial. */
    c = CertFindCertificateInStore(s, ENC, 0, CERT_FIND_SUBJECT_NAME, &leaf->pCertInfo->Subject, NULL);
    CHECK(c == leaf);
    CertFreeCertificateContext(c);
    n = 0;
    c = NULL;
    while ((c = CertFindCertificateInStore(s, ENC, 0, CERT_FIND_ISSUER_NAME, &inter->pCertInfo->Subject, c)))
        n++;
    CHECK(n == 1);
    c = CertFindCertificateInStore(s, ENC, 0, CERT_FIND_EXISTING, leaf, NULL);
    CHECK(c == leaf);
    CertFreeCertificateContext(c);
    BYTE md5[16];
    DWORD cb = sizeof md5;
    CHECK(CertGetCertificateContextProperty(leaf, CERT_MD5_HASH_PROP_ID, md5, &cb) && cb == 16);
    CRYPT_HASH_BLOB mb = {16, md5};
    c = CertFindCertificateInStore(s, ENC, 0, CERT_FIND_MD5_HASH, &mb, NULL);
    CHECK(c == leaf);
    CertFreeCertificateContext(c);
    c = CertFindCertificateInStore(s, ENC, 0, CERT_FIND_PUBLIC_KEY, &leaf->pCertInfo->SubjectPublicKeyInfo, NULL);
    CHECK(c == leaf);
    CertFreeCertificateContext(c);
    BYTE keyid[64];
    cb = sizeof keyid;
    CHECK(CertGetCertificateContextProperty(leaf, CERT_KEY_IDENTIFIER_PROP_ID, keyid, &cb) && cb == 20);
    CRYPT_HASH_BLOB kb = {cb, keyid};
    c = CertFindCertificateInStore(s, ENC, 0, CERT_FIND_KEY_IDENTIFIER, &kb, NULL);
    CHECK(c == leaf);
    CertFreeCertificateContext(c);
    c = CertFindCertificateInStore(s, ENC, 0, CERT_FIND_SUBJECT_CERT, leaf->pCertInfo, NULL);
    CHECK(c == leaf);
    CertFreeCertificateContext(c);

    /* Unsupported find types fail with CRYPT_E_NOT_FOUND. */
    SetLastError(0);
    CHECK(CertFindCertificateInStore(s, ENC, 0, CERT_FIND_ENHKEY_USAGE, &hb, NULL) == NULL);
    CHECK_ERR(CRYPT_E_NOT_FOUND);

    /* Names. */
    char buf[128];
    CertGetNameStringA(leaf, CERT_NAME_SIMPLE_DISPLAY_TYPE, CERT_NAME_ISSUER_FLAG, NULL, buf, sizeof buf);
    CHECK_STR(buf, "libsecur32 Test Intermediate CA");
    CHECK(CertGetNameStringA(leaf, CERT_NAME_RDN_TYPE, 0, NULL, buf, sizeof buf) == strlen("CN=localhost, O=libsecur32 test") + 1);
    CHECK_STR(buf, "CN=localhost, O=libsecur32 test");
    DWORD strType = CERT_X500_NAME_STR | CERT_NAME_STR_REVERSE_FLAG;
    CertGetNameStringA(leaf, CERT_NAME_RDN_TYPE, 0, &strType, buf, sizeof buf);
    CHECK_STR(buf, "O=libsecur32 test, CN=localhost");
    strType = CERT_SIMPLE_NAME_STR;
    CertGetNameStringA(leaf, CERT_NAME_RDN_TYPE, 0, &strType, buf, sizeof buf);
    CHECK_STR(buf, "localhost, libsecur32 test");
    strType = CERT_OID_NAME_STR | CERT_NAME_STR_SEMICOLON_FLAG;
    CertGetNameStringA(leaf, CERT_NAME_RDN_TYPE, 0, &strType, buf, sizeof buf);
    CHECK_STR(buf, "2.5.4.3=localhost; 2.5.4.10=libsecur32 test");
    CertGetNameStringA(leaf, CERT_NAME_ATTR_TYPE, 0, szOID_ORGANIZATION_NAME, buf, sizeof buf);
    CHECK_STR(buf, "libsecur32 test");
    CertGetNameStringA(leaf, CERT_NAME_ATTR_TYPE, 0, NULL, buf, sizeof buf);
    CHECK_STR(buf, "localhost");
    CertGetNameStringA(leaf, CERT_NAME_RDN_TYPE, CERT_NAME_ISSUER_FLAG, NULL, buf, sizeof buf);
    CHECK_STR(buf, "CN=libsecur32 Test Intermediate CA, O=libsecur32 test");
    CertGetNameStringA(leaf, CERT_NAME_FRIENDLY_DISPLAY_TYPE, 0, NULL, buf, sizeof buf);
    CHECK_STR(buf, "libsecur32 chain");
    /* Nothing matches: the empty string, 1. */
    strcpy(buf, "xxxx");
    CHECK(CertGetNameStringA(leaf, CERT_NAME_URL_TYPE, 0, NULL, buf, sizeof buf) == 1);
    CHECK_STR(buf, "");
    CHECK(CertGetNameStringA(leaf, CERT_NAME_UPN_TYPE, 0, NULL, buf, sizeof buf) == 1);
    CHECK(CertGetNameStringA(leaf, CERT_NAME_EMAIL_TYPE, 0, NULL, buf, sizeof buf) == 1);
    CHECK(CertGetNameStringA(leaf, 99, 0, NULL, buf, sizeof buf) == 1);
    /* Size query and truncation. */
    CHECK(CertGetNameStringA(leaf, CERT_NAME_SIMPLE_DISPLAY_TYPE, 0, NULL, NULL, 0) == 10);
    CHECK(CertGetNameStringA(leaf, CERT_NAME_SIMPLE_DISPLAY_TYPE, 0, NULL, buf, 0) == 10);
    CHECK(CertGetNameStringA(leaf, CERT_NAME_SIMPLE_DISPLAY_TYPE, 0, NULL, buf, 4) == 4);
    CHECK_STR(buf, "loc");
    CHECK(CertGetNameStringA(leaf, CERT_NAME_SIMPLE_DISPLAY_TYPE, 0, NULL, buf, 1) == 1);
    CHECK_STR(buf, "");
    WCHAR wbuf[64];
    CHECK(CertGetNameStringW(leaf, CERT_NAME_DNS_TYPE, 0, NULL, wbuf, 64) == 10);
    CHECK(wequal(wbuf, "localhost"));
    CHECK(CertGetNameStringW(leaf, CERT_NAME_DNS_TYPE, 0, NULL, NULL, 0) == 10);
    CHECK(CertGetNameStringW(leaf, CERT_NAME_DNS_TYPE, 0, NULL, wbuf, 3) == 3);
    CHECK(wequal(wbuf, "lo"));
    CHECK(CertGetNameString(leaf, CERT_NAME_SIMPLE_DISPLAY_TYPE, 0, NULL, buf, sizeof buf) == 10);

    CertFreeCertificateContext(inter);
    CertFreeCertificateContext(leaf);
    CHECK(CertCloseStore(s, CERT_CLOSE_STORE_CHECK_FLAG));
}

/* ---- Reference counting and store lifetime ---- */

static void test_refcounts(void) {
    HCERTSTORE s = import_pfx("p256-aes.pfx", u"pass", 0);
    CHECK(s != NULL);
    if (!s) return;
    PCCERT_CONTEXT c = CertEnumCertificatesInStore(s, NULL);
    CHECK(c != NULL);
    if (!c) return;

    /* Duplicate returns the same pointer; each reference is freed once. */
    CHECK(CertDuplicateCertificateContext(c) == c);
    CHECK(CertDuplicateCertificateContext(c) == c);
    CHECK(CertFreeCertificateContext(c));
    CHECK(CertFreeCertificateContext(c));

    /* Closing with a context outstanding: CHECK flag reports it, the
     * context and its store stay usable. */
    SetLastError(0);
    CHECK(!CertCloseStore(s, CERT_CLOSE_STORE_CHECK_FLAG));
    CHECK_ERR(CRYPT_E_PENDING_CLOSE);
    CHECK(c->hCertStore == s);
    CHECK(c->pCertInfo->Subject.cbData > 0);
    char buf[64];
    CertGetNameStringA(c, CERT_NAME_SIMPLE_DISPLAY_TYPE, 0, NULL, buf, sizeof buf);
    CHECK_STR(buf, "localhost");
    PCCERT_CONTEXT again = CertEnumCertificatesInStore(c->hCertStore, NULL);
    CHECK(again == c);
    CertFreeCertificateContext(again);
    /* The handle is closed: closing it again fails. */
    CHECK(!CertCloseStore(s, 0));
    CHECK_ERR(E_INVALIDARG);

    /* The last reference frees the context and the store. */
    CHECK(CertFreeCertificateContext(c));
    CHECK(!CertFreeCertificateContext(c));
    CHECK_ERR(E_INVALIDARG);
    CHECK(!CertCloseStore(s, 0));
    CHECK_ERR(E_INVALIDARG);
    CHECK(CertEnumCertificatesInStore(s, NULL) == NULL);
    CHECK_ERR(E_INVALIDARG);

    /* FORCE closes like a plain close; contexts stay valid. */
    s = import_pfx("p256-aes.pfx", u"pass", 0);
    c = CertEnumCertificatesInStore(s, NULL);
    CHECK(CertCloseStore(s, CERT_CLOSE_STORE_FORCE_FLAG));
    CHECK(c && c->pCertInfo->cExtension > 0);
    CHECK(CertFreeCertificateContext(c));

    /* Freeing a context whose reference the store still holds (refcount 0,
     * store open) is refused. */
    s = import_pfx("p256-aes.pfx", u"pass", 0);
    c = CertEnumCertificatesInStore(s, NULL);
    CHECK(CertFreeCertificateContext(c));
    CHECK(!CertFreeCertificateContext(c));
    CHECK_ERR(E_INVALIDARG);
    CHECK(CertCloseStore(s, CERT_CLOSE_STORE_CHECK_FLAG));

    CHECK(CertCloseStore(NULL, 0));
    CHECK(CertFreeCertificateContext(NULL));
    CHECK(CertDuplicateCertificateContext(NULL) == NULL);
}

/* ---- Memory stores, adding certificates ---- */

static void test_memory_store(void) {
    DWORD derlen = 0, p256len = 0;
    BYTE *der = read_file("rsa.der", &derlen);
    BYTE *p256 = read_file("p256.der", &p256len);
    CHECK(der && p256);
    if (!der || !p256) return;

    HCERTSTORE s = CertOpenStore(CERT_STORE_PROV_MEMORY, 0, 0, CERT_STORE_CREATE_NEW_FLAG, NULL);
    CHECK(s != NULL);
    HCERTSTORE s2 = CertOpenStore(sz_CERT_STORE_PROV_MEMORY, ENC, 0, 0, NULL);
    CHECK(s2 != NULL && s2 != s);
    HCERTSTORE s3 = CertOpenStore("memory", 0, 0, 0, NULL);
    CHECK(s3 != NULL);
    CHECK(CertCloseStore(s3, CERT_CLOSE_STORE_CHECK_FLAG));
    CHECK(count_certs(s) == 0);
    SetLastError(0);
    CHECK(CertEnumCertificatesInStore(s, NULL) == NULL);
    CHECK_ERR(CRYPT_E_NOT_FOUND);

    /* Unsupported providers. */
    CHECK(CertOpenStore(CERT_STORE_PROV_SYSTEM_W, 0, 0, CERT_SYSTEM_STORE_CURRENT_USER, u"MY") == NULL);
    CHECK_ERR(ERROR_FILE_NOT_FOUND);
    CHECK(CertOpenStore(CERT_STORE_PROV_SYSTEM_A, 0, 0, CERT_SYSTEM_STORE_LOCAL_MACHINE, "MY") == NULL);
    CHECK_ERR(ERROR_FILE_NOT_FOUND);
    CHECK(CertOpenStore(sz_CERT_STORE_PROV_SYSTEM, 0, 0, 0, u"MY") == NULL);
    CHECK_ERR(ERROR_FILE_NOT_FOUND);
    CHECK(CertOpenStore(CERT_STORE_PROV_FILENAME_A, 0, 0, 0, "/tmp/x") == NULL);
    CHECK_ERR(ERROR_FILE_NOT_FOUND);
    CHECK(CertOpenStore(NULL, 0, 0, 0, NULL) == NULL);
    CHECK_ERR(E_INVALIDARG);
    CHECK(CertOpenStore((LPCSTR)(ULONG_PTR)1000, 0, 0, 0, NULL) == NULL);
    CHECK_ERR(E_INVALIDARG);
    CHECK(CertOpenStore("NoSuchProvider", 0, 0, 0, NULL) == NULL);
    CHECK_ERR(E_INVALIDARG);

    /* The dispositions. */
    PCCERT_CONTEXT a = NULL, b = NULL;
    CHECK(CertAddEncodedCertificateToStore(s, X509_ASN_ENCODING, der, derlen, CERT_STORE_ADD_NEW, &a));
    CHECK(a != NULL && a->hCertStore == s && has_sha1(a, "rsa.sha1"));
    b = (PCCERT_CONTEXT)1;
    CHECK(!CertAddEncodedCertificateToStore(s, ENC, der, derlen, CERT_STORE_ADD_NEW, &b));
    CHECK_ERR(CRYPT_E_EXISTS);
    CHECK(b == NULL);
    CHECK(CertAddEncodedCertificateToStore(s, ENC, der, derlen, CERT_STORE_ADD_USE_EXISTING, &b));
    CHECK(b == a);
    CertFreeCertificateContext(b);
    CHECK(CertAddEncodedCertificateToStore(s, ENC, der, derlen, CERT_STORE_ADD_REPLACE_EXISTING, &b));
    CHECK(b != NULL && has_sha1(b, "rsa.sha1"));
    CHECK(count_certs(s) == 1);
    /* The replaced context stays valid while referenced. */
    CHECK(a->pCertInfo->dwVersion == 2);
    CHECK(CertFreeCertificateContext(a));
    CHECK(CertFreeCertificateContext(b));
    CHECK(!CertAddEncodedCertificateToStore(s, ENC, der, derlen, CERT_STORE_ADD_NEWER, NULL));
    CHECK_ERR(CRYPT_E_EXISTS);
    CHECK(CertAddEncodedCertificateToStore(s, ENC, der, derlen, CERT_STORE_ADD_ALWAYS, NULL));
    CHECK(CertAddEncodedCertificateToStore(s, ENC, p256, p256len, CERT_STORE_ADD_NEW, NULL));
    CHECK(count_certs(s) == 3);
    CHECK(!CertAddEncodedCertificateToStore(s, ENC, der, derlen, 99, NULL));
    CHECK_ERR(E_INVALIDARG);
    CHECK(!CertAddEncodedCertificateToStore(s, 0, der, derlen, CERT_STORE_ADD_ALWAYS, NULL));
    CHECK_ERR(E_INVALIDARG);
    CHECK(!CertAddEncodedCertificateToStore(s, ENC, (const BYTE *)"garbage", 7, CERT_STORE_ADD_ALWAYS, NULL));
    CHECK_ERR(CRYPT_E_ASN1_BADTAG);
    CHECK(!CertAddEncodedCertificateToStore(s, ENC, NULL, 10, CERT_STORE_ADD_ALWAYS, NULL));
    CHECK_ERR(E_INVALIDARG);
    CHECK(!CertAddEncodedCertificateToStore(NULL, ENC, der, derlen, CERT_STORE_ADD_ALWAYS, NULL));
    CHECK_ERR(E_INVALIDARG);

    /* Copying a context with its key into another store. */
    HCERTSTORE pfx = import_pfx("rsa-aes.pfx", u"pass", 0);
    PCCERT_CONTEXT k = CertEnumCertificatesInStore(pfx, NULL);
    PCCERT_CONTEXT copy = NULL;
    CHECK(CertAddCertificateContextToStore(s2, k, CERT_STORE_ADD_ALWAYS, &copy));
    CHECK(copy != NULL && copy != k && copy->hCertStore == s2);
    DWORD cb = 0;
    CHECK(CertGetCertificateContextProperty(copy, CERT_KEY_PROV_INFO_PROP_ID, NULL, &cb));
    PCCERT_CONTEXT found = CertFindCertificateInStore(s2, ENC, 0, CERT_FIND_EXISTING, k, NULL);
    CHECK(found == copy);
    CertFreeCertificateContext(found);
    CertFreeCertificateContext(copy);
    /* A store without the private key gets it with USE_EXISTING. */
    CHECK(CertAddCertificateContextToStore(s, k, CERT_STORE_ADD_USE_EXISTING, &copy));
    CHECK(copy != NULL && copy->hCertStore == s);
    CHECK(CertGetCertificateContextProperty(copy, CERT_KEY_PROV_INFO_PROP_ID, NULL, &cb));
    CertFreeCertificateContext(copy);
    CHECK(CertFreeCertificateContext(k));
    CHECK(CertCloseStore(pfx, CERT_CLOSE_STORE_CHECK_FLAG));

    CHECK(CertCloseStore(s, CERT_CLOSE_STORE_CHECK_FLAG));
    CHECK(CertCloseStore(s2, CERT_CLOSE_STORE_CHECK_FLAG));
    free(der);
    free(p256);
}

static void test_create_context(void) {
    DWORD derlen = 0;
    BYTE *der = read_file("p256.der", &derlen);
    CHECK(der != NULL);
    if (!der) return;

    PCCERT_CONTEXT c = CertCreateCertificateContext(X509_ASN_ENCODING, der, derlen);
    CHECK(c != NULL);
    if (!c) return;
    CHECK(c->hCertStore != NULL);
    CHECK(c->pbCertEncoded != der && c->cbCertEncoded == derlen);
    CHECK(has_sha1(c, "p256.sha1"));
    DWORD cb = 0;
    SetLastError(0);
    CHECK(!CertGetCertificateContextProperty(c, CERT_KEY_PROV_INFO_PROP_ID, NULL, &cb));
    CHECK_ERR(CRYPT_E_NOT_FOUND);
    /* Its private store enumerates to the same pointer and cannot be closed. */
    PCCERT_CONTEXT e = CertEnumCertificatesInStore(c->hCertStore, NULL);
    CHECK(e == c);
    CertFreeCertificateContext(e);
    CHECK(!CertCloseStore(c->hCertStore, 0));
    CHECK_ERR(E_INVALIDARG);
    CHECK(CertFreeCertificateContext(c));

    /* Trailing bytes after the certificate are ignored. */
    BYTE *padded = malloc(derlen + 16);
    memcpy(padded, der, derlen);
    memset(padded + derlen, 0xAB, 16);
    c = CertCreateCertificateContext(ENC, padded, derlen + 16);
    CHECK(c != NULL && c->cbCertEncoded == derlen);
    CertFreeCertificateContext(c);
    free(padded);

    SetLastError(0);
    CHECK(CertCreateCertificateContext(X509_ASN_ENCODING, (const BYTE *)"garbage", 7) == NULL);
    CHECK_ERR(CRYPT_E_ASN1_BADTAG);
    CHECK(CertCreateCertificateContext(X509_ASN_ENCODING, der, derlen / 2) == NULL);
    CHECK_ERR(CRYPT_E_ASN1_BADTAG);
    CHECK(CertCreateCertificateContext(PKCS_7_ASN_ENCODING, der, derlen) == NULL);
    CHECK_ERR(E_INVALIDARG);
    CHECK(CertCreateCertificateContext(X509_ASN_ENCODING, NULL, 100) == NULL);
    CHECK_ERR(E_INVALIDARG);
    CHECK(CertCreateCertificateContext(X509_ASN_ENCODING, der, 0) == NULL);
    CHECK_ERR(E_INVALIDARG);
    free(der);
}

/* ---- CERT_INFO fields against openssl's view ---- */

static void check_cert_info(const char *kind, const char *sigOID, const char *keyOID, DWORD keyBytes) {
    char name[64];
    DWORD derlen = 0;
    snprintf(name, sizeof name, "%s.der", kind);
    BYTE *der = read_file(name, &derlen);
    PCCERT_CONTEXT c = der ? CertCreateCertificateContext(X509_ASN_ENCODING, der, derlen) : NULL;
    CHECK(c != NULL);
    free(der);
    if (!c) return;
    const CERT_INFO *ci = c->pCertInfo;

    /* Serial: little-endian; reversed and without sign bytes it is
     * openssl's serial. */
    BYTE want[64], got[64];
    snprintf(name, sizeof name, "%s.serial", kind);
    DWORD nwant = read_hex(name, want, sizeof want);
    DWORD ngot = 0;
    for (DWORD i = ci->SerialNumber.cbData; i > 0; i--) got[ngot++] = ci->SerialNumber.pbData[i - 1];
    DWORD skip = 0;
    while (skip + 1 < ngot && got[skip] == 0) skip++;
    CHECK(nwant > 0 && ngot - skip == nwant && memcmp(got + skip, want, nwant) == 0);

    CHECK(ci->dwVersion == 2);
    CHECK_STR(ci->SignatureAlgorithm.pszObjId, sigOID);
    CHECK_STR(ci->SubjectPublicKeyInfo.Algorithm.pszObjId, keyOID);
    CHECK(ci->SubjectPublicKeyInfo.PublicKey.cbData == keyBytes);
    CHECK(ci->SubjectPublicKeyInfo.PublicKey.cUnusedBits == 0);
    CHECK(ci->Subject.cbData > 0 && ci->Subject.pbData[0] == 0x30);
    CHECK(ci->Issuer.cbData == ci->Subject.cbData &&
          memcmp(ci->Issuer.pbData, ci->Subject.pbData, ci->Subject.cbData) == 0);
    CHECK(ci->IssuerUniqueId.cbData == 0 && ci->SubjectUniqueId.cbData == 0);

    time_t now = time(NULL), nb = filetime_to_unix(ci->NotBefore), na = filetime_to_unix(ci->NotAfter);
    CHECK(nb <= now && nb > now - 7 * 86400);
    CHECK(na > now + 3640L * 86400 && na < now + 3660L * 86400);

    const CERT_EXTENSION *san = find_ext(c, szOID_SUBJECT_ALT_NAME2);
    CHECK(san != NULL && san->Value.cbData > 0 && san->Value.pbData[0] == 0x30 && !san->fCritical);
    CertFreeCertificateContext(c);
}

static void test_cert_info(void) {
    check_cert_info("rsa", szOID_RSA_SHA256RSA, szOID_RSA_RSA, 270);
    check_cert_info("p256", szOID_ECDSA_SHA256, szOID_ECC_PUBLIC_KEY, 65);
    check_cert_info("p384", szOID_ECDSA_SHA256, szOID_ECC_PUBLIC_KEY, 97);
    check_cert_info("ed25519", "1.3.101.112", "1.3.101.112", 32);

    /* The RSA serial 8A1B2C3D4E5F6071 needs a 00 sign byte in DER, which
     * becomes the last byte of the little-endian blob. */
    DWORD derlen = 0;
    BYTE *der = read_file("rsa.der", &derlen);
    PCCERT_CONTEXT c = CertCreateCertificateContext(X509_ASN_ENCODING, der, derlen);
    free(der);
    CHECK(c != NULL);
    if (!c) return;
    static const BYTE le[] = {0x71, 0x60, 0x5F, 0x4E, 0x3D, 0x2C, 0x1B, 0x8A, 0x00};
    CHECK(c->pCertInfo->SerialNumber.cbData == sizeof le &&
          memcmp(c->pCertInfo->SerialNumber.pbData, le, sizeof le) == 0);
    CHECK(c->pCertInfo->SignatureAlgorithm.Parameters.cbData == 2); /* NULL */
    CHECK(c->pCertInfo->SubjectPublicKeyInfo.Algorithm.Parameters.cbData == 2);
    CertFreeCertificateContext(c);

    der = read_file("p256.der", &derlen);
    c = CertCreateCertificateContext(X509_ASN_ENCODING, der, derlen);
    free(der);
    if (!c) return;
    static const BYTE p256oid[] = {0x06, 0x08, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07};
    const CRYPT_OBJID_BLOB *params = &c->pCertInfo->SubjectPublicKeyInfo.Algorithm.Parameters;
    CHECK(params->cbData == sizeof p256oid && memcmp(params->pbData, p256oid, sizeof p256oid) == 0);
    CHECK(c->pCertInfo->SignatureAlgorithm.Parameters.cbData == 0);
    CertFreeCertificateContext(c);
}

/* ---- Properties ---- */

static void test_properties(void) {
    HCERTSTORE s = import_pfx("rsa-aes.pfx", u"pass", 0);
    PCCERT_CONTEXT c = s ? CertEnumCertificatesInStore(s, NULL) : NULL;
    CHECK(c != NULL);
    if (!c) return;

    BYTE buf[64];
    DWORD cb = 0;
    CHECK(CertGetCertificateContextProperty(c, CERT_SHA1_HASH_PROP_ID, NULL, &cb) && cb == 20);
    cb = 10;
    SetLastError(0);
    CHECK(!CertGetCertificateContextProperty(c, CERT_SHA1_HASH_PROP_ID, buf, &cb));
    CHECK_ERR(ERROR_MORE_DATA);
    CHECK(cb == 20);
    cb = sizeof buf;
    CHECK(CertGetCertificateContextProperty(c, CERT_HASH_PROP_ID, buf, &cb) && cb == 20);
    CHECK(CertGetCertificateContextProperty(c, CERT_SHA256_HASH_PROP_ID, NULL, &cb) && cb == 32);
    CHECK(CertGetCertificateContextProperty(c, CERT_MD5_HASH_PROP_ID, NULL, &cb) && cb == 16);
    CHECK(CertGetCertificateContextProperty(c, CERT_FRIENDLY_NAME_PROP_ID, NULL, &cb) &&
          cb == 2 * (strlen("libsecur32 rsa") + 1));
    cb = 20;
    CHECK(!CertGetCertificateContextProperty(c, CERT_KEY_PROV_INFO_PROP_ID, buf, &cb));
    CHECK_ERR(ERROR_MORE_DATA);
    CHECK(cb > 48);
    cb = sizeof buf;
    CHECK(!CertGetCertificateContextProperty(c, CERT_KEY_CONTEXT_PROP_ID, buf, &cb));
    CHECK_ERR(CRYPT_E_NOT_FOUND);
    CHECK(!CertGetCertificateContextProperty(c, CERT_NCRYPT_KEY_HANDLE_PROP_ID, buf, &cb));
    CHECK_ERR(CRYPT_E_NOT_FOUND);
    CHECK(!CertGetCertificateContextProperty(c, 12345, buf, &cb));
    CHECK_ERR(CRYPT_E_NOT_FOUND);
    CHECK(!CertGetCertificateContextProperty(c, CERT_SHA1_HASH_PROP_ID, buf, NULL));
    CHECK_ERR(E_INVALIDARG);

    CertFreeCertificateContext(c);
    CHECK(CertCloseStore(s, CERT_CLOSE_STORE_CHECK_FLAG));
}

/* ---- The PEM extension ---- */

static void test_pem(void) {
    PCCERT_CONTEXT c = SchLinuxLoadCertificatePemFiles(path_of("chain.pem"), path_of("leaf.key"), NULL);
    CHECK(c != NULL);
    if (c) {
        CHECK(has_sha1(c, "leaf.sha1"));
        DWORD cb = 0;
        CHECK(CertGetCertificateContextProperty(c, CERT_KEY_PROV_INFO_PROP_ID, NULL, &cb));
        /* Its store holds the chain, leaf first, the leaf being this very
         * context. */
        PCCERT_CONTEXT e = CertEnumCertificatesInStore(c->hCertStore, NULL);
        CHECK(e == c);
        e = CertEnumCertificatesInStore(c->hCertStore, e);
        CHECK(e != NULL && has_sha1(e, "inter.sha1"));
        SetLastError(0);
        CHECK(CertEnumCertificatesInStore(c->hCertStore, e) == NULL);
        CHECK_ERR(CRYPT_E_NOT_FOUND);
        PCCERT_CONTEXT k = CertFindCertificateInStore(c->hCertStore, ENC, 0, CERT_FIND_HAS_PRIVATE_KEY, NULL, NULL);
        CHECK(k == c);
        CertFreeCertificateContext(k);
        CHECK(!CertCloseStore(c->hCertStore, 0)); /* no open handle */
        CHECK_ERR(E_INVALIDARG);
        CHECK(CertFreeCertificateContext(c));
    }

    c = SchLinuxLoadCertificatePemFiles(path_of("chain-with-key.pem"), NULL, NULL);
    CHECK(c != NULL && has_sha1(c, "leaf.sha1"));
    CertFreeCertificateContext(c);
    c = SchLinuxLoadCertificatePemFiles(path_of("chain.pem"), path_of("leaf-enc.key"), "pass");
    CHECK(c != NULL && has_sha1(c, "leaf.sha1"));
    CertFreeCertificateContext(c);
    c = SchLinuxLoadCertificatePemFiles(path_of("chain.pem"), path_of("leaf-rsa-enc.key"), "pass");
    CHECK(c != NULL && has_sha1(c, "leaf.sha1"));
    CertFreeCertificateContext(c);
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
        char crt[64], key[64], sha[64];
        snprintf(crt, sizeof crt, "%s.crt", kinds[k]);
        snprintf(key, sizeof key, "%s.key", kinds[k]);
        snprintf(sha, sizeof sha, "%s.sha1", kinds[k]);
        c = SchLinuxLoadCertificatePemFiles(path_of(crt), path_of(key), "ignored");
        CHECK(c != NULL && has_sha1(c, sha));
        CertFreeCertificateContext(c);
    }

    /* From memory. */
    DWORD clen = 0, klen = 0;
    BYTE *chain = read_file("chain.pem", &clen), *key = read_file("leaf.key", &klen);
    c = SchLinuxLoadCertificatePem(chain, clen, key, klen, NULL);
    CHECK(c != NULL && has_sha1(c, "leaf.sha1"));
    CertFreeCertificateContext(c);
    SetLastError(0);
    CHECK(SchLinuxLoadCertificatePem(chain, clen, NULL, 0, NULL) == NULL);
    CHECK_ERR(NTE_NO_KEY);
    CHECK(SchLinuxLoadCertificatePem(NULL, clen, key, klen, NULL) == NULL);
    CHECK_ERR(E_INVALIDARG);
    CHECK(SchLinuxLoadCertificatePem(chain, 0, key, klen, NULL) == NULL);
    CHECK_ERR(E_INVALIDARG);
    CHECK(SchLinuxLoadCertificatePem(chain, clen, (const BYTE *)"-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n",
                                     60, NULL) == NULL);
    CHECK_ERR(NTE_BAD_KEY);
    free(chain);
    free(key);

    /* Failures. */
    CHECK(SchLinuxLoadCertificatePemFiles(path_of("chain.pem"), path_of("leaf-enc.key"), NULL) == NULL);
    CHECK_ERR(ERROR_INVALID_PASSWORD);
    CHECK(SchLinuxLoadCertificatePemFiles(path_of("chain.pem"), path_of("leaf-enc.key"), "wrong") == NULL);
    CHECK_ERR(ERROR_INVALID_PASSWORD);
    CHECK(SchLinuxLoadCertificatePemFiles(path_of("chain.pem"), path_of("leaf-rsa-enc.key"), "") == NULL);
    CHECK_ERR(ERROR_INVALID_PASSWORD);
    CHECK(SchLinuxLoadCertificatePemFiles(path_of("chain.pem"), path_of("rsa.key"), NULL) == NULL);
    CHECK_ERR(NTE_BAD_KEYSET);
    CHECK(SchLinuxLoadCertificatePemFiles(path_of("chain.pem"), path_of("chain.pem"), NULL) == NULL);
    CHECK_ERR(NTE_NO_KEY);
    CHECK(SchLinuxLoadCertificatePemFiles(path_of("garbage.bin"), path_of("leaf.key"), NULL) == NULL);
    CHECK_ERR(ERROR_INVALID_DATA);
    CHECK(SchLinuxLoadCertificatePemFiles(path_of("no-such-file.pem"), NULL, NULL) == NULL);
    CHECK_ERR(ERROR_FILE_NOT_FOUND);
    CHECK(SchLinuxLoadCertificatePemFiles(path_of("chain.pem"), path_of("no-such-file.key"), NULL) == NULL);
    CHECK_ERR(ERROR_FILE_NOT_FOUND);
    CHECK(SchLinuxLoadCertificatePemFiles(NULL, NULL, NULL) == NULL);
    CHECK_ERR(E_INVALIDARG);
}

/* ---- NULL and garbage arguments ---- */

static void test_bad_arguments(void) {
    DWORD derlen = 0;
    BYTE *der = read_file("p256.der", &derlen);
    /* A CERT_CONTEXT the caller built itself, and a pointer to nothing. */
    CERT_INFO fake_info;
    memset(&fake_info, 0, sizeof fake_info);
    CERT_CONTEXT fake = {X509_ASN_ENCODING, der, derlen, &fake_info, NULL};
    PCCERT_CONTEXT junk = (PCCERT_CONTEXT)(ULONG_PTR)0xdeadbeef0ULL;
    HCERTSTORE junk_store = (HCERTSTORE)&fake_info;
    PCCERT_CONTEXT bad[] = {&fake, junk};

    HCERTSTORE s = import_pfx("p256-aes.pfx", u"pass", 0);
    PCCERT_CONTEXT good = CertEnumCertificatesInStore(s, NULL);
    CHECK(good != NULL);

    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        PCCERT_CONTEXT p = bad[i];
        char buf[16] = "xxx";
        DWORD cb = sizeof buf;
        SetLastError(0);
        CHECK(!CertFreeCertificateContext(p));
        CHECK_ERR(E_INVALIDARG);
        CHECK(CertDuplicateCertificateContext(p) == NULL);
        CHECK_ERR(E_INVALIDARG);
        CHECK(!CertGetCertificateContextProperty(p, CERT_SHA1_HASH_PROP_ID, buf, &cb));
        CHECK_ERR(E_INVALIDARG);
        SetLastError(0);
        CHECK(CertGetNameStringA(p, CERT_NAME_SIMPLE_DISPLAY_TYPE, 0, NULL, buf, sizeof buf) == 1);
        CHECK_STR(buf, "");
        CHECK_ERR(E_INVALIDARG);
        CHECK(CertEnumCertificatesInStore(s, p) == NULL);
        CHECK_ERR(E_INVALIDARG);
        CHECK(CertFindCertificateInStore(s, ENC, 0, CERT_FIND_ANY, NULL, p) == NULL);
        CHECK_ERR(E_INVALIDARG);
        CHECK(CertFindCertificateInStore(s, ENC, 0, CERT_FIND_EXISTING, p, NULL) == NULL);
        CHECK_ERR(E_INVALIDARG);
        CHECK(!CertAddCertificateContextToStore(s, p, CERT_STORE_ADD_ALWAYS, NULL));
        CHECK_ERR(E_INVALIDARG);
    }
    WCHAR wbuf[4] = {'x', 'x', 'x', 0};
    CHECK(CertGetNameStringW(NULL, CERT_NAME_SIMPLE_DISPLAY_TYPE, 0, NULL, wbuf, 4) == 1 && wbuf[0] == 0);
    CHECK_ERR(E_INVALIDARG);
    DWORD cb = 0;
    CHECK(!CertGetCertificateContextProperty(NULL, CERT_SHA1_HASH_PROP_ID, NULL, &cb));
    CHECK_ERR(E_INVALIDARG);
    CHECK(!CertGetCertificateContextProperty(good, CERT_SHA1_HASH_PROP_ID, NULL, NULL));
    CHECK_ERR(E_INVALIDARG);

    /* Bad store handles. */
    HCERTSTORE stores[] = {NULL, junk_store, (HCERTSTORE)(ULONG_PTR)1};
    for (size_t i = 0; i < sizeof stores / sizeof stores[0]; i++) {
        HCERTSTORE h = stores[i];
        SetLastError(0);
        CHECK(CertEnumCertificatesInStore(h, NULL) == NULL);
        CHECK_ERR(E_INVALIDARG);
        CHECK(CertFindCertificateInStore(h, ENC, 0, CERT_FIND_ANY, NULL, NULL) == NULL);
        CHECK_ERR(E_INVALIDARG);
        CHECK(!CertAddEncodedCertificateToStore(h, ENC, der, derlen, CERT_STORE_ADD_ALWAYS, NULL));
        CHECK_ERR(E_INVALIDARG);
        CHECK(!CertAddCertificateContextToStore(h, good, CERT_STORE_ADD_ALWAYS, NULL));
        CHECK_ERR(E_INVALIDARG);
        if (h) {
            CHECK(!CertCloseStore(h, 0));
            CHECK_ERR(E_INVALIDARG);
        }
    }

    /* Find types that need pvFindPara. */
    static const DWORD need_para[] = {CERT_FIND_SHA1_HASH, CERT_FIND_MD5_HASH, CERT_FIND_SUBJECT_STR_A,
                                      CERT_FIND_SUBJECT_STR_W, CERT_FIND_ISSUER_STR_A, CERT_FIND_SUBJECT_NAME,
                                      CERT_FIND_EXISTING, CERT_FIND_PUBLIC_KEY, CERT_FIND_KEY_IDENTIFIER,
                                      CERT_FIND_SUBJECT_CERT};
    for (size_t i = 0; i < sizeof need_para / sizeof need_para[0]; i++) {
        SetLastError(0);
        CHECK(CertFindCertificateInStore(s, ENC, 0, need_para[i], NULL, NULL) == NULL);
        CHECK_ERR(E_INVALIDARG);
        CHECK(CertFindCertificateInStore(s, ENC, 0, need_para[i], (const void *)(ULONG_PTR)8, NULL) == NULL);
        CHECK_ERR(E_INVALIDARG);
    }

    /* A previous context from another store is released all the same. */
    HCERTSTORE other = import_pfx("p384-aes.pfx", u"pass", 0);
    PCCERT_CONTEXT o = CertEnumCertificatesInStore(other, NULL);
    CHECK(CertDuplicateCertificateContext(o) == o); /* 2 references */
    CHECK(CertEnumCertificatesInStore(s, o) == NULL);
    CHECK_ERR(E_INVALIDARG);
    CHECK(CertFreeCertificateContext(o));  /* the last one */
    CHECK(!CertFreeCertificateContext(o)); /* none left */
    CHECK_ERR(E_INVALIDARG);
    CHECK(CertCloseStore(other, CERT_CLOSE_STORE_CHECK_FLAG));

    /* Successful calls leave the last error alone. */
    SetLastError(0xfeedface);
    CHECK(CertDuplicateCertificateContext(good) == good);
    CHECK(CertFreeCertificateContext(good));
    CHECK_ERR(0xfeedface);

    CHECK(CertFreeCertificateContext(good));
    CHECK(CertCloseStore(s, CERT_CLOSE_STORE_CHECK_FLAG));
    free(der);
}

/* ---- The last error is per thread ---- */

static int thread_body(void *arg) {
    (void)arg;
    SetLastError(0);
    CertOpenStore(NULL, 0, 0, 0, NULL);
    return GetLastError() == (DWORD)E_INVALIDARG ? 0 : 1;
}

static void test_thread_local_error(void) {
    thrd_t t;
    int rc = -1;
    SetLastError(ERROR_MORE_DATA);
    CHECK(thrd_create(&t, thread_body, NULL) == thrd_success);
    CHECK(thrd_join(t, &rc) == thrd_success);
    CHECK(rc == 0);
    CHECK_ERR(ERROR_MORE_DATA);
}

/* ---- Concurrent use from several threads ---- */

static HCERTSTORE shared_store;

static int stress_body(void *arg) {
    (void)arg;
    int bad = 0;
    for (int i = 0; i < 40; i++) {
        HCERTSTORE s = import_pfx("p256-aes.pfx", u"pass", 0);
        PCCERT_CONTEXT c = s ? CertFindCertificateInStore(s, ENC, 0, CERT_FIND_HAS_PRIVATE_KEY, NULL, NULL) : NULL;
        if (!c) bad++;
        if (CertDuplicateCertificateContext(c) != c) bad++;
        if (!CertCloseStore(s, 0)) bad++;
        CertFreeCertificateContext(c);
        if (!CertFreeCertificateContext(c)) bad++;
        int n = 0;
        PCCERT_CONTEXT e = NULL;
        while ((e = CertEnumCertificatesInStore(shared_store, e)) != NULL) n++;
        if (n != 3) bad++;
        e = CertFindCertificateInStore(shared_store, ENC, 0, CERT_FIND_SUBJECT_STR_A, "root", NULL);
        if (!e) bad++;
        CertFreeCertificateContext(e);
    }
    return bad;
}

static void test_threads(void) {
    shared_store = import_pfx("chain.pfx", u"pass", 0);
    CHECK(shared_store != NULL);
    if (!shared_store) return;
    thrd_t t[4];
    for (int i = 0; i < 4; i++) CHECK(thrd_create(&t[i], stress_body, NULL) == thrd_success);
    for (int i = 0; i < 4; i++) {
        int rc = -1;
        CHECK(thrd_join(t[i], &rc) == thrd_success && rc == 0);
    }
    CHECK(CertCloseStore(shared_store, CERT_CLOSE_STORE_CHECK_FLAG));
}

/* ---- Many iterations: nothing leaks ---- */

static void test_no_leaks(int baseline) {
    for (int i = 0; i < 50; i++) {
        HCERTSTORE s = import_pfx("chain.pfx", u"pass", 0);
        PCCERT_CONTEXT c = CertFindCertificateInStore(s, ENC, 0, CERT_FIND_HAS_PRIVATE_KEY, NULL, NULL);
        PCCERT_CONTEXT d = CertDuplicateCertificateContext(c);
        CertCloseStore(s, 0);
        CertFreeCertificateContext(c);
        CertFreeCertificateContext(d);
        c = SchLinuxLoadCertificatePemFiles(path_of("chain.pem"), path_of("leaf.key"), NULL);
        CertFreeCertificateContext(c);
    }
    if (gosspi_LiveHandles) CHECK(gosspi_LiveHandles() == baseline);
}

int main(int argc, char **argv) {
    datadir = argc > 1 ? argv[1] : getenv("SECUR32_TESTDATA");
    if (!datadir) {
        fprintf(stderr, "usage: %s TESTDATA (or set SECUR32_TESTDATA)\n", argv[0]);
        return 2;
    }
    int baseline = gosspi_LiveHandles ? gosspi_LiveHandles() : 0;

    test_layouts();
    test_pfx_import();
    test_pfx_errors();
    test_chain_pfx();
    test_refcounts();
    test_memory_store();
    test_create_context();
    test_cert_info();
    test_properties();
    test_pem();
    test_bad_arguments();
    test_thread_local_error();
    test_threads();
    test_no_leaks(baseline);

    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
