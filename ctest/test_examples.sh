#!/usr/bin/env bash
# test_examples.sh - runs the programs in examples/ against real TLS peers
# over 127.0.0.1, so the examples stay correct, not just compilable:
#
#   echo_server  vs openssl s_client (TLS 1.2, TLS 1.3 with ALPN, a TLS 1.3
#                KeyUpdate that makes DecryptMessage return SEC_I_RENEGOTIATE),
#                vs Python's ssl module (TLS 1.3 then TLS 1.2, 1 MiB each way,
#                close_notify both ways), five Python clients at once, and a
#                client that sends one byte per TCP segment (records arrive
#                in pieces: SEC_E_INCOMPLETE_MESSAGE);
#   https_server vs curl (TLS 1.2 with an RSA key, TLS 1.3, a 404, session
#                resumption on a second connection);
#   tls_client   vs openssl s_server -www (TLS 1.3 and 1.2 with --insecure;
#                without --insecure the self-signed certificate is rejected
#                with SEC_E_UNTRUSTED_ROOT) and vs https_server (whose
#                certificate comes from a PFX file);
#   cpp_raii     runs its in-memory handshake and exits 0.
#
# Servers run with --port 0 (they print "PORT n") and --max-conns /
# --max-requests, so each one exits by itself; its exit status says whether
# any SSPI call failed. Every client runs under `timeout`; background
# processes are killed on exit. Waits are generous (a loaded machine can take
# seconds to start a Python interpreter) but end as soon as the awaited
# output appears. A check whose tool (openssl, curl, python3) is missing
# prints SKIP and is not counted. Prints "N passed, M failed"; exits
# non-zero on any failure.
#
# Environment (set by CMake): SECUR32_SOURCE_DIR, SECUR32_BUILD_DIR (the
# build tree; the examples are in its examples/ directory), SECUR32_TESTDATA
# (ctest/gen_certs.sh output).
set -u

src=${SECUR32_SOURCE_DIR:-$(cd "$(dirname "$0")/.." && pwd)}
build=${SECUR32_BUILD_DIR:-$src/build/cmake}
testdata=${SECUR32_TESTDATA:-$build/testdata}
bin=$build/examples

passed=0
failed=0
pass() { passed=$((passed + 1)); echo "PASS: $*"; }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }
skip() { echo "SKIP: $*"; }
have() { command -v "$1" >/dev/null 2>&1; }

# The interpreter itself rather than a wrapper such as a pyenv shim, which can
# cost seconds per start.
python=
if have python3; then
	python=$(python3 -c 'import sys; print(sys.executable)' 2>/dev/null) || python=
fi

