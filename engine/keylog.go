package engine

import (
	"io"
	"os"
	"sync"
)

// keyLog is the NSS key log named by the SSLKEYLOGFILE environment variable
// (opened once, appended to, shared by every context), or nil. Secrets are
// written nowhere else.
var (
	keyLogOnce sync.Once
	keyLog     io.Writer
)

// keyLogWriter returns the process's key log writer, or nil when
// SSLKEYLOGFILE is not set (or cannot be opened).
func keyLogWriter() io.Writer {
	keyLogOnce.Do(func() {
		path := os.Getenv("SSLKEYLOGFILE")
		if path == "" {
			return
		}
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
		if err != nil {
			return
		}
		keyLog = &lockedWriter{w: f}
	})
	return keyLog
}

// lockedWriter serialises whole lines from concurrent handshakes.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}
