"""secur32.raw calls straight into the library, the way C code does."""

import ctypes
import unittest
from ctypes import byref

from . import _support as s
from ._support import CERTS, r


def setUpModule():
    s.load_library()


def ok(status):
    return status & 0xFFFFFFFF


class PackageTests(unittest.TestCase):
    def test_enumerate_security_packages(self):
        for suffix, decode in (("A", lambda p: p.decode()), ("W", r.from_wchar)):
            with self.subTest(suffix=suffix):
                count = r.ULONG()
                info = getattr(r, "PSecPkgInfo" + suffix)()
                status = getattr(r, "EnumerateSecurityPackages" + suffix)(byref(count), byref(info))
                self.assertEqual(ok(status), r.SEC_E_OK)
                try:
                    names = {decode(info[i].Name) for i in range(count.value)}
                    self.assertIn("Schannel", names)
                    self.assertIn(r.UNISP_NAME_W, names)
                    self.assertEqual(info[0].fCapabilities, 0x004107B3)
                finally:
                    r.FreeContextBuffer(info)

    def test_query_security_package_info(self):
        info = r.PSecPkgInfoA()
        self.assertEqual(ok(r.QuerySecurityPackageInfoA(r.UNISP_NAME_A, byref(info))), r.SEC_E_OK)
        try:
            self.assertEqual(info.contents.wRPCID, r.UNISP_RPC_ID)
            self.assertEqual(info.contents.cbMaxToken, 24576)
        finally:
            r.FreeContextBuffer(info)
        winfo = r.PSecPkgInfoW()
        name = r.to_wchar(r.SCHANNEL_NAME_W)
        self.assertEqual(ok(r.QuerySecurityPackageInfoW(name, byref(winfo))), r.SEC_E_OK)
        try:
            self.assertEqual(r.from_wchar(winfo.contents.Name), "Schannel")
        finally:
            r.FreeContextBuffer(winfo)
        status = r.QuerySecurityPackageInfoA(b"Kerberos", byref(info))
        self.assertEqual(r.status_name(status), "SEC_E_SECPKG_NOT_FOUND")

    def test_function_table(self):
        table = r.InitSecurityInterfaceA()
        self.assertEqual(table.contents.dwVersion, r.SECURITY_SUPPORT_PROVIDER_INTERFACE_VERSION_4)
        self.assertTrue(table.contents.EncryptMessage)
        self.assertIsNone(table.contents.Reserved2)


class HandleTests(unittest.TestCase):
    def test_invalid_handles(self):
        handle = r.SecHandle(0xDEADBEEF, 0xDEADBEEF)
        self.assertEqual(r.status_name(r.FreeCredentialsHandle(byref(handle))), "SEC_E_INVALID_HANDLE")
        self.assertEqual(r.status_name(r.FreeCredentialHandle(byref(handle))), "SEC_E_INVALID_HANDLE")
        self.assertEqual(r.status_name(r.DeleteSecurityContext(byref(handle))), "SEC_E_INVALID_HANDLE")
        self.assertEqual(r.status_name(r.DeleteSecurityContext(None)), "SEC_E_INVALID_HANDLE")

    def test_acquire_and_free(self):
        handle = r.CredHandle()
        expiry = r.TimeStamp()
        status = r.AcquireCredentialsHandleW(
            None, r.to_wchar(r.UNISP_NAME_W), r.SECPKG_CRED_OUTBOUND, None, None, None, None,
            byref(handle), byref(expiry),
        )
        self.assertEqual(ok(status), r.SEC_E_OK)
        self.assertEqual(expiry.value, 0x7FFFFFFFFFFFFFFF)  # no certificate: never expires
        protocols = r.SecPkgCred_SupportedProtocols()
        status = r.QueryCredentialsAttributesW(byref(handle), r.SECPKG_ATTR_SUPPORTED_PROTOCOLS, byref(protocols))
        self.assertEqual(ok(status), r.SEC_E_OK)
        self.assertTrue(protocols.grbitProtocol & r.SP_PROT_TLS1_2_CLIENT)
        self.assertEqual(ok(r.FreeCredentialsHandle(byref(handle))), r.SEC_E_OK)
        self.assertEqual(r.status_name(r.FreeCredentialsHandle(byref(handle))), "SEC_E_INVALID_HANDLE")

    def test_schannel_cred_server(self):
        cert = r.SchLinuxLoadCertificatePemFiles(
            CERTS.path("rsa.crt").encode(), CERTS.path("rsa.key").encode(), None
        )
        self.assertTrue(cert, r.error_name(r.GetLastError()))
        try:
            certs = (r.PCCERT_CONTEXT * 1)(cert)
            auth = r.SCHANNEL_CRED(
                dwVersion=r.SCHANNEL_CRED_VERSION, cCreds=1, paCred=certs,
                grbitEnabledProtocols=r.SP_PROT_TLS1_2_SERVER,
            )
            handle = r.CredHandle()
            status = r.AcquireCredentialsHandleA(
                None, r.UNISP_NAME_A, r.SECPKG_CRED_INBOUND, None, byref(auth), None, None,
                byref(handle), None,
            )
            self.assertEqual(r.status_name(status), "SEC_E_OK")
            protocols = r.SecPkgCred_SupportedProtocols()
            r.QueryCredentialsAttributesA(byref(handle), r.SECPKG_ATTR_SUPPORTED_PROTOCOLS, byref(protocols))
            self.assertEqual(protocols.grbitProtocol, r.SP_PROT_TLS1_2_SERVER)
            r.FreeCredentialsHandle(byref(handle))
        finally:
            self.assertTrue(r.CertFreeCertificateContext(cert))