tmp=$(mktemp -d)
pids=()
cleanup() {
	local pid
	for pid in ${pids[@]+"${pids[@]}"}; do
		kill "$pid" 2>/dev/null
	done
	wait 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT

if [ ! -f "$testdata/p256.crt" ]; then
	bash "$src/ctest/gen_certs.sh" "$testdata" || {
		echo "FAIL: no test certificates in $testdata"
		exit 1
	}
fi
for prog in echo_server https_server tls_client cpp_raii; do
	if [ ! -x "$bin/$prog" ]; then
		echo "FAIL: $bin/$prog is not built"
		exit 1
	fi
done

# --- helpers ---------------------------------------------------------------

# start_server PROGRAM ARGS...: starts $bin/PROGRAM --port 0 ARGS in the
# background and waits for its "PORT n" line. Sets port, server_pid and
# server_err (its stderr file).
n=0
start_server() {
	local prog=$1
	shift
	n=$((n + 1))
	local out=$tmp/$prog.$n.out
	: >"$out"
	server_err=$tmp/$prog.$n.err
	"$bin/$prog" --port 0 "$@" >"$out" 2>"$server_err" &
	server_pid=$!
	pids+=("$server_pid")
	port=
	local i
	for i in $(seq 600); do
		port=$(awk '$1 == "PORT" { print $2 }' "$out")
		[ -n "$port" ] && return 0
		kill -0 "$server_pid" 2>/dev/null || break
		sleep 0.05
	done
	echo "$prog did not start:"
	cat "$server_err"
	return 1
}

# wait_server: waits up to 30 s for the server to exit by itself (it was
# started with --max-conns / --max-requests) and returns its exit status;
# 124 if it had to be killed.
wait_server() {
	local i
	for i in $(seq 600); do
		kill -0 "$server_pid" 2>/dev/null || break
		sleep 0.05
	done
	if kill -0 "$server_pid" 2>/dev/null; then
		kill "$server_pid"
		wait "$server_pid" 2>/dev/null
		return 124
	fi
	wait "$server_pid"
}

# server_ok NAME: the server exited 0 on its own; otherwise a failure that
# shows its log.
server_ok() {
	local rc=0
	wait_server || rc=$?
	if [ "$rc" -ne 0 ]; then
		fail "$1: server exit status $rc"
		sed 's/^/    server: /' "$server_err"
		return 1
	fi
	return 0
}

# s_client_open ARGS...: starts openssl s_client ARGS in the background with
# its stdin on a FIFO (file descriptor 3 here) and its output in $sc_out.
# s_client_say LINE: sends LINE, then waits (up to 30 s) until s_client has
# printed WANT (default: LINE itself) on a line of its own.
# s_client_close: closes stdin, so s_client sends close_notify and exits;
# returns its exit status.
s_client_open() {
	n=$((n + 1))
	sc_out=$tmp/s_client.$n
	mkfifo "$tmp/fifo.$n"
	timeout 60 openssl s_client "$@" <"$tmp/fifo.$n" >"$sc_out" 2>&1 &
	sc_pid=$!
	pids+=("$sc_pid")
	exec 3>"$tmp/fifo.$n"
}
s_client_say() { # LINE [WANT]
	local want=${2:-$1} i
	printf '%s\n' "$1" >&3
	for i in $(seq 600); do
		grep -qx -- "$want" "$sc_out" && return 0
		kill -0 "$sc_pid" 2>/dev/null || return 1
		sleep 0.05
	done
	return 1
}
s_client_close() {
	exec 3>&-
	wait "$sc_pid"
}

# The Python echo client: for each TLS version in turn, PARALLEL
# connections at once (one thread each). Each sends SIZE random bytes while
# reading the echo (non-blocking, so neither side waits for the other),
# checks the bytes and the ALPN result, then unwrap()s: our close_notify,
# then the server's.
cat >"$tmp/echo_client.py" <<'EOF'
import os, select, socket, ssl, sys, threading

port, versions, size, alpn, parallel = sys.argv[1:6]
port, size, parallel = int(port), int(size), int(parallel)


def echo(version):
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    ctx.minimum_version = ctx.maximum_version = getattr(ssl.TLSVersion, version)
    ctx.set_alpn_protocols([alpn])
    data = os.urandom(size)
    with socket.create_connection(("127.0.0.1", port), timeout=60) as raw:
        s = ctx.wrap_socket(raw, server_hostname="localhost")
        s.setblocking(False)
        sent, got = 0, bytearray()
        while len(got) < size:
            want_write = sent < size
            select.select([s], [s] if want_write else [], [], 5)
            if want_write:
                try:
                    sent += s.send(data[sent:sent + 65536])
                except (ssl.SSLWantWriteError, ssl.SSLWantReadError):
                    pass
            try:
                chunk = s.recv(65536)
                if not chunk:
                    raise Exception("server closed early after %d bytes" % len(got))
                got += chunk
            except (ssl.SSLWantReadError, ssl.SSLWantWriteError):
                pass
        if bytes(got) != data:
            raise Exception("echo differs")
        if s.selected_alpn_protocol() != alpn:
            raise Exception("ALPN: got %r" % s.selected_alpn_protocol())
        negotiated = s.version()
        s.setblocking(True)
        s.settimeout(60)
        s.unwrap()
        return "%s echoed %d bytes" % (negotiated, len(got))


def run(version, results, i):
    try:
        results[i] = echo(version)
    except Exception as e:
        results[i] = "ERROR (%s): %r" % (version, e)


ok = True
for version in versions.split(","):
    results = [None] * parallel
    threads = [threading.Thread(target=run, args=(version, results, i)) for i in range(parallel)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for r in results:
        print(r)
        ok = ok and r is not None and not r.startswith("ERROR")
sys.exit(0 if ok else 1)
EOF

# The byte-at-a-time client: TLS through memory BIOs, every byte it sends in
# its own TCP segment, so the server sees records in pieces
# (SEC_E_INCOMPLETE_MESSAGE from AcceptSecurityContext and DecryptMessage).
cat >"$tmp/bytewise_client.py" <<'EOF'
import socket, ssl, sys, time

port = int(sys.argv[1])
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
ctx.check_hostname = False
ctx.verify_mode = ssl.CERT_NONE
incoming, outgoing = ssl.MemoryBIO(), ssl.MemoryBIO()
tls = ctx.wrap_bio(incoming, outgoing, server_hostname="localhost")
sock = socket.create_connection(("127.0.0.1", port), timeout=60)
sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
sent = 0


def flush():
    global sent
    data = outgoing.read()
    for i in range(len(data)):
        sock.sendall(data[i:i + 1])
        time.sleep(0.0005)
    sent += len(data)


def pump(step):
    while True:
        try:
            result = step()
            flush()
            return result
        except ssl.SSLWantReadError:
            flush()
            chunk = sock.recv(65536)
            if not chunk:
                raise Exception("server closed the connection")
            incoming.write(chunk)


message = b"sent one byte at a time\n"
pump(tls.do_handshake)
pump(lambda: tls.write(message))
got = b""
while len(got) < len(message):
    got += pump(lambda: tls.read(65536))
if got != message:
    sys.exit("echo differs: %r" % got)
pump(tls.unwrap)
print("%s, %d bytes sent one per segment, echo ok, close_notify both ways" % (tls.version(), sent))
EOF

# --- echo_server -----------------------------------------------------------

echo_vs_s_client() { # VERSION_FLAG EXPECTED_PROTOCOL
	local flag=$1 want=$2 name="echo_server vs openssl s_client $1"
	start_server echo_server --cert "$testdata/p256.crt" --key "$testdata/p256.key" \
		--alpn echo,x --max-conns 1 || { fail "$name: start"; return; }
	s_client_open -connect "127.0.0.1:$port" -servername localhost "$flag" -alpn x
	local echoed=0
	s_client_say "hello over $want" && echoed=1
	s_client_close
	server_ok "$name" || return
	if [ "$echoed" -ne 1 ]; then
		fail "$name: no echo"
		sed 's/^/    s_client: /' "$sc_out" | tail -20
	elif ! grep -q "Protocol *: $want" "$sc_out"; then
		fail "$name: protocol is not $want"
	elif ! grep -q "ALPN protocol: x" "$sc_out"; then
		fail "$name: ALPN x not negotiated"
	else
		pass "$name: echo, $want, ALPN x, close_notify answered"
	fi
}

echo_key_update() {
	local name="echo_server vs openssl s_client KeyUpdate"
	start_server echo_server --cert "$testdata/p256.crt" --key "$testdata/p256.key" --max-conns 1 ||
		{ fail "$name: start"; return; }
	# "K" makes s_client send a KeyUpdate that requests one back: the
	# server's DecryptMessage returns SEC_I_RENEGOTIATE and
	# AcceptSecurityContext produces the answer.
	s_client_open -connect "127.0.0.1:$port" -tls1_3
	local ok=0
	s_client_say before && s_client_say K KEYUPDATE && s_client_say after && ok=1
	s_client_close
	server_ok "$name" || return
	if [ "$ok" -eq 1 ]; then
		pass "$name: data echoed before and after a requested KeyUpdate"
	else
		fail "$name"
		sed 's/^/    s_client: /' "$sc_out" | tail -20
	fi
}

echo_vs_python() {
	local name="echo_server vs python ssl"
	start_server echo_server --cert "$testdata/p256.crt" --key "$testdata/p256.key" --alpn echo \
		--max-conns 2 || { fail "$name: start"; return; }
	local out rc=0
	out=$(timeout 90 "$python" "$tmp/echo_client.py" "$port" TLSv1_3,TLSv1_2 1048576 echo 1 2>&1) || rc=$?
	server_ok "$name" || { sed 's/^/    python: /' <<<"$out"; return; }
	if [ "$rc" -eq 0 ]; then
		pass "$name: $(paste -sd ';' - <<<"$out" | sed 's/;/; /g'); ALPN echo; close_notify both ways"
	else
		fail "$name: client exit $rc"
		sed 's/^/    python: /' <<<"$out"
	fi
}

echo_parallel() {
	local name="echo_server vs 5 python clients at once"
	start_server echo_server --cert "$testdata/p256.crt" --key "$testdata/p256.key" --alpn echo \
		--max-conns 5 || { fail "$name: start"; return; }
	local out rc=0
	out=$(timeout 90 "$python" "$tmp/echo_client.py" "$port" TLSv1_3 262144 echo 5 2>&1) || rc=$?
	server_ok "$name" || { sed 's/^/    python: /' <<<"$out"; return; }
	if [ "$rc" -eq 0 ]; then
		pass "$name: 256 KiB each, all echoed"
	else
		fail "$name: client exit $rc"
		sed 's/^/    python: /' <<<"$out"
	fi
}

echo_byte_at_a_time() {
	local name="echo_server vs a client sending one byte at a time"
	start_server echo_server --cert "$testdata/p256.crt" --key "$testdata/p256.key" --max-conns 1 ||
		{ fail "$name: start"; return; }
	local out rc=0
	out=$(timeout 90 "$python" "$tmp/bytewise_client.py" "$port" 2>&1) || rc=$?
	server_ok "$name" || { sed 's/^/    python: /' <<<"$out"; return; }
	if [ "$rc" -eq 0 ]; then
		pass "$name: $out"
	else
		fail "$name: client exit $rc"
		sed 's/^/    python: /' <<<"$out"
	fi
}

# --- https_server ----------------------------------------------------------

https_vs_curl() {
	local name="https_server vs curl"
	start_server https_server --cert "$testdata/rsa.crt" --key "$testdata/rsa.key" --max-requests 3 ||
		{ fail "$name: start"; return; }
	local url="https://127.0.0.1:$port/" b12 b13 code
	b12=$(timeout 60 curl -sk --tlsv1.2 --tls-max 1.2 "$url" 2>&1)
	b13=$(timeout 60 curl -sk --tlsv1.3 "$url" 2>&1)
	code=$(timeout 60 curl -sk -o /dev/null -w '%{http_code}' "${url}missing" 2>&1)
	server_ok "$name" || return
	if grep -q '<th>Protocol</th><td>TLS 1.2</td>' <<<"$b12" && grep -q '<td>http/1.1</td>' <<<"$b12"; then
		pass "$name --tlsv1.2 --tls-max 1.2: page says TLS 1.2, ALPN http/1.1"
	else
		fail "$name --tlsv1.2: unexpected page"
		sed 's/^/    curl: /' <<<"$b12"
	fi
	if grep -q '<th>Protocol</th><td>TLS 1.3</td>' <<<"$b13"; then
		pass "$name --tlsv1.3: page says TLS 1.3"
	else
		fail "$name --tlsv1.3: unexpected page"
		sed 's/^/    curl: /' <<<"$b13"
	fi
	if [ "$code" = 404 ]; then
		pass "$name: GET /missing is 404"
	else
		fail "$name: GET /missing gave '$code'"
	fi
}

https_resumption() {
	local name="https_server vs curl, two connections"
	start_server https_server --cert "$testdata/p256.crt" --key "$testdata/p256.key" --max-requests 2 ||
		{ fail "$name: start"; return; }
	local url="https://localhost:$port/" out
	out=$(timeout 60 curl -sk "$url" "$url" 2>&1)
	server_ok "$name" || return
	local resumed
	resumed=$(grep -o '<th>Resumed</th><td>[a-z]*</td>' <<<"$out" | sed 's/.*<td>\(.*\)<\/td>/\1/' | tr '\n' ' ')
	case "$resumed" in
	"no yes ") pass "$name: the second one resumed the session" ;;
	*unknown*) skip "$name: SECPKG_ATTR_SESSION_INFO not answered" ;;
	*) fail "$name: resumed = '$resumed' (want 'no yes')" ;;
	esac
}

