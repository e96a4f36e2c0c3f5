"""secur32.context on its own: the ALPN buffer, SSPIError, certificates,
credentials, and our client against our server (handshake, data, exporter,
close, misuse)."""

import os
import ssl
import threading
import unittest

from . import _support as s
from ._support import CERTS, TLS13, r, secur32


def setUpModule():
    s.load_library()


class ApplicationProtocolsTests(unittest.TestCase):
    def test_layout_of_the_header_example(self):
        # sspi.h: ["h2", "http/1.1"] is 12 00 00 00 | 02 00 00 00 | 0C 00 | 02 'h' '2' 08 'http/1.1'
        self.assertEqual(
            secur32.application_protocols_buffer(["h2", b"http/1.1"]),
            bytes.fromhex("12000000" "02000000" "0c00") + b"\x02h2\x08http/1.1",
        )

    def test_rejects_bad_lists(self):
        for bad in ([], [""], ["x" * 256]):
            with self.subTest(protocols=bad), self.assertRaises(ValueError):
                secur32.application_protocols_buffer(bad)


class SSPIErrorTests(unittest.TestCase):
    def test_message_names_the_status(self):
        e = secur32.SSPIError("AcceptSecurityContext", r.SEC_E_INVALID_TOKEN - 2**32)
        self.assertEqual(e.status, 0x80090308)
        self.assertEqual(e.name, "SEC_E_INVALID_TOKEN")
        self.assertIn("AcceptSecurityContext failed: SEC_E_INVALID_TOKEN (0x80090308)", str(e))
        self.assertEqual(e.token, b"")

    def test_unknown_status(self):
        e = secur32.SSPIError("X", 0x1234)
        self.assertEqual(e.name, "0x00001234")


class CertificateTests(unittest.TestCase):
    def test_from_pem(self):
        with secur32.Certificate.from_pem(*CERTS.pem("rsa")) as cert:
            self.assertEqual(cert.der, CERTS.der("rsa"))
            self.assertEqual(cert.handle.contents.dwCertEncodingType, r.X509_ASN_ENCODING)

    def test_from_pfx(self):
        with secur32.Certificate.from_pfx(CERTS.read("p256-aes.pfx"), "pass") as cert:
            self.assertEqual(cert.der, CERTS.der("p256"))

    def test_wrong_pfx_password(self):
        with self.assertRaises(secur32.SSPIError) as caught:
            secur32.Certificate.from_pfx(CERTS.read("p256-aes.pfx"), "wrong")
        self.assertEqual(caught.exception.name, "ERROR_INVALID_PASSWORD")
        self.assertIn("PFXImportCertStore", str(caught.exception))

    def test_key_of_another_certificate(self):
        cert_pem, _ = CERTS.pem("p256")
        _, key_pem = CERTS.pem("rsa")
        with self.assertRaises(secur32.SSPIError) as caught:
            secur32.Certificate.from_pem(cert_pem, key_pem)
        self.assertEqual(caught.exception.name, "NTE_BAD_KEYSET")

    def test_not_pem(self):
        with self.assertRaises(secur32.SSPIError) as caught:
            secur32.Certificate.from_pem(b"not a certificate", b"")
        self.assertEqual(caught.exception.name, "ERROR_INVALID_DATA")

    def test_close_twice(self):
        cert = secur32.Certificate.from_pem(*CERTS.pem("p256"))
        cert.close()
        cert.close()
        with self.assertRaises(ValueError):
            cert.der


class CredentialTests(unittest.TestCase):
    def test_protocol_selection(self):
        cases = [
            ("TLSv1.3", r.SP_PROT_TLS1_3_SERVER),
            (ssl.TLSVersion.TLSv1_2, r.SP_PROT_TLS1_2_SERVER),
            (["TLSv1.2", "TLSv1.3"], r.SP_PROT_TLS1_2_SERVER | r.SP_PROT_TLS1_3_SERVER),
            (r.SP_PROT_TLS1_3_SERVER, r.SP_PROT_TLS1_3_SERVER),
        ]
        for protocols, expected in cases:
            with self.subTest(protocols=protocols):
                with secur32.Credential.server_from_pem(*CERTS.pem("p256"), protocols=protocols) as cred:
                    self.assertEqual(cred.protocols, expected)

    def test_client_defaults_are_client_bits(self):
        with secur32.Credential.client() as cred:
            self.assertTrue(cred.protocols)
            self.assertEqual(cred.protocols & r.SP_PROT_SERVERS, 0)

    def test_unknown_protocol(self):
        with self.assertRaises(ValueError):
            secur32.Credential.client(protocols="SSLv2")

    def test_server_only_bits_on_a_client(self):
        with self.assertRaises(secur32.SSPIError) as caught:
            secur32.Credential.client(protocols=r.SP_PROT_TLS1_3_SERVER)
        self.assertEqual(caught.exception.name, "SEC_E_ALGORITHM_MISMATCH")

    def test_close_twice(self):
        cred = secur32.Credential.client()
        cred.close()
        cred.close()


