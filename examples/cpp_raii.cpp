// cpp_raii.cpp - Schannel SSPI from C++17 with small RAII wrappers: every
// handle and every library allocation has an owner that releases it, and a
// failed call throws an exception that carries the status name. The program
// runs a TLS client and a TLS server in one process, passes their tokens
// through memory instead of a socket, sends one message each way, closes
// both sides with close_notify and prints what happened.
//
// The wrappers:
//   CertStore        HCERTSTORE from PFXImportCertStore      -> CertCloseStore
//   CertContext      PCCERT_CONTEXT                          -> CertFreeCertificateContext
//   CredentialHandle CredHandle from AcquireCredentialsHandleA -> FreeCredentialsHandle
//   SecurityContext  CtxtHandle from ISC / ASC                -> DeleteSecurityContext
//   ContextBuffer    memory the library allocated (ISC_REQ_ALLOCATE_MEMORY
//                    tokens, SecPkgInfo)                      -> FreeContextBuffer
// All are move-only, so a handle is released exactly once.
//
// Porting from Windows:
//   What changes: link with -lsecur32 (pkg-config secur32, or the CMake
//   target Secur32::secur32) instead of secur32.lib and crypt32.lib; the
//   PFX password is a UTF-16 string either way, but on Linux WCHAR is 16-bit
//   while wchar_t is 32-bit, so write u"..." (char16_t), not L"...".
//   What does not: every SSPI and crypt32 call, flag, buffer and status.
//
// Usage: cpp_raii [FILE.pfx [PASSWORD]]
// Without arguments it uses $SECUR32_TESTDATA/p256-aes.pfx, password "pass"
// (ctest/gen_certs.sh makes it). Exit status 0 on success, 1 on an Error.
#define SECURITY_WIN32
#include <windows.h>
#include <security.h>
#include <schannel.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace sspi {

const char *status_name(SECURITY_STATUS st)
{
    switch (st) {
#define NAME(s) \
    case s:     \
        return #s
        NAME(SEC_E_OK);
        NAME(SEC_I_CONTINUE_NEEDED);
        NAME(SEC_I_CONTEXT_EXPIRED);
        NAME(SEC_I_RENEGOTIATE);
        NAME(SEC_E_INSUFFICIENT_MEMORY);
        NAME(SEC_E_INVALID_HANDLE);
        NAME(SEC_E_UNSUPPORTED_FUNCTION);
        NAME(SEC_E_INTERNAL_ERROR);
        NAME(SEC_E_INVALID_TOKEN);
        NAME(SEC_E_NO_CREDENTIALS);
        NAME(SEC_E_UNKNOWN_CREDENTIALS);
        NAME(SEC_E_MESSAGE_ALTERED);
        NAME(SEC_E_CONTEXT_EXPIRED);
        NAME(SEC_E_INCOMPLETE_MESSAGE);
        NAME(SEC_E_UNTRUSTED_ROOT);
        NAME(SEC_E_ILLEGAL_MESSAGE);
        NAME(SEC_E_DECRYPT_FAILURE);
        NAME(SEC_E_ALGORITHM_MISMATCH);
#undef NAME
    default:
        return "unknown status";
    }
}

// Error is a failed SSPI call: what() names the call and the status.
class Error : public std::runtime_error {
public:
    Error(const std::string &call, SECURITY_STATUS st)
        : std::runtime_error(call + " failed: " + status_name(st) + " (" + hex(st) + ")"), status_(st)
    {
    }
    SECURITY_STATUS status() const noexcept { return status_; }

private:
    static std::string hex(SECURITY_STATUS st)
    {
        char buf[16];
        std::snprintf(buf, sizeof buf, "0x%08lX", static_cast<unsigned long>(static_cast<ULONG>(st)));
        return buf;
    }
    SECURITY_STATUS status_;
};

inline void check(const char *call, SECURITY_STATUS st)
{
    if (st != SEC_E_OK) {
        throw Error(call, st);
    }
}

// ContextBuffer owns memory the library allocated for the caller.
class ContextBuffer {
public:
    ContextBuffer() = default;
    explicit ContextBuffer(void *p) : p_(p) {}
    ~ContextBuffer() { reset(); }
    ContextBuffer(ContextBuffer &&o) noexcept : p_(std::exchange(o.p_, nullptr)) {}
    ContextBuffer &operator=(ContextBuffer &&o) noexcept
    {
        if (this != &o) {
            reset();
            p_ = std::exchange(o.p_, nullptr);
        }
        return *this;
    }
    ContextBuffer(const ContextBuffer &) = delete;
    ContextBuffer &operator=(const ContextBuffer &) = delete;

