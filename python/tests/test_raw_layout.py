"""secur32.raw against the Windows x64 ABI and against include/.

- WindowsLayoutTests: sizes and field offsets of the ctypes structures are
  the Windows x64 ones (the values ctest/test_layout.c checks in C). Needs
  neither the library nor a compiler.
- HeaderParityTests: every structure's sizeof/offsetof, every constant's
  value and every function's prototype agree with the C headers, checked by
  compiling a probe with the C compiler. Skipped when include/ or a compiler
  is missing (an installed package).
"""

import ctypes
import os
import re
import subprocess
import tempfile
import unittest

from . import _support as s
from ._support import r

# (structure, size, {field: offset}) on Windows x64.
WINDOWS_X64 = [
    ("SecHandle", 16, {"dwLower": 0, "dwUpper": 8}),
    ("SecBuffer", 16, {"cbBuffer": 0, "BufferType": 4, "pvBuffer": 8}),
    ("SecBufferDesc", 16, {"ulVersion": 0, "cBuffers": 4, "pBuffers": 8}),
    ("FILETIME", 8, {"dwLowDateTime": 0, "dwHighDateTime": 4}),
    ("LARGE_INTEGER", 8, {"u": 0, "QuadPart": 0}),
    ("GUID", 16, {"Data1": 0, "Data2": 4, "Data3": 6, "Data4": 8}),
    ("UNICODE_STRING", 16, {"Length": 0, "MaximumLength": 2, "Buffer": 8}),
    ("SEC_DTLS_MTU", 2, {"PathMTU": 0}),
    ("SEC_APPLICATION_PROTOCOL_LIST", 8, {"ProtoNegoExt": 0, "ProtocolListSize": 4, "ProtocolList": 6}),
    ("SEC_APPLICATION_PROTOCOLS", 12, {"ProtocolListsSize": 0, "ProtocolLists": 4}),
    ("SecPkgInfoA", 32, {"fCapabilities": 0, "wVersion": 4, "wRPCID": 6, "cbMaxToken": 8, "Name": 16, "Comment": 24}),
    ("SecPkgInfoW", 32, {"fCapabilities": 0, "wVersion": 4, "wRPCID": 6, "cbMaxToken": 8, "Name": 16, "Comment": 24}),
    ("SCHANNEL_CRED", 80, {
        "dwVersion": 0, "cCreds": 4, "paCred": 8, "hRootStore": 16, "cMappers": 24,
        "aphMappers": 32, "cSupportedAlgs": 40, "palgSupportedAlgs": 48,
        "grbitEnabledProtocols": 56, "dwMinimumCipherStrength": 60,
        "dwMaximumCipherStrength": 64, "dwSessionLifespan": 68, "dwFlags": 72,
        "dwCredFormat": 76}),
    ("SCH_CREDENTIALS", 72, {
        "dwVersion": 0, "dwCredFormat": 4, "cCreds": 8, "paCred": 16, "hRootStore": 24,
        "cMappers": 32, "aphMappers": 40, "dwSessionLifespan": 48, "dwFlags": 52,
        "cTlsParameters": 56, "pTlsParameters": 64}),
    ("TLS_PARAMETERS", 40, {
        "cAlpnIds": 0, "rgstrAlpnIds": 8, "grbitDisabledProtocols": 16,
        "cDisabledCrypto": 20, "pDisabledCrypto": 24, "dwFlags": 32}),
    ("CRYPTO_SETTINGS", 48, {
        "eAlgorithmUsage": 0, "strCngAlgId": 8, "cChainingModes": 24,
        "rgstrChainingModes": 32, "dwMinBitLength": 40, "dwMaxBitLength": 44}),
    ("SCHANNEL_CERT_HASH", 40, {"dwLength": 0, "dwFlags": 4, "hProv": 8, "ShaHash": 16}),
    ("SCHANNEL_CERT_HASH_STORE", 296, {"ShaHash": 16, "pwszStoreName": 36}),
    ("SCHANNEL_ALERT_TOKEN", 12, {"dwTokenType": 0, "dwAlertType": 4, "dwAlertNumber": 8}),
    ("SCHANNEL_SESSION_TOKEN", 8, {"dwTokenType": 0, "dwFlags": 4}),
    ("SecPkgCred_SupportedProtocols", 4, {"grbitProtocol": 0}),
    ("SecPkgCred_SupportedAlgs", 16, {"cSupportedAlgs": 0, "palgSupportedAlgs": 8}),
    ("SecPkgCred_CipherStrengths", 8, {"dwMinimumCipherStrength": 0, "dwMaximumCipherStrength": 4}),
    ("SecPkgCred_SessionTicketKey", 88, {"TicketInfoVersion": 0, "KeyId": 4, "KeyingMaterial": 20, "KeyingMaterialSize": 84}),
    ("SecPkgCred_SessionTicketKeys", 16, {"cSessionTicketKeys": 0, "pSessionTicketKeys": 8}),
    ("SecPkgCredentials_NamesA", 8, {"sUserName": 0}),
    ("SecPkgContext_Sizes", 16, {"cbMaxToken": 0, "cbMaxSignature": 4, "cbBlockSize": 8, "cbSecurityTrailer": 12}),
    ("SecPkgContext_StreamSizes", 20, {"cbHeader": 0, "cbTrailer": 4, "cbMaximumMessage": 8, "cBuffers": 12, "cbBlockSize": 16}),
    ("SecPkgContext_KeyInfoA", 32, {"sSignatureAlgorithmName": 0, "sEncryptAlgorithmName": 8, "KeySize": 16, "SignatureAlgorithm": 20, "EncryptAlgorithm": 24}),
    ("SecPkgContext_KeyInfoW", 32, {"sSignatureAlgorithmName": 0, "sEncryptAlgorithmName": 8, "KeySize": 16, "SignatureAlgorithm": 20, "EncryptAlgorithm": 24}),
    ("SecPkgContext_Lifespan", 16, {"tsStart": 0, "tsExpiry": 8}),
    ("SecPkgContext_PackageInfoA", 8, {"PackageInfo": 0}),
    ("SecPkgContext_NegotiationInfoA", 16, {"PackageInfo": 0, "NegotiationState": 8}),
    ("SecPkgContext_Flags", 4, {"Flags": 0}),
    ("SEC_CHANNEL_BINDINGS", 32, {
        "dwInitiatorAddrType": 0, "cbInitiatorLength": 4, "dwInitiatorOffset": 8,
        "dwAcceptorAddrType": 12, "cbAcceptorLength": 16, "dwAcceptorOffset": 20,
        "cbApplicationDataLength": 24, "dwApplicationDataOffset": 28}),
    ("SecPkgContext_Bindings", 16, {"BindingsLength": 0, "Bindings": 8}),
    ("SecPkgContext_ApplicationProtocol", 264, {"ProtoNegoStatus": 0, "ProtoNegoExt": 4, "ProtocolIdSize": 8, "ProtocolId": 9}),
    ("SecPkgContext_SessionKey", 16, {"SessionKeyLength": 0, "SessionKey": 8}),
    ("SecPkgContext_IssuerListInfoEx", 16, {"aIssuers": 0, "cIssuers": 8}),
    ("SecPkgContext_ConnectionInfo", 28, {
        "dwProtocol": 0, "aiCipher": 4, "dwCipherStrength": 8, "aiHash": 12,
        "dwHashStrength": 16, "aiExch": 20, "dwExchStrength": 24}),
    ("SecPkgContext_EapKeyBlock", 192, {"rgbKeys": 0, "rgbIVs": 128}),
    ("SecPkgContext_SessionInfo", 40, {"dwFlags": 0, "cbSessionId": 4, "rgbSessionId": 8}),
    ("SecPkgContext_SessionAppData", 16, {"dwFlags": 0, "cbAppData": 4, "pbAppData": 8}),
    ("SecPkgContext_Certificates", 16, {"cCertificates": 0, "cbCertificateChain": 4, "pbCertificateChain": 8}),
    ("SecPkgContext_CipherInfo", 680, {
        "dwVersion": 0, "dwProtocol": 4, "dwCipherSuite": 8, "dwBaseCipherSuite": 12,
        "szCipherSuite": 16, "szCipher": 144, "dwCipherLen": 272, "dwCipherBlockLen": 276,
        "szHash": 280, "dwHashLen": 408, "szExchange": 412, "dwMinExchangeLen": 540,
        "dwMaxExchangeLen": 544, "szCertificate": 548, "dwKeyType": 676}),
    ("SecPkgContext_SupportedSignatures", 16, {"cSignatureAndHashAlgorithms": 0, "pSignatureAndHashAlgorithms": 8}),
    ("SecPkgContext_KeyingMaterialInfo", 40, {
        "cbLabel": 0, "pszLabel": 8, "cbContextValue": 16, "pbContextValue": 24,
        "cbKeyingMaterial": 32}),
    ("SecPkgContext_KeyingMaterial", 16, {"cbKeyingMaterial": 0, "pbKeyingMaterial": 8}),
    ("SecPkgContext_ConnectionInfoEx", 404, {
        "dwVersion": 0, "dwProtocol": 4, "szCipher": 8, "dwCipherStrength": 136,
        "szHash": 140, "dwHashStrength": 268, "szExchange": 272, "dwExchStrength": 400}),
    ("SecPkgContext_ClientCertPolicyResult", 20, {"dwPolicyResult": 0, "guidPolicyId": 4}),
    ("SecPkgContext_EarlyStart", 4, {"dwEarlyStartFlags": 0}),
    ("CRYPT_DATA_BLOB", 16, {"cbData": 0, "pbData": 8}),
    ("CRYPT_BIT_BLOB", 24, {"cbData": 0, "pbData": 8, "cUnusedBits": 16}),
    ("CRYPT_ALGORITHM_IDENTIFIER", 24, {"pszObjId": 0, "Parameters": 8}),
    ("CERT_PUBLIC_KEY_INFO", 48, {"Algorithm": 0, "PublicKey": 24}),
    ("CERT_EXTENSION", 32, {"pszObjId": 0, "fCritical": 8, "Value": 16}),
    ("CERT_INFO", 208, {
        "dwVersion": 0, "SerialNumber": 8, "SignatureAlgorithm": 24, "Issuer": 48,
        "NotBefore": 64, "NotAfter": 72, "Subject": 80, "SubjectPublicKeyInfo": 96,
        "IssuerUniqueId": 144, "SubjectUniqueId": 168, "cExtension": 192,
        "rgExtension": 200}),
    ("CERT_CONTEXT", 40, {
        "dwCertEncodingType": 0, "pbCertEncoded": 8, "cbCertEncoded": 16,
        "pCertInfo": 24, "hCertStore": 32}),
    ("CRYPT_KEY_PROV_INFO", 48, {
        "pwszContainerName": 0, "pwszProvName": 8, "dwProvType": 16, "dwFlags": 20,
        "cProvParam": 24, "rgProvParam": 32, "dwKeySpec": 40}),
    ("SecurityFunctionTableA", 256, {"dwVersion": 0, "EncryptMessage": 200, "QueryCredentialsAttributesExA": 248}),
    ("SecurityFunctionTableW", 256, {"dwVersion": 0, "DecryptMessage": 208, "QueryCredentialsAttributesExW": 248}),
]

