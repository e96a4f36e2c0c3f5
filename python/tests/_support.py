"""Shared test fixtures: where the library and the headers are, test
certificates, and an in-memory Python ssl peer.

Importing this module sets SECUR32_LIB to the repository's
build/libsecur32.so unless the environment already names a library.
"""

import atexit
import ctypes
import os
import shutil
import ssl
import subprocess
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
PYTHON_DIR = os.path.dirname(HERE)
REPO_DIR = os.path.dirname(PYTHON_DIR)
INCLUDE_DIR = os.path.join(REPO_DIR, "include")
DEFAULT_LIB = os.path.normpath(os.path.join(HERE, "..", "..", "build", "libsecur32.so"))

os.environ.setdefault("SECUR32_LIB", DEFAULT_LIB)

import secur32  # noqa: E402  (after SECUR32_LIB is set)
from secur32 import _lib  # noqa: E402
from secur32 import raw as r  # noqa: E402

TLS12 = ssl.TLSVersion.TLSv1_2
TLS13 = ssl.TLSVersion.TLSv1_3
VERSION_NAMES = {TLS12: "TLSv1.2", TLS13: "TLSv1.3"}


def load_library():
    """Loads libsecur32 or raises with the paths tried (use in setUpClass,
    so that a missing library fails the tests instead of skipping them)."""
    return _lib.load()


def headers_available():
    return os.path.exists(os.path.join(INCLUDE_DIR, "sspi.h"))


def c_compiler():
    for name in (os.environ.get("CC"), "cc", "gcc", "clang"):
        if name and shutil.which(name):
            return shutil.which(name)
    return None


# -- certificates -----------------------------------------------------------


class _Certificates:
    """Self-signed CN=localhost certificates (SAN DNS:localhost), PEM:
    p256.crt/.key and rsa.crt/.key, plus p256-aes.pfx (password "pass").
    Taken from SECUR32_TESTDATA (ctest/gen_certs.sh) when it has them,
    otherwise made once with the openssl command in a temporary directory."""

    FILES = ("p256.crt", "p256.key", "rsa.crt", "rsa.key", "p256-aes.pfx")

    def __init__(self):
        self._dir = None

    @property
    def dir(self):
        if self._dir is None:
            given = os.environ.get("SECUR32_TESTDATA")
            if given and all(os.path.exists(os.path.join(given, f)) for f in self.FILES):
                self._dir = given
            else:
                self._dir = self._generate()
        return self._dir

    @staticmethod
    def _generate():
        openssl = shutil.which("openssl")
        if not openssl:
            raise RuntimeError("neither SECUR32_TESTDATA nor the openssl command is available")
        directory = tempfile.mkdtemp(prefix="secur32-test-")
        atexit.register(shutil.rmtree, directory, True)

        def run(*args):
            subprocess.run(
                [openssl, *args], cwd=directory, check=True, capture_output=True
            )

        common = [
            "-nodes", "-days", "3650", "-subj", "/CN=localhost/O=secur32 python test",
            "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
        ]
        run("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
            "-keyout", "p256.key", "-out", "p256.crt", *common)
        run("req", "-x509", "-newkey", "rsa:2048",
            "-keyout", "rsa.key", "-out", "rsa.crt", *common)
        run("pkcs12", "-export", "-in", "p256.crt", "-inkey", "p256.key",
            "-out", "p256-aes.pfx", "-passout", "pass:pass")
        return directory

    def path(self, name):
        return os.path.join(self.dir, name)

    def read(self, name):
        with open(self.path(name), "rb") as f:
            return f.read()

    def pem(self, kind):
        """(certificate PEM, key PEM) of kind "p256" or "rsa"."""
        return self.read(kind + ".crt"), self.read(kind + ".key")

    def der(self, kind):
        return ssl.PEM_cert_to_DER_cert(self.read(kind + ".crt").decode("ascii"))


CERTS = _Certificates()

# -- the Python ssl peer ----------------------------------------------------


def python_client_context(version=None, trust="p256", alpn=None, cert=None):
    """An ssl client context pinned to `version` (both bounds), trusting the
    self-signed certificate `trust` and checking the name "localhost"."""
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    if version is not None:
        ctx.minimum_version = ctx.maximum_version = version
    ctx.load_verify_locations(CERTS.path(trust + ".crt"))
    if alpn:
        ctx.set_alpn_protocols(alpn)
    if cert:
        ctx.load_cert_chain(CERTS.path(cert + ".crt"), CERTS.path(cert + ".key"))
    return ctx


