package engine

import "fmt"

// Status is a SECURITY_STATUS value. Values are the Windows ones and never
// change; String returns the Windows spelling (SEC_E_...), Message a short
// human explanation.
type Status uint32

// Progress statuses.
const (
	StatusOK                  Status = 0x00000000 // SEC_E_OK
	StatusContinueNeeded      Status = 0x00090312 // SEC_I_CONTINUE_NEEDED
	StatusCompleteNeeded      Status = 0x00090313 // SEC_I_COMPLETE_NEEDED
	StatusCompleteAndContinue Status = 0x00090314 // SEC_I_COMPLETE_AND_CONTINUE
	StatusContextExpiredInfo  Status = 0x00090317 // SEC_I_CONTEXT_EXPIRED
	StatusIncompleteCredsInfo Status = 0x00090320 // SEC_I_INCOMPLETE_CREDENTIALS
	StatusRenegotiate         Status = 0x00090321 // SEC_I_RENEGOTIATE
	StatusNoRenegotiationInfo Status = 0x00090360 // SEC_I_NO_RENEGOTIATION
	StatusIncompleteMessage   Status = 0x80090318 // SEC_E_INCOMPLETE_MESSAGE
	StatusContextExpired      Status = 0x80090317 // SEC_E_CONTEXT_EXPIRED
)

// Caller-misuse and resource statuses.
const (
	StatusInsufficientMemory    Status = 0x80090300 // SEC_E_INSUFFICIENT_MEMORY
	StatusInvalidHandle         Status = 0x80090301 // SEC_E_INVALID_HANDLE
	StatusUnsupportedFunction   Status = 0x80090302 // SEC_E_UNSUPPORTED_FUNCTION
	StatusTargetUnknown         Status = 0x80090303 // SEC_E_TARGET_UNKNOWN
	StatusInternalError         Status = 0x80090304 // SEC_E_INTERNAL_ERROR
	StatusSecPkgNotFound        Status = 0x80090305 // SEC_E_SECPKG_NOT_FOUND
	StatusNotOwner              Status = 0x80090306 // SEC_E_NOT_OWNER
	StatusInvalidToken          Status = 0x80090308 // SEC_E_INVALID_TOKEN
	StatusQOPNotSupported       Status = 0x8009030A // SEC_E_QOP_NOT_SUPPORTED
	StatusUnknownCredentials    Status = 0x8009030D // SEC_E_UNKNOWN_CREDENTIALS
	StatusNoCredentials         Status = 0x8009030E // SEC_E_NO_CREDENTIALS
	StatusBufferTooSmall        Status = 0x80090321 // SEC_E_BUFFER_TOO_SMALL
	StatusInvalidParameter      Status = 0x8009035D // SEC_E_INVALID_PARAMETER
	StatusNoContext             Status = 0x80090361 // SEC_E_NO_CONTEXT
	StatusWrongCredentialHandle Status = 0x80090336 // SEC_E_WRONG_CREDENTIAL_HANDLE
	StatusInsufficientBuffers   Status = 0x8009036B // SEC_E_INSUFFICIENT_BUFFERS
)

