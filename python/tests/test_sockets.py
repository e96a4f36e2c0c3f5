"""secur32.sockets (SSPISocket, wrap_server, wrap_client) over real
sockets on 127.0.0.1, against curl and Python's ssl module, and the two
examples in python/examples (run as subprocesses).

Every socket has a timeout, every thread is joined and every subprocess
has a deadline, so a hang fails the test instead of blocking the suite.
"""

import os
import selectors
import shutil
import socket
import ssl
import subprocess
import sys
import threading
import time
import unittest

from . import _support as s
from ._support import CERTS, TLS12, TLS13, secur32

TIMEOUT = 10.0
EXAMPLES = os.path.join(s.PYTHON_DIR, "examples")
SIZES = (1, 1000, 16384, 100000)
VERSIONS = (TLS12, TLS13)


def setUpModule():
    s.load_library()


def recv_exactly(sock, n):
    data = bytearray()
    while len(data) < n:
        chunk = sock.recv(min(65536, n - len(data)))
        if not chunk:
            raise AssertionError("connection ended after %d of %d bytes" % (len(data), n))
        data += chunk
    return bytes(data)


class Thread(threading.Thread):
    """Runs target(*args) and keeps its result or exception for result()."""

    def __init__(self, target, *args):
        super().__init__(daemon=True)
        self._target_function = target
        self._args = args
        self.value = None
        self.error = None

    def run(self):
        try:
            self.value = self._target_function(*self._args)
        except BaseException as error:  # reported by result()
            self.error = error

    def result(self, timeout=TIMEOUT * 2):
        self.join(timeout)
        if self.is_alive():
            raise AssertionError("thread still running after %.0f s" % timeout)
        if self.error is not None:
            raise self.error
        return self.value


class _Base(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server_cred = secur32.Credential.server_from_pem(*CERTS.pem("p256"))
        cls.client_cred = secur32.Credential.client()

    @classmethod
    def tearDownClass(cls):
        cls.server_cred.close()
        cls.client_cred.close()

    def own(self, obj):
        self.addCleanup(obj.close)
        return obj

    def listener(self):
        sock = self.own(socket.socket(socket.AF_INET, socket.SOCK_STREAM))
        sock.settimeout(TIMEOUT)
        sock.bind(("127.0.0.1", 0))
        sock.listen(4)
        return sock, sock.getsockname()[1]

    def connect(self, port):
        sock = self.own(socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT))
        return sock

    def thread(self, target, *args):
        t = Thread(target, *args)
        t.start()
        self.addCleanup(t.join, TIMEOUT * 2)
        return t

    def accept_wrapped(self, listener, **args):
        conn, _ = listener.accept()
        conn.settimeout(TIMEOUT)
        return secur32.wrap_server(conn, self.server_cred, **args)

    def assertStatus(self, error, name):
        self.assertEqual(error.name, name)
        self.assertIn(name, str(error))


# -- the server wrapper -----------------------------------------------------------


def serve_http_once(test, listener):
    """Accepts one connection, answers one HTTP request; returns
    (protocol_version, negotiated_protocol) seen by the server."""
    with test.accept_wrapped(listener, alpn=["http/1.1"]) as tls:
        tls.do_handshake()
        request = bytearray()
        while b"\r\n\r\n" not in request:
            chunk = tls.recv(4096)
            if not chunk:
                raise AssertionError("client left before its request ended")
            request += chunk
        body = ("version=%s path=%s\n" % (tls.protocol_version, request.split(b" ")[1].decode())).encode()
        tls.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\nConnection: close\r\n\r\n"
                    % len(body) + body)
        return tls.protocol_version, tls.negotiated_protocol


def echo_until_close(test, listener, version_seen):
    """Accepts one connection and echoes until the client's close_notify,
    then closes (sending ours)."""
    with test.accept_wrapped(listener, alpn=["http/1.1"]) as tls:
        tls.do_handshake()
        version_seen.append((tls.protocol_version, tls.negotiated_protocol, tls.cipher_suite))
        while True:
            data = tls.recv(65536)
            if not data:
                break
            tls.sendall(data)
        return tls.peer_closed, tls.ragged_eof


