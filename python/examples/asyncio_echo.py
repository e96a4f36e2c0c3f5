#!/usr/bin/env python3
"""A TLS echo server on 127.0.0.1 with asyncio streams over plain TCP; a
secur32.ServerContext does the TLS in memory (step / encrypt / decrypt /
shutdown on the bytes from StreamReader and to StreamWriter).

    python3 asyncio_echo.py PORT CERT.pem KEY.pem [COUNT]

PORT 0 picks a free port; the server prints "PORT n" once it listens.
Each connection gets back what it sends; when the client sends its
close_notify, the server answers with its own and closes. Exits after
COUNT connections (default: serve forever); exit status 1 if one failed.
"""

import asyncio
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

import secur32  # noqa: E402
from secur32 import raw as r  # noqa: E402

TIMEOUT = 10.0
READ_SIZE = 16384 + 512


async def _read(reader):
    return await asyncio.wait_for(reader.read(READ_SIZE), TIMEOUT)


async def echo(reader, writer, credential):
    """One connection: handshake, echo until close_notify, answer it."""
    ctx = secur32.ServerContext(credential, alpn=["http/1.1"], extended_error=True)
    try:
        while not ctx.complete:
            data = await _read(reader)
            if not data:
                raise secur32.SSPIError(
                    "echo", r.SEC_E_INCOMPLETE_MESSAGE,
                    detail="the client left during the handshake")
            try:
                out = ctx.step(data)
            except secur32.SSPIError as error:
                if error.token:  # the alert for the client
                    writer.write(error.token)
                    await writer.drain()
                raise
            writer.write(out)
            await writer.drain()
        data = b""  # decrypt(b"") first: records that came with the last flight
        while True:
            plain = ctx.decrypt(data)
            writer.write(ctx.data_to_send())
            if plain:
                writer.write(ctx.encrypt(plain))
            await writer.drain()
            if ctx.peer_closed:
                writer.write(ctx.shutdown())
                await writer.drain()
                return
            data = await _read(reader)
            if not data:
                return  # no close_notify: nothing more to say
    finally:
        ctx.close()
        writer.close()
        try:
            await writer.wait_closed()
        except OSError:
            pass


async def serve(port, credential, count=None, ready=None):
    """Serves `count` connections (None: forever) on 127.0.0.1:`port`;
    calls ready(port) once listening. Returns the number that failed."""
    state = {"served": 0, "failures": 0}
    done = asyncio.Event()

    async def client_connected(reader, writer):
        try:
            await echo(reader, writer, credential)
        except (secur32.SSPIError, OSError, asyncio.TimeoutError) as error:
            state["failures"] += 1
            print("connection failed: %r" % (error,), file=sys.stderr, flush=True)
        finally:
            state["served"] += 1
            if count is not None and state["served"] >= count:
                done.set()

    server = await asyncio.start_server(client_connected, "127.0.0.1", port)
    async with server:
        if ready is not None:
            ready(server.sockets[0].getsockname()[1])
        await done.wait()
    return state["failures"]


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
    try:
        failures = asyncio.run(
            serve(port, credential, count, ready=lambda p: print("PORT %d" % p, flush=True))
        )
    except KeyboardInterrupt:
        failures = 0
    finally:
        credential.close()
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
