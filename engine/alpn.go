package engine

import "encoding/binary"

// ParseApplicationProtocols decodes a SECBUFFER_APPLICATION_PROTOCOLS buffer
// (SEC_APPLICATION_PROTOCOLS, spec §3.4) and returns the ALPN protocol names
// in order. Lists for other extensions (NPN) are skipped. A malformed
// buffer gives StatusInvalidParameter.
func ParseApplicationProtocols(b []byte) ([]string, Status) {
	if len(b) < 4 {
		return nil, StatusInvalidParameter
	}
	total := int(binary.LittleEndian.Uint32(b))
	if total > len(b)-4 {
		return nil, StatusInvalidParameter
	}
	lists := b[4 : 4+total]
	var out []string
	for len(lists) > 0 {
		if len(lists) < 6 {
			return nil, StatusInvalidParameter
		}
		ext := binary.LittleEndian.Uint32(lists)
		n := int(binary.LittleEndian.Uint16(lists[4:]))
		if n > len(lists)-6 {
			return nil, StatusInvalidParameter
		}
		list := lists[6 : 6+n]
		lists = lists[6+n:]
		if ext != 2 { // SecApplicationProtocolNegotiationExt_ALPN
			continue
		}
		for len(list) > 0 {
			l := int(list[0])
			if l == 0 || l > len(list)-1 {
				return nil, StatusInvalidParameter
			}
			out = append(out, string(list[1:1+l]))
			list = list[1+l:]
		}
	}
	return out, StatusOK
}

// BuildApplicationProtocols encodes protocol names as a
// SEC_APPLICATION_PROTOCOLS buffer with one ALPN list.
func BuildApplicationProtocols(protos []string) []byte {
	var list []byte
	for _, p := range protos {
		list = append(list, byte(len(p)))
		list = append(list, p...)
	}
	b := make([]byte, 10, 10+len(list))
	binary.LittleEndian.PutUint32(b, uint32(6+len(list)))
	binary.LittleEndian.PutUint32(b[4:], 2)
	binary.LittleEndian.PutUint16(b[8:], uint16(len(list)))
	return append(b, list...)
}