class ServerWrapperTests(_Base):
    def curl(self, version_args, version_name):
        curl = shutil.which("curl")
        s.skip_unless(curl, "curl is not installed")
        listener, port = self.listener()
        server = self.thread(serve_http_once, self, listener)
        run = subprocess.run(
            [curl, "-sSk", "--max-time", str(int(TIMEOUT)), *version_args,
             "https://127.0.0.1:%d/hello" % port],
            capture_output=True, timeout=TIMEOUT * 2,
        )
        self.assertEqual(server.result(), (version_name, "http/1.1"))
        self.assertEqual(run.returncode, 0, run.stderr)
        self.assertEqual(run.stdout, ("version=%s path=/hello\n" % version_name).encode())

    def test_curl_tls13(self):
        self.curl(["--tlsv1.3"], "TLSv1.3")

    def test_curl_tls12(self):
        self.curl(["--tlsv1.2", "--tls-max", "1.2"], "TLSv1.2")

    def test_python_client_closes_first(self):
        for version in VERSIONS:
            with self.subTest(version=version):
                listener, port = self.listener()
                seen = []
                server = self.thread(echo_until_close, self, listener, seen)
                ctx = s.python_client_context(version, alpn=["http/1.1"])
                with ctx.wrap_socket(self.connect(port), server_hostname="localhost") as tls:
                    self.assertEqual(tls.selected_alpn_protocol(), "http/1.1")
                    for size in SIZES:
                        data = os.urandom(size)
                        tls.sendall(data)
                        self.assertEqual(recv_exactly(tls, size), data)
                    tls.unwrap()  # our close_notify, then waits for the server's
                self.assertEqual(server.result(), (True, False))
                protocol, alpn, suite = seen[0]
                self.assertEqual(protocol, s.VERSION_NAMES[version])
                self.assertEqual(alpn, "http/1.1")
                if suite is not None:
                    self.assertTrue(suite.startswith("TLS_"), suite)

    def test_server_closes_first_over_socketpair(self):
        for version in VERSIONS:
            with self.subTest(version=version):
                ours, theirs = socket.socketpair()
                self.own(ours)
                self.own(theirs)
                ours.settimeout(TIMEOUT)
                theirs.settimeout(TIMEOUT)
                greeting = os.urandom(50000)

                def server():
                    with secur32.wrap_server(ours, self.server_cred) as tls:
                        tls.sendall(greeting)  # runs the handshake first
                        return tls.recv(100)

                thread = self.thread(server)
                ctx = s.python_client_context(version)
                with ctx.wrap_socket(theirs, server_hostname="localhost") as tls:
                    tls.sendall(b"ping")
                    self.assertEqual(recv_exactly(tls, len(greeting)), greeting)
                    self.assertEqual(tls.recv(100), b"")  # the server's close_notify
                    self.assertEqual(tls.version(), s.VERSION_NAMES[version])
                self.assertEqual(thread.result(), b"ping")

    def test_data_arriving_with_the_last_handshake_flight(self):
        # TLS 1.3: the client's Finished, application data and close_notify
        # reach the server in one segment; do_handshake() must keep the
        # records that follow the Finished for recv().
        listener, port = self.listener()

        def server():
            with self.accept_wrapped(listener) as tls:
                tls.do_handshake()
                data = bytearray()
                while True:
                    chunk = tls.recv(7)  # small reads: the rest stays buffered
                    if not chunk:
                        return bytes(data), tls.peer_closed
                    data += chunk

        thread = self.thread(server)
        sock = self.connect(port)
        peer = s.PyTLS(s.python_client_context(TLS13), server_side=False)
        deadline = time.monotonic() + TIMEOUT
        peer.handshake()
        sock.sendall(peer.drain())  # ClientHello
        while not peer.handshake():
            self.assertLess(time.monotonic(), deadline)
            data = sock.recv(65536)
            self.assertTrue(data, "server closed during the handshake")
            peer.feed(data)
        peer.write(b"sent with the client Finished")
        with self.assertRaises(ssl.SSLWantReadError):
            peer.obj.unwrap()
        sock.sendall(peer.drain())  # Finished + data + close_notify
        self.assertEqual(thread.result(), (b"sent with the client Finished", True))

    def test_plain_http_to_server(self):
        listener, port = self.listener()

        def server():
            with self.accept_wrapped(listener) as tls:
                tls.do_handshake()

        thread = self.thread(server)
        sock = self.connect(port)
        sock.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        with self.assertRaises(secur32.SSPIError) as caught:
            thread.result()
        self.assertStatus(caught.exception, "SEC_E_INVALID_TOKEN")

    def test_client_leaves_during_handshake(self):
        listener, port = self.listener()

        def server():
            with self.accept_wrapped(listener) as tls:
                tls.recv(10)

        thread = self.thread(server)
        sock = self.connect(port)
        sock.sendall(b"\x16\x03\x01\x00\x40")  # half a record header's promise
        sock.close()
        with self.assertRaises(secur32.SSPIError) as caught:
            thread.result()
        self.assertStatus(caught.exception, "SEC_E_INCOMPLETE_MESSAGE")

    def test_closed_wrapper(self):
        a, b = socket.socketpair()
        self.own(b)
        tls = secur32.wrap_server(a, self.server_cred)
        tls.close()
        tls.close()
        self.assertEqual(a.fileno(), -1)
        with self.assertRaises(ValueError):
            tls.recv(1)


