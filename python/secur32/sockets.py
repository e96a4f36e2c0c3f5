"""Blocking TLS over a connected socket.socket, with secur32 contexts.

    cred = Credential.server_from_pem(cert_pem, key_pem)
    conn, _ = listener.accept()
    with wrap_server(conn, cred, alpn=["http/1.1"]) as tls:
        tls.do_handshake()
        request = tls.recv(16384)
        tls.sendall(b"HTTP/1.1 200 OK\\r\\n...")
    # leaving the block sends close_notify and closes the socket

The wrapper moves bytes between the socket and a ServerContext or
ClientContext (step / encrypt / decrypt / shutdown); the socket's own
timeout applies to every call. Failures of the TLS layer raise SSPIError
(with the status name in the message); failures of the socket raise
OSError as usual. An SSPISocket is not safe for concurrent use.
"""

from . import raw as r
from .context import ClientContext, ServerContext, SSPIError

__all__ = ["SSPISocket", "wrap_server", "wrap_client"]

_BUFSIZE = 16384 + 512  # one full TLS record and its overhead


class SSPISocket:
    """TLS over the connected socket `sock`, driven by `context` (a fresh
    ServerContext or ClientContext). The SSPISocket owns both: close()
    closes the context and the socket.

    The handshake runs on do_handshake(), or on the first sendall() /
    recv().
    """

    def __init__(self, sock, context):
        if not isinstance(context, (ServerContext, ClientContext)):
            raise TypeError("context must be a ServerContext or a ClientContext")
        self._sock = sock
        self._context = context
        self._plain = bytearray()  # decrypted, not yet returned by recv()
        self._started = False
        self._eof = False  # the transport ended (with or without close_notify)
        self._closed = False

    # -- the handshake --------------------------------------------------------

    def do_handshake(self):
        """Runs the handshake to completion (no-op once it is done). On
        failure the alert the library produced, if any, is sent to the peer
        before SSPIError is raised."""
        self._check_open()
        ctx = self._context
        if ctx.complete:
            return
        try:
            if not self._started:
                self._started = True
                self._send(ctx.step())  # a client's ClientHello; b"" for a server
            while not ctx.complete:
                data = self._sock.recv(_BUFSIZE)
                if not data:
                    self._eof = True
                    raise SSPIError(
                        "do_handshake",
                        r.SEC_E_INCOMPLETE_MESSAGE,
                        detail="the peer closed the connection during the handshake",
                    )
                self._send(ctx.step(data))
        except SSPIError as error:
            if error.token:
                try:
                    self._sock.sendall(error.token)
                except OSError:
                    pass
            raise
        # Records that arrived with the peer's last flight (application
        # data, session tickets, even a close_notify) wait in the context.
        self._decrypt(b"")

    # -- application data -----------------------------------------------------

    def sendall(self, data):
        """Encrypts and sends all of `data`."""
        self._ready()
        if self._context.shutdown_sent:
            raise ValueError("close_notify already sent")
        self._send(self._context.data_to_send())
        view = memoryview(data).cast("B")
        step = 1 << 20  # bounded memory for large writes
        for offset in range(0, len(view), step):
            self._send(self._context.encrypt(view[offset : offset + step]))

    def send(self, data):
        """sendall(data), then len(data), like socket.send."""
        self.sendall(data)
        return len(data)

    def recv(self, bufsize=16384):
        """Up to `bufsize` bytes of plaintext, waiting for at least one;
        b"" once the peer's close_notify has arrived (or the connection
        ended without one: see `ragged_eof`)."""
        self._ready()
        if bufsize <= 0:
            return b""
        while not self._plain and not self._context.peer_closed and not self._eof:
            data = self._sock.recv(_BUFSIZE)
            if not data:
                self._eof = True
                break
            self._decrypt(data)
        out = bytes(self._plain[:bufsize])
        del self._plain[:bufsize]
        return out

    def _decrypt(self, data):
        self._plain += self._context.decrypt(data)
        self._send(self._context.data_to_send())  # e.g. a KeyUpdate answer

    def _send(self, data):
        if data:
            self._sock.sendall(data)

    @property
    def peer_closed(self):
        """True once the peer's close_notify has arrived."""
        return self._context.peer_closed

    @property
    def ragged_eof(self):
        """True when the connection ended without the peer's close_notify."""
        return self._eof and not self._context.peer_closed

    # -- lifetime ---------------------------------------------------------------

    def close(self):
        """Sends our close_notify (if the handshake completed and it was not
        sent yet), then closes the context and the socket. Does not wait for
        the peer's close_notify. Safe to call twice."""
        if self._closed:
            return
        self._closed = True
        ctx = self._context
        try:
            if ctx.complete and not ctx.shutdown_sent:
                alert = ctx.shutdown()
                try:
                    self._sock.sendall(alert)
                except OSError:
                    pass  # the peer is gone: nothing to tell it
        finally:
            try:
                ctx.close()
            finally:
                self._sock.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _check_open(self):
        if self._closed:
            raise ValueError("SSPISocket is closed")

    def _ready(self):
        self._check_open()
        if not self._context.complete:
            self.do_handshake()

    # -- pass-through -------------------------------------------------------------

    @property
    def context(self):
        return self._context

    @property
    def socket(self):
        return self._sock

    @property
    def complete(self):
        return self._context.complete

    @property
    def negotiated_protocol(self):
        return self._context.negotiated_protocol

    @property
    def protocol_version(self):
        return self._context.protocol_version

    @property
    def cipher_suite(self):
        return self._context.cipher_suite

    @property
    def peer_certificate(self):
        return self._context.peer_certificate

    def fileno(self):
        return self._sock.fileno()

    def settimeout(self, timeout):
        self._sock.settimeout(timeout)

    def getpeername(self):
        return self._sock.getpeername()


def wrap_server(sock, credential, alpn=None, extended_error=True, **context_args):
    """An SSPISocket for the server side of the accepted socket `sock`.
    With `extended_error` a failing handshake sends the client an alert.
    Other keyword arguments go to ServerContext (e.g. mutual_auth)."""
    ctx = ServerContext(credential, alpn=alpn, extended_error=extended_error, **context_args)
    return SSPISocket(sock, ctx)


def wrap_client(sock, credential, target, alpn=None, extended_error=True):
    """An SSPISocket for the client side of the connected socket `sock`;
    `target` is the server name (SNI and certificate name check)."""
    ctx = ClientContext(credential, target, alpn=alpn, extended_error=extended_error)
    return SSPISocket(sock, ctx)
