/*
 * test_credentials.c - package information, InitSecurityInterface, and the
 * AcquireCredentialsHandle validation matrix of spec §5.2 with certificates
 * from every PFX encoding and from PEM, QueryCredentialsAttributes, handle
 * misuse, and many threads acquiring and freeing credentials at once.
 */
#include "common.h"
#include <pthread.h>
#include <strings.h>

static void test_package_info(void) {
    static const char *names[] = {"Microsoft Unified Security Protocol Provider", "Schannel", "schannel", "Default TLS SSP"};
    for (size_t i = 0; i < 4; i++) {
        PSecPkgInfoA info = NULL;
        ok_status(QuerySecurityPackageInfoA((SEC_CHAR *)names[i], &info), SEC_E_OK);
        if (!info) continue;
        ok(info->fCapabilities == 0x004107B3, "caps 0x%x", (unsigned)info->fCapabilities);
        ok(info->wVersion == 1 && info->wRPCID == 14 && info->cbMaxToken == 24576, "version/rpcid/maxtoken");
        ok(!strcmp(info->Comment, "Schannel Security Package"), "comment %s", info->Comment);
        ok(!strcasecmp(info->Name, names[i]), "name %s", info->Name);
        FreeContextBuffer(info);
    }
    PSecPkgInfoA info = (PSecPkgInfoA)0x1;
    ok_status(QuerySecurityPackageInfoA((SEC_CHAR *)"Kerberos", &info), SEC_E_SECPKG_NOT_FOUND);
    ok_status(QuerySecurityPackageInfoA(NULL, &info), SEC_E_SECPKG_NOT_FOUND);

    PSecPkgInfoW winfo = NULL;
    ok_status(QuerySecurityPackageInfoW(UNISP_NAME_W, &winfo), SEC_E_OK);
    if (winfo) {
        ok(winfo->cbMaxToken == 24576 && winfo->Name[0] == 'M' && winfo->Name[10] == 'U', "W name");
        FreeContextBuffer(winfo);
    }

    ULONG n = 0;
    PSecPkgInfoA all = NULL;
    ok_status(EnumerateSecurityPackagesA(&n, &all), SEC_E_OK);
    ok(n == 3, "%u packages", (unsigned)n);
    int found = 0;
    for (ULONG i = 0; all && i < n; i++)
        if (!strcmp(all[i].Name, UNISP_NAME_A)) found = 1; /* Wine's test uses strcmp */
    ok(found, "UNISP_NAME_A not enumerated");
    FreeContextBuffer(all);
    PSecPkgInfoW allw = NULL;
    ok_status(EnumerateSecurityPackagesW(&n, &allw), SEC_E_OK);
    ok(n == 3 && allw && allw[1].fCapabilities == 0x004107B3, "W enumeration");
    FreeContextBuffer(allw);
    ok_status(EnumerateSecurityPackagesA(NULL, &all), SEC_E_INVALID_PARAMETER);
    ok_status(FreeContextBuffer(NULL), SEC_E_OK);
}

static void test_function_table(void) {
    PSecurityFunctionTableA a = InitSecurityInterfaceA();
    PSecurityFunctionTableW w = InitSecurityInterfaceW();
    ok(a && w, "tables");
    if (!a || !w) return;
    ok(a->dwVersion == SECURITY_SUPPORT_PROVIDER_INTERFACE_VERSION_4 && w->dwVersion == a->dwVersion, "dwVersion %u", (unsigned)a->dwVersion);
    ok(a->EnumerateSecurityPackagesA == EnumerateSecurityPackagesA && w->EnumerateSecurityPackagesW == EnumerateSecurityPackagesW, "slot 1");
    ok(a->QueryCredentialsAttributesA == QueryCredentialsAttributesA, "slot 2");
    ok(a->AcquireCredentialsHandleA == AcquireCredentialsHandleA && w->AcquireCredentialsHandleW == AcquireCredentialsHandleW, "slot 3");
    ok(a->FreeCredentialHandle == FreeCredentialsHandle && w->FreeCredentialsHandle == FreeCredentialsHandle, "slot 4");
    ok(a->InitializeSecurityContextA == InitializeSecurityContextA && w->InitializeSecurityContextW == InitializeSecurityContextW, "slot 6");
    ok(a->AcceptSecurityContext == AcceptSecurityContext && a->DeleteSecurityContext == DeleteSecurityContext, "slots 7, 9");
    ok(a->ApplyControlToken == ApplyControlToken && a->QueryContextAttributesA == QueryContextAttributesA, "slots 10, 11");
    ok(a->FreeContextBuffer == FreeContextBuffer && a->QuerySecurityPackageInfoA == QuerySecurityPackageInfoA, "slots 16, 17");
    ok(a->EncryptMessage == EncryptMessage && a->DecryptMessage == DecryptMessage, "slots 25, 26");
    ok(w->SetContextAttributesW == SetContextAttributesW && w->SetCredentialsAttributesW == SetCredentialsAttributesW, "slots 27, 28");
    /* Slots of functions Schannel does not implement answer SEC_E_UNSUPPORTED_FUNCTION. */
    ok_status(a->CompleteAuthToken(NULL, NULL), SEC_E_UNSUPPORTED_FUNCTION);
    ok_status(a->MakeSignature(NULL, 0, NULL, 0), SEC_E_UNSUPPORTED_FUNCTION);
    ok_status(w->ChangeAccountPasswordW(NULL, NULL, NULL, NULL, NULL, 0, 0, NULL), SEC_E_UNSUPPORTED_FUNCTION);
    CredHandle c;
    ok_status(w->AcquireCredentialsHandleW(NULL, UNISP_NAME_W, SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL, &c, NULL), SEC_E_OK);
    ok_status(w->FreeCredentialsHandle(&c), SEC_E_OK);
}