// Protocol statuses.
const (
	StatusLogonDenied                 Status = 0x8009030C // SEC_E_LOGON_DENIED
	StatusMessageAltered              Status = 0x8009030F // SEC_E_MESSAGE_ALTERED
	StatusOutOfSequence               Status = 0x80090310 // SEC_E_OUT_OF_SEQUENCE
	StatusNoAuthenticatingAuthority   Status = 0x80090311 // SEC_E_NO_AUTHENTICATING_AUTHORITY
	StatusIncompleteCredentials       Status = 0x80090320 // SEC_E_INCOMPLETE_CREDENTIALS
	StatusIllegalMessage              Status = 0x80090326 // SEC_E_ILLEGAL_MESSAGE
	StatusEncryptFailure              Status = 0x80090329 // SEC_E_ENCRYPT_FAILURE
	StatusDecryptFailure              Status = 0x80090330 // SEC_E_DECRYPT_FAILURE
	StatusAlgorithmMismatch           Status = 0x80090331 // SEC_E_ALGORITHM_MISMATCH
	StatusUnfinishedContextDeleted    Status = 0x80090333 // SEC_E_UNFINISHED_CONTEXT_DELETED
	StatusCryptoSystemInvalid         Status = 0x80090337 // SEC_E_CRYPTO_SYSTEM_INVALID
	StatusShutdownInProgress          Status = 0x8009033F // SEC_E_SHUTDOWN_IN_PROGRESS
	StatusDowngradeDetected           Status = 0x80090350 // SEC_E_DOWNGRADE_DETECTED
	StatusApplicationProtocolMismatch Status = 0x80090367 // SEC_E_APPLICATION_PROTOCOL_MISMATCH
)

// Certificate statuses.
const (
	StatusWrongPrincipal Status = 0x80090322 // SEC_E_WRONG_PRINCIPAL
	StatusUntrustedRoot  Status = 0x80090325 // SEC_E_UNTRUSTED_ROOT
	StatusCertUnknown    Status = 0x80090327 // SEC_E_CERT_UNKNOWN
	StatusCertExpired    Status = 0x80090328 // SEC_E_CERT_EXPIRED
	StatusCertWrongUsage Status = 0x80090349 // SEC_E_CERT_WRONG_USAGE
	StatusCertRevoked    Status = 0x80092010 // CRYPT_E_REVOKED
)

// Category groups statuses by who must act on them.
type Category int

// Status categories.
const (
	CategoryProgress    Category = iota // the call worked or needs more input
	CategoryUsage                       // the caller passed something wrong
	CategoryProtocol                    // the peer or the TLS exchange failed
	CategoryCertificate                 // a certificate was rejected
	CategoryInternal                    // a bug in this library
)

type statusInfo struct {
	name string
	msg  string
	cat  Category
}