BASE_TYPES = {
    "BYTE": 1, "WORD": 2, "USHORT": 2, "WCHAR": 2, "SEC_WCHAR": 2, "SEC_CHAR": 1,
    "DWORD": 4, "ULONG": 4, "LONG": 4, "BOOL": 4, "HRESULT": 4, "SECURITY_STATUS": 4,
    "ALG_ID": 4, "ULONG_PTR": 8, "HCERTSTORE": 8, "PCCERT_CONTEXT": 8, "TimeStamp": 8,
    "SEC_APPLICATION_PROTOCOL_NEGOTIATION_STATUS": 4,
    "SEC_APPLICATION_PROTOCOL_NEGOTIATION_EXT": 4, "eTlsAlgorithmUsage": 4,
}


class WindowsLayoutTests(unittest.TestCase):
    def test_structures(self):
        for name, size, offsets in WINDOWS_X64:
            with self.subTest(structure=name):
                cls = getattr(r, name)
                self.assertEqual(ctypes.sizeof(cls), size, "sizeof(%s)" % name)
                for field, offset in offsets.items():
                    self.assertEqual(getattr(cls, field).offset, offset, "%s.%s" % (name, field))

    def test_base_types(self):
        for name, size in BASE_TYPES.items():
            with self.subTest(type=name):
                self.assertEqual(ctypes.sizeof(getattr(r, name)), size)

    def test_32_bit_types_are_not_c_long(self):
        # c_ulong is 64-bit on LP64 Linux; ULONG must stay 32-bit.
        for name in ("ULONG", "DWORD", "LONG", "SECURITY_STATUS"):
            self.assertNotIn(getattr(r, name), (ctypes.c_ulong, ctypes.c_long))
        self.assertEqual(ctypes.alignment(r.TimeStamp), 8)

    def test_status_constants(self):
        self.assertEqual(r.SEC_E_INVALID_TOKEN, 0x80090308)
        self.assertEqual(r.status_name(ctypes.c_int32(0x80090308).value), "SEC_E_INVALID_TOKEN")
        self.assertEqual(r.status_name(r.SEC_I_CONTINUE_NEEDED), "SEC_I_CONTINUE_NEEDED")
        self.assertEqual(r.status_name(0x12345678), "0x12345678")
        self.assertTrue(r.SEC_SUCCESS(r.SEC_I_CONTEXT_EXPIRED))
        self.assertFalse(r.SEC_SUCCESS(r.SEC_E_INCOMPLETE_MESSAGE))
        self.assertFalse(r.SEC_SUCCESS(ctypes.c_int32(r.SEC_E_INCOMPLETE_MESSAGE).value))
        for status, name in r.STATUS_NAMES.items():
            self.assertEqual(getattr(r, name), status)
        self.assertEqual(r.error_name(r.CRYPT_E_NOT_FOUND), "CRYPT_E_NOT_FOUND")
        self.assertEqual(r.error_name(r.ERROR_INVALID_PASSWORD), "ERROR_INVALID_PASSWORD")

    def test_handle_macros(self):
        h = r.SecHandle(1, 2)
        self.assertTrue(r.SecIsValidHandle(h))
        r.SecInvalidateHandle(h)
        self.assertFalse(r.SecIsValidHandle(h))
        self.assertEqual(h.dwLower, 2**64 - 1)
        self.assertEqual(r.SEC_DELETED_HANDLE, 2**64 - 2)

    def test_wchar_helpers(self):
        w = r.to_wchar(r.UNISP_NAME_W)
        self.assertEqual(len(w), len(r.UNISP_NAME_W) + 1)
        self.assertEqual(w[-1], 0)
        self.assertEqual(r.from_wchar(w), r.UNISP_NAME_W)
        self.assertEqual(r.from_wchar(ctypes.cast(w, r.PWSTR)), r.UNISP_NAME_W)
        self.assertEqual(r.from_wchar(r.to_wchar("h\u00e9\U0001f600")), "h\u00e9\U0001f600")
        self.assertIsNone(r.from_wchar(r.PWSTR()))

    def test_functions_resolve_lazily(self):
        with self.assertRaises(AttributeError):
            r.NoSuchFunction
        self.assertIn("AcceptSecurityContext", dir(r))


