package engine

import "crypto/tls"

// SP_PROT_* protocol bits (schannel.h). Server bits are the even positions,
// client bits the odd ones.
const (
	protSSL2Server  = 0x4
	protSSL2Client  = 0x8
	protSSL3Server  = 0x10
	protSSL3Client  = 0x20
	protTLS10Server = 0x40
	protTLS10Client = 0x80
	protTLS11Server = 0x100
	protTLS11Client = 0x200
	protTLS12Server = 0x400
	protTLS12Client = 0x800
	protTLS13Server = 0x1000
	protTLS13Client = 0x2000
	protDTLSMask    = 0xF0000 // DTLS 1.0 and 1.2, both sides
	protAllServer   = protSSL2Server | protSSL3Server | protTLS10Server | protTLS11Server | protTLS12Server | protTLS13Server | 0x1 | 0x40000000
	protAllClient   = protSSL2Client | protSSL3Client | protTLS10Client | protTLS11Client | protTLS12Client | protTLS13Client | 0x2 | 0x80000000
)

// versionBits lists the TLS versions this library can speak, with their
// server and client SP_PROT bits.
var versionBits = []struct {
	version        uint16
	server, client uint32
}{
	{tls.VersionTLS10, protTLS10Server, protTLS10Client},
	{tls.VersionTLS11, protTLS11Server, protTLS11Client},
	{tls.VersionTLS12, protTLS12Server, protTLS12Client},
	{tls.VersionTLS13, protTLS13Server, protTLS13Client},
}

// ProtocolBit returns the SP_PROT bit for version on the given side.
func ProtocolBit(version uint16, server bool) uint32 {
	for _, v := range versionBits {
		if v.version == version {
			if server {
				return v.server
			}
			return v.client
		}
	}
	return 0
}

// defaultProtocols is what a credential enables when the caller asks for
// the system default: TLS 1.2 and TLS 1.3, both sides.
const defaultProtocols = protTLS12Server | protTLS12Client | protTLS13Server | protTLS13Client