var statusTable = map[Status]statusInfo{
	StatusOK:                          {"SEC_E_OK", "The operation completed successfully.", CategoryProgress},
	StatusContinueNeeded:              {"SEC_I_CONTINUE_NEEDED", "The token must be sent to the peer and the call made again with the reply.", CategoryProgress},
	StatusCompleteNeeded:              {"SEC_I_COMPLETE_NEEDED", "CompleteAuthToken must be called (never returned by Schannel).", CategoryProgress},
	StatusCompleteAndContinue:         {"SEC_I_COMPLETE_AND_CONTINUE", "CompleteAuthToken must be called and the token sent (never returned by Schannel).", CategoryProgress},
	StatusContextExpiredInfo:          {"SEC_I_CONTEXT_EXPIRED", "The peer closed the connection (close_notify).", CategoryProgress},
	StatusIncompleteCredsInfo:         {"SEC_I_INCOMPLETE_CREDENTIALS", "The server asked for a client certificate and the credential has none.", CategoryProgress},
	StatusRenegotiate:                 {"SEC_I_RENEGOTIATE", "The peer sent a handshake message; call InitializeSecurityContext or AcceptSecurityContext again.", CategoryProgress},
	StatusNoRenegotiationInfo:         {"SEC_I_NO_RENEGOTIATION", "The peer refused renegotiation.", CategoryProgress},
	StatusIncompleteMessage:           {"SEC_E_INCOMPLETE_MESSAGE", "The input does not hold a complete TLS record; read more and call again with all the bytes.", CategoryProgress},
	StatusContextExpired:              {"SEC_E_CONTEXT_EXPIRED", "The context is closed, failed, not yet established or waiting for a handshake call.", CategoryUsage},
	StatusInsufficientMemory:          {"SEC_E_INSUFFICIENT_MEMORY", "Not enough memory, or an output buffer has no room and ALLOCATE_MEMORY was not requested.", CategoryUsage},
	StatusInvalidHandle:               {"SEC_E_INVALID_HANDLE", "The handle is NULL, stale, forged or of the wrong kind.", CategoryUsage},
	StatusUnsupportedFunction:         {"SEC_E_UNSUPPORTED_FUNCTION", "The function, attribute or request is not supported.", CategoryUsage},
	StatusTargetUnknown:               {"SEC_E_TARGET_UNKNOWN", "The target is unknown.", CategoryUsage},
	StatusInternalError:               {"SEC_E_INTERNAL_ERROR", "Internal error in the security package (a bug).", CategoryInternal},
	StatusSecPkgNotFound:              {"SEC_E_SECPKG_NOT_FOUND", "The security package name is not known.", CategoryUsage},
	StatusNotOwner:                    {"SEC_E_NOT_OWNER", "The caller does not own the credential.", CategoryUsage},
	StatusInvalidToken:                {"SEC_E_INVALID_TOKEN", "The buffers or the token passed are malformed.", CategoryUsage},
	StatusQOPNotSupported:             {"SEC_E_QOP_NOT_SUPPORTED", "The quality of protection is not supported.", CategoryUsage},
	StatusUnknownCredentials:          {"SEC_E_UNKNOWN_CREDENTIALS", "The credential data is malformed or of an unknown version.", CategoryUsage},
	StatusNoCredentials:               {"SEC_E_NO_CREDENTIALS", "No usable credential: a certificate or its private key is missing.", CategoryUsage},
	StatusBufferTooSmall:              {"SEC_E_BUFFER_TOO_SMALL", "A caller buffer is too small; nothing was consumed, retry with a larger one.", CategoryUsage},
	StatusInvalidParameter:            {"SEC_E_INVALID_PARAMETER", "A parameter is invalid.", CategoryUsage},
	StatusNoContext:                   {"SEC_E_NO_CONTEXT", "The context does not exist yet.", CategoryUsage},
	StatusWrongCredentialHandle:       {"SEC_E_WRONG_CREDENTIAL_HANDLE", "The credential handle does not match the context.", CategoryUsage},
	StatusInsufficientBuffers:         {"SEC_E_INSUFFICIENT_BUFFERS", "Not enough buffers were supplied.", CategoryUsage},
	StatusLogonDenied:                 {"SEC_E_LOGON_DENIED", "The peer denied access (access_denied alert).", CategoryProtocol},
	StatusMessageAltered:              {"SEC_E_MESSAGE_ALTERED", "A record failed its integrity check (bad_record_mac).", CategoryProtocol},
	StatusOutOfSequence:               {"SEC_E_OUT_OF_SEQUENCE", "A record arrived out of sequence.", CategoryProtocol},
	StatusNoAuthenticatingAuthority:   {"SEC_E_NO_AUTHENTICATING_AUTHORITY", "No protocol is enabled for this credential.", CategoryProtocol},
	StatusIncompleteCredentials:       {"SEC_E_INCOMPLETE_CREDENTIALS", "The credentials are incomplete.", CategoryProtocol},
	StatusIllegalMessage:              {"SEC_E_ILLEGAL_MESSAGE", "The peer sent a malformed message or a fatal alert.", CategoryProtocol},
	StatusEncryptFailure:              {"SEC_E_ENCRYPT_FAILURE", "The message could not be encrypted (for example it exceeds cbMaximumMessage).", CategoryProtocol},
	StatusDecryptFailure:              {"SEC_E_DECRYPT_FAILURE", "A record could not be decrypted.", CategoryProtocol},
	StatusAlgorithmMismatch:           {"SEC_E_ALGORITHM_MISMATCH", "No protocol version or cipher suite in common.", CategoryProtocol},
	StatusUnfinishedContextDeleted:    {"SEC_E_UNFINISHED_CONTEXT_DELETED", "The peer cancelled the handshake (user_canceled alert).", CategoryProtocol},
	StatusCryptoSystemInvalid:         {"SEC_E_CRYPTO_SYSTEM_INVALID", "The crypto system is invalid.", CategoryProtocol},
	StatusShutdownInProgress:          {"SEC_E_SHUTDOWN_IN_PROGRESS", "A shutdown is in progress.", CategoryProtocol},
	StatusDowngradeDetected:           {"SEC_E_DOWNGRADE_DETECTED", "A protocol downgrade was detected.", CategoryProtocol},
	StatusApplicationProtocolMismatch: {"SEC_E_APPLICATION_PROTOCOL_MISMATCH", "No application protocol (ALPN) in common.", CategoryProtocol},
	StatusWrongPrincipal:              {"SEC_E_WRONG_PRINCIPAL", "The certificate's name does not match the target name.", CategoryCertificate},
	StatusUntrustedRoot:               {"SEC_E_UNTRUSTED_ROOT", "The certificate chain was issued by an authority that is not trusted.", CategoryCertificate},
	StatusCertUnknown:                 {"SEC_E_CERT_UNKNOWN", "The certificate was rejected (bad, unsupported or unknown certificate).", CategoryCertificate},
	StatusCertExpired:                 {"SEC_E_CERT_EXPIRED", "The certificate has expired or is not yet valid.", CategoryCertificate},
	StatusCertWrongUsage:              {"SEC_E_CERT_WRONG_USAGE", "The certificate is not valid for the requested usage.", CategoryCertificate},
	StatusCertRevoked:                 {"CRYPT_E_REVOKED", "The certificate has been revoked.", CategoryCertificate},
}