static SECURITY_STATUS ach(ULONG use, void *auth, CredHandle *out, TimeStamp *exp) {
    CredHandle tmp;
    SECURITY_STATUS st = AcquireCredentialsHandleA(NULL, UNISP_NAME_A, use, NULL, auth, NULL, NULL, out ? out : &tmp, exp);
    if (st == SEC_E_OK && !out) FreeCredentialsHandle(&tmp);
    return st;
}

static PCCERT_CONTEXT pfx_cert(const char *file, const WCHAR *password, HCERTSTORE *store) {
    FILE *f = fopen(testdata_path(file), "rb");
    if (!f) { ok(0, "cannot open %s", file); return NULL; }
    static BYTE buf[65536];
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    CRYPT_DATA_BLOB blob = {(DWORD)n, buf};
    ok(PFXIsPFXBlob(&blob), "%s is not a PFX blob", file);
    *store = PFXImportCertStore(&blob, password, CRYPT_EXPORTABLE | PKCS12_NO_PERSIST_KEY);
    ok(*store != NULL, "PFXImportCertStore(%s): 0x%x", file, (unsigned)GetLastError());
    if (!*store) return NULL;
    PCCERT_CONTEXT c = CertFindCertificateInStore(*store, X509_ASN_ENCODING | PKCS_7_ASN_ENCODING, 0, CERT_FIND_HAS_PRIVATE_KEY, NULL, NULL);
    ok(c != NULL, "no certificate with a key in %s", file);
    return c;
}

