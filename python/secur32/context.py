"""A Pythonic layer over the Schannel SSPI: credentials, TLS contexts that
turn bytes into bytes, and errors that carry the SSPI status name.

Nothing here touches a socket. A connection is driven by moving bytes
between the peer and four calls, the same loop a Windows Schannel program
runs:

    cred = Credential.server_from_pem(cert_pem, key_pem)
    ctx = ServerContext(cred, alpn=["http/1.1"])
    while not ctx.complete:
        send(ctx.step(recv()))          # handshake
    send(ctx.encrypt(b"hello"))        # application data
    data = ctx.decrypt(recv())
    send(ctx.shutdown())                # close_notify
    ctx.close()

The objects are not safe for concurrent use; guard each with a lock if
several threads share it. Every method that produces bytes returns them;
they must be sent in order, exactly once.
"""

import ctypes
import struct
from collections import namedtuple
from ctypes import addressof, byref, string_at

from . import raw as r

__all__ = [
    "SSPIError",
    "Certificate",
    "Credential",
    "ServerContext",
    "ClientContext",
    "StreamSizes",
    "application_protocols_buffer",
]

_MASK = 0xFFFFFFFF

# The ISC_REQ / ASC_REQ flags curl uses, plus ALLOCATE_MEMORY so that the
# library sizes the output tokens.
_ISC_REQ = (
    r.ISC_REQ_SEQUENCE_DETECT
    | r.ISC_REQ_REPLAY_DETECT
    | r.ISC_REQ_CONFIDENTIALITY
    | r.ISC_REQ_ALLOCATE_MEMORY
    | r.ISC_REQ_STREAM
    | r.ISC_REQ_USE_SUPPLIED_CREDS
)
_ASC_REQ = (
    r.ASC_REQ_SEQUENCE_DETECT
    | r.ASC_REQ_REPLAY_DETECT
    | r.ASC_REQ_CONFIDENTIALITY
    | r.ASC_REQ_ALLOCATE_MEMORY
    | r.ASC_REQ_STREAM
)

# Protocol names as Python's ssl module spells them (SSLObject.version(),
# ssl.TLSVersion member names with "_" read as ".").
_PROTOCOL_BITS = {
    "TLSv1": r.SP_PROT_TLS1_0,
    "TLSv1.0": r.SP_PROT_TLS1_0,
    "TLSv1.1": r.SP_PROT_TLS1_1,
    "TLSv1.2": r.SP_PROT_TLS1_2,
    "TLSv1.3": r.SP_PROT_TLS1_3,
}
_PROTOCOL_NAMES = (
    (r.SP_PROT_TLS1_3, "TLSv1.3"),
    (r.SP_PROT_TLS1_2, "TLSv1.2"),
    (r.SP_PROT_TLS1_1, "TLSv1.1"),
    (r.SP_PROT_TLS1_0, "TLSv1"),
)

StreamSizes = namedtuple(
    "StreamSizes", "header trailer maximum_message buffers block_size"
)
StreamSizes.__doc__ = """SecPkgContext_StreamSizes: the record header size, the
largest trailer, the largest plaintext per record, the number of buffers
EncryptMessage takes and the cipher block size."""


class SSPIError(Exception):
    """A failed SSPI or crypt32 call.

    Attributes:
        status: the status as an unsigned 32-bit value (SECURITY_STATUS, or
            the GetLastError code for crypt32 functions).
        name: its name, e.g. "SEC_E_INVALID_TOKEN"; it is also in the message.
        function: the C function that failed.
        token: bytes the library produced before or with the failure (for
            example an alert record); send them to the peer before closing
            the connection. Usually empty.
    """

    def __init__(self, function, status, name=None, token=b"", detail=None):
        self.function = function
        self.status = status & _MASK
        self.name = name or r.status_name(status)
        self.token = token
        if detail is None and name is None:
            detail = _status_message(status)
        message = "%s failed: %s (0x%08X)" % (function, self.name, self.status)
        if detail:
            message += ": " + detail
        super().__init__(message)

    @classmethod
    def from_last_error(cls, function, detail=None):
        """The error of a crypt32 function that returned NULL / FALSE, read
        from GetLastError."""
        code = r.GetLastError()
        return cls(function, code, name=r.error_name(code), detail=detail)


