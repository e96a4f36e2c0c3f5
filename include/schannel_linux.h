/*
 * schannel_linux.h - Linux extensions of libsecur32.
 *
 * NOT PART OF WINDOWS. Nothing in this header exists in the Windows SDK;
 * code that uses it does not build on Windows. Portable code should load
 * its certificate with PFXImportCertStore (wincrypt.h) and keep these
 * functions behind an #ifdef. They exist because on Linux certificates and
 * keys usually come as PEM files rather than PKCS#12.
 *
 * Conventions are those of wincrypt.h: failures return NULL with a code for
 * GetLastError (thread-local); contexts are released with
 * CertFreeCertificateContext.
 */
#ifndef SECUR32_SCHANNEL_LINUX_H
#define SECUR32_SCHANNEL_LINUX_H

#include "wintypes.h"
#include "wincrypt.h"
#include "sspi.h"

#ifdef __cplusplus
extern "C" {
#endif

// PEM certificates.

// SchLinuxLoadCertificatePem builds a certificate context with a private key
// from PEM data: `pbCertChainPem` holds the certificate chain, leaf first,
// then its intermediates (CERTIFICATE blocks; other blocks are skipped), and
// `pbKeyPem` the leaf's private key. The key may be PKCS#8 ("PRIVATE KEY"),
// PKCS#1 ("RSA PRIVATE KEY"), SEC 1 ("EC PRIVATE KEY"), encrypted PKCS#8
// ("ENCRYPTED PRIVATE KEY": PBES2 with PBKDF2 and AES or 3DES, or a PKCS#12
// PBE) or a legacy OpenSSL-encrypted PKCS#1 / SEC 1 key (Proc-Type:
// 4,ENCRYPTED); RSA, ECDSA (P-256, P-384, P-521) and Ed25519 keys are
// supported. `pszPassword` (UTF-8, NULL for none) decrypts an encrypted key
// and is ignored otherwise. `pbKeyPem` may be NULL (or `cbKeyPem` 0) when
// the key is in the chain data. All inputs are borrowed for the duration of
// the call.
//
// The result is the leaf's context, with a reference for the caller, in a
// new memory store (its hCertStore) that also holds the intermediates in
// the given order, so a credential built from it sends the whole chain. The
// store has no open handle: it goes away when the caller frees the context
// with CertFreeCertificateContext (and any other reference obtained from the
// store, e.g. by enumerating hCertStore, has been freed).
//
// GetLastError on failure (NULL returned):
//   E_INVALIDARG: `pbCertChainPem` is NULL or `cbCertChainPem` is 0.
//   ERROR_INVALID_DATA: no CERTIFICATE block, or one that does not decode.
//   NTE_NO_KEY: no private key block in the key data (or in the chain data
//     when `pbKeyPem` is NULL).
//   NTE_BAD_KEY: the private key block does not decode, or is of an
//     unsupported kind.
//   ERROR_INVALID_PASSWORD: the key is encrypted and `pszPassword` is NULL,
//     empty or wrong.
//   NTE_BAD_KEYSET: the private key does not belong to the leaf certificate.
PCCERT_CONTEXT SchLinuxLoadCertificatePem(const BYTE *pbCertChainPem, DWORD cbCertChainPem,
                                          const BYTE *pbKeyPem, DWORD cbKeyPem,
                                          const char *pszPassword);

// SchLinuxLoadCertificatePemFiles is SchLinuxLoadCertificatePem reading the
// chain from the file `pszCertChainFile` and the key from `pszKeyFile`
// (NULL when the key is in the chain file). Paths are UTF-8.
//
// GetLastError on failure (NULL returned): the codes of
// SchLinuxLoadCertificatePem, and
//   E_INVALIDARG: `pszCertChainFile` is NULL.
//   ERROR_FILE_NOT_FOUND: a file does not exist or cannot be read.
PCCERT_CONTEXT SchLinuxLoadCertificatePemFiles(const char *pszCertChainFile, const char *pszKeyFile,
                                               const char *pszPassword);

// Further extensions.
//
// Later Linux-only additions go below this line, each in its own section
// with a title comment, documented as above, named SchLinux*.

// Status names.
//
// SchLinuxStatusName returns the Windows name of `Status`
// ("SEC_E_INVALID_HANDLE", "SEC_I_CONTINUE_NEEDED", "CRYPT_E_REVOKED", ...)
// or "UNKNOWN_STATUS"; SchLinuxStatusMessage returns a one-sentence
// explanation. The strings are static: never free them. Thread-safe.
// (Windows has no such function; FormatMessage is its closest relative.)
const char *SchLinuxStatusName(SECURITY_STATUS Status);
const char *SchLinuxStatusMessage(SECURITY_STATUS Status);

// Windows-exact TLS 1.3 post-handshake behaviour.
//
// SCH_CRED_LINUX_RENEGOTIATE_ON_TICKET, set in SCHANNEL_CRED.dwFlags or
// SCH_CREDENTIALS.dwFlags of a client credential, makes DecryptMessage return
// SEC_I_RENEGOTIATE for every TLS 1.3 NewSessionTicket, as Windows does,
// instead of consuming tickets silently (the default, see
// docs/differences-from-windows.md). The caller then calls
// InitializeSecurityContext with the SECBUFFER_EXTRA bytes (or no input),
// which returns SEC_E_OK with those bytes reported back as SECBUFFER_EXTRA,
// and goes on decrypting. The bit is not a Windows flag; Windows ignores it.
#define SCH_CRED_LINUX_RENEGOTIATE_ON_TICKET 0x40000000

// Thread-affine handshakes.
//
// SCH_CRED_LINUX_THREAD_AFFINE, set in SCHANNEL_CRED.dwFlags or
// SCH_CREDENTIALS.dwFlags of a client or server credential, is a promise:
// every InitializeSecurityContext / AcceptSecurityContext call of a
// handshake made with this credential comes from the thread that made the
// context's first call (as in a thread-per-connection server or a
// single-threaded event loop). In exchange the handshake runs on the
// calling thread itself instead of being handed to another thread at each
// call, which takes a third to a half off the CPU time of a server
// handshake (see bench/README.md). Once the handshake is over (SEC_E_OK or a failure) the
// promise ends: EncryptMessage, DecryptMessage, ApplyControlToken,
// QueryContextAttributes and later ISC/ASC calls may come from any thread,
// as without the flag.
//
// Breaking the promise is safe, not silent:
//   - ISC/ASC from another thread while the handshake is in progress
//     returns SEC_E_UNSUPPORTED_FUNCTION and changes nothing; the same call
//     from the context's thread then proceeds.
//   - DeleteSecurityContext from another thread while the handshake is in
//     progress returns SEC_E_OK and invalidates the handle, but the
//     handshake's memory (some tens of KB) is released only when the
//     context's thread next calls ISC, ASC, EncryptMessage, DecryptMessage,
//     ApplyControlToken or DeleteSecurityContext (never, if that thread has
//     exited).
// Without the flag any thread may make any call on a context (calls on one
// context must not overlap), as on Windows. SECUR32_THREAD_AFFINE=1 in the
// environment sets the flag on every credential, for servers that cannot be
// rebuilt. The bit is not a Windows flag.
#define SCH_CRED_LINUX_THREAD_AFFINE 0x20000000

#ifdef __cplusplus
}
#endif

#endif /* SECUR32_SCHANNEL_LINUX_H */
