#!/usr/bin/env bash
# test_keylog.sh - SSLKEYLOGFILE works: a loopback session between curl and
# examples/https_server (our library) is captured with tshark while the
# server writes its key log; tshark then decrypts the capture with that key
# log and must see the plaintext HTTP request, for TLS 1.3 and TLS 1.2.
# Needs tshark (Debian package) and capture rights on lo (root in CI).
set -u
build=${SECUR32_BUILD_DIR:-build/cmake}
data=${SECUR32_TESTDATA:-$build/testdata}
server=$build/examples/https_server
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "PASS: $1"; }
bad() { fail=$((fail + 1)); echo "FAIL: $1"; }
for tool in tshark curl; do
    if ! command -v "$tool" >/dev/null; then
        echo "SKIP: $tool not installed"
        echo "0 passed, 0 failed"
        exit 0
    fi
done
tmp=$(mktemp -d)
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
    wait 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT

# capture VER TRY: one curl fetch captured by tshark; sets port, body.
capture() {
    local ver=$1 try=$2
    keys=$tmp/keys-$ver-$try.log cap=$tmp/cap-$ver-$try.pcapng
    SSLKEYLOGFILE=$keys "$server" --port 0 --cert "$data/p256.crt" --key "$data/p256.key" \
        --max-requests 1 >"$tmp/server-$ver.out" 2>"$tmp/server-$ver.err" &
    spid=$!
    pids+=("$spid")
    port=
    for _ in $(seq 100); do
        port=$(awk '$1 == "PORT" { print $2 }' "$tmp/server-$ver.out")
        [ -n "$port" ] && break
        sleep 0.1
    done
    [ -n "$port" ] || return 1
    tshark -q -i lo -f "tcp port $port" -w "$cap" >"$tmp/tshark-$ver.log" 2>&1 &
    tpid=$!
    pids+=("$tpid")
    for _ in $(seq 100); do
        grep -q "Capturing on" "$tmp/tshark-$ver.log" && break
        sleep 0.1
    done
    sleep 1 # tshark prints "Capturing on" just before the capture really starts
    body=$(timeout 20 curl -sk --tlsv1.$( [ "$ver" = 1.3 ] && echo 3 || echo 2) --tls-max "$ver" \
        "https://127.0.0.1:$port/keylog-probe" 2>&1)
    sleep 1
    kill -INT "$tpid" 2>/dev/null
    wait "$tpid" 2>/dev/null
    wait "$spid" 2>/dev/null
    return 0
}

for ver in 1.3 1.2; do
    # A capture can miss the first packets on a loaded machine: try up to
    # three times before judging.
    uri= body= keys=/nonexistent cap=/nonexistent
    for try in 1 2 3; do
        capture "$ver" "$try" || continue
        uri=$(tshark -r "$cap" -o "tls.keylog_file:$keys" -Y http.request -T fields -e http.request.uri 2>/dev/null)
        [ "$uri" = /keylog-probe ] && break
    done
    [ -n "$body" ] && ok "TLS $ver: curl got a page" || bad "TLS $ver: curl got nothing"
    if [ -s "$keys" ]; then ok "TLS $ver: key log written"; else bad "TLS $ver: no key log"; continue; fi
    # Without the key log the request is invisible; with it, it is plaintext.
    plain=$(tshark -r "$cap" -Y http.request -T fields -e http.request.uri 2>/dev/null)
    [ -z "$plain" ] && ok "TLS $ver: encrypted without the key log" || bad "TLS $ver: request visible without keys"
    if [ "$uri" = /keylog-probe ]; then ok "TLS $ver: tshark decrypted the request with the key log"; else
        bad "TLS $ver: tshark saw '$uri'"; fi
done
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