    void reset()
    {
        if (p_ != nullptr) {
            FreeContextBuffer(p_);
            p_ = nullptr;
        }
    }
    void *get() const { return p_; }

private:
    void *p_ = nullptr;
};

// CertStore owns a certificate store.
class CertStore {
public:
    // from_pfx imports a PKCS#12 file (password as UTF-16).
    static CertStore from_pfx(const std::vector<unsigned char> &pfx, const std::u16string &password)
    {
        CRYPT_DATA_BLOB blob{static_cast<DWORD>(pfx.size()), const_cast<BYTE *>(pfx.data())};
        HCERTSTORE h = PFXImportCertStore(&blob, reinterpret_cast<LPCWSTR>(password.c_str()), 0);
        if (h == nullptr) {
            throw std::runtime_error("PFXImportCertStore failed: error " + std::to_string(GetLastError()));
        }
        return CertStore(h);
    }
    ~CertStore()
    {
        if (h_ != nullptr) {
            CertCloseStore(h_, 0);
        }
    }
    CertStore(CertStore &&o) noexcept : h_(std::exchange(o.h_, nullptr)) {}
    CertStore &operator=(CertStore &&) = delete;
    CertStore(const CertStore &) = delete;
    CertStore &operator=(const CertStore &) = delete;
    HCERTSTORE get() const { return h_; }

private:
    explicit CertStore(HCERTSTORE h) : h_(h) {}
    HCERTSTORE h_;
};

// CertContext owns one reference to a certificate context.
class CertContext {
public:
    // with_private_key finds the certificate that carries the private key.
    static CertContext with_private_key(const CertStore &store)
    {
        PCCERT_CONTEXT p = CertFindCertificateInStore(store.get(), X509_ASN_ENCODING | PKCS_7_ASN_ENCODING, 0,
                                                      CERT_FIND_HAS_PRIVATE_KEY, nullptr, nullptr);
        if (p == nullptr) {
            throw std::runtime_error("no certificate with a private key in the PFX file");
        }
        return CertContext(p);
    }
    ~CertContext()
    {
        if (p_ != nullptr) {
            CertFreeCertificateContext(p_);
        }
    }
    CertContext(CertContext &&o) noexcept : p_(std::exchange(o.p_, nullptr)) {}
    CertContext &operator=(CertContext &&) = delete;
    CertContext(const CertContext &) = delete;
    CertContext &operator=(const CertContext &) = delete;
    PCCERT_CONTEXT get() const { return p_; }

private:
    explicit CertContext(PCCERT_CONTEXT p) : p_(p) {}
    PCCERT_CONTEXT p_;
};

// CredentialHandle owns a Schannel credential.
class CredentialHandle {
public:
    static CredentialHandle server(const CertContext &cert)
    {
        PCCERT_CONTEXT certs[1] = {cert.get()};
        SCH_CREDENTIALS sc{};
        sc.dwVersion = SCH_CREDENTIALS_VERSION;
        sc.cCreds = 1;
        sc.paCred = certs;
        return CredentialHandle(SECPKG_CRED_INBOUND, &sc);
    }
    // client_manual_validation: the test certificate is self-signed, so the
    // application (here: nobody) validates it instead of Schannel.
    static CredentialHandle client_manual_validation()
    {
        SCH_CREDENTIALS sc{};
        sc.dwVersion = SCH_CREDENTIALS_VERSION;
        sc.dwFlags = SCH_CRED_MANUAL_CRED_VALIDATION | SCH_CRED_NO_DEFAULT_CREDS;
        return CredentialHandle(SECPKG_CRED_OUTBOUND, &sc);
    }
    ~CredentialHandle()
    {
        if (SecIsValidHandle(&h_)) {
            FreeCredentialsHandle(&h_);
        }
    }
    CredentialHandle(CredentialHandle &&o) noexcept : h_(o.h_) { SecInvalidateHandle(&o.h_); }
    CredentialHandle &operator=(CredentialHandle &&) = delete;
    CredentialHandle(const CredentialHandle &) = delete;
    CredentialHandle &operator=(const CredentialHandle &) = delete;
    CredHandle *get() { return &h_; }

private:
    CredentialHandle(ULONG use, void *auth_data)
    {
        SecInvalidateHandle(&h_);
        TimeStamp expiry;
        check("AcquireCredentialsHandleA",
              AcquireCredentialsHandleA(nullptr, const_cast<LPSTR>(UNISP_NAME_A), use, nullptr, auth_data, nullptr,
                                        nullptr, &h_, &expiry));
    }
    CredHandle h_;
};