# --- tls_client ------------------------------------------------------------

# start_s_server ARGS...: openssl s_server -www on an ephemeral port for one
# connection; waits for its "ACCEPT 127.0.0.1:PORT" line. Sets sport.
start_s_server() {
	n=$((n + 1))
	local out=$tmp/s_server.$n
	: >"$out"
	openssl s_server -accept 127.0.0.1:0 -www -naccept 1 "$@" >"$out" 2>&1 &
	pids+=($!)
	local i
	for i in $(seq 600); do
		sport=$(sed -n 's/^ACCEPT 127\.0\.0\.1:\([0-9][0-9]*\)$/\1/p' "$out")
		[ -n "$sport" ] && return 0
		sleep 0.05
	done
	cat "$out"
	return 1
}

client_vs_s_server() { # S_SERVER_VERSION_FLAG CLIENT_FLAG WANT
	local name="tls_client $2 --insecure vs openssl s_server -www $1"
	start_s_server -cert "$testdata/rsa.crt" -key "$testdata/rsa.key" "$1" || { fail "$name: start"; return; }
	local out rc=0
	out=$(timeout 60 "$bin/tls_client" --insecure "$2" localhost "$sport" 2>"$tmp/client.err") || rc=$?
	if [ "$rc" -eq 0 ] && grep -q "Protocol *: $3" <<<"$out"; then
		pass "$name: s_server's page says $3"
	else
		fail "$name: exit $rc"
		sed 's/^/    tls_client: /' "$tmp/client.err"
	fi
}