def _status_message(status):
    """The library's one-sentence explanation of a SECURITY_STATUS
    (SchLinuxStatusMessage), or None."""
    try:
        text = r.SchLinuxStatusMessage(ctypes.c_int32(status & _MASK).value)
    except (AttributeError, OSError):
        return None
    if not text or text == b"Unknown status.":
        return None
    return text.decode("utf-8", "replace").rstrip(".")


def _check(function, status, *accepted):
    if (status & _MASK) not in (accepted or (r.SEC_E_OK,)):
        raise SSPIError(function, status)
    return status & _MASK


def application_protocols_buffer(protocols):
    """The bytes of a SECBUFFER_APPLICATION_PROTOCOLS buffer offering
    `protocols` (str or bytes, in preference order) for ALPN:
    u32 ProtocolListsSize, u32 ProtoNegoExt (ALPN), u16 ProtocolListSize and
    the RFC 7301 list of length-prefixed names."""
    names = [p.encode("ascii") if isinstance(p, str) else bytes(p) for p in protocols]
    if not names:
        raise ValueError("empty ALPN protocol list")
    for name in names:
        if not 0 < len(name) <= r.MAX_PROTOCOL_ID_SIZE:
            raise ValueError("ALPN protocol id of %d bytes" % len(name))
    body = b"".join(bytes([len(n)]) + n for n in names)
    if len(body) > 0xFFFF:
        raise ValueError("ALPN protocol list too long")
    protocol_list = struct.pack(
        "<IH", r.SecApplicationProtocolNegotiationExt_ALPN, len(body)
    ) + body
    return struct.pack("<I", len(protocol_list)) + protocol_list


def _protocol_mask(protocols):
    """SP_PROT_* bits for `protocols`: None, an int mask, a name such as
    "TLSv1.3", an ssl.TLSVersion, or an iterable of those."""
    if protocols is None or isinstance(protocols, int) and not hasattr(protocols, "name"):
        return protocols
    if isinstance(protocols, (str, bytes)) or hasattr(protocols, "name"):
        protocols = [protocols]
    mask = 0
    for p in protocols:
        name = getattr(p, "name", p)
        if isinstance(name, bytes):
            name = name.decode()
        try:
            mask |= _PROTOCOL_BITS[name.replace("_", ".")]
        except KeyError:
            raise ValueError("unknown protocol %r" % (p,)) from None
    if not mask:
        raise ValueError("no protocol enabled")
    return mask


def _c_bytes(data):
    """A ctypes copy of `data` (None for None), kept alive by the caller."""
    if data is None:
        return None
    return (ctypes.c_uint8 * max(len(data), 1)).from_buffer_copy(
        bytes(data) if len(data) else b"\0"
    )


class Certificate:
    """A certificate context (PCCERT_CONTEXT), usually with its private key.

    The object owns one reference to the context (and, for a PFX import, the
    store it came from); close() releases them.
    """

    def __init__(self, context, store=None):
        # Takes over one reference to `context` and the `store` handle.
        self._context = context
        self._store = store

    @classmethod
    def from_pem(cls, cert_pem, key_pem=None, password=None):
        """Loads a PEM certificate chain (leaf first) and the leaf's private
        key with SchLinuxLoadCertificatePem. `key_pem` may be None when the
        key is in `cert_pem`; `password` decrypts an encrypted key."""
        cert_pem = bytes(cert_pem)
        key_pem = None if key_pem is None else bytes(key_pem)
        context = r.SchLinuxLoadCertificatePem(
            cert_pem,
            len(cert_pem),
            key_pem,
            0 if key_pem is None else len(key_pem),
            None if password is None else password.encode("utf-8"),
        )
        if not context:
            raise SSPIError.from_last_error("SchLinuxLoadCertificatePem")
        return cls(context)

    @classmethod
    def from_pfx(cls, data, password=None):
        """Imports a PKCS#12 file with PFXImportCertStore and picks the
        certificate that has a private key."""
        data = bytes(data)
        buffer = _c_bytes(data)
        blob = r.CRYPT_DATA_BLOB(len(data), ctypes.cast(buffer, ctypes.POINTER(r.BYTE)))
        wpassword = None if password is None else r.to_wchar(password)
        store = r.PFXImportCertStore(byref(blob), wpassword, 0)
        if not store:
            raise SSPIError.from_last_error("PFXImportCertStore")
        context = r.CertFindCertificateInStore(
            store,
            r.X509_ASN_ENCODING | r.PKCS_7_ASN_ENCODING,
            0,
            r.CERT_FIND_HAS_PRIVATE_KEY,
            None,
            None,
        )
        if not context:
            error = SSPIError.from_last_error(
                "CertFindCertificateInStore", detail="no certificate with a private key"
            )
            r.CertCloseStore(store, 0)
            raise error
        return cls(context, store)

    @property
    def handle(self):
        """The PCCERT_CONTEXT, for the raw API. Valid until close()."""
        if self._context is None:
            raise ValueError("certificate is closed")
        return self._context

    @property
    def der(self):
        """The DER encoding of the certificate."""
        context = self.handle.contents
        return string_at(context.pbCertEncoded, context.cbCertEncoded)

    def close(self):
        """Releases the context and the store. Safe to call twice."""
        context, self._context = self._context, None
        store, self._store = self._store, None
        if context:
            r.CertFreeCertificateContext(context)
        if store:
            r.CertCloseStore(store, 0)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        try:
            self.close()
        except Exception:
            pass