static void test_acquire_matrix(void) {
    CredHandle cred;
    ok_status(AcquireCredentialsHandleA(NULL, NULL, SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL, &cred, NULL), SEC_E_SECPKG_NOT_FOUND);
    ok_status(AcquireCredentialsHandleA(NULL, (SEC_CHAR *)"NTLM", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL, &cred, NULL), SEC_E_SECPKG_NOT_FOUND);
    ok_status(AcquireCredentialsHandleA(NULL, (SEC_CHAR *)"schannel", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL, &cred, NULL), SEC_E_OK);
    ok_status(FreeCredentialsHandle(&cred), SEC_E_OK);
    ok_status(FreeCredentialsHandle(&cred), SEC_E_INVALID_HANDLE);
    ok_status(AcquireCredentialsHandleW(NULL, SCHANNEL_NAME_W, SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL, &cred, NULL), SEC_E_OK);
    ok_status(FreeCredentialsHandle(&cred), SEC_E_OK);

    ok_status(ach(0, NULL, NULL, NULL), SEC_E_NO_CREDENTIALS);
    ok_status(ach(SECPKG_CRED_BOTH, NULL, NULL, NULL), SEC_E_NO_CREDENTIALS);
    ok_status(ach(SECPKG_CRED_INBOUND, NULL, NULL, NULL), SEC_E_NO_CREDENTIALS);
    ok_status(ach(SECPKG_CRED_OUTBOUND, NULL, NULL, NULL), SEC_E_OK);

    SCHANNEL_CRED sc;
    for (DWORD v = 0; v < 3; v++) {
        memset(&sc, 0, sizeof sc);
        sc.dwVersion = v;
        ok_status(ach(SECPKG_CRED_OUTBOUND, &sc, NULL, NULL), SEC_E_UNKNOWN_CREDENTIALS);
        ok_status(ach(SECPKG_CRED_INBOUND, &sc, NULL, NULL), SEC_E_UNKNOWN_CREDENTIALS);
    }
    memset(&sc, 0, sizeof sc);
    sc.dwVersion = SCHANNEL_CRED_VERSION;
    ok_status(ach(SECPKG_CRED_OUTBOUND, &sc, NULL, NULL), SEC_E_OK);
    ok_status(ach(SECPKG_CRED_INBOUND, &sc, NULL, NULL), SEC_E_OK); /* no certificate: Windows accepts, ASC fails later */
    SCH_CREDENTIALS sch;
    memset(&sch, 0, sizeof sch);
    sch.dwVersion = SCH_CREDENTIALS_VERSION;
    ok_status(ach(SECPKG_CRED_OUTBOUND, &sch, NULL, NULL), SEC_E_OK);

    sc.grbitEnabledProtocols = SP_PROT_TLS1_SERVER;
    ok_status(ach(SECPKG_CRED_OUTBOUND, &sc, NULL, NULL), SEC_E_ALGORITHM_MISMATCH);
    sc.grbitEnabledProtocols = SP_PROT_TLS1_2_CLIENT;
    ok_status(ach(SECPKG_CRED_INBOUND, &sc, NULL, NULL), SEC_E_ALGORITHM_MISMATCH);
    sc.grbitEnabledProtocols = SP_PROT_TLS1_2_CLIENT | SP_PROT_DTLS1_2_CLIENT;
    ok_status(ach(SECPKG_CRED_OUTBOUND, &sc, NULL, NULL), SEC_E_ALGORITHM_MISMATCH);
    sc.grbitEnabledProtocols = SP_PROT_TLS1_2_CLIENT;
    ok_status(ach(SECPKG_CRED_OUTBOUND, &sc, &cred, NULL), SEC_E_OK);
    SecPkgCred_SupportedProtocols sp = {0};
    ok_status(QueryCredentialsAttributesA(&cred, SECPKG_ATTR_SUPPORTED_PROTOCOLS, &sp), SEC_E_OK);
    ok(sp.grbitProtocol == SP_PROT_TLS1_2_CLIENT, "enabled protocols 0x%x", (unsigned)sp.grbitProtocol);
    ok_status(QueryCredentialsAttributesA(&cred, SECPKG_ATTR_SUPPORTED_PROTOCOLS, NULL), SEC_E_INVALID_PARAMETER);
    SecPkgCredentials_NamesA names;
    ok_status(QueryCredentialsAttributesA(&cred, SECPKG_CRED_ATTR_NAMES, &names), SEC_E_NO_CREDENTIALS);
    ok_status(QueryCredentialsAttributesA(&cred, SECPKG_ATTR_CONNECTION_INFO, &sp), SEC_E_UNSUPPORTED_FUNCTION);
    SecPkgCred_SupportedAlgs algs = {0};
    ok_status(QueryCredentialsAttributesW(&cred, SECPKG_ATTR_SUPPORTED_ALGS, &algs), SEC_E_OK);
    ok(algs.cSupportedAlgs > 0 && algs.palgSupportedAlgs, "supported algs");
    int aes = 0;
    for (DWORD i = 0; i < algs.cSupportedAlgs; i++) if (algs.palgSupportedAlgs[i] == CALG_AES_128) aes = 1;
    ok(aes, "CALG_AES_128 missing");
    FreeContextBuffer(algs.palgSupportedAlgs);
    SecPkgCred_CipherStrengths cs = {0, 0};
    ok_status(QueryCredentialsAttributesA(&cred, SECPKG_ATTR_CIPHER_STRENGTHS, &cs), SEC_E_OK);
    ok(cs.dwMinimumCipherStrength == 128 && cs.dwMaximumCipherStrength == 256, "strengths %u/%u", (unsigned)cs.dwMinimumCipherStrength, (unsigned)cs.dwMaximumCipherStrength);
    ok_status(FreeCredentialsHandle(&cred), SEC_E_OK);
    ok_status(QueryCredentialsAttributesA(&cred, SECPKG_ATTR_SUPPORTED_PROTOCOLS, &sp), SEC_E_INVALID_HANDLE);

    /* A certificate without a private key. */
    FILE *f = fopen(testdata_path("rsa.der"), "rb");
    static BYTE der[8192];
    size_t dn = f ? fread(der, 1, sizeof der, f) : 0;
    if (f) fclose(f);
    PCCERT_CONTEXT nokey = CertCreateCertificateContext(X509_ASN_ENCODING, der, (DWORD)dn);
    ok(nokey != NULL, "CertCreateCertificateContext");
    memset(&sc, 0, sizeof sc);
    sc.dwVersion = SCHANNEL_CRED_VERSION;
    sc.cCreds = 1;
    sc.paCred = &nokey;
    ok_status(ach(SECPKG_CRED_INBOUND, &sc, NULL, NULL), SEC_E_NO_CREDENTIALS);

    /* A CERT_CONTEXT the caller built, with garbage encoded bytes. */
    BYTE garbage[64];
    memset(garbage, 0x30, sizeof garbage);
    CERT_CONTEXT fake;
    memset(&fake, 0, sizeof fake);
    fake.dwCertEncodingType = X509_ASN_ENCODING;
    fake.pbCertEncoded = garbage;
    fake.cbCertEncoded = sizeof garbage;
    PCCERT_CONTEXT pfake = &fake;
    sc.paCred = &pfake;
    ok_status(ach(SECPKG_CRED_INBOUND, &sc, NULL, NULL), SEC_E_UNKNOWN_CREDENTIALS);

    /* Every PFX encoding and key type; two certificates with one bogus. */
    static const struct { const char *file; const WCHAR *pw; } pfx[] = {
        {"rsa-aes.pfx", u"pass"}, {"p256-aes.pfx", u"pass"}, {"p384-aes.pfx", u"pass"}, {"ed25519-aes.pfx", u"pass"},
        {"rsa-3des.pfx", u"pass"}, {"p256-3des.pfx", u"pass"}, {"rsa-aes-empty.pfx", u""}, {"p256-aes-empty.pfx", NULL},
    };
    for (size_t i = 0; i < sizeof pfx / sizeof pfx[0]; i++) {
        HCERTSTORE store = NULL;
        PCCERT_CONTEXT c = pfx_cert(pfx[i].file, pfx[i].pw, &store);
        if (!c) continue;
        memset(&sch, 0, sizeof sch);
        sch.dwVersion = SCH_CREDENTIALS_VERSION;
        sch.cCreds = 1;
        sch.paCred = &c;
        TimeStamp exp = {0};
        ok_status(ach(SECPKG_CRED_INBOUND, &sch, &cred, &exp), SEC_E_OK);
        uint64_t na = ((uint64_t)c->pCertInfo->NotAfter.dwHighDateTime << 32) | c->pCertInfo->NotAfter.dwLowDateTime;
        ok((uint64_t)exp.QuadPart == na, "%s: expiry %llx, NotAfter %llx", pfx[i].file, (unsigned long long)exp.QuadPart, (unsigned long long)na);
        CertFreeCertificateContext(c); /* callers free right after ACH (curl does) */
        CertCloseStore(store, 0);
        SecPkgCredentials_NamesA nm = {0};
        ok_status(QueryCredentialsAttributesA(&cred, SECPKG_CRED_ATTR_NAMES, &nm), SEC_E_OK);
        ok(nm.sUserName && strstr(nm.sUserName, "localhost"), "%s: name %s", pfx[i].file, nm.sUserName ? nm.sUserName : "(null)");
        FreeContextBuffer(nm.sUserName);
        ok_status(QueryCredentialsAttributesA(&cred, SECPKG_ATTR_SUPPORTED_PROTOCOLS, &sp), SEC_E_OK);
        ok(sp.grbitProtocol == (SP_PROT_TLS1_2_SERVER | SP_PROT_TLS1_3_SERVER), "server protocols 0x%x", (unsigned)sp.grbitProtocol);
        ok_status(FreeCredentialsHandle(&cred), SEC_E_OK);
        if (i == 0) {
            HCERTSTORE s2;
            PCCERT_CONTEXT good = pfx_cert(pfx[i].file, pfx[i].pw, &s2);
            PCCERT_CONTEXT two[2] = {good, pfake};
            sch.cCreds = 2;
            sch.paCred = two;
            ok_status(ach(SECPKG_CRED_INBOUND, &sch, NULL, NULL), SEC_E_UNKNOWN_CREDENTIALS);
            CertFreeCertificateContext(good);
            CertCloseStore(s2, 0);
        }
    }
    /* A wrong password. */
    f = fopen(testdata_path("rsa-aes.pfx"), "rb");
    static BYTE pbuf[65536];
    size_t pn = f ? fread(pbuf, 1, sizeof pbuf, f) : 0;
    if (f) fclose(f);
    CRYPT_DATA_BLOB blob = {(DWORD)pn, pbuf};
    ok(PFXImportCertStore(&blob, u"wrong", 0) == NULL && GetLastError() == ERROR_INVALID_PASSWORD, "wrong password: 0x%x", (unsigned)GetLastError());

    /* PEM chain with its key (the Linux extension): the credential sends the chain. */
    PCCERT_CONTEXT leaf = SchLinuxLoadCertificatePemFiles(testdata_path("chain.pem"), testdata_path("leaf.key"), NULL);
    ok(leaf != NULL, "PEM chain: 0x%x", (unsigned)GetLastError());
    memset(&sc, 0, sizeof sc);
    sc.dwVersion = SCHANNEL_CRED_VERSION;
    sc.cCreds = 1;
    sc.paCred = &leaf;
    ok_status(ach(SECPKG_CRED_INBOUND, &sc, NULL, NULL), SEC_E_OK);
    CertFreeCertificateContext(leaf);
    CertFreeCertificateContext(nokey);

    /* Handles that are not credentials. */
    CredHandle bad = {0, 0};
    ok_status(FreeCredentialsHandle(NULL), SEC_E_INVALID_HANDLE);
    ok_status(FreeCredentialsHandle(&bad), SEC_E_INVALID_HANDLE);
    SecInvalidateHandle(&bad);
    ok_status(FreeCredentialsHandle(&bad), SEC_E_INVALID_HANDLE);
    bad.dwLower = 1; bad.dwUpper = 0x5C01000000000001ull;
    ok_status(QueryCredentialsAttributesA(&bad, SECPKG_ATTR_SUPPORTED_PROTOCOLS, &sp), SEC_E_INVALID_HANDLE);
    ok_status(AcquireCredentialsHandleA(NULL, UNISP_NAME_A, SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL, NULL, NULL), SEC_E_INVALID_PARAMETER);
}