// SecurityContext owns a security context, created by the first ISC / ASC.
class SecurityContext {
public:
    SecurityContext() { SecInvalidateHandle(&h_); }
    ~SecurityContext()
    {
        if (valid()) {
            DeleteSecurityContext(&h_);
        }
    }
    SecurityContext(const SecurityContext &) = delete;
    SecurityContext &operator=(const SecurityContext &) = delete;

    bool valid() const { return SecIsValidHandle(&h_); }
    // existing() is phContext: NULL until the first call created the context.
    CtxtHandle *existing() { return valid() ? &h_ : nullptr; }
    // target() is phNewContext.
    CtxtHandle *target() { return &h_; }

private:
    CtxtHandle h_;
};

} // namespace sspi

using Bytes = std::vector<unsigned char>;

// Endpoint is one side of the in-memory connection.
struct Endpoint {
    const char *name;
    bool is_client;
    sspi::CredentialHandle cred;
    sspi::SecurityContext ctx;
    Bytes inbox; // bytes from the peer not processed yet
    bool established = false;
    SecPkgContext_StreamSizes sizes{};
};

constexpr ULONG kIscFlags = ISC_REQ_SEQUENCE_DETECT | ISC_REQ_REPLAY_DETECT | ISC_REQ_CONFIDENTIALITY |
                            ISC_REQ_ALLOCATE_MEMORY | ISC_REQ_STREAM;
constexpr ULONG kAscFlags = ASC_REQ_SEQUENCE_DETECT | ASC_REQ_REPLAY_DETECT | ASC_REQ_CONFIDENTIALITY |
                            ASC_REQ_ALLOCATE_MEMORY | ASC_REQ_STREAM;
char kTarget[] = "localhost";

// token_call runs InitializeSecurityContextA or AcceptSecurityContext with
// `in` (may be null) and returns the status and the output token, owned.
static SECURITY_STATUS token_call(Endpoint &self, SecBufferDesc *in, sspi::ContextBuffer &token, ULONG &token_size)
{
    SecBuffer out[1] = {{0, SECBUFFER_TOKEN, nullptr}};
    SecBufferDesc out_desc{SECBUFFER_VERSION, 1, out};
    ULONG attrs = 0;
    TimeStamp expiry;
    SECURITY_STATUS st;
    if (self.is_client) {
        st = InitializeSecurityContextA(self.cred.get(), self.ctx.existing(), kTarget, kIscFlags, 0, 0, in, 0,
                                        self.ctx.target(), &out_desc, &attrs, &expiry);
    } else {
        st = AcceptSecurityContext(self.cred.get(), self.ctx.existing(), in, kAscFlags, 0, self.ctx.target(),
                                   &out_desc, &attrs, &expiry);
    }
    token = sspi::ContextBuffer(out[0].pvBuffer); // freed whatever happens next
    token_size = out[0].cbBuffer;
    return st;
}

// handshake_step feeds `self` what the peer sent and passes its answer on.
static void handshake_step(Endpoint &self, Endpoint &peer)
{
    const char *call = self.is_client ? "InitializeSecurityContextA" : "AcceptSecurityContext";
    SecBuffer in[2] = {{static_cast<ULONG>(self.inbox.size()), SECBUFFER_TOKEN, self.inbox.data()},
                       {0, SECBUFFER_EMPTY, nullptr}};
    SecBufferDesc in_desc{SECBUFFER_VERSION, 2, in};
    bool first_client_call = self.is_client && !self.ctx.valid();

    sspi::ContextBuffer token;
    ULONG token_size = 0;
    SECURITY_STATUS st = token_call(self, first_client_call ? nullptr : &in_desc, token, token_size);
    if (st == SEC_E_INCOMPLETE_MESSAGE) {
        return; // wait for more bytes from the peer
    }
    if (st != SEC_E_OK && st != SEC_I_CONTINUE_NEEDED) {
        throw sspi::Error(call, st);
    }
    auto *p = static_cast<unsigned char *>(token.get());
    peer.inbox.insert(peer.inbox.end(), p, p + token_size); // "send", even with SEC_E_OK

    // Keep the unprocessed bytes (the last cbBuffer of the input).
    size_t extra = !first_client_call && in[1].BufferType == SECBUFFER_EXTRA ? in[1].cbBuffer : 0;
    self.inbox.erase(self.inbox.begin(), self.inbox.end() - static_cast<std::ptrdiff_t>(extra));

    if (st == SEC_E_OK) {
        self.established = true;
        sspi::check("QueryContextAttributesA(SECPKG_ATTR_STREAM_SIZES)",
                    QueryContextAttributesA(self.ctx.target(), SECPKG_ATTR_STREAM_SIZES, &self.sizes));
    }
}