class Credential:
    """An Schannel credential handle (CredHandle): what one side brings to
    its connections. Build one with server_from_pem, server_from_pfx, server
    or client; close() frees it. Contexts keep a reference to their
    credential, and contexts created earlier keep working after close()."""

    def __init__(self, handle, inbound, certificates=()):
        # Takes over `handle` and the Certificate objects in `certificates`.
        self.handle = handle
        self.inbound = inbound
        self._certificates = list(certificates)
        self._closed = False

    @classmethod
    def _acquire(cls, inbound, certificates, protocols, flags, owned):
        try:
            contexts = (r.PCCERT_CONTEXT * max(len(certificates), 1))(
                *[c.handle for c in certificates]
            )
            auth = r.SCH_CREDENTIALS()
            auth.dwVersion = r.SCH_CREDENTIALS_VERSION
            auth.dwCredFormat = r.SCH_CRED_FORMAT_CERT_CONTEXT
            auth.cCreds = len(certificates)
            auth.paCred = contexts if certificates else None
            auth.dwFlags = flags
            mask = _protocol_mask(protocols)
            params = r.TLS_PARAMETERS()
            if mask is not None:
                params.grbitDisabledProtocols = ~mask & _MASK
                auth.cTlsParameters = 1
                auth.pTlsParameters = ctypes.pointer(params)
            handle = r.CredHandle()
            status = r.AcquireCredentialsHandleA(
                None,
                r.UNISP_NAME_A,
                r.SECPKG_CRED_INBOUND if inbound else r.SECPKG_CRED_OUTBOUND,
                None,
                byref(auth),
                None,
                None,
                byref(handle),
                None,
            )
            _check("AcquireCredentialsHandleA", status)
        except BaseException:
            for c in owned:
                c.close()
            raise
        return cls(handle, inbound, owned)

    @classmethod
    def server(cls, certificate, protocols=None, flags=0):
        """An inbound credential for `certificate` (a Certificate with a
        private key, or a list of them). The library takes its own
        references: the caller keeps ownership of the Certificate objects.
        See server_from_pem for `protocols` and `flags`."""
        certificates = certificate if isinstance(certificate, (list, tuple)) else [certificate]
        return cls._acquire(True, certificates, protocols, flags, [])

    @classmethod
    def server_from_pem(cls, cert_pem, key_pem, protocols=None, password=None, flags=0):
        """An inbound credential from a PEM certificate chain and key.

        `protocols`: None for the library's defaults, or the versions to
        enable: "TLSv1.2", "TLSv1.3", ssl.TLSVersion members, a list of
        those, or an SP_PROT_* mask. `flags`: SCH_CRED_* bits for
        SCH_CREDENTIALS.dwFlags (e.g. SCH_CRED_DISABLE_RECONNECTS)."""
        certificate = Certificate.from_pem(cert_pem, key_pem, password)
        return cls._acquire(True, [certificate], protocols, flags, [certificate])

    @classmethod
    def server_from_pfx(cls, data, password, protocols=None, flags=0):
        """An inbound credential from a PKCS#12 file (see server_from_pem
        for `protocols` and `flags`)."""
        certificate = Certificate.from_pfx(data, password)
        return cls._acquire(True, [certificate], protocols, flags, [certificate])

    @classmethod
    def client(
        cls,
        manual_validation=True,
        protocols=None,
        client_cert=None,
        check_server_name=True,
        flags=0,
    ):
        """An outbound credential.

        manual_validation: True (SCH_CRED_MANUAL_CRED_VALIDATION) leaves the
            server certificate to the application; False has the library
            validate it against the system trust store and the target name.
        protocols: as for server_from_pem.
        client_cert: a Certificate, or a (cert_pem, key_pem) tuple, to
            present when the server asks for one; None presents none.
        check_server_name: False sets SCH_CRED_NO_SERVERNAME_CHECK.
        flags: more SCH_CRED_* bits for SCH_CREDENTIALS.dwFlags (e.g.
            SCH_CRED_LINUX_RENEGOTIATE_ON_TICKET).
        """
        flags |= r.SCH_CRED_NO_DEFAULT_CREDS
        flags |= (
            r.SCH_CRED_MANUAL_CRED_VALIDATION
            if manual_validation
            else r.SCH_CRED_AUTO_CRED_VALIDATION
        )
        if not check_server_name:
            flags |= r.SCH_CRED_NO_SERVERNAME_CHECK
        owned = []
        certificates = []
        if isinstance(client_cert, tuple):
            client_cert = Certificate.from_pem(*client_cert)
            owned.append(client_cert)
        if client_cert is not None:
            certificates.append(client_cert)
        return cls._acquire(False, certificates, protocols, flags, owned)

    @property
    def protocols(self):
        """The SP_PROT_* bits enabled for this credential's direction
        (SECPKG_ATTR_SUPPORTED_PROTOCOLS)."""
        value = r.SecPkgCred_SupportedProtocols()
        status = r.QueryCredentialsAttributesA(
            byref(self.handle), r.SECPKG_ATTR_SUPPORTED_PROTOCOLS, byref(value)
        )
        _check("QueryCredentialsAttributesA", status)
        return value.grbitProtocol

    def close(self):
        """Frees the credential handle and the certificates it owns. Safe to
        call twice."""
        if self._closed:
            return
        self._closed = True
        try:
            _check("FreeCredentialsHandle", r.FreeCredentialsHandle(byref(self.handle)))
        finally:
            for c in self._certificates:
                c.close()
            self._certificates = []

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        try:
            self.close()
        except Exception:
            pass