# -- parity with the C headers ---------------------------------------------


def _header_text():
    texts = []
    for name in ("wintypes.h", "sspi.h", "schannel.h", "wincrypt.h", "schannel_linux.h"):
        with open(os.path.join(s.INCLUDE_DIR, name)) as f:
            texts.append(f.read())
    return re.sub(r"\\\n", " ", "\n".join(texts))


# C typedef names for ctypes classes whose Python name is no C typedef.
C_NAMES = {"CRYPTOAPI_BLOB": "struct _CRYPTOAPI_BLOB"}

PROBE_PRELUDE = """
#define SECURITY_WIN32
#include <windows.h>
#include <security.h>
#include <schannel.h>
#include <schannel_linux.h>
#include <stddef.h>
#include <stdio.h>
int main(void) {
"""


def _compile_and_run(body):
    compiler = s.c_compiler()
    with tempfile.TemporaryDirectory() as tmp:
        source = os.path.join(tmp, "probe.c")
        binary = os.path.join(tmp, "probe")
        with open(source, "w") as f:
            f.write(PROBE_PRELUDE + body + "return 0;\n}\n")
        build = subprocess.run(
            [compiler, "-std=c11", "-w", "-I", s.INCLUDE_DIR, source, "-o", binary],
            capture_output=True, text=True,
        )
        if build.returncode != 0:
            raise AssertionError("probe does not compile:\n" + build.stderr[-4000:])
        run = subprocess.run([binary], capture_output=True, text=True, check=True)
    values = {}
    for line in run.stdout.splitlines():
        key, _, value = line.partition("=")
        values[key] = int(value)
    return values