client_untrusted() {
	local name="tls_client without --insecure vs a self-signed certificate"
	start_s_server -cert "$testdata/rsa.crt" -key "$testdata/rsa.key" || { fail "$name: start"; return; }
	local rc=0
	timeout 60 "$bin/tls_client" localhost "$sport" >/dev/null 2>"$tmp/client.err" || rc=$?
	if [ "$rc" -ne 0 ] && grep -q SEC_E_UNTRUSTED_ROOT "$tmp/client.err"; then
		pass "$name: rejected with SEC_E_UNTRUSTED_ROOT"
	else
		fail "$name: exit $rc"
		sed 's/^/    tls_client: /' "$tmp/client.err"
	fi
}

client_vs_https_server() {
	local name="tls_client vs https_server"
	start_server https_server --pfx "$testdata/p256-aes.pfx" --password pass --max-requests 1 ||
		{ fail "$name: start"; return; }
	local out rc=0
	out=$(timeout 60 "$bin/tls_client" --insecure localhost "$port" 2>"$tmp/client.err") || rc=$?
	server_ok "$name" || return
	if [ "$rc" -eq 0 ] && grep -q '<th>Protocol</th><td>TLS 1.3</td>' <<<"$out" &&
		grep -q 'ALPN http/1.1' "$tmp/client.err"; then
		pass "$name: TLS 1.3, ALPN http/1.1, both sides SSPI"
	else
		fail "$name: exit $rc"
		sed 's/^/    tls_client: /' "$tmp/client.err"
	fi
}

