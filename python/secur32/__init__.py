"""secur32: Python bindings for libsecur32, the Linux re-implementation of
the Windows Schannel SSPI package.

- secur32.raw mirrors the C headers one to one (structures, constants and
  functions with their Windows names).
- secur32.context is the Pythonic layer: Credential, ServerContext,
  ClientContext and SSPIError, re-exported here.
- secur32.sockets wraps a connected socket: SSPISocket, wrap_server and
  wrap_client, re-exported here.

The library (libsecur32.so) is found through the SECUR32_LIB environment
variable, next to this package, or on the system's library path; see
secur32._lib. It is loaded on first use.
"""

from . import raw
from .context import (
    Certificate,
    ClientContext,
    Credential,
    ServerContext,
    SSPIError,
    StreamSizes,
    application_protocols_buffer,
)
from .sockets import SSPISocket, wrap_client, wrap_server

__version__ = "0.1.0"

__all__ = [
    "raw",
    "Certificate",
    "ClientContext",
    "Credential",
    "ServerContext",
    "SSPIError",
    "StreamSizes",
    "application_protocols_buffer",
    "SSPISocket",
    "wrap_client",
    "wrap_server",
    "__version__",
]