class CertificateStoreTests(unittest.TestCase):
    def test_pfx_import_and_enumeration(self):
        data = CERTS.read("p256-aes.pfx")
        buffer = ctypes.create_string_buffer(data, len(data))
        blob = r.CRYPT_DATA_BLOB(len(data), ctypes.cast(buffer, ctypes.POINTER(r.BYTE)))
        self.assertTrue(r.PFXIsPFXBlob(byref(blob)))
        store = r.PFXImportCertStore(byref(blob), r.to_wchar("pass"), 0)
        self.assertTrue(store, r.error_name(r.GetLastError()))
        try:
            found = []
            context = r.CertEnumCertificatesInStore(store, None)
            while context:
                c = context.contents
                self.assertEqual(c.dwCertEncodingType, r.X509_ASN_ENCODING)
                found.append(ctypes.string_at(c.pbCertEncoded, c.cbCertEncoded))
                self.assertEqual(c.pCertInfo.contents.dwVersion, 2)  # v3
                context = r.CertEnumCertificatesInStore(store, context)
            self.assertEqual(r.GetLastError(), r.CRYPT_E_NOT_FOUND)
            self.assertEqual(found, [CERTS.der("p256")])

            key = r.CertFindCertificateInStore(
                store, r.X509_ASN_ENCODING, 0, r.CERT_FIND_HAS_PRIVATE_KEY, None, None
            )
            self.assertTrue(key)
            same = r.CertDuplicateCertificateContext(key)
            self.assertEqual(ctypes.addressof(same.contents), ctypes.addressof(key.contents))
            self.assertTrue(r.CertFreeCertificateContext(same))
            size = r.DWORD(0)
            self.assertTrue(r.CertGetCertificateContextProperty(key, r.CERT_SHA1_HASH_PROP_ID, None, byref(size)))
            self.assertEqual(size.value, 20)
            name = ctypes.create_string_buffer(256)
            n = r.CertGetNameStringA(key, r.CERT_NAME_SIMPLE_DISPLAY_TYPE, 0, None, name, 256)
            self.assertEqual(name.value, b"localhost")
            self.assertEqual(n, len(b"localhost") + 1)
            self.assertTrue(r.CertFreeCertificateContext(key))
        finally:
            self.assertTrue(r.CertCloseStore(store, 0))

    def test_wrong_password_sets_last_error(self):
        data = CERTS.read("p256-aes.pfx")
        buffer = ctypes.create_string_buffer(data, len(data))
        blob = r.CRYPT_DATA_BLOB(len(data), ctypes.cast(buffer, ctypes.POINTER(r.BYTE)))
        self.assertFalse(r.PFXImportCertStore(byref(blob), r.to_wchar("nope"), 0))
        self.assertEqual(r.error_name(r.GetLastError()), "ERROR_INVALID_PASSWORD")

    def test_missing_pem_file(self):
        self.assertFalse(r.SchLinuxLoadCertificatePemFiles(b"/nonexistent.crt", None, None))
        self.assertEqual(r.GetLastError(), r.ERROR_FILE_NOT_FOUND)

    def test_status_names_match_the_library(self):
        try:
            name_of = r.SchLinuxStatusName
        except AttributeError:
            self.skipTest("SchLinuxStatusName not exported by this build")
        for status, name in r.STATUS_NAMES.items():
            library = name_of(ctypes.c_int32(status).value).decode()
            if library != "UNKNOWN_STATUS":
                self.assertEqual(library, name)


if __name__ == "__main__":
    unittest.main()