class _Context:
    """What ServerContext and ClientContext share: the handshake loop,
    record protection, shutdown and attributes."""

    _server = False
    _function = None

    def __init__(self, credential, alpn=None):
        self.credential = credential
        self.complete = False
        self.peer_closed = False
        self.shutdown_sent = False
        self.context_attributes = 0
        self._handle = r.CtxtHandle()
        self._has_handle = False
        self._closed = False
        self._alpn = None if alpn is None else application_protocols_buffer(alpn)
        self._received = bytearray()  # bytes from the peer not consumed yet
        self._pending = bytearray()  # bytes to send produced by decrypt()
        self._sizes = None
        self.renegotiations = 0  # SEC_I_RENEGOTIATE statuses decrypt() handled

    # -- the handshake ------------------------------------------------------

    def _call(self, input_desc, new_handle, output_desc, attributes, expiry):
        raise NotImplementedError

    def _handshake_call(self, data):
        """One ISC/ASC call with `data` (None: no input token). Returns
        (status, output bytes, count of unconsumed trailing input bytes)."""
        first = not self._has_handle
        data_buffer = _c_bytes(data)
        alpn_buffer = _c_bytes(self._alpn) if first and self._alpn else None
        inputs = []
        if data is not None:
            inputs.append(r.SecBuffer(len(data), r.SECBUFFER_TOKEN, addressof(data_buffer)))
            inputs.append(r.SecBuffer(0, r.SECBUFFER_EMPTY, None))
        if alpn_buffer is not None:
            inputs.append(
                r.SecBuffer(
                    len(self._alpn), r.SECBUFFER_APPLICATION_PROTOCOLS, addressof(alpn_buffer)
                )
            )
        input_array = (r.SecBuffer * max(len(inputs), 1))(*inputs)
        input_desc = r.SecBufferDesc(r.SECBUFFER_VERSION, len(inputs), input_array)
        outputs = (r.SecBuffer * 2)(
            r.SecBuffer(0, r.SECBUFFER_TOKEN, None),
            r.SecBuffer(0, r.SECBUFFER_ALERT, None),
        )
        output_desc = r.SecBufferDesc(r.SECBUFFER_VERSION, 2, outputs)
        attributes = r.ULONG()
        expiry = r.TimeStamp()
        new_handle = r.CtxtHandle()
        r.SecInvalidateHandle(new_handle)
        status = self._call(
            byref(input_desc) if inputs else None,
            new_handle if first else self._handle,
            output_desc,
            attributes,
            expiry,
        )
        output = b""
        try:
            # The TOKEN buffer has what to send; on failures with
            # EXTENDED_ERROR the ALERT buffer holds a copy of the alert
            # record, used only if the token is empty.
            for b in outputs:
                if b.pvBuffer and b.cbBuffer:
                    output = string_at(b.pvBuffer, b.cbBuffer)
                    break
        finally:
            for b in outputs:
                if b.pvBuffer:
                    r.FreeContextBuffer(b.pvBuffer)
        if first and r.SecIsValidHandle(new_handle):
            self._handle = new_handle
            self._has_handle = True
        extra = 0
        # The library rewrites the EMPTY buffer that follows the token.
        if data is not None and input_array[1].BufferType & ~r.SECBUFFER_ATTRMASK == r.SECBUFFER_EXTRA:
            extra = min(input_array[1].cbBuffer, len(data))
        if status & _MASK in (r.SEC_E_OK, r.SEC_I_CONTINUE_NEEDED):
            self.context_attributes = attributes.value
        return status & _MASK, output, extra

    def step(self, data=b""):
        """Feeds `data` received from the peer to the handshake and returns
        the bytes to send to it (possibly b"").

        Bytes that do not make a complete TLS record yet are kept and used
        with the next call (SEC_E_INCOMPLETE_MESSAGE: the call returns b"");
        unconsumed records (SECBUFFER_EXTRA) are processed at once. Once the
        handshake has finished, `complete` is True and the bytes that came
        after it are kept for decrypt(). A client's first call takes no data
        and returns the ClientHello.

        Raises SSPIError when the handshake fails; its `token` holds any bytes
        still to send (e.g. an alert).
        """
        self._check_open()
        self._received += data
        output = bytearray()
        while not self.complete:
            if self._server or self._has_handle:
                if not self._received:
                    break
                payload = bytes(self._received)
            else:
                payload = None  # the client's first call: no input
            status, token, extra = self._handshake_call(payload)
            output += token
            if status == r.SEC_E_INCOMPLETE_MESSAGE:
                break
            if status not in (r.SEC_E_OK, r.SEC_I_CONTINUE_NEEDED):
                raise SSPIError(self._function, status, token=bytes(output))
            if payload is not None:
                del self._received[: len(payload) - extra]
            if status == r.SEC_E_OK:
                self.complete = True
            elif not extra or payload is None:
                break  # wait for the peer's next flight
        return bytes(output)

    # -- application data --------------------------------------------------

    def encrypt(self, data):
        """Encrypts `data` into TLS records (one EncryptMessage call, one
        record, per cbMaximumMessage bytes) and returns them."""
        self._check_complete()
        sizes = self._stream_sizes()
        data = memoryview(bytes(data))
        output = bytearray()
        for offset in range(0, len(data), sizes.cbMaximumMessage):
            chunk = data[offset : offset + sizes.cbMaximumMessage]
            n = len(chunk)
            record = (ctypes.c_uint8 * (sizes.cbHeader + n + sizes.cbTrailer))()
            base = addressof(record)
            ctypes.memmove(base + sizes.cbHeader, bytes(chunk), n)
            buffers = (r.SecBuffer * 4)(
                r.SecBuffer(sizes.cbHeader, r.SECBUFFER_STREAM_HEADER, base),
                r.SecBuffer(n, r.SECBUFFER_DATA, base + sizes.cbHeader),
                r.SecBuffer(sizes.cbTrailer, r.SECBUFFER_STREAM_TRAILER, base + sizes.cbHeader + n),
                r.SecBuffer(0, r.SECBUFFER_EMPTY, None),
            )
            desc = r.SecBufferDesc(r.SECBUFFER_VERSION, 4, buffers)
            _check("EncryptMessage", r.EncryptMessage(byref(self._handle), 0, byref(desc), 0))
            for b in buffers[:3]:
                if b.cbBuffer:
                    output += string_at(b.pvBuffer, b.cbBuffer)
        return bytes(output)

    def decrypt(self, data=b""):
        """Feeds `data` received from the peer and returns all the plaintext
        that the complete records received so far hold (possibly b"").

        A partial record is kept for the next call. Records without
        application data (TLS 1.3 session tickets) give no plaintext. When
        the peer's close_notify arrives, `peer_closed` becomes True and
        later calls return b"". Answers to post-handshake messages are
        queued for data_to_send().
        """
        self._check_complete()
        self._received += data
        output = bytearray()
        while self._received and not self.peer_closed:
            n = len(self._received)
            record = _c_bytes(self._received)
            buffers = (r.SecBuffer * 4)(
                r.SecBuffer(n, r.SECBUFFER_DATA, addressof(record)),
                r.SecBuffer(0, r.SECBUFFER_EMPTY, None),
                r.SecBuffer(0, r.SECBUFFER_EMPTY, None),
                r.SecBuffer(0, r.SECBUFFER_EMPTY, None),
            )
            desc = r.SecBufferDesc(r.SECBUFFER_VERSION, 4, buffers)
            status = r.DecryptMessage(byref(self._handle), byref(desc), 0, None)
            status &= _MASK
            if status == r.SEC_E_INCOMPLETE_MESSAGE:
                break
            if status not in (r.SEC_E_OK, r.SEC_I_CONTEXT_EXPIRED, r.SEC_I_RENEGOTIATE):
                raise SSPIError("DecryptMessage", status)
            extra = 0
            for b in buffers:
                kind = b.BufferType & ~r.SECBUFFER_ATTRMASK
                if kind == r.SECBUFFER_DATA and b.cbBuffer:
                    output += string_at(b.pvBuffer, b.cbBuffer)
                elif kind == r.SECBUFFER_EXTRA:
                    extra = min(b.cbBuffer, n)
            del self._received[: n - extra]
            if status == r.SEC_I_CONTEXT_EXPIRED:
                self.peer_closed = True
            elif status == r.SEC_I_RENEGOTIATE:
                self._reenter()
        return bytes(output)

    def _reenter(self):
        # DecryptMessage returned SEC_I_RENEGOTIATE: let the context answer
        # the post-handshake message, with the bytes left after it.
        self.renegotiations += 1
        payload = bytes(self._received) if self._received else None
        status, token, extra = self._handshake_call(payload)
        self._pending += token
        if status not in (r.SEC_E_OK, r.SEC_I_CONTINUE_NEEDED, r.SEC_E_INCOMPLETE_MESSAGE):
            raise SSPIError(self._function, status, token=token)
        if payload is not None and status != r.SEC_E_INCOMPLETE_MESSAGE:
            del self._received[: len(payload) - extra]

    def data_to_send(self):
        """Returns, and forgets, the bytes decrypt() produced for the peer
        (answers to post-handshake messages such as a TLS 1.3 KeyUpdate
        request). Send them before anything encrypted later."""
        pending = bytes(self._pending)
        self._pending.clear()
        return pending

    def shutdown(self):
        """Returns the close_notify alert record to send:
        ApplyControlToken(SCHANNEL_SHUTDOWN), then one ISC/ASC call. The
        context can still decrypt what the peer sends afterwards."""
        self._check_open()
        if not self._has_handle:
            return b""
        token = r.DWORD(r.SCHANNEL_SHUTDOWN)
        buffer = r.SecBuffer(ctypes.sizeof(token), r.SECBUFFER_TOKEN, addressof(token))
        desc = r.SecBufferDesc(r.SECBUFFER_VERSION, 1, ctypes.pointer(buffer))
        _check("ApplyControlToken", r.ApplyControlToken(byref(self._handle), byref(desc)))
        status, output, _ = self._handshake_call(None)
        if status not in (r.SEC_E_OK, r.SEC_I_CONTINUE_NEEDED):
            raise SSPIError(self._function, status, token=output)
        self.shutdown_sent = True
        return output

    # -- attributes ---------------------------------------------------------

    def _query(self, attribute, value, absent=()):
        """QueryContextAttributesW into `value`; None when the handshake has
        not completed, on SEC_E_UNSUPPORTED_FUNCTION or on a status in
        `absent`."""
        if not self.complete or self._closed:
            return None
        status = r.QueryContextAttributesW(byref(self._handle), attribute, byref(value))
        status &= _MASK
        if status == r.SEC_E_OK:
            return value
        if status == r.SEC_E_UNSUPPORTED_FUNCTION or status in absent:
            return None
        raise SSPIError("QueryContextAttributesW", status)

    def _stream_sizes(self):
        if self._sizes is None:
            sizes = self._query(r.SECPKG_ATTR_STREAM_SIZES, r.SecPkgContext_StreamSizes())
            if sizes is None:
                raise SSPIError("QueryContextAttributesW", r.SEC_E_UNSUPPORTED_FUNCTION)
            self._sizes = sizes
        return self._sizes

    @property
    def stream_sizes(self):
        """StreamSizes (SECPKG_ATTR_STREAM_SIZES), or None before the
        handshake has completed."""
        if not self.complete:
            return None
        s = self._stream_sizes()
        return StreamSizes(s.cbHeader, s.cbTrailer, s.cbMaximumMessage, s.cBuffers, s.cbBlockSize)

    @property
    def negotiated_protocol(self):
        """The ALPN protocol both sides agreed on, as str, or None."""
        value = self._query(
            r.SECPKG_ATTR_APPLICATION_PROTOCOL, r.SecPkgContext_ApplicationProtocol()
        )
        if (
            value is None
            or value.ProtoNegoStatus != r.SecApplicationProtocolNegotiationStatus_Success
            or value.ProtoNegoExt != r.SecApplicationProtocolNegotiationExt_ALPN
        ):
            return None
        return bytes(value.ProtocolId[: value.ProtocolIdSize]).decode("latin-1")

    @property
    def protocol_version(self):
        """"TLSv1.3", "TLSv1.2" ... (SecPkgContext_ConnectionInfo.dwProtocol,
        spelled as ssl.SSLObject.version() does), or None."""
        value = self._query(r.SECPKG_ATTR_CONNECTION_INFO, r.SecPkgContext_ConnectionInfo())
        if value is None:
            return None
        for bits, name in _PROTOCOL_NAMES:
            if value.dwProtocol & bits:
                return name
        return "0x%X" % value.dwProtocol

    @property
    def connection_info(self):
        """The raw SecPkgContext_ConnectionInfo, or None."""
        return self._query(r.SECPKG_ATTR_CONNECTION_INFO, r.SecPkgContext_ConnectionInfo())

    @property
    def cipher_suite(self):
        """The IANA name of the cipher suite (SecPkgContext_CipherInfo
        szCipherSuite), e.g. "TLS_AES_128_GCM_SHA256", or None when the
        library does not answer SECPKG_ATTR_CIPHER_INFO."""
        value = r.SecPkgContext_CipherInfo()
        value.dwVersion = r.SECPKGCONTEXT_CIPHERINFO_V1
        value = self._query(r.SECPKG_ATTR_CIPHER_INFO, value)
        return None if value is None else r.from_wchar(value.szCipherSuite)

    @property
    def peer_certificate(self):
        """The DER encoding of the certificate the peer sent, or None."""
        context = r.PCCERT_CONTEXT()
        if self._query(r.SECPKG_ATTR_REMOTE_CERT_CONTEXT, context, (r.SEC_E_NO_CREDENTIALS,)) is None:
            return None
        if not context:
            return None
        try:
            return string_at(context.contents.pbCertEncoded, context.contents.cbCertEncoded)
        finally:
            r.CertFreeCertificateContext(context)

    def export_keying_material(self, label, length, context=None):
        """RFC 5705 / RFC 8446 exporter output: SetContextAttributes
        (SECPKG_ATTR_KEYING_MATERIAL_INFO) then QueryContextAttributes
        (SECPKG_ATTR_KEYING_MATERIAL). Raises SSPIError, e.g.
        SEC_E_UNSUPPORTED_FUNCTION where the library lacks it."""
        self._check_complete()
        label = label.encode("ascii") if isinstance(label, str) else bytes(label)
        label_buffer = ctypes.create_string_buffer(label)
        context_buffer = None if context is None else _c_bytes(context)
        info = r.SecPkgContext_KeyingMaterialInfo()
        info.cbLabel = len(label) + 1
        info.pszLabel = ctypes.cast(label_buffer, ctypes.c_char_p)
        if context is not None:
            info.cbContextValue = len(context)
            info.pbContextValue = ctypes.cast(context_buffer, r.PBYTE)
        info.cbKeyingMaterial = length
        status = r.SetContextAttributesW(
            byref(self._handle),
            r.SECPKG_ATTR_KEYING_MATERIAL_INFO,
            byref(info),
            ctypes.sizeof(info),
        )
        _check("SetContextAttributesW", status)
        value = r.SecPkgContext_KeyingMaterial()
        status = r.QueryContextAttributesW(
            byref(self._handle), r.SECPKG_ATTR_KEYING_MATERIAL, byref(value)
        )
        _check("QueryContextAttributesW", status)
        try:
            return string_at(value.pbKeyingMaterial, value.cbKeyingMaterial)
        finally:
            r.FreeContextBuffer(value.pbKeyingMaterial)

    # -- lifetime -----------------------------------------------------------

    @property
    def handle(self):
        """The CtxtHandle, for the raw API (invalid before the first step)."""
        return self._handle

    def _check_open(self):
        if self._closed:
            raise ValueError("context is closed")

    def _check_complete(self):
        self._check_open()
        if not self.complete:
            raise ValueError("the handshake has not completed")

    def close(self):
        """DeleteSecurityContext. Sends nothing: call shutdown() first for a
        clean close. Safe to call twice."""
        if self._closed:
            return
        self._closed = True
        if self._has_handle:
            self._has_handle = False
            _check("DeleteSecurityContext", r.DeleteSecurityContext(byref(self._handle)))

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        try:
            self.close()
        except Exception:
            pass