class PairTests(unittest.TestCase):
    """Our ClientContext against our ServerContext."""

    def pair(self, protocols="TLSv1.3", chunk=None, mutual=False, client_cert=None):
        server_cred = secur32.Credential.server_from_pem(*CERTS.pem("p256"), protocols=protocols)
        client_cred = secur32.Credential.client(
            protocols=protocols, client_cert=client_cert and CERTS.pem(client_cert)
        )
        server = secur32.ServerContext(server_cred, alpn=["http/1.1"], mutual_auth=mutual)
        client = secur32.ClientContext(client_cred, "localhost", alpn=["h2", "http/1.1"])
        for obj in (server_cred, client_cred, server, client):
            self.addCleanup(obj.close)
        s.pair_handshake(client, server, chunk=chunk)
        return client, server

    def roundtrip(self, client, server, size):
        data = os.urandom(size)
        self.assertEqual(server.decrypt(client.encrypt(data)), data)
        data = os.urandom(size)
        self.assertEqual(client.decrypt(server.encrypt(data)), data)

    def test_tls12_and_tls13(self):
        for protocols in ("TLSv1.2", "TLSv1.3"):
            with self.subTest(protocols=protocols):
                client, server = self.pair(protocols)
                self.assertEqual(client.protocol_version, protocols)
                self.assertEqual(server.protocol_version, protocols)
                self.assertEqual(client.negotiated_protocol, "http/1.1")
                self.assertEqual(server.negotiated_protocol, "http/1.1")
                self.assertEqual(client.cipher_suite, server.cipher_suite)
                for size in (1, 16384, 16385, 70000):
                    self.roundtrip(client, server, size)
                self.assertEqual(server.decrypt(client.shutdown()), b"")
                self.assertTrue(server.peer_closed)
                self.assertEqual(client.decrypt(server.shutdown()), b"")
                self.assertTrue(client.peer_closed)

    def test_byte_at_a_time(self):
        client, server = self.pair("TLSv1.3", chunk=1)
        data = os.urandom(3000)
        self.assertEqual(s.feed(server.decrypt, client.encrypt(data), 1), data)
        self.assertEqual(s.feed(client.decrypt, server.encrypt(data), 1), data)

    def test_many_records_in_one_call(self):
        client, server = self.pair()
        data = [os.urandom(100) for _ in range(20)]
        wire = b"".join(client.encrypt(d) for d in data)
        self.assertEqual(server.decrypt(wire), b"".join(data))

    def test_encrypt_empty(self):
        client, server = self.pair()
        self.assertEqual(client.encrypt(b""), b"")

    def test_mutual_auth(self):
        client, server = self.pair(mutual=True, client_cert="rsa")
        self.roundtrip(client, server, 100)
        cert = server.peer_certificate
        if cert is None and not s.attribute_supported(
            server, r.SECPKG_ATTR_REMOTE_CERT_CONTEXT, r.PCCERT_CONTEXT()
        ):
            self.skipTest("SECPKG_ATTR_REMOTE_CERT_CONTEXT not implemented yet")
        self.assertEqual(cert, CERTS.der("rsa"))
        self.assertEqual(client.peer_certificate, CERTS.der("p256"))

    def test_exporter(self):
        for protocols in ("TLSv1.2", "TLSv1.3"):
            with self.subTest(protocols=protocols):
                client, server = self.pair(protocols)
                try:
                    ours = client.export_keying_material("EXPORTER-test", 32)
                except secur32.SSPIError as e:
                    if e.name == "SEC_E_UNSUPPORTED_FUNCTION":
                        self.skipTest("SECPKG_ATTR_KEYING_MATERIAL not implemented yet")
                    raise
                self.assertEqual(len(ours), 32)
                self.assertEqual(server.export_keying_material("EXPORTER-test", 32), ours)
                with_context = client.export_keying_material("EXPORTER-test", 32, b"ctx")
                self.assertNotEqual(with_context, ours)
                self.assertEqual(
                    server.export_keying_material("EXPORTER-test", 32, b"ctx"), with_context
                )
                self.assertNotEqual(client.export_keying_material("EXPORTER-other", 32), ours)

    def test_attributes_before_the_handshake(self):
        cred = secur32.Credential.client()
        self.addCleanup(cred.close)
        ctx = secur32.ClientContext(cred, "localhost")
        self.addCleanup(ctx.close)
        self.assertIsNone(ctx.protocol_version)
        self.assertIsNone(ctx.stream_sizes)
        with self.assertRaises(ValueError):
            ctx.encrypt(b"x")
        self.assertEqual(ctx.shutdown(), b"")  # no context yet
        hello = ctx.step()
        self.assertEqual(hello[0], 0x16)  # a handshake record
        self.assertFalse(ctx.complete)
        self.assertEqual(ctx.step(b""), b"")  # nothing received, nothing to do
        self.assertEqual(ctx.step(hello[:3]), b"")  # partial record: kept

    def test_closed_context(self):
        client, server = self.pair()
        client.close()
        client.close()
        with self.assertRaises(ValueError):
            client.encrypt(b"x")

    def test_incomplete_then_garbage(self):
        cred = secur32.Credential.server_from_pem(*CERTS.pem("p256"))
        self.addCleanup(cred.close)
        ctx = secur32.ServerContext(cred)
        self.addCleanup(ctx.close)
        self.assertEqual(ctx.step(b"\x16\x03\x01"), b"")  # SEC_E_INCOMPLETE_MESSAGE
        with self.assertRaises(secur32.SSPIError) as caught:
            ctx.step(b"\x00\x05" + b"\x00" * 5)  # a 5-byte "ClientHello" of zeros
        self.assertIn(caught.exception.name, ("SEC_E_INVALID_TOKEN", "SEC_E_ILLEGAL_MESSAGE"))


