package engine

import "encoding/binary"

// ApplyControlToken token types (SCHANNEL_*).
const (
	controlRenegotiate = 0
	controlShutdown    = 1
	controlAlert       = 2
	controlSession     = 3
)

// ApplyControl queues a control token (ApplyControlToken's payload, spec
// §10.2): SCHANNEL_SHUTDOWN makes the next ISC/ASC call produce a
// close_notify record, SCHANNEL_ALERT the requested alert. Statuses:
// SEC_E_UNSUPPORTED_FUNCTION for fewer than 4 bytes, an unknown token or
// SCHANNEL_RENEGOTIATE; SEC_E_INVALID_TOKEN for a short alert token.
func (c *Context) ApplyControl(tok []byte) Status {
	if len(tok) < 4 {
		return StatusUnsupportedFunction
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	switch binary.LittleEndian.Uint32(tok) {
	case controlShutdown:
		c.control = controlToken{kind: controlShutdown}
	case controlAlert:
		if len(tok) < 12 {
			return StatusInvalidToken
		}
		level := binary.LittleEndian.Uint32(tok[4:])
		desc := binary.LittleEndian.Uint32(tok[8:])
		if level < 1 || level > 2 || desc > 255 {
			return StatusInvalidParameter
		}
		c.control = controlToken{kind: controlAlert, level: uint8(level), desc: uint8(desc)}
	case controlSession:
		if len(tok) < 8 {
			return StatusInvalidToken
		}
		return StatusOK // reconnect toggling is accepted; sessions follow the credential
	default:
		return StatusUnsupportedFunction
	}
	return StatusOK
}

// applyControlLocked produces the record for the queued control token. A
// context that failed never sends anything more (its one fatal alert was
// already available); before the handshake completes the alert is
// plaintext, as Windows sends it.
func (c *Context) applyControlLocked() StepResult {
	tok := c.control
	c.control = controlToken{}
	var out []byte
	switch {
	case c.state == stateFailed:
	case c.state != stateEstablished:
		desc, level := uint8(0), uint8(1)
		if tok.kind == controlAlert {
			desc, level = tok.desc, tok.level
		}
		out = alertRecord(level, desc, 0x0301)
		if level == 2 {
			c.drv.stop()
			c.state = stateFailed
			c.failSt = StatusContextExpired
		}
	default:
		// crypto/tls can only send close_notify after the handshake; a
		// queued alert is sent as close_notify too (documented difference).
		if !c.closedWrite {
			c.tr.out = c.tr.out[:0]
			_ = c.conn.CloseWrite()
			out = append([]byte(nil), c.tr.out...)
			c.tr.out = c.tr.out[:0]
			c.closedWrite = true
		}
	}
	return StepResult{Status: StatusOK, Output: out, WriteHandle: true}
}