class ServerContext(_Context):
    """The server side of one TLS connection (AcceptSecurityContext).

    alpn: the protocols the server accepts, in preference order, or None.
    mutual_auth: ask the client for a certificate (ASC_REQ_MUTUAL_AUTH); a
        client that sends none is not rejected, see peer_certificate.
    extended_error: ASC_REQ_EXTENDED_ERROR: when the handshake fails, the
        SSPIError's `token` holds the alert record to send to the client.
    """

    _server = True
    _function = "AcceptSecurityContext"

    def __init__(self, credential, alpn=None, mutual_auth=False, extended_error=False):
        super().__init__(credential, alpn)
        self.requested = _ASC_REQ
        if mutual_auth:
            self.requested |= r.ASC_REQ_MUTUAL_AUTH
        if extended_error:
            self.requested |= r.ASC_REQ_EXTENDED_ERROR

    def _call(self, input_desc, new_handle, output_desc, attributes, expiry):
        return r.AcceptSecurityContext(
            byref(self.credential.handle),
            byref(self._handle) if self._has_handle else None,
            input_desc,
            self.requested,
            0,
            byref(new_handle),
            byref(output_desc),
            byref(attributes),
            byref(expiry),
        )


class ClientContext(_Context):
    """The client side of one TLS connection (InitializeSecurityContext).

    target: the server's host name (SNI, certificate name check, session
        cache key), or None.
    alpn: the protocols to offer, in preference order, or None.
    extended_error: ISC_REQ_EXTENDED_ERROR: when the handshake fails, the
        SSPIError's `token` holds the alert record to send to the server.
    """

    _function = "InitializeSecurityContextA"

    def __init__(self, credential, target, alpn=None, extended_error=False):
        super().__init__(credential, alpn)
        self.target = target
        self.requested = _ISC_REQ | (r.ISC_REQ_EXTENDED_ERROR if extended_error else 0)
        self._target = None if target is None else target.encode("utf-8")

    def _call(self, input_desc, new_handle, output_desc, attributes, expiry):
        return r.InitializeSecurityContextA(
            byref(self.credential.handle),
            byref(self._handle) if self._has_handle else None,
            self._target,
            self.requested,
            0,
            0,
            input_desc,
            0,
            byref(new_handle),
            byref(output_desc),
            byref(attributes),
            byref(expiry),
        )