def python_server_context(version=None, kind="p256", alpn=None, client_ca=None):
    """An ssl server context pinned to `version` with certificate `kind`;
    with `client_ca` it asks for a client certificate (CERT_OPTIONAL) and
    trusts that self-signed certificate."""
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    if version is not None:
        ctx.minimum_version = ctx.maximum_version = version
    ctx.load_cert_chain(CERTS.path(kind + ".crt"), CERTS.path(kind + ".key"))
    if alpn:
        ctx.set_alpn_protocols(alpn)
    if client_ca:
        ctx.verify_mode = ssl.CERT_OPTIONAL
        ctx.load_verify_locations(CERTS.path(client_ca + ".crt"))
    return ctx


class PyTLS:
    """An ssl.SSLObject over two MemoryBIOs: bytes in with feed(), bytes out
    with drain(). No sockets."""

    def __init__(self, context, server_side):
        self.incoming = ssl.MemoryBIO()
        self.outgoing = ssl.MemoryBIO()
        self.obj = context.wrap_bio(
            self.incoming,
            self.outgoing,
            server_side=server_side,
            server_hostname=None if server_side else "localhost",
        )
        self.handshake_done = False

    def feed(self, data):
        if data:
            self.incoming.write(data)

    def drain(self):
        return self.outgoing.read()

    def handshake(self):
        """One do_handshake attempt; True once the handshake is done."""
        if not self.handshake_done:
            try:
                self.obj.do_handshake()
                self.handshake_done = True
            except ssl.SSLWantReadError:
                pass
        return self.handshake_done

    def read_available(self):
        """(plaintext available now, True if the peer's close_notify came)."""
        data = bytearray()
        while True:
            try:
                chunk = self.obj.read(1 << 20)
            except ssl.SSLWantReadError:
                return bytes(data), False
            except ssl.SSLZeroReturnError:
                return bytes(data), True
            if not chunk:  # SSLObject.read gives b"" after close_notify
                return bytes(data), True
            data += chunk

    def write(self, data):
        view = memoryview(data)
        while view:
            n = self.obj.write(view)
            view = view[n:]


def feed(function, data, chunk=None):
    """Calls function(data), or function on `chunk`-byte pieces of data,
    and returns the concatenated results."""
    if not chunk:
        return function(data)
    out = bytearray()
    for i in range(0, len(data), chunk):
        out += function(data[i : i + chunk])
    return bytes(out)


def handshake(ours, peer, chunk=None, limit=50):
    """Runs the handshake between `ours` (a secur32 context) and `peer` (a
    PyTLS). Returns the bytes the peer sent after our side had finished
    (records for ours.decrypt)."""
    to_peer = b"" if isinstance(ours, secur32.ServerContext) else ours.step()
    after = bytearray()
    for _ in range(limit):
        peer.feed(to_peer)
        to_peer = b""
        peer_done = peer.handshake()
        data = peer.drain()
        if not ours.complete:
            to_peer = feed(ours.step, data, chunk)
        else:
            after += data
        if ours.complete and peer_done and not to_peer:
            return bytes(after)
    raise AssertionError(
        "handshake did not finish (ours complete=%s, peer done=%s)"
        % (ours.complete, peer.handshake_done)
    )


def pair_handshake(client, server, chunk=None, limit=50):
    """Runs the handshake between two secur32 contexts; bytes either side
    received after finishing stay in it for decrypt()."""
    to_server = client.step()
    for _ in range(limit):
        to_client = feed(server.step, to_server, chunk) if to_server else b""
        to_server = feed(client.step, to_client, chunk) if to_client else b""
        if client.complete and server.complete and not to_server:
            return
    raise AssertionError(
        "handshake did not finish (client %s, server %s)" % (client.complete, server.complete)
    )


def attribute_supported(ctx, attribute, value):
    """False when QueryContextAttributesW answers SEC_E_UNSUPPORTED_FUNCTION
    for `attribute` (a feature the library does not have yet)."""
    status = r.QueryContextAttributesW(ctypes.byref(ctx.handle), attribute, ctypes.byref(value))
    if status & 0xFFFFFFFF == r.SEC_E_OK and isinstance(value, r.PCCERT_CONTEXT) and value:
        r.CertFreeCertificateContext(value)
    return status & 0xFFFFFFFF != r.SEC_E_UNSUPPORTED_FUNCTION


def skip_unless(condition, reason):
    if not condition:
        raise unittest.SkipTest(reason)