# -- the client wrapper -------------------------------------------------------------


def python_echo_server(listener, context, count):
    """Accepts one TLS connection with Python's ssl, echoes `count` bytes,
    then closes cleanly (close_notify both ways)."""
    conn, _ = listener.accept()
    conn.settimeout(TIMEOUT)
    with context.wrap_socket(conn, server_side=True) as tls:
        tls.sendall(recv_exactly(tls, count))
        agreed = tls.version(), tls.selected_alpn_protocol()
        tls.unwrap()  # sends close_notify and waits for the client's
        return agreed


class ClientWrapperTests(_Base):
    def test_python_server(self):
        for version in VERSIONS:
            with self.subTest(version=version):
                listener, port = self.listener()
                data = os.urandom(100000)
                context = s.python_server_context(version, alpn=["http/1.1"])
                server = self.thread(python_echo_server, listener, context, len(data))
                with secur32.wrap_client(self.connect(port), self.client_cred, "localhost",
                                         alpn=["h2", "http/1.1"]) as tls:
                    tls.do_handshake()
                    self.assertEqual(tls.protocol_version, s.VERSION_NAMES[version])
                    self.assertEqual(tls.negotiated_protocol, "http/1.1")
                    self.assertEqual(tls.peer_certificate, CERTS.der("p256"))
                    tls.sendall(data)
                    got = bytearray()
                    while len(got) < len(data):
                        chunk = tls.recv(65536)
                        self.assertTrue(chunk, "connection ended early")
                        got += chunk
                    self.assertEqual(bytes(got), data)
                    self.assertEqual(tls.recv(1), b"")  # the server's close_notify
                    self.assertTrue(tls.peer_closed)
                # close() sent our close_notify: the server's unwrap() returned
                self.assertEqual(server.result(), (s.VERSION_NAMES[version], "http/1.1"))

    def test_untrusted_server(self):
        listener, port = self.listener()
        context = s.python_server_context(TLS13)

        def server():
            conn, _ = listener.accept()
            conn.settimeout(TIMEOUT)
            with conn, self.assertRaises(ssl.SSLError):  # our alert ends its handshake
                context.wrap_socket(conn, server_side=True)

        thread = self.thread(server)
        cred = self.own(secur32.Credential.client(manual_validation=False))
        with secur32.wrap_client(self.connect(port), cred, "localhost") as tls:
            with self.assertRaises(secur32.SSPIError) as caught:
                tls.do_handshake()
        self.assertStatus(caught.exception, "SEC_E_UNTRUSTED_ROOT")
        thread.result()