@unittest.skipUnless(s.headers_available(), "include/ not found")
@unittest.skipUnless(s.c_compiler(), "no C compiler")
class HeaderParityTests(unittest.TestCase):
    def test_structures_match_c(self):
        body = []
        expected = {}
        for name in sorted(vars(r)):
            cls = getattr(r, name)
            if name.startswith("_") or not isinstance(cls, type):
                continue
            if not issubclass(cls, (ctypes.Structure, ctypes.Union)) or cls.__module__ != r.__name__:
                continue
            c_name = C_NAMES.get(name, name)
            body.append('printf("%s=%%zu\\n", sizeof(%s));' % (name, c_name))
            expected[name] = ctypes.sizeof(cls)
            for field, *_ in cls._fields_:
                key = "%s.%s" % (name, field)
                body.append('printf("%s=%%zu\\n", offsetof(%s, %s));' % (key, c_name, field))
                expected[key] = getattr(cls, field).offset
        actual = _compile_and_run("\n".join(body))
        mismatches = {k: (v, actual.get(k)) for k, v in expected.items() if actual.get(k) != v}
        self.assertEqual(mismatches, {}, "ctypes value vs C value")
        self.assertGreater(len(expected), 60)

    def test_constants_match_c(self):
        text = _header_text()
        macros = set(re.findall(r"^\s*#define\s+(\w+)[ \t]+\S", text, re.M))
        body = []
        expected = {}
        for name in sorted(macros):
            value = getattr(r, name, None)
            if isinstance(value, int):
                body.append('printf("%s=%%llu\\n", (unsigned long long)(%s));' % (name, name))
                expected[name] = value
        actual = _compile_and_run("\n".join(body))
        mismatches = {}
        for name, value in expected.items():
            mask = 2**64 - 1 if value > 0xFFFFFFFF else 0xFFFFFFFF
            if actual[name] & mask != value & mask:
                mismatches[name] = (hex(value), hex(actual[name]))
        self.assertEqual(mismatches, {})
        self.assertGreater(len(expected), 500)

    def test_every_header_constant_is_mirrored(self):
        text = _header_text()
        defines = re.findall(r"^\s*#define\s+(\w+)(\()?[ \t]*([^\n]*)$", text, re.M)
        names = {name for name, _, _ in defines}
        missing = []
        for name, paren, value in defines:
            value = re.sub(r"//.*|/\*.*?\*/", "", value).strip()
            if paren or not value or hasattr(r, name) or name.startswith("SECUR32_"):
                continue
            if re.fullmatch(r"[A-Za-z_]\w*", value) and value not in names:
                continue  # a type or function alias (the UNICODE mappings), or a keyword
            if value in ("const", "void"):
                continue
            missing.append(name)
        self.assertEqual(sorted(set(missing)), [])

    def test_string_constants_match_headers(self):
        text = _header_text()
        for name, literal in re.findall(r'^\s*#define\s+(\w+)\s+(?:\(\(WCHAR \*\)u)?"([^"]*)"', text, re.M):
            with self.subTest(name=name):
                value = getattr(r, name)
                if isinstance(value, bytes):
                    value = value.decode("ascii")
                self.assertEqual(value, literal)

    def test_prototypes_match_headers(self):
        compiler = s.c_compiler()
        source = "#define SECURITY_WIN32\n#include <windows.h>\n#include <security.h>\n" \
                 "#include <schannel.h>\n#include <schannel_linux.h>\n"
        pre = subprocess.run(
            [compiler, "-E", "-P", "-I", s.INCLUDE_DIR, "-x", "c", "-"],
            input=source, capture_output=True, text=True, check=True,
        ).stdout
        declarations = {}
        for decl in " ".join(pre.split()).split(";"):
            m = re.fullmatch(r"\s*(?:extern\s+)?([A-Za-z_][\w\s\*]*?)\s*\b([A-Z]\w+)\s*\((.*)\)\s*", decl)
            if not m or "(" in m.group(3) or "typedef" in decl:
                continue
            params = [] if m.group(3).strip() in ("", "void") else m.group(3).split(",")
            declarations[m.group(2)] = (m.group(1).strip(), [p.strip() for p in params])
        from secur32 import _lib

        self.assertEqual(sorted(set(declarations) - set(_lib.PROTOTYPES)), [], "not in PROTOTYPES")
        self.assertEqual(sorted(set(_lib.PROTOTYPES) - set(declarations)), [], "not in the headers")
        for name, (restype, params) in declarations.items():
            with self.subTest(function=name):
                py_restype, py_args = _lib.PROTOTYPES[name]
                self.assertEqual(len(py_args), len(params))
                self.assertTrue(_compatible(restype, py_restype), "return type %s" % restype)
                for param, py_arg in zip(params, py_args):
                    ctype = re.sub(r"\s*\b\w+$", "", param) if param.count(" ") or "*" in param else param
                    self.assertTrue(_compatible(ctype, py_arg), "%s vs %s" % (param, py_arg))


# C scalar types of the prototypes and the ctypes type each must map to.
_SCALARS = {
    "SECURITY_STATUS": r.SECURITY_STATUS,
    "ULONG": r.ULONG,
    "DWORD": r.DWORD,
    "BOOL": r.BOOL,
    "HCRYPTPROV_LEGACY": r.ULONG_PTR,
    "void": None,
}


def _compatible(c_type, py_type):
    c_type = " ".join(c_type.replace("const ", "").split())
    if c_type in _SCALARS:
        return py_type is _SCALARS[c_type]
    # Everything else is a pointer (or a pointer typedef): any pointer-sized
    # ctypes pointer type will do.
    if py_type is None or py_type in (r.ULONG, r.DWORD, r.BOOL):
        return False
    return ctypes.sizeof(py_type) == 8 and (
        py_type in (ctypes.c_void_p, ctypes.c_char_p) or issubclass(py_type, ctypes._Pointer)
    )


if __name__ == "__main__":
    unittest.main()
