/*
 * demo_package_info.c - acquires a Schannel server credential for a
 * certificate and prints what the security package reports about itself and
 * about the credential. Written as Windows code; the one Linux extension is
 * how the certificate is loaded (Windows would use a certificate store).
 *
 * Usage: demo_package_info CERT.pem KEY.pem   (`make demo` makes both)
 */
#define SECURITY_WIN32
#include <windows.h>
#include <security.h>
#include <schannel.h>
#include <schannel_linux.h>

#include <stdio.h>
#include <time.h>

/* check prints the failing call and its status. */
static int check(const char *call, SECURITY_STATUS st)
{
    if (st != SEC_E_OK) {
        fprintf(stderr, "%s failed: 0x%08lX\n", call, (unsigned long)(ULONG)st);
        return 0;
    }
    return 1;
}

static void print_package(const char *indent, const SecPkgInfoA *p)
{
    printf("%sName:          %s\n", indent, p->Name);
    printf("%sComment:       %s\n", indent, p->Comment);
    printf("%sfCapabilities: 0x%08lX\n", indent, (unsigned long)p->fCapabilities);
    printf("%swVersion:      %u\n", indent, (unsigned)p->wVersion);
    printf("%swRPCID:        %u\n", indent, (unsigned)p->wRPCID);
    printf("%scbMaxToken:    %lu\n", indent, (unsigned long)p->cbMaxToken);
}

static void print_protocols(DWORD bits)
{
    static const struct {
        DWORD bit;
        const char *name;
    } protocols[] = {
        {SP_PROT_TLS1_0_SERVER, "TLS 1.0 server"}, {SP_PROT_TLS1_0_CLIENT, "TLS 1.0 client"},
        {SP_PROT_TLS1_1_SERVER, "TLS 1.1 server"}, {SP_PROT_TLS1_1_CLIENT, "TLS 1.1 client"},
        {SP_PROT_TLS1_2_SERVER, "TLS 1.2 server"}, {SP_PROT_TLS1_2_CLIENT, "TLS 1.2 client"},
        {SP_PROT_TLS1_3_SERVER, "TLS 1.3 server"}, {SP_PROT_TLS1_3_CLIENT, "TLS 1.3 client"},
    };
    printf("Supported protocols: 0x%08lX", (unsigned long)bits);
    const char *sep = " (";
    for (size_t i = 0; i < sizeof protocols / sizeof protocols[0]; i++) {
        if (bits & protocols[i].bit) {
            printf("%s%s", sep, protocols[i].name);
            sep = ", ";
        }
    }
    printf("%s\n", sep[0] == ',' ? ")" : "");
}

/* print_expiry prints a TimeStamp (100 ns ticks since 1601-01-01, UTC). */
static void print_expiry(TimeStamp ts)
{
    const long long ticksPerSecond = 10000000LL;
    const long long unixEpochIn1601 = 11644473600LL; /* seconds from 1601 to 1970 */
    long long ticks = (long long)ts.QuadPart;
    printf("Credential expiry: 0x%016llX", (unsigned long long)ticks);
    if (ticks == 0x7FFFFFFFFFFFFFFFLL) {
        printf(" (never)\n");
        return;
    }
    time_t t = (time_t)(ticks / ticksPerSecond - unixEpochIn1601);
    const struct tm *tm = gmtime(&t);
    char text[64];
    if (tm != NULL && strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S UTC", tm) > 0) {
        printf(" (%s)", text);
    }
    printf("\n");
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: %s CERT.pem KEY.pem\n", argv[0]);
        return 2;
    }

    /* The package, by name. */
    PSecPkgInfoA info = NULL;
    if (!check("QuerySecurityPackageInfoA", QuerySecurityPackageInfoA((LPSTR)UNISP_NAME_A, &info))) {
        return 1;
    }
    printf("QuerySecurityPackageInfoA(\"%s\"):\n", UNISP_NAME_A);
    print_package("  ", info);
    if (!check("FreeContextBuffer", FreeContextBuffer(info))) {
        return 1;
    }

    /* Every package name the library answers to. */
    ULONG count = 0;
    PSecPkgInfoA packages = NULL;
    if (!check("EnumerateSecurityPackagesA", EnumerateSecurityPackagesA(&count, &packages))) {
        return 1;
    }
    printf("EnumerateSecurityPackagesA: %lu package(s)\n", (unsigned long)count);
    for (ULONG i = 0; i < count; i++) {
        printf("  [%lu] %s\n", (unsigned long)i, packages[i].Name);
    }
    if (!check("FreeContextBuffer", FreeContextBuffer(packages))) {
        return 1;
    }

    /* The server certificate with its private key. */
    PCCERT_CONTEXT cert = SchLinuxLoadCertificatePemFiles(argv[1], argv[2], NULL);
    if (cert == NULL) {
        fprintf(stderr, "SchLinuxLoadCertificatePemFiles(%s, %s) failed: error %lu\n", argv[1], argv[2],
                (unsigned long)GetLastError());
        return 1;
    }

    /* A server (inbound) credential for it. */
    SCHANNEL_CRED schannelCred = {0};
    schannelCred.dwVersion = SCHANNEL_CRED_VERSION;
    schannelCred.cCreds = 1;
    schannelCred.paCred = &cert;

    CredHandle cred;
    TimeStamp expiry;
    SECURITY_STATUS st = AcquireCredentialsHandleA(NULL, (LPSTR)UNISP_NAME_A, SECPKG_CRED_INBOUND, NULL,
                                                   &schannelCred, NULL, NULL, &cred, &expiry);
    if (!check("AcquireCredentialsHandleA", st)) {
        CertFreeCertificateContext(cert);
        return 1;
    }
    printf("AcquireCredentialsHandleA: server credential acquired\n");

    int ok = 1;
    SecPkgCred_SupportedProtocols protocols = {0};
    st = QueryCredentialsAttributesA(&cred, SECPKG_ATTR_SUPPORTED_PROTOCOLS, &protocols);
    if (check("QueryCredentialsAttributesA(SECPKG_ATTR_SUPPORTED_PROTOCOLS)", st)) {
        print_protocols(protocols.grbitProtocol);
    } else {
        ok = 0;
    }
    print_expiry(expiry);

    ok &= check("FreeCredentialsHandle", FreeCredentialsHandle(&cred));
    if (!CertFreeCertificateContext(cert)) {
        fprintf(stderr, "CertFreeCertificateContext failed: error %lu\n", (unsigned long)GetLastError());
        ok = 0;
    }
    return ok ? 0 : 1;
}