class RenegotiateOnTicketTests(unittest.TestCase):
    """SCH_CRED_LINUX_RENEGOTIATE_ON_TICKET: DecryptMessage returns
    SEC_I_RENEGOTIATE for each TLS 1.3 session ticket, and decrypt() must
    re-enter InitializeSecurityContext and go on."""

    def test_python_server_tickets(self):
        server_context = s.python_server_context(TLS13)
        server_context.num_tickets = 2
        peer = s.PyTLS(server_context, server_side=True)
        cred = secur32.Credential.client(flags=r.SCH_CRED_LINUX_RENEGOTIATE_ON_TICKET)
        self.addCleanup(cred.close)
        ctx = secur32.ClientContext(cred, "localhost")
        self.addCleanup(ctx.close)
        pending = s.handshake(ctx, peer)
        data = os.urandom(5000)
        peer.write(data)
        self.assertEqual(ctx.decrypt(pending + peer.drain()), data)
        self.assertEqual(ctx.data_to_send(), b"")
        self.assertEqual(ctx.renegotiations, 2)  # one per ticket
        ctx_data = os.urandom(100)
        peer.feed(ctx.encrypt(ctx_data))
        self.assertEqual(peer.read_available()[0], ctx_data)


class ThreadAffineTests(unittest.TestCase):
    """SCH_CRED_LINUX_THREAD_AFFINE: the handshake runs on the thread that
    began it; a call from another thread mid-handshake is refused with
    SEC_E_UNSUPPORTED_FUNCTION and loses nothing."""

    def test_refused_elsewhere_then_completes(self):
        cred = secur32.Credential.server_from_pem(*CERTS.pem("p256"), flags=r.SCH_CRED_LINUX_THREAD_AFFINE)
        self.addCleanup(cred.close)
        ctx = secur32.ServerContext(cred)
        self.addCleanup(ctx.close)
        peer = s.PyTLS(s.python_client_context(TLS13, trust="p256"), server_side=False)
        peer.handshake()
        peer.feed(ctx.step(peer.drain()))  # ServerHello ... Finished; the handshake is parked on this thread
        peer.handshake()
        finished = peer.drain()
        caught = []

        def elsewhere():
            try:
                ctx.step(finished)
            except secur32.SSPIError as e:
                caught.append(e)

        t = threading.Thread(target=elsewhere)
        t.start()
        t.join()
        self.assertEqual([e.name for e in caught], ["SEC_E_UNSUPPORTED_FUNCTION"])
        self.assertFalse(ctx.complete)
        peer.feed(ctx.step(finished))  # the right thread: goes on
        self.assertTrue(ctx.complete)
        # Established: any thread may encrypt.
        out = []
        t = threading.Thread(target=lambda: out.append(ctx.encrypt(b"hello")))
        t.start()
        t.join()
        peer.feed(out[0])
        self.assertEqual(peer.read_available()[0], b"hello")


if __name__ == "__main__":
    unittest.main()
