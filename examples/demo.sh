#!/usr/bin/env bash
# demo.sh - what `make demo` runs: examples/https_server, a server written as
# Windows SSPI code and linked with -lsecur32, answers a real TLS client on
# 127.0.0.1. The script
#   1. makes a throwaway self-signed certificate (openssl CLI) in a
#      temporary directory,
#   2. starts https_server on an ephemeral port,
#   3. fetches https://localhost:PORT/ twice with `curl -v` in one run (two
#      connections, so the second can resume the first's TLS session), or
#      with Python's ssl module when curl is missing,
#   4. prints what both sides say was negotiated (protocol, cipher suite, key
#      exchange group, ALPN, resumption): curl's -v lines, the server's log
#      line and the page it served,
#   5. stops the server and exits 0 if a TLS 1.3 handshake completed.
#
# Usage: examples/demo.sh [BUILD_DIR]   (BUILD_DIR holds https_server; default build)
set -euo pipefail

build=${1:-build}
server=$build/https_server
if [ ! -x "$server" ]; then
	echo "demo: $server is not built (run make demo)" >&2
	exit 1
fi
if ! command -v openssl >/dev/null; then
	echo "demo: the openssl command-line tool is needed for the certificate" >&2
	exit 1
fi

tmp=$(mktemp -d)
server_pid=
cleanup() {
	if [ -n "$server_pid" ]; then
		kill "$server_pid" 2>/dev/null || true
		wait "$server_pid" 2>/dev/null || true
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT

say() { printf '%s\n' "$*"; }
indent() { sed "s/^/$1/"; }

say "libsecur32 demo: examples/https_server.c (Windows SSPI code: AcceptSecurityContext,"
say "EncryptMessage, DecryptMessage, ...; linked with -lsecur32) serving a real TLS client."
say ""

# 1. Certificate.
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 \
	-subj /CN=localhost -addext subjectAltName=DNS:localhost,IP:127.0.0.1 \
	-keyout "$tmp/key.pem" -out "$tmp/cert.pem" 2>/dev/null
say "[1/4] Self-signed certificate for localhost (P-256): $tmp/cert.pem"

# 2. Server: two requests, then it exits by itself.
"$server" --port 0 --cert "$tmp/cert.pem" --key "$tmp/key.pem" --alpn http/1.1 --max-requests 2 \
	>"$tmp/server.out" 2>"$tmp/server.log" &
server_pid=$!
port=
for _ in $(seq 100); do
	port=$(awk '$1 == "PORT" { print $2 }' "$tmp/server.out")
	[ -n "$port" ] && break
	kill -0 "$server_pid" 2>/dev/null || break
	sleep 0.05
done
if [ -z "$port" ]; then
	echo "demo: https_server did not start:" >&2
	cat "$tmp/server.log" >&2
	exit 1
fi
url="https://localhost:$port/"
say "[2/4] Started $server on $url"

# server_line N: the server's log line for its N-th connection.
server_line() {
	grep -v -e 'listening on' -e 'served, exiting' "$tmp/server.log" | sed -n "${1}p" | sed 's/^https_server: //'
}

# page_rows FILE: the table of a page as "name: value" lines.
page_rows() {
	sed -n 's|.*<tr><th>\(.*\)</th><td>\(.*\)</td></tr>.*|\1: \2|p' "$1"
}

# 3. Client.
if command -v curl >/dev/null; then
	say "[3/4] curl -v fetches $url twice (two connections: the server answers"
	say "      with \"Connection: close\" and its close_notify)"
	curl_version=$(curl --version | head -n 1 | awk '{ print $1, $2 }')
	tls_backend=$(curl --version | head -n 1 | grep -oE '(OpenSSL|LibreSSL|BoringSSL|quictls|GnuTLS|wolfSSL|mbedTLS|rustls|NSS)/[^ ]+' |
		head -n 1 || true)
	[ -n "$tls_backend" ] && curl_version="$curl_version, $tls_backend"
	if ! timeout 30 curl -vsk --tlsv1.3 "$url" -o "$tmp/page1.html" "$url" -o "$tmp/page2.html" \
		2>"$tmp/curl.log"; then
		echo "demo: curl failed:" >&2
		cat "$tmp/curl.log" >&2
		exit 1
	fi
	# Split curl's -v output at each "Connected to": one block per connection.
	for conn in 1 2; do
		say ""
		say "  connection $conn"
		awk -v want="$conn" '
			/Connected to/ { n++ }
			n == want && /SSL connection using|ALPN: server accepted|[Rr]e-?using session|[Rr]esum/ {
				sub(/^\* /, ""); print
			}' "$tmp/curl.log" | indent "    curl:   "
		say "    server: $(server_line "$conn")"
		page_rows "$tmp/page$conn.html" | grep -v '^Client:' | paste -sd '|' - | sed 's/|/, /g' |
			indent "    page:   "
	done
	client="curl ($curl_version)"
else
	say "[3/4] curl not found: Python's ssl module fetches $url twice"
	python3 - "$port" "$tmp" >"$tmp/python.log" <<'EOF'
import socket, ssl, sys

port, tmp = int(sys.argv[1]), sys.argv[2]
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
ctx.check_hostname = False
ctx.verify_mode = ssl.CERT_NONE  # the demo certificate is self-signed
ctx.set_alpn_protocols(["http/1.1"])
session = None
for conn in (1, 2):
    with socket.create_connection(("127.0.0.1", port), timeout=10) as raw:
        with ctx.wrap_socket(raw, server_hostname="localhost", session=session) as s:
            s.sendall(b"GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
            response = b""
            try:
                while True:
                    chunk = s.recv(65536)
                    if not chunk:
                        break
                    response += chunk
            except ssl.SSLZeroReturnError:
                pass
            print("conn %d %s / %s / ALPN %s / session reused: %s"
                  % (conn, s.version(), s.cipher()[0], s.selected_alpn_protocol(), s.session_reused))
            session = s.session  # TLS 1.3 tickets arrived with the response
    with open("%s/page%d.html" % (tmp, conn), "wb") as f:
        f.write(response.split(b"\r\n\r\n", 1)[-1])
EOF
	for conn in 1 2; do
		say ""
		say "  connection $conn"
		sed -n "s/^conn $conn /    python: /p" "$tmp/python.log"
		say "    server: $(server_line "$conn")"
		page_rows "$tmp/page$conn.html" | grep -v '^Client:' | paste -sd '|' - | sed 's/|/, /g' |
			indent "    page:   "
	done
	client="Python $(python3 -c 'import ssl, sys; print(sys.version.split()[0], "with", ssl.OPENSSL_VERSION)')"
fi

# 4. Stop: the server exits by itself after two requests.
for _ in $(seq 100); do
	kill -0 "$server_pid" 2>/dev/null || break
	sleep 0.05
done
status=0
if kill -0 "$server_pid" 2>/dev/null; then
	kill "$server_pid"
	wait "$server_pid" 2>/dev/null || true
	stopped="stopped it (it was still running)"
else
	wait "$server_pid" || status=$?
	stopped="it exited with status $status: $(tail -n 1 "$tmp/server.log" | sed 's/^https_server: //')"
fi
server_pid=
say ""
say "[4/4] Server stopped: $stopped"
say ""

first=$(server_line 1)
second=$(server_line 2)
if [[ "$first" != *"TLS 1.3"* ]] || [ "$status" -ne 0 ]; then
	say "Result: FAILED - no TLS 1.3 handshake completed. Server log:"
	indent "  " <"$tmp/server.log"
	exit 1
fi
say "Result: a TLS 1.3 handshake completed between $client"
say "        and libsecur32's AcceptSecurityContext, and the page came back through EncryptMessage."
case "$second" in
*"resumed yes"*) say "        The second connection resumed the first one's TLS session." ;;
*"resumed unknown"*) say "        (This libsecur32 does not report resumption: SECPKG_ATTR_SESSION_INFO unanswered.)" ;;
*) say "        The client did not resume the session on its second connection." ;;
esac
