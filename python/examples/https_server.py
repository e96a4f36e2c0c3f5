#!/usr/bin/env python3
"""A minimal HTTPS server on 127.0.0.1 that does TLS with libsecur32
through secur32.SSPISocket.

    python3 https_server.py PORT CERT.pem KEY.pem [COUNT]

PORT 0 picks a free port; the server prints "PORT n" once it listens.
It answers each request with a short text page naming the TLS version,
and exits after COUNT connections (default: serve forever). Exit status
1 if a connection failed.

    curl -sk https://127.0.0.1:PORT/
"""

import os
import socket
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

import secur32  # noqa: E402

TIMEOUT = 10.0


def read_request(tls):
    """The request head (up to the blank line), or b"" if the client left."""
    data = bytearray()
    while b"\r\n\r\n" not in data:
        chunk = tls.recv(4096)
        if not chunk:
            return b""
        data += chunk
        if len(data) > 65536:
            break
    return bytes(data)


def handle(tls):
    tls.do_handshake()
    request = read_request(tls)
    if not request:
        return
    line = request.split(b"\r\n", 1)[0].decode("latin-1")
    body = ("Hello from secur32 over %s (%s)\nRequest: %s\n"
            % (tls.protocol_version, tls.cipher_suite, line)).encode()
    head = ("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
            "Content-Length: %d\r\nConnection: close\r\n\r\n" % len(body)).encode()
    tls.sendall(head + body)


def serve(listener, credential, count=None):
    """Serves `count` connections (None: forever) on `listener`; returns
    the number that failed."""
    failures = 0
    served = 0
    while count is None or served < count:
        conn, peer = listener.accept()
        served += 1
        conn.settimeout(TIMEOUT)
        try:
            with secur32.wrap_server(conn, credential, alpn=["http/1.1"]) as tls:
                handle(tls)
        except (secur32.SSPIError, OSError) as error:
            failures += 1
            print("connection from %s:%d failed: %s" % (peer[0], peer[1], error),
                  file=sys.stderr, flush=True)
    return failures


def main(argv):
    if len(argv) not in (3, 4):
        print(__doc__, file=sys.stderr)
        return 2
    port, cert, key = int(argv[0]), argv[1], argv[2]
    count = int(argv[3]) if len(argv) == 4 else None
    with open(cert, "rb") as f:
        cert_pem = f.read()
    with open(key, "rb") as f:
        key_pem = f.read()
    credential = secur32.Credential.server_from_pem(cert_pem, key_pem)
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", port))
        listener.listen(16)
        print("PORT %d" % listener.getsockname()[1], flush=True)
        failures = serve(listener, credential, count)
    except KeyboardInterrupt:
        failures = 0
    finally:
        listener.close()
        credential.close()
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