// send_text encrypts `text` into one record for the peer.
static void send_text(Endpoint &self, Endpoint &peer, const std::string &text)
{
    const SecPkgContext_StreamSizes &s = self.sizes;
    Bytes rec(s.cbHeader + text.size() + s.cbTrailer);
    std::memcpy(rec.data() + s.cbHeader, text.data(), text.size());
    SecBuffer b[4] = {{s.cbHeader, SECBUFFER_STREAM_HEADER, rec.data()},
                      {static_cast<ULONG>(text.size()), SECBUFFER_DATA, rec.data() + s.cbHeader},
                      {s.cbTrailer, SECBUFFER_STREAM_TRAILER, rec.data() + s.cbHeader + text.size()},
                      {0, SECBUFFER_EMPTY, nullptr}};
    SecBufferDesc desc{SECBUFFER_VERSION, 4, b};
    sspi::check("EncryptMessage", EncryptMessage(self.ctx.target(), 0, &desc, 0));
    rec.resize(b[0].cbBuffer + b[1].cbBuffer + b[2].cbBuffer);
    peer.inbox.insert(peer.inbox.end(), rec.begin(), rec.end());
}

// receive decrypts every record in the inbox, one per DecryptMessage call.
// Returns the plaintext; `closed` is set when the peer's close_notify came.
static std::string receive(Endpoint &self, bool &closed)
{
    std::string text;
    closed = false;
    while (!self.inbox.empty() && !closed) {
        SecBuffer b[4] = {{static_cast<ULONG>(self.inbox.size()), SECBUFFER_DATA, self.inbox.data()},
                          {0, SECBUFFER_EMPTY, nullptr},
                          {0, SECBUFFER_EMPTY, nullptr},
                          {0, SECBUFFER_EMPTY, nullptr}};
        SecBufferDesc desc{SECBUFFER_VERSION, 4, b};
        SECURITY_STATUS st = DecryptMessage(self.ctx.target(), &desc, 0, nullptr);
        if (st == SEC_E_INCOMPLETE_MESSAGE) {
            break;
        }
        if (st != SEC_E_OK && st != SEC_I_CONTEXT_EXPIRED) {
            throw sspi::Error("DecryptMessage", st); // SEC_I_RENEGOTIATE cannot happen here
        }
        size_t extra = 0;
        for (auto &buf : b) {
            if (buf.BufferType == SECBUFFER_DATA) {
                text.append(static_cast<const char *>(buf.pvBuffer), buf.cbBuffer); // maybe 0: a ticket
            } else if (buf.BufferType == SECBUFFER_EXTRA) {
                extra = buf.cbBuffer;
            }
        }
        self.inbox.erase(self.inbox.begin(), self.inbox.end() - static_cast<std::ptrdiff_t>(extra));
        closed = st == SEC_I_CONTEXT_EXPIRED;
    }
    return text;
}

// close_notify queues SCHANNEL_SHUTDOWN; the next ISC / ASC produces the
// close_notify record, which goes to the peer.
static void close_notify(Endpoint &self, Endpoint &peer)
{
    DWORD type = SCHANNEL_SHUTDOWN;
    SecBuffer token_in{sizeof type, SECBUFFER_TOKEN, &type};
    SecBufferDesc desc{SECBUFFER_VERSION, 1, &token_in};
    sspi::check("ApplyControlToken", ApplyControlToken(self.ctx.target(), &desc));
    sspi::ContextBuffer token;
    ULONG size = 0;
    sspi::check(self.is_client ? "InitializeSecurityContextA (shutdown)" : "AcceptSecurityContext (shutdown)",
                token_call(self, nullptr, token, size));
    auto *p = static_cast<unsigned char *>(token.get());
    peer.inbox.insert(peer.inbox.end(), p, p + size);
}