static CredHandle server_cred_for_threads;

static void *thread_main(void *arg) {
    (void)arg;
    for (int i = 0; i < 300; i++) {
        CredHandle c;
        if (ach(SECPKG_CRED_OUTBOUND, NULL, &c, NULL) != SEC_E_OK) return (void *)1;
        SecPkgCred_SupportedProtocols sp;
        if (QueryCredentialsAttributesA(&c, SECPKG_ATTR_SUPPORTED_PROTOCOLS, &sp) != SEC_E_OK) return (void *)1;
        if (FreeCredentialsHandle(&c) != SEC_E_OK) return (void *)1;
        if (FreeCredentialsHandle(&c) != SEC_E_INVALID_HANDLE) return (void *)1;
        if (QueryCredentialsAttributesA(&server_cred_for_threads, SECPKG_ATTR_SUPPORTED_PROTOCOLS, &sp) != SEC_E_OK) return (void *)1;
    }
    return NULL;
}

static void test_threads(void) {
    PCCERT_CONTEXT cert = load_pem_cert("p256");
    SCHANNEL_CRED sc;
    memset(&sc, 0, sizeof sc);
    sc.dwVersion = SCHANNEL_CRED_VERSION;
    sc.cCreds = 1;
    sc.paCred = &cert;
    ok_status(ach(SECPKG_CRED_INBOUND, &sc, &server_cred_for_threads, NULL), SEC_E_OK);
    pthread_t t[16];
    for (int i = 0; i < 16; i++) pthread_create(&t[i], NULL, thread_main, NULL);
    int failures = 0;
    for (int i = 0; i < 16; i++) {
        void *r;
        pthread_join(t[i], &r);
        if (r) failures++;
    }
    ok(failures == 0, "%d threads failed", failures);
    ok_status(FreeCredentialsHandle(&server_cred_for_threads), SEC_E_OK);
    CertFreeCertificateContext(cert);
}

int main(int argc, char **argv) {
    testdata_init(argc, argv);
    int hbase = live_handles(), gbase = live_goroutines();
    long abase = live_allocs();
    test_package_info();
    test_function_table();
    test_acquire_matrix();
    test_threads();
    leak_check(hbase, gbase, abase);
    return test_summary();
}
