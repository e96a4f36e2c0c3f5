package engine

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"net"
	"reflect"
	"strings"
)

// verifyError is returned by our certificate checks inside the handshake so
// that the status survives crypto/tls's error wrapping.
type verifyError struct {
	status Status
	err    error
}

func (e *verifyError) Error() string { return e.status.String() + ": " + e.err.Error() }
func (e *verifyError) Unwrap() error { return e.err }

// statusForVerify maps an x509 verification error to its status.
func statusForVerify(err error) Status {
	var ua x509.UnknownAuthorityError
	var ci x509.CertificateInvalidError
	var he x509.HostnameError
	switch {
	case errors.As(err, &ua):
		return StatusUntrustedRoot
	case errors.As(err, &he):
		return StatusWrongPrincipal
	case errors.As(err, &ci):
		switch ci.Reason {
		case x509.Expired:
			return StatusCertExpired
		case x509.IncompatibleUsage:
			return StatusCertWrongUsage
		}
		return StatusCertUnknown
	}
	return StatusCertUnknown
}

// localAlertStatus maps an alert this side sent to the status its own call
// returns. It is StatusForAlert except where our reason is more precise.
func localAlertStatus(alert uint8) Status {
	switch alert {
	case 40: // handshake_failure: crypto/tls sends it for "no shared cipher/curve/signature"
		return StatusAlgorithmMismatch
	case 80:
		// crypto/tls sends internal_error for some malformed peer input
		// (an oversized handshake message): the peer's fault, not ours.
		return StatusIllegalMessage
	case 100: // we refused a TLS 1.2 renegotiation
		return StatusUnsupportedFunction
	}
	return StatusForAlert(alert)
}

// alertForStatus is the alert we synthesise (plaintext) for a failure that
// crypto/tls did not answer with one itself.
func alertForStatus(s Status) uint8 {
	switch s {
	case StatusInvalidToken, StatusIllegalMessage:
		return 10 // unexpected_message
	case StatusAlgorithmMismatch:
		return 40
	case StatusUnsupportedFunction:
		return 70
	case StatusMessageAltered:
		return 20
	case StatusDecryptFailure:
		return 51
	case StatusUntrustedRoot:
		return 48
	case StatusCertExpired:
		return 45
	case StatusCertUnknown, StatusWrongPrincipal, StatusCertWrongUsage:
		return 42
	case StatusApplicationProtocolMismatch:
		return 120
	}
	return 40
}

// findPlainAlert returns the description of the first plaintext alert
// record in out (a record of type 21 with a 2-byte body), or -1.
func findPlainAlert(out []byte) int {
	for len(out) >= recordHeaderLen {
		n := recordLen(out)
		if n > len(out) {
			break
		}
		if out[0] == recordTypeAlert && n == recordHeaderLen+2 {
			return int(out[6])
		}
		out = out[n:]
	}
	return -1
}

// classify turns a crypto/tls handshake or record error into a status, using
// the alert record crypto/tls wrote (out) when it is readable.
func classify(err error, out []byte) Status {
	var ve *verifyError
	if errors.As(err, &ve) {
		return ve.status
	}
	var op *net.OpError
	if errors.As(err, &op) {
		if v := reflect.ValueOf(op.Err); v.Kind() == reflect.Uint8 {
			if op.Op == "remote error" {
				return StatusForAlert(uint8(v.Uint()))
			}
			return localAlertStatus(uint8(v.Uint()))
		}
	}
	var ae tls.AlertError
	if errors.As(err, &ae) {
		return localAlertStatus(uint8(ae))
	}
	var cve *tls.CertificateVerificationError
	if errors.As(err, &cve) {
		return statusForVerify(cve.Err)
	}
	var rhe tls.RecordHeaderError
	if errors.As(err, &rhe) {
		if strings.Contains(rhe.Msg, "oversized") {
			return StatusIllegalMessage
		}
		return StatusInvalidToken
	}
	if a := findPlainAlert(out); a >= 0 {
		return localAlertStatus(uint8(a))
	}
	msg := err.Error()
	switch {
	case strings.Contains(msg, "unsupported versions"), strings.Contains(msg, "protocol version"):
		return StatusUnsupportedFunction
	case strings.Contains(msg, "application protocol"):
		return StatusApplicationProtocolMismatch
	case strings.Contains(msg, "cipher suite"), strings.Contains(msg, "curve"), strings.Contains(msg, "signature algorithm"):
		return StatusAlgorithmMismatch
	case strings.Contains(msg, "bad record MAC"):
		return StatusMessageAltered
	case strings.Contains(msg, "invalid signature"), strings.Contains(msg, "finished"):
		return StatusDecryptFailure
	}
	return StatusIllegalMessage
}

// alertRecord builds a plaintext alert record.
func alertRecord(level, desc uint8, version uint16) []byte {
	return []byte{recordTypeAlert, byte(version >> 8), byte(version), 0, 2, level, desc}
}
