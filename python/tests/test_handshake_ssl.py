"""secur32 contexts against Python's own ssl module (OpenSSL) as the peer,
in memory (ssl.MemoryBIO / SSLObject, no sockets): handshakes for TLS 1.2
and 1.3 with ECDSA and RSA certificates, ALPN, application data both ways,
close_notify both ways, client certificates, and the failures a peer can
cause.

There is no exporter test here: Python's ssl module has no RFC 5705
exporter to compare with (test_context.py compares our two sides).
"""

import os
import ssl
import unittest

from . import _support as s
from ._support import CERTS, TLS12, TLS13, r, secur32

SIZES = (1, 1000, 16384, 100000)
SMALL_SIZES = (1, 1000, 16384)  # for byte-at-a-time feeding
ALPN_CLIENT = ["h2", "http/1.1"]
ALPN_SERVER = ["http/1.1"]


def setUpModule():
    s.load_library()


def records(wire):
    """The (content type, length) of each TLS record in `wire`, which must
    hold whole records only."""
    out = []
    while wire:
        length = int.from_bytes(wire[3:5], "big")
        out.append((wire[0], length))
        wire = wire[5 + length :]
        if len(wire) and len(wire) < 5:
            raise AssertionError("trailing partial record")
    return out


class _Base(unittest.TestCase):
    def own(self, obj):
        """Closes `obj` (a Credential or context) when the test ends."""
        self.addCleanup(obj.close)
        return obj

    # -- checks shared by both directions --------------------------------

    def check_agreement(self, ours, peer, version, alpn=True):
        self.assertEqual(ours.protocol_version, s.VERSION_NAMES[version])
        self.assertEqual(peer.obj.version(), s.VERSION_NAMES[version])
        if alpn:
            self.assertEqual(ours.negotiated_protocol, "http/1.1")
            self.assertEqual(peer.obj.selected_alpn_protocol(), "http/1.1")
        suite = ours.cipher_suite  # None while SECPKG_ATTR_CIPHER_INFO is missing
        if suite is not None:
            self.assertTrue(suite.startswith("TLS_"), suite)
            if version == TLS13:  # OpenSSL uses the IANA names for TLS 1.3
                self.assertEqual(suite, peer.obj.cipher()[0])
        sizes = ours.stream_sizes
        self.assertEqual(sizes.maximum_message, 16384)
        self.assertEqual(sizes.buffers, 4)

    def exchange(self, ours, peer, pending=b"", chunk=None, sizes=SIZES):
        """Application data both ways, in every size of `sizes`; `pending`
        are bytes the peer sent after our handshake finished; `chunk` feeds
        decrypt() that many bytes at a time."""
        for size in sizes:
            data = os.urandom(size)
            wire = ours.encrypt(data)
            # One application-data record per cbMaximumMessage bytes.
            self.assertEqual(
                [kind for kind, _ in records(wire)],
                [23] * -(-size // ours.stream_sizes.maximum_message),
            )
            peer.feed(wire)
            got, eof = peer.read_available()
            self.assertFalse(eof)
            self.assertEqual(got, data, "ours -> python, %d bytes" % size)

            data = os.urandom(size)
            peer.write(data)
            got = s.feed(ours.decrypt, pending + peer.drain(), chunk)
            pending = b""
            self.assertEqual(got, data, "python -> ours, %d bytes" % size)
            self.assertFalse(ours.peer_closed)

    def close_ours_first(self, ours, peer):
        ours_close = ours.shutdown()
        self.assertTrue(ours_close)
        self.assertTrue(ours.shutdown_sent)
        peer.feed(ours_close)
        data, eof = peer.read_available()
        self.assertEqual(data, b"")
        self.assertTrue(eof, "python did not see our close_notify")
        peer.obj.unwrap()  # completes at once: our close_notify is in
        self.assertEqual(ours.decrypt(peer.drain()), b"")
        self.assertTrue(ours.peer_closed)
        self.assertEqual(ours.decrypt(b""), b"")

    def close_python_first(self, ours, peer):
        with self.assertRaises(ssl.SSLWantReadError):
            peer.obj.unwrap()  # sends close_notify, waits for ours
        self.assertEqual(ours.decrypt(peer.drain()), b"")
        self.assertTrue(ours.peer_closed)
        peer.feed(ours.shutdown())
        peer.obj.unwrap()  # now complete


class OurServerTests(_Base):
    """ServerContext against an ssl client."""

    def serve(self, version, kind="p256", alpn_server=ALPN_SERVER, alpn_client=ALPN_CLIENT,
              mutual_auth=False, client_cert=None, protocols=None, chunk=None):
        cred = self.own(secur32.Credential.server_from_pem(*CERTS.pem(kind), protocols=protocols))
        ours = self.own(secur32.ServerContext(cred, alpn=alpn_server, mutual_auth=mutual_auth))
        peer = s.PyTLS(
            s.python_client_context(version, trust=kind, alpn=alpn_client, cert=client_cert),
            server_side=False,
        )
        pending = s.handshake(ours, peer, chunk=chunk)
        return ours, peer, pending

    def run_matrix(self, version, kind):
        ours, peer, pending = self.serve(version, kind)
        self.assertTrue(ours.complete)
        self.check_agreement(ours, peer, version)
        self.exchange(ours, peer, pending)
        self.close_ours_first(ours, peer)

    def test_tls12_p256(self):
        self.run_matrix(TLS12, "p256")

    def test_tls12_rsa(self):
        self.run_matrix(TLS12, "rsa")

    def test_tls13_p256(self):
        self.run_matrix(TLS13, "p256")

    def test_tls13_rsa(self):
        self.run_matrix(TLS13, "rsa")

    def test_python_closes_first_tls12(self):
        ours, peer, pending = self.serve(TLS12)
        self.exchange(ours, peer, pending)
        self.close_python_first(ours, peer)

    def test_python_closes_first_tls13(self):
        ours, peer, pending = self.serve(TLS13)
        self.exchange(ours, peer, pending)
        self.close_python_first(ours, peer)

    def test_byte_at_a_time_tls12(self):
        ours, peer, pending = self.serve(TLS12, chunk=1)
        self.check_agreement(ours, peer, TLS12)
        self.exchange(ours, peer, pending, chunk=1, sizes=SMALL_SIZES)

    def test_byte_at_a_time_tls13(self):
        ours, peer, pending = self.serve(TLS13, chunk=1)
        self.check_agreement(ours, peer, TLS13)
        self.exchange(ours, peer, pending, chunk=1, sizes=SMALL_SIZES)

    def test_odd_chunks_tls13(self):
        ours, peer, pending = self.serve(TLS13, chunk=7)
        self.exchange(ours, peer, pending, chunk=4097)

    def test_without_alpn(self):
        ours, peer, pending = self.serve(TLS13, alpn_server=None, alpn_client=None)
        self.assertIsNone(ours.negotiated_protocol)
        self.assertIsNone(peer.obj.selected_alpn_protocol())
        self.exchange(ours, peer, pending)

    def test_server_picks_its_preference(self):
        ours, peer, _ = self.serve(TLS13, alpn_server=["h2", "http/1.1"],
                                   alpn_client=["http/1.1", "h2"])
        self.assertEqual(ours.negotiated_protocol, "h2")
        self.assertEqual(peer.obj.selected_alpn_protocol(), "h2")

    def test_pfx_credential(self):
        cred = self.own(secur32.Credential.server_from_pfx(CERTS.read("p256-aes.pfx"), "pass"))
        ours = self.own(secur32.ServerContext(cred))
        peer = s.PyTLS(s.python_client_context(TLS13, trust="p256"), server_side=False)
        pending = s.handshake(ours, peer)
        self.exchange(ours, peer, pending)
        self.close_ours_first(ours, peer)

    def test_protocols_restrict_to_tls12(self):
        ours, peer, pending = self.serve(None, protocols="TLSv1.2")
        self.assertEqual(ours.protocol_version, "TLSv1.2")
        self.assertEqual(peer.obj.version(), "TLSv1.2")

    def test_mutual_auth_with_client_certificate(self):
        for version in (TLS12, TLS13):
            with self.subTest(version=version):
                ours, peer, pending = self.serve(version, mutual_auth=True, client_cert="rsa")
                self.exchange(ours, peer, pending)
                if not s.attribute_supported(ours, r.SECPKG_ATTR_REMOTE_CERT_CONTEXT,
                                             r.PCCERT_CONTEXT()):
                    self.skipTest("SECPKG_ATTR_REMOTE_CERT_CONTEXT not implemented yet")
                self.assertEqual(ours.peer_certificate, CERTS.der("rsa"))

    def test_mutual_auth_without_client_certificate(self):
        ours, peer, pending = self.serve(TLS13, mutual_auth=True)
        self.exchange(ours, peer, pending)
        self.assertIsNone(ours.peer_certificate)


class OurClientTests(_Base):
    """ClientContext against an ssl server."""

    def connect(self, version, kind="p256", alpn_server=ALPN_SERVER, alpn_client=ALPN_CLIENT,
                client_ca=None, client_cert=None, chunk=None, **client_args):
        peer = s.PyTLS(
            s.python_server_context(version, kind=kind, alpn=alpn_server, client_ca=client_ca),
            server_side=True,
        )
        if client_cert:
            client_args["client_cert"] = CERTS.pem(client_cert)
        cred = self.own(secur32.Credential.client(**client_args))
        ours = self.own(secur32.ClientContext(cred, "localhost", alpn=alpn_client))
        pending = s.handshake(ours, peer, chunk=chunk)
        return ours, peer, pending

    def run_matrix(self, version, kind):
        ours, peer, pending = self.connect(version, kind)
        self.assertTrue(ours.complete)
        self.check_agreement(ours, peer, version)
        self.exchange(ours, peer, pending)
        self.close_ours_first(ours, peer)

    def test_tls12_p256(self):
        self.run_matrix(TLS12, "p256")

    def test_tls12_rsa(self):
        self.run_matrix(TLS12, "rsa")

    def test_tls13_p256(self):
        self.run_matrix(TLS13, "p256")

    def test_tls13_rsa(self):
        self.run_matrix(TLS13, "rsa")

    def test_python_closes_first_tls12(self):
        ours, peer, pending = self.connect(TLS12)
        self.exchange(ours, peer, pending)
        self.close_python_first(ours, peer)

    def test_python_closes_first_tls13(self):
        ours, peer, pending = self.connect(TLS13)
        self.exchange(ours, peer, pending)
        self.close_python_first(ours, peer)

    def test_byte_at_a_time_tls12(self):
        ours, peer, pending = self.connect(TLS12, chunk=1)
        self.check_agreement(ours, peer, TLS12)
        self.exchange(ours, peer, pending, chunk=1, sizes=SMALL_SIZES)

    def test_byte_at_a_time_tls13(self):
        # The session tickets Python sends after the handshake reach
        # decrypt() a byte at a time, too.
        ours, peer, pending = self.connect(TLS13, chunk=1)
        self.check_agreement(ours, peer, TLS13)
        self.exchange(ours, peer, pending, chunk=1, sizes=SMALL_SIZES)

    def test_client_certificate_tls12(self):
        ours, peer, pending = self.connect(TLS12, client_ca="rsa", client_cert="rsa")
        self.exchange(ours, peer, pending)
        self.assertEqual(peer.obj.getpeercert(binary_form=True), CERTS.der("rsa"))

    def test_client_certificate_tls13(self):
        ours, peer, pending = self.connect(TLS13, client_ca="rsa", client_cert="rsa")
        self.exchange(ours, peer, pending)
        self.assertEqual(peer.obj.getpeercert(binary_form=True), CERTS.der("rsa"))

    def test_no_client_certificate_when_asked(self):
        ours, peer, pending = self.connect(TLS13, client_ca="rsa")
        self.exchange(ours, peer, pending)
        self.assertIsNone(peer.obj.getpeercert(binary_form=True))

    def test_server_certificate_seen_by_client(self):
        ours, peer, pending = self.connect(TLS13, kind="rsa")
        if not s.attribute_supported(ours, r.SECPKG_ATTR_REMOTE_CERT_CONTEXT, r.PCCERT_CONTEXT()):
            self.skipTest("SECPKG_ATTR_REMOTE_CERT_CONTEXT not implemented yet")
        self.assertEqual(ours.peer_certificate, CERTS.der("rsa"))

    def test_without_alpn(self):
        ours, peer, pending = self.connect(TLS12, alpn_server=None, alpn_client=None)
        self.assertIsNone(ours.negotiated_protocol)
        self.exchange(ours, peer, pending)


class ErrorTests(_Base):
    """Failures raise SSPIError naming the status."""

    def assertStatus(self, error, *names):
        self.assertIn(error.name, names)
        self.assertIn(error.name, str(error))
        self.assertEqual(r.STATUS_NAMES[error.status], error.name)

    def test_server_tls13_only_against_tls12_client(self):
        cred = self.own(secur32.Credential.server_from_pem(*CERTS.pem("p256"), protocols="TLSv1.3"))
        ours = self.own(secur32.ServerContext(cred))
        peer = s.PyTLS(s.python_client_context(TLS12), server_side=False)
        with self.assertRaises(secur32.SSPIError) as caught:
            s.handshake(ours, peer)
        self.assertStatus(caught.exception, "SEC_E_UNSUPPORTED_FUNCTION", "SEC_E_ALGORITHM_MISMATCH")
        if caught.exception.token:  # the alert for the client
            peer.feed(caught.exception.token)
            with self.assertRaises(ssl.SSLError):
                peer.obj.do_handshake()

    def test_client_tls13_only_against_tls12_server(self):
        peer = s.PyTLS(s.python_server_context(TLS12), server_side=True)
        cred = self.own(secur32.Credential.client(protocols="TLSv1.3"))
        ours = self.own(secur32.ClientContext(cred, "localhost"))
        peer.feed(ours.step())
        with self.assertRaises(ssl.SSLError):
            peer.obj.do_handshake()
        alert = peer.drain()
        self.assertTrue(alert, "OpenSSL sent no alert")
        with self.assertRaises(secur32.SSPIError) as caught:
            ours.step(alert)
        self.assertStatus(caught.exception, "SEC_E_UNSUPPORTED_FUNCTION", "SEC_E_ALGORITHM_MISMATCH")

    def test_garbage_to_server(self):
        cred = self.own(secur32.Credential.server_from_pem(*CERTS.pem("p256")))
        ours = self.own(secur32.ServerContext(cred))
        with self.assertRaises(secur32.SSPIError) as caught:
            ours.step(b"GET / HTTP/1.1\r\nHost: localhost\r\n\r\n")
        self.assertStatus(caught.exception, "SEC_E_INVALID_TOKEN")

    def test_garbage_to_client(self):
        cred = self.own(secur32.Credential.client())
        ours = self.own(secur32.ClientContext(cred, "localhost"))
        ours.step()
        with self.assertRaises(secur32.SSPIError) as caught:
            ours.step(b"HTTP/1.1 400 Bad Request\r\n\r\n")
        self.assertStatus(caught.exception, "SEC_E_INVALID_TOKEN")

    def test_tampered_record(self):
        cred = self.own(secur32.Credential.server_from_pem(*CERTS.pem("p256")))
        ours = self.own(secur32.ServerContext(cred))
        peer = s.PyTLS(s.python_client_context(TLS13), server_side=False)
        pending = s.handshake(ours, peer)
        self.assertEqual(ours.decrypt(pending), b"")
        peer.write(b"attack at dawn")
        record = bytearray(peer.drain())
        record[-1] ^= 0x01
        with self.assertRaises(secur32.SSPIError) as caught:
            ours.decrypt(bytes(record))
        self.assertStatus(caught.exception, "SEC_E_MESSAGE_ALTERED", "SEC_E_DECRYPT_FAILURE")

    def test_no_common_alpn_protocol(self):
        cred = self.own(secur32.Credential.server_from_pem(*CERTS.pem("p256")))
        ours = self.own(secur32.ServerContext(cred, alpn=["http/1.1"]))
        peer = s.PyTLS(s.python_client_context(TLS13, alpn=["h2"]), server_side=False)
        with self.assertRaises(secur32.SSPIError) as caught:
            s.handshake(ours, peer)
        self.assertStatus(caught.exception, "SEC_E_APPLICATION_PROTOCOL_MISMATCH")

    def test_alert_to_client_with_extended_error(self):
        cred = self.own(secur32.Credential.server_from_pem(*CERTS.pem("p256")))
        ours = self.own(secur32.ServerContext(cred, alpn=["http/1.1"], extended_error=True))
        peer = s.PyTLS(s.python_client_context(TLS13, alpn=["h2"]), server_side=False)
        with self.assertRaises(secur32.SSPIError) as caught:
            s.handshake(ours, peer)
        self.assertStatus(caught.exception, "SEC_E_APPLICATION_PROTOCOL_MISMATCH")
        alert = caught.exception.token
        self.assertEqual(records(alert), [(21, 2)])  # one plaintext alert record
        self.assertEqual(alert[-2:], bytes([2, 120]))  # fatal no_application_protocol
        peer.feed(alert)
        with self.assertRaisesRegex(ssl.SSLError, "(?i)no.application.protocol"):
            peer.obj.do_handshake()

    def test_alert_to_server_with_extended_error(self):
        peer = s.PyTLS(s.python_server_context(TLS12), server_side=True)
        cred = self.own(secur32.Credential.client(manual_validation=False))
        ours = self.own(secur32.ClientContext(cred, "localhost", extended_error=True))
        with self.assertRaises(secur32.SSPIError) as caught:
            s.handshake(ours, peer)
        self.assertStatus(caught.exception, "SEC_E_UNTRUSTED_ROOT")
        self.assertTrue(caught.exception.token, "no alert for the server")
        peer.feed(caught.exception.token)
        with self.assertRaises(ssl.SSLError):
            peer.obj.do_handshake()

    def test_untrusted_server_with_automatic_validation(self):
        peer = s.PyTLS(s.python_server_context(TLS13), server_side=True)
        cred = self.own(secur32.Credential.client(manual_validation=False))
        ours = self.own(secur32.ClientContext(cred, "localhost"))
        with self.assertRaises(secur32.SSPIError) as caught:
            s.handshake(ours, peer)
        self.assertStatus(caught.exception, "SEC_E_UNTRUSTED_ROOT")


if __name__ == "__main__":
    unittest.main()