// String returns the Windows name of s, or its hex value when unknown.
func (s Status) String() string {
	if i, ok := statusTable[s]; ok {
		return i.name
	}
	return fmt.Sprintf("0x%08X", uint32(s))
}

// Message returns a one-sentence explanation of s.
func (s Status) Message() string {
	if i, ok := statusTable[s]; ok {
		return i.msg
	}
	return "Unknown status."
}

// Category returns the category of s (CategoryInternal for unknown values).
func (s Status) Category() Category {
	if i, ok := statusTable[s]; ok {
		return i.cat
	}
	return CategoryInternal
}

// IsError reports whether s is a failure (severity bit set).
func (s Status) IsError() bool { return int32(s) < 0 }

// AllStatuses returns every status the table knows, for tests and tools.
func AllStatuses() []Status {
	out := make([]Status, 0, len(statusTable))
	for s := range statusTable {
		out = append(out, s)
	}
	return out
}

// Error is a failure with its status, the alert we sent or received (if
// any) and the underlying Go error.
type Error struct {
	Status Status
	Alert  int // TLS alert number, -1 when none
	Err    error
}

func (e *Error) Error() string {
	if e.Err != nil {
		return e.Status.String() + ": " + e.Err.Error()
	}
	return e.Status.String()
}

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

// StatusForAlert maps a TLS alert number to the status Schannel returns when
// it receives that alert as fatal (Microsoft's "Schannel error codes for TLS
// and SSL alerts" table). One deliberate difference: a peer's internal_error
// alert (80) gives SEC_E_ILLEGAL_MESSAGE, because SEC_E_INTERNAL_ERROR is
// reserved for bugs in this library.
func StatusForAlert(alert uint8) Status {
	switch alert {
	case 0:
		return StatusContextExpiredInfo
	case 20, 30:
		return StatusMessageAltered
	case 21, 51:
		return StatusDecryptFailure
	case 42, 43, 46:
		return StatusCertUnknown
	case 44:
		return StatusCertRevoked
	case 45:
		return StatusCertExpired
	case 48:
		return StatusUntrustedRoot
	case 49:
		return StatusLogonDenied
	case 70:
		return StatusUnsupportedFunction
	case 71:
		return StatusAlgorithmMismatch
	case 90:
		return StatusUnfinishedContextDeleted
	case 120:
		return StatusApplicationProtocolMismatch
	default:
		return StatusIllegalMessage
	}
}