# --- run -------------------------------------------------------------------

if have openssl; then
	echo_vs_s_client -tls1_3 TLSv1.3
	echo_vs_s_client -tls1_2 TLSv1.2
	echo_key_update
else
	skip "echo_server vs openssl s_client: openssl not found"
fi

if [ -n "$python" ]; then
	echo_vs_python
	echo_parallel
	echo_byte_at_a_time
else
	skip "echo_server vs python ssl: python3 not found"
fi

if have curl; then
	https_vs_curl
	https_resumption
else
	skip "https_server vs curl: curl not found"
fi

if have openssl; then
	client_vs_s_server -tls1_3 --tls1.3 TLSv1.3
	client_vs_s_server -tls1_2 --tls1.2 TLSv1.2
	client_untrusted
else
	skip "tls_client vs openssl s_server: openssl not found"
fi
client_vs_https_server

out=$(SECUR32_TESTDATA=$testdata timeout 60 "$bin/cpp_raii" 2>&1)
rc=$?
if [ "$rc" -eq 0 ] && grep -q 'both sides closed with close_notify' <<<"$out"; then
	pass "cpp_raii: in-memory handshake, one message each way, close_notify"
else
	fail "cpp_raii: exit $rc"
	sed 's/^/    cpp_raii: /' <<<"$out"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