static std::string protocol(Endpoint &e)
{
    SecPkgContext_ConnectionInfo ci{};
    sspi::check("QueryContextAttributesA(SECPKG_ATTR_CONNECTION_INFO)",
                QueryContextAttributesA(e.ctx.target(), SECPKG_ATTR_CONNECTION_INFO, &ci));
    return (ci.dwProtocol & SP_PROT_TLS1_3) ? "TLS 1.3" : (ci.dwProtocol & SP_PROT_TLS1_2) ? "TLS 1.2" : "older TLS";
}

static std::u16string to_utf16(const std::string &ascii)
{
    return std::u16string(ascii.begin(), ascii.end()); // enough for an ASCII password
}

static void run(const std::string &pfx_path, const std::string &password)
{
    std::ifstream file(pfx_path, std::ios::binary);
    if (!file) {
        throw std::runtime_error("cannot read " + pfx_path);
    }
    Bytes pfx((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());

    sspi::CertStore store = sspi::CertStore::from_pfx(pfx, to_utf16(password));
    sspi::CertContext cert = sspi::CertContext::with_private_key(store);

    {
        PSecPkgInfoA raw = nullptr;
        sspi::check("QuerySecurityPackageInfoA", QuerySecurityPackageInfoA(const_cast<LPSTR>(UNISP_NAME_A), &raw));
        sspi::ContextBuffer owner(raw);
        std::cout << "package: " << raw->Name << ", cbMaxToken " << raw->cbMaxToken << "\n";
    }

    Endpoint client{"client", true, sspi::CredentialHandle::client_manual_validation(), {}, {}};
    Endpoint server{"server", false, sspi::CredentialHandle::server(cert), {}, {}};

    // The handshake: the client speaks first, then whoever has input.
    handshake_step(client, server);
    for (int round = 0; !(client.established && server.established); round++) {
        if (round > 20) {
            throw std::runtime_error("handshake did not finish");
        }
        if (!server.established && !server.inbox.empty()) {
            handshake_step(server, client);
        }
        if (!client.established && !client.inbox.empty()) {
            handshake_step(client, server);
        }
    }
    std::cout << "handshake complete: client " << protocol(client) << ", server " << protocol(server) << "\n";

    // One message each way. The client's inbox may start with TLS 1.3
    // session tickets, which DecryptMessage consumes with no plaintext.
    bool closed = false;
    send_text(client, server, "hello from the client");
    std::cout << "server received: \"" << receive(server, closed) << "\"\n";
    send_text(server, client, "hello from the server");
    std::cout << "client received: \"" << receive(client, closed) << "\"\n";

    // The client closes; the server sees SEC_I_CONTEXT_EXPIRED and answers.
    close_notify(client, server);
    receive(server, closed);
    if (!closed) {
        throw std::runtime_error("server did not see the client's close_notify");
    }
    close_notify(server, client);
    receive(client, closed);
    if (!closed) {
        throw std::runtime_error("client did not see the server's close_notify");
    }
    std::cout << "both sides closed with close_notify\n";

    // A failed call throws sspi::Error, which carries the status.
    try {
        send_text(client, server, "too late");
        throw std::runtime_error("EncryptMessage after shutdown succeeded");
    } catch (const sspi::Error &e) {
        if (e.status() != SEC_E_CONTEXT_EXPIRED) {
            throw;
        }
        std::cout << "sending after shutdown throws: " << e.what() << "\n";
    }
} // every handle and buffer is released here, in reverse order of creation

int main(int argc, char **argv)
{
    std::string pfx, password;
    if (argc >= 2) {
        pfx = argv[1];
        password = argc >= 3 ? argv[2] : "";
    } else if (const char *dir = std::getenv("SECUR32_TESTDATA")) {
        pfx = std::string(dir) + "/p256-aes.pfx";
        password = "pass";
    } else {
        std::cerr << "usage: " << argv[0] << " FILE.pfx [PASSWORD]   (or set SECUR32_TESTDATA)\n";
        return 2;
    }
    try {
        run(pfx, password);
    } catch (const sspi::Error &e) {
        std::cerr << "cpp_raii: " << e.what() << "\n";
        return 1;
    } catch (const std::exception &e) {
        std::cerr << "cpp_raii: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