# -- the examples -------------------------------------------------------------------


class _ExampleBase(_Base):
    def start(self, script, count):
        proc = subprocess.Popen(
            [sys.executable, os.path.join(EXAMPLES, script), "0",
             CERTS.path("p256.crt"), CERTS.path("p256.key"), str(count)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )
        self.addCleanup(self.stop, proc)
        line = b""
        with selectors.DefaultSelector() as selector:
            selector.register(proc.stdout, selectors.EVENT_READ)
            deadline = time.monotonic() + TIMEOUT * 2
            while not line.endswith(b"\n"):
                left = deadline - time.monotonic()
                self.assertGreater(left, 0, "%s did not print its port" % script)
                if selector.select(left):
                    byte = os.read(proc.stdout.fileno(), 1)
                    if not byte:
                        self.fail("%s exited: %r" % (script, proc.stderr.read()))
                    line += byte
        self.assertTrue(line.startswith(b"PORT "), line)
        return proc, int(line.split()[1])

    @staticmethod
    def stop(proc):
        if proc.poll() is None:
            proc.kill()
        proc.wait(TIMEOUT)
        proc.stdout.close()
        proc.stderr.close()

    def finish(self, proc):
        """(exit status, stderr) once the example has served its count."""
        _, err = proc.communicate(timeout=TIMEOUT * 2)
        return proc.returncode, err.decode("utf-8", "replace")


class AsyncioExampleTests(_ExampleBase):
    def test_echo_with_python_clients(self):
        proc, port = self.start("asyncio_echo.py", len(VERSIONS))
        for version in VERSIONS:
            with self.subTest(version=version):
                ctx = s.python_client_context(version, alpn=["http/1.1"])
                with ctx.wrap_socket(self.connect(port), server_hostname="localhost") as tls:
                    self.assertEqual(tls.selected_alpn_protocol(), "http/1.1")
                    self.assertEqual(tls.version(), s.VERSION_NAMES[version])
                    for size in SIZES:
                        data = os.urandom(size)
                        tls.sendall(data)
                        self.assertEqual(recv_exactly(tls, size), data)
                    tls.unwrap()  # the server answers our close_notify
        status, err = self.finish(proc)
        self.assertEqual(status, 0, err)

    def test_plain_tcp_client_is_refused(self):
        proc, port = self.start("asyncio_echo.py", 1)
        sock = self.connect(port)
        sock.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        sock.recv(100)  # the server's alert, or nothing; then the close
        status, err = self.finish(proc)
        self.assertEqual(status, 1)
        self.assertIn("SEC_E_INVALID_TOKEN", err)


class HttpsExampleTests(_ExampleBase):
    def test_curl_and_plain_http(self):
        curl = shutil.which("curl")
        s.skip_unless(curl, "curl is not installed")
        proc, port = self.start("https_server.py", 3)
        for args, name in (([], "TLSv1.3"), (["--tlsv1.2", "--tls-max", "1.2"], "TLSv1.2")):
            run = subprocess.run(
                [curl, "-sSk", "--max-time", str(int(TIMEOUT)), *args,
                 "https://127.0.0.1:%d/page" % port],
                capture_output=True, timeout=TIMEOUT * 2,
            )
            self.assertEqual(run.returncode, 0, run.stderr)
            body = run.stdout.decode()
            self.assertTrue(body.startswith("Hello from secur32 over %s (" % name), body)
            self.assertIn("Request: GET /page HTTP/1.1", body)
        sock = self.connect(port)
        sock.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        sock.recv(100)
        status, err = self.finish(proc)
        self.assertEqual(status, 1)
        self.assertIn("SEC_E_INVALID_TOKEN", err)


if __name__ == "__main__":
    unittest.main()
