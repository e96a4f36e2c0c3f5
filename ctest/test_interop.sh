#!/usr/bin/env bash
# test_interop.sh - real TLS peers over loopback against two small C programs
# built on libsecur32 the way Windows Schannel programs are written:
# ctest/tls_server.c (against openssl s_client, gnutls-cli, curl and
# tls_client) and ctest/tls_client.c (against openssl s_server -rev).
#
# Environment (CMake sets all four; the defaults suit a manual run from the
# source tree): SECUR32_SOURCE_DIR (/work/main), SECUR32_BUILD_DIR
# ($SECUR32_SOURCE_DIR/build), SECUR32_LIB ($SECUR32_BUILD_DIR/libsecur32.so),
# SECUR32_TESTDATA (generated with ctest/gen_certs.sh into
# $SECUR32_BUILD_DIR/testdata when unset).
#
# Everything listens on 127.0.0.1 with an ephemeral port. Every external
# command runs under `timeout 20`, background processes are killed on exit,
# and a check that needs a tool that is not installed is skipped. Checks that
# read SECPKG_ATTR_REMOTE_CERT_CONTEXT or SECPKG_ATTR_SESSION_INFO are
# skipped while the library answers SEC_E_UNSUPPORTED_FUNCTION for them.
# Prints one PASS/FAIL/SKIP line per check and "N passed, M failed" at the
# end; exits non-zero on any failure. A failing check shows the outputs of
# the programs involved; run with TRACE=1 in the environment to have
# tls_server and tls_client log every SSPI call there as well.
#
# Manual run: bash ctest/gen_certs.sh build/testdata && bash ctest/test_interop.sh
set -u
trap '' PIPE

src=${SECUR32_SOURCE_DIR:-/work/main}
build=${SECUR32_BUILD_DIR:-$src/build}
lib=${SECUR32_LIB:-$build/libsecur32.so}
T=${SECUR32_TESTDATA:-}
if [ -z "$T" ]; then
    T=$build/testdata
    bash "$src/ctest/gen_certs.sh" "$T" || exit 1
fi

out=$build/interop
mkdir -p "$out"
tmp=$(mktemp -d "$out/run.XXXXXX")
pids=()

cleanup() {
    local p
    for p in ${pids[@]+"${pids[@]}"}; do
        kill "$p" 2>/dev/null
    done
    wait 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

passed=0
failed=0

pass() {
    passed=$((passed + 1))
    echo "PASS $1"
}

# fail NAME [FILE...]: counts a failure and shows the files involved.
fail() {
    local name=$1 f
    shift
    failed=$((failed + 1))
    echo "FAIL $name"
    for f in "$@"; do
        [ -f "$f" ] || continue
        echo "    --- $(basename "$f")"
        grep -v '^    ' "$f" | head -n 40 | sed 's/^/    | /'
    done
}

skip() {
    echo "SKIP $1 ($2)"
}

have() {
    command -v "$1" >/dev/null 2>&1
}

# expect NAME FILE REGEX [FILES TO SHOW ON FAILURE...]
expect() {
    local name=$1 file=$2 re=$3
    shift 3
    if grep -qE -- "$re" "$file" 2>/dev/null; then pass "$name"; else fail "$name" "$file" "$@"; fi
}

# expect_attr NAME FILE REGEX UNSUPPORTED_REGEX [FILES...]: like expect, but
# a SKIP when the program reported the attribute as unsupported.
expect_attr() {
    local name=$1 file=$2 re=$3 unsupported=$4
    shift 4
    if grep -qE -- "$unsupported" "$file" 2>/dev/null; then
        skip "$name" "attribute not implemented yet"
    else
        expect "$name" "$file" "$re" "$@"
    fi
}

# expect_rc NAME RC [FILES...]
expect_rc() {
    local name=$1 rc=$2
    shift 2
    if [ "$rc" -eq 0 ]; then pass "$name"; else fail "$name (exit $rc)" "$@"; fi
}

# Waiting. The machine may be busy (ctest -j, other builds), so waits are
# bounded by the clock, not by a count of polls, and polling spawns as
# little as possible: now sets NOW to the time in milliseconds, nap sleeps
# 50 ms inside bash (a read with a timeout on a FIFO nobody writes to).
napfifo=$tmp/nap.fifo
mkfifo "$napfifo"

now() {
    if [ -n "${EPOCHREALTIME:-}" ]; then
        local t=${EPOCHREALTIME/[.,]/}
        NOW=$((10#$t / 1000))
    else
        NOW=$((SECONDS * 1000))
    fi
}

nap() {
    read -r -t 0.05 <>"$napfifo" || :
}

# deadline SECONDS: sets END, the time at which a wait gives up.
deadline() {
    now
    END=$((NOW + $1 * 1000))
}

expired() {
    now
    [ "$NOW" -ge "$END" ]
}

# wait_for FILE GREP-ARGS...: waits up to 10 s for a line to appear.
wait_for() {
    local file=$1
    shift
    deadline 10
    until grep -q "$@" "$file" 2>/dev/null; do
        expired && return 1
        nap
    done
}

# nth_conn N FILE: the lines tls_server / tls_client printed for connection N.
nth_conn() {
    awk -v n="$1" '/^CONNECTION /{c=$2} c==n' "$2"
}

# ---------------------------------------------------------------------------
# Build the two programs the way an application would.

cflags=(-std=c11 -Wall -Wextra -Werror -I"$src/include")
libdir=$(cd "$(dirname "$lib")" && pwd)
ldflags=(-L"$libdir" -lsecur32 -Wl,-rpath,"$libdir")
for prog in tls_server tls_client; do
    if ! cc "${cflags[@]}" "$src/ctest/$prog.c" -o "$out/$prog" "${ldflags[@]}" \
        >"$tmp/$prog.cc" 2>&1; then
        fail "compile $prog" "$tmp/$prog.cc"
        echo "$passed passed, $failed failed"
        exit 1
    fi
done
pass "compile tls_server and tls_client"

# ---------------------------------------------------------------------------
# Process helpers.

# start_server NAME VAR=VALUE...: starts tls_server with the given
# environment; sets SRV_OUT, SRV_PID and PORT.
start_server() {
    local name=$1
    shift
    SRV_OUT=$tmp/$name.server
    env IO_TIMEOUT=10 "$@" timeout 20 "$out/tls_server" >"$SRV_OUT" 2>&1 7>&- 8>&- &
    SRV_PID=$!
    pids+=("$SRV_PID")
    PORT=
    deadline 10
    until expired; do
        PORT=$(sed -n 's/^PORT //p' "$SRV_OUT" 2>/dev/null)
        [ -n "$PORT" ] && return 0
        kill -0 "$SRV_PID" 2>/dev/null || break
        nap
    done
    echo "    tls_server did not start:"
    sed 's/^/    | /' "$SRV_OUT"
    return 1
}

# start_s_server NAME ARGS...: starts openssl s_server with its stdin from
# $SRV_STDIN (default /dev/null); sets SRV_OUT, SRV_PID and PORT.
start_s_server() {
    local name=$1
    shift
    SRV_OUT=$tmp/$name.s_server
    timeout 20 openssl s_server -accept 127.0.0.1:0 "$@" <"${SRV_STDIN:-/dev/null}" >"$SRV_OUT" \
        2>&1 7>&- 8>&- &
    SRV_PID=$!
    pids+=("$SRV_PID")
    PORT=
    deadline 10
    until expired; do
        PORT=$(sed -n 's/^ACCEPT 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$SRV_OUT" 2>/dev/null)
        [ -n "$PORT" ] && return 0
        kill -0 "$SRV_PID" 2>/dev/null || break
        nap
    done
    echo "    s_server did not start:"
    sed 's/^/    | /' "$SRV_OUT"
    return 1
}

# stop_server: gives the server 5 s to finish on its own, then kills it.
stop_server() {
    deadline 5
    while kill -0 "$SRV_PID" 2>/dev/null && ! expired; do
        nap
    done
    kill "$SRV_PID" 2>/dev/null
    wait "$SRV_PID" 2>/dev/null
}

# session NAME "LINE|LINE..." COMMAND...: runs an interactive client with its
# stdin on a FIFO and feeds it one line at a time, waiting for each data line
# to come back on its stdout before sending the next. A line "K" or "k"
# (openssl s_client's KeyUpdate commands) or "R" (renegotiate) waits for
# s_client's KEYUPDATE or RENEGOTIATING note instead. Closing the FIFO then
# ends the client's input. Sets CL_OUT, CL_ERR and CL_RC. Data lines are
# matched as substrings: s_client writes received data straight to stdout,
# in the middle of its buffered dump of a TLS 1.3 session ticket when both
# arrive together.
session() {
    local name=$1 lines=$2 line pid
    shift 2
    local fifo=$tmp/$name.fifo
    CL_OUT=$tmp/$name.out
    CL_ERR=$tmp/$name.err
    mkfifo "$fifo"
    timeout 20 "$@" <"$fifo" >"$CL_OUT" 2>"$CL_ERR" 7>&- 8>&- &
    pid=$!
    pids+=("$pid")
    exec 7>"$fifo"
    local -a list
    IFS='|' read -r -a list <<<"$lines"
    for line in "${list[@]}"; do
        printf '%s\n' "$line" >&7 || break
        case $line in
        K | k) wait_for "$CL_ERR" -x KEYUPDATE || wait_for "$CL_OUT" -x KEYUPDATE ;;
        R) wait_for "$CL_ERR" -x RENEGOTIATING || wait_for "$CL_OUT" -x RENEGOTIATING ;;
        *) wait_for "$CL_OUT" -F -- "$line" || break ;;
        esac
    done
    exec 7>&-
    wait "$pid"
    CL_RC=$?
}

s_client() {
    session "$1" "$2" openssl s_client -connect "127.0.0.1:$PORT" -servername localhost "${@:3}"
}

# ---------------------------------------------------------------------------
# openssl s_client -> tls_server

if have openssl; then
    for ver in tls12 tls13; do
        v=${ver/tls1/1_}
        proto=TLSv1.${ver#tls1}
        for key in p256 rsa; do
            c="s_client $ver $key"
            n=sc-$ver-$key
            # RSA runs: handshakes on the calling thread (SCH_CRED_LINUX_THREAD_AFFINE).
            affine=0
            [ "$key" = rsa ] && affine=1
            start_server "$n" CERT_FILE="$T/$key.crt" KEY_FILE="$T/$key.key" ALPN=http/1.1 THREAD_AFFINE=$affine || {
                fail "$c: server start"
                continue
            }
            s_client "$n" "hello $ver $key|second line" "-tls$v" -alpn h2,http/1.1
            stop_server
            if [ "$CL_RC" -eq 0 ] && grep -qF "hello $ver $key" "$CL_OUT" &&
                grep -qF "second line" "$CL_OUT"; then
                pass "$c: data echoed"
            else
                fail "$c: data echoed (s_client exit $CL_RC)" "$CL_OUT" "$CL_ERR" "$SRV_OUT"
            fi
            expect "$c: server reports $proto" "$SRV_OUT" "^PROTOCOL $proto\$"
            expect "$c: s_client negotiated $proto" "$CL_OUT" "^New, $proto, Cipher is"
            if grep -qx 'ALPN http/1.1' "$SRV_OUT" && grep -qx 'ALPN protocol: http/1.1' "$CL_OUT"; then
                pass "$c: ALPN http/1.1 on both sides"
            else
                fail "$c: ALPN http/1.1 on both sides" "$SRV_OUT" "$CL_OUT"
            fi
            if grep -qx 'CLOSED clean' "$SRV_OUT" && ! grep -q ':error:' "$CL_ERR"; then
                pass "$c: clean shutdown"
            else
                fail "$c: clean shutdown" "$SRV_OUT" "$CL_ERR"
            fi
        done

        # Client certificate, with ASC_REQ_MUTUAL_AUTH.
        c="s_client $ver client certificate"
        n=sc-$ver-mutual
        if start_server "$n" CERT_FILE="$T/p256.crt" KEY_FILE="$T/p256.key" MUTUAL_AUTH=1; then
            s_client "$n" "hello with a certificate" "-tls$v" -cert "$T/rsa.crt" -key "$T/rsa.key"
            stop_server
            if [ "$CL_RC" -eq 0 ] && grep -qF "hello with a certificate" "$CL_OUT"; then
                pass "$c: data echoed"
            else
                fail "$c: data echoed (s_client exit $CL_RC)" "$CL_OUT" "$CL_ERR" "$SRV_OUT"
            fi
            expect_attr "$c: server sees the client certificate" "$SRV_OUT" \
                '^CLIENTCERT CN=localhost, O=libsecur32 test$' '^CLIENTCERT unsupported$'
        else
            fail "$c: server start"
        fi

        # Mutual authentication requested, no certificate sent.
        c="s_client $ver no client certificate"
        n=sc-$ver-nocert
        if start_server "$n" CERT_FILE="$T/p256.crt" KEY_FILE="$T/p256.key" MUTUAL_AUTH=1; then
            s_client "$n" "hello without a certificate" "-tls$v"
            stop_server
            if [ "$CL_RC" -eq 0 ] && grep -qF "hello without a certificate" "$CL_OUT"; then
                pass "$c: data echoed"
            else
                fail "$c: data echoed (s_client exit $CL_RC)" "$CL_OUT" "$CL_ERR" "$SRV_OUT"
            fi
            expect_attr "$c: server reports none" "$SRV_OUT" '^CLIENTCERT none$' \
                '^CLIENTCERT unsupported$'
        else
            fail "$c: server start"
        fi

        # Resumption: -sess_out on the first connection, -sess_in on the second.
        c="s_client $ver resumption"
        n=sc-$ver-resume
        if start_server "$n" CERT_FILE="$T/p256.crt" KEY_FILE="$T/p256.key" CONNECTIONS=2; then
            s_client "$n-1" "first connection" "-tls$v" -sess_out "$tmp/$n.sess"
            rc1=$CL_RC
            out1=$CL_OUT
            s_client "$n-2" "second connection" "-tls$v" -sess_in "$tmp/$n.sess"
            stop_server
            if [ "$rc1" -eq 0 ] && [ "$CL_RC" -eq 0 ] && grep -qF "second connection" "$CL_OUT"; then
                pass "$c: both connections echo"
            else
                fail "$c: both connections echo" "$out1" "$CL_OUT" "$CL_ERR" "$SRV_OUT"
            fi
            expect "$c: s_client reports Reused, $proto" "$CL_OUT" "^Reused, $proto," "$SRV_OUT"
            nth_conn 1 "$SRV_OUT" >"$tmp/$n.conn1"
            nth_conn 2 "$SRV_OUT" >"$tmp/$n.conn2"
            expect_attr "$c: server RESUMED no on the first" "$tmp/$n.conn1" '^RESUMED no$' \
                '^RESUMED unknown$'
            expect_attr "$c: server RESUMED yes on the second" "$tmp/$n.conn2" '^RESUMED yes$' \
                '^RESUMED unknown$' "$SRV_OUT"
        else
            fail "$c: server start"
        fi
    done

    # TLS 1.3 KeyUpdate: "K" asks the server to update too (SEC_I_RENEGOTIATE,
    # then AcceptSecurityContext sends the KeyUpdate), "k" does not.
    c="s_client tls13 KeyUpdate"
    n=sc-keyupdate
    if start_server "$n" CERT_FILE="$T/p256.crt" KEY_FILE="$T/p256.key"; then
        s_client "$n" "before the update|K|after update requested|k|after plain update" -tls1_3
        stop_server
        if [ "$CL_RC" -eq 0 ] && grep -qF "after update requested" "$CL_OUT" &&
            grep -qF "after plain update" "$CL_OUT"; then
            pass "$c: data still echoes after KeyUpdate"
        else
            fail "$c: data still echoes after KeyUpdate (s_client exit $CL_RC)" \
                "$CL_OUT" "$CL_ERR" "$SRV_OUT"
        fi
        expect "$c: server answered through AcceptSecurityContext" "$SRV_OUT" '^RENEGOTIATE ok$'
        expect "$c: clean shutdown" "$SRV_OUT" '^CLOSED clean$'
    else
        fail "$c: server start"
    fi

    # Records larger than one TLS record each way (several records per read,
    # SECBUFFER_EXTRA in DecryptMessage).
    c="s_client tls12 40000-byte line"
    n=sc-large
    big=$(head -c 30000 /dev/zero | tr '\0' 'x')y$(head -c 9999 /dev/zero | tr '\0' 'z')
    if start_server "$n" CERT_FILE="$T/rsa.crt" KEY_FILE="$T/rsa.key"; then
        s_client "$n" "$big" -tls1_2
        stop_server
        if [ "$CL_RC" -eq 0 ] && grep -qF -- "$big" "$CL_OUT"; then
            pass "$c: echoed intact"
        else
            fail "$c: echoed intact (s_client exit $CL_RC)" "$CL_ERR" "$SRV_OUT"
        fi
    else
        fail "$c: server start"
    fi

    # Failed handshakes: the server reports them and serves the next
    # connection. 1: version mismatch, 2: no common ALPN protocol, 3: fine.
    c="s_client failed handshakes"
    n=sc-fail
    if start_server "$n" CERT_FILE="$T/p256.crt" KEY_FILE="$T/p256.key" TLS_VERSION=tls13 \
        ALPN=http/1.1 CONNECTIONS=3; then
        timeout 20 openssl s_client -connect "127.0.0.1:$PORT" -tls1_2 </dev/null \
            >"$tmp/$n-1.out" 2>"$tmp/$n-1.err"
        timeout 20 openssl s_client -connect "127.0.0.1:$PORT" -alpn h2 </dev/null \
            >"$tmp/$n-2.out" 2>"$tmp/$n-2.err"
        s_client "$n-3" "after two failures" -alpn http/1.1
        stop_server
        nth_conn 1 "$SRV_OUT" >"$tmp/$n.conn1"
        nth_conn 2 "$SRV_OUT" >"$tmp/$n.conn2"
        expect "$c: TLS 1.2 client refused by a TLS 1.3 server" "$tmp/$n.conn1" \
            '^ERROR AcceptSecurityContext 0x' "$tmp/$n-1.err"
        expect "$c: s_client got protocol_version" "$tmp/$n-1.err" 'alert protocol version'
        expect "$c: ALPN mismatch gives SEC_E_APPLICATION_PROTOCOL_MISMATCH" "$tmp/$n.conn2" \
            '^ERROR AcceptSecurityContext 0x80090367 SEC_E_APPLICATION_PROTOCOL_MISMATCH$'
        expect "$c: s_client got no_application_protocol" "$tmp/$n-2.err" \
            'alert no application protocol'
        if [ "$CL_RC" -eq 0 ] && grep -qF "after two failures" "$CL_OUT"; then
            pass "$c: third connection served"
        else
            fail "$c: third connection served (s_client exit $CL_RC)" "$CL_OUT" "$CL_ERR" "$SRV_OUT"
        fi
    else
        fail "$c: server start"
    fi

    # TLS 1.2 renegotiation started by the client ("R") is refused:
    # DecryptMessage returns SEC_E_UNSUPPORTED_FUNCTION (sspi.h,
    # docs/differences-from-windows.md).
    c="s_client tls12 renegotiation"
    n=sc-reneg
    if start_server "$n" CERT_FILE="$T/p256.crt" KEY_FILE="$T/p256.key" TLS_VERSION=tls12; then
        s_client "$n" "before renegotiation|R" -tls1_2
        stop_server
        expect "$c: DecryptMessage refuses the ClientHello" "$SRV_OUT" \
            '^ERROR DecryptMessage 0x80090302' "$CL_ERR"
    else
        fail "$c: server start"
    fi
else
    skip "openssl s_client -> tls_server" "openssl not installed"
fi

# ---------------------------------------------------------------------------
# gnutls-cli -> tls_server

if have gnutls-cli; then
    for ver in tls12 tls13; do
        proto=TLSv1.${ver#tls1}
        prio=NORMAL:-VERS-ALL:+VERS-TLS1.${ver#tls1}
        c="gnutls-cli $ver insecure"
        n=gn-$ver
        if start_server "$n" CERT_FILE="$T/p256.crt" KEY_FILE="$T/p256.key" ALPN=http/1.1; then
            session "$n" "hello gnutls $ver" gnutls-cli --port "$PORT" 127.0.0.1 \
                --insecure --priority "$prio" --alpn h2 --alpn http/1.1
            stop_server
            if [ "$CL_RC" -eq 0 ] && grep -qF "hello gnutls $ver" "$CL_OUT"; then
                pass "$c: data echoed"
            else
                fail "$c: data echoed (gnutls-cli exit $CL_RC)" "$CL_OUT" "$CL_ERR" "$SRV_OUT"
            fi
            expect "$c: server reports $proto" "$SRV_OUT" "^PROTOCOL $proto\$"
            if grep -qx 'ALPN http/1.1' "$SRV_OUT" &&
                grep -qx -- '- Application protocol: http/1.1' "$CL_OUT"; then
                pass "$c: ALPN http/1.1 on both sides"
            else
                fail "$c: ALPN http/1.1 on both sides" "$SRV_OUT" "$CL_OUT"
            fi
            expect "$c: clean shutdown" "$SRV_OUT" '^CLOSED clean$'
        else
            fail "$c: server start"
        fi

        # The chain server: gnutls validates leaf -> intermediate -> root.
        c="gnutls-cli $ver x509cafile"
        n=gn-$ver-ca
        if start_server "$n" CERT_FILE="$T/chain.pem" KEY_FILE="$T/leaf.key"; then
            session "$n" "hello validated $ver" gnutls-cli --port "$PORT" 127.0.0.1 \
                --x509cafile "$T/ca.crt" --verify-hostname localhost --priority "$prio"
            stop_server
            if [ "$CL_RC" -eq 0 ] && grep -qF "hello validated $ver" "$CL_OUT" &&
                grep -q 'The certificate is trusted' "$CL_OUT"; then
                pass "$c: chain trusted, data echoed"
            else
                fail "$c: chain trusted, data echoed (gnutls-cli exit $CL_RC)" \
                    "$CL_OUT" "$CL_ERR" "$SRV_OUT"
            fi
        else
            fail "$c: server start"
        fi
    done
else
    skip "gnutls-cli -> tls_server" "gnutls-cli not installed"
fi

# ---------------------------------------------------------------------------
# curl -> tls_server (http mode)

body='hello from tls_server'
if have curl; then
    for ver in tls12 tls13; do
        proto=TLSv1.${ver#tls1}
        c="curl $ver"
        n=curl-$ver
        if start_server "$n" MODE=http CERT_FILE="$T/p256.crt" KEY_FILE="$T/p256.key" ALPN=http/1.1 THREAD_AFFINE=1; then
            timeout 20 curl -sSk "--tlsv1.${ver#tls1}" --tls-max "1.${ver#tls1}" --http1.1 \
                "https://127.0.0.1:$PORT/" >"$tmp/$n.out" 2>"$tmp/$n.err"
            rc=$?
            stop_server
            if [ "$rc" -eq 0 ] && grep -qxF "$body" "$tmp/$n.out"; then
                pass "$c: body received"
            else
                fail "$c: body received (curl exit $rc)" "$tmp/$n.out" "$tmp/$n.err" "$SRV_OUT"
            fi
            expect "$c: server reports $proto" "$SRV_OUT" "^PROTOCOL $proto\$"
            expect "$c: request seen, clean close" "$SRV_OUT" '^CLOSED by server$'
        else
            fail "$c: server start"
        fi
    done

    # curl's default ALPN offer (h2, http/1.1) against a server taking http/1.1.
    c="curl ALPN"
    n=curl-alpn
    if start_server "$n" MODE=http CERT_FILE="$T/rsa.crt" KEY_FILE="$T/rsa.key" ALPN=http/1.1; then
        timeout 20 curl -sSk -w '\nHTTP %{http_version}\n' "https://127.0.0.1:$PORT/" \
            >"$tmp/$n.out" 2>"$tmp/$n.err"
        rc=$?
        stop_server
        if [ "$rc" -eq 0 ] && grep -qxF "$body" "$tmp/$n.out" && grep -qx 'HTTP 1.1' "$tmp/$n.out" &&
            grep -qx 'ALPN http/1.1' "$SRV_OUT"; then
            pass "$c: http/1.1 selected"
        else
            fail "$c: http/1.1 selected (curl exit $rc)" "$tmp/$n.out" "$tmp/$n.err" "$SRV_OUT"
        fi
    else
        fail "$c: server start"
    fi

    # Client certificate.
    c="curl client certificate"
    n=curl-cert
    if start_server "$n" MODE=http CERT_FILE="$T/p256.crt" KEY_FILE="$T/p256.key" MUTUAL_AUTH=1; then
        timeout 20 curl -sSk --http1.1 --cert "$T/rsa.crt" --key "$T/rsa.key" \
            "https://127.0.0.1:$PORT/" >"$tmp/$n.out" 2>"$tmp/$n.err"
        rc=$?
        stop_server
        if [ "$rc" -eq 0 ] && grep -qxF "$body" "$tmp/$n.out"; then
            pass "$c: body received"
        else
            fail "$c: body received (curl exit $rc)" "$tmp/$n.out" "$tmp/$n.err" "$SRV_OUT"
        fi
        expect_attr "$c: server sees the client certificate" "$SRV_OUT" \
            '^CLIENTCERT CN=localhost, O=libsecur32 test$' '^CLIENTCERT unsupported$'
    else
        fail "$c: server start"
    fi

    # Server certificate from a PFX (PFXImportCertStore), validated by curl
    # through the intermediate it sends.
    c="curl PFX chain"
    n=curl-pfx
    if start_server "$n" MODE=http PFX_FILE="$T/chain.pfx" PFX_PASSWORD=pass; then
        timeout 20 curl -sS --http1.1 --cacert "$T/ca.crt" --resolve "localhost:$PORT:127.0.0.1" \
            "https://localhost:$PORT/" >"$tmp/$n.out" 2>"$tmp/$n.err"
        rc=$?
        stop_server
        if [ "$rc" -eq 0 ] && grep -qxF "$body" "$tmp/$n.out"; then
            pass "$c: chain validated, body received"
        else
            fail "$c: chain validated, body received (curl exit $rc)" \
                "$tmp/$n.out" "$tmp/$n.err" "$SRV_OUT"
        fi
    else
        fail "$c: server start"
    fi
else
    skip "curl -> tls_server" "curl not installed"
fi

# ---------------------------------------------------------------------------
# tls_client -> openssl s_server -rev (answers each line reversed)

# client NAME VAR=VALUE...: runs tls_client against $PORT; sets CL_OUT, CL_RC.
client() {
    local name=$1
    shift
    CL_OUT=$tmp/$name.client
    env PORT="$PORT" IO_TIMEOUT=10 "$@" timeout 20 "$out/tls_client" >"$CL_OUT" 2>&1
    CL_RC=$?
}

if have openssl; then
    msg='hello from tls_client'
    rev='tneilc_slt morf olleh'
    for ver in tls12 tls13; do
        v=${ver/tls1/1_}
        proto=TLSv1.${ver#tls1}
        c="tls_client $ver -> s_server"
        n=cl-$ver
        if start_s_server "$n" -cert "$T/p256.crt" -key "$T/p256.key" "-tls$v" -rev \
            -alpn http/1.1 -naccept 1; then
            client "$n" TLS_VERSION="$ver" ALPN=h2,http/1.1 MESSAGE="$msg"
            stop_server
            expect_rc "$c: exit status" "$CL_RC" "$CL_OUT" "$SRV_OUT"
            expect "$c: reversed line received" "$CL_OUT" "^ECHO $rev\$"
            expect "$c: reports $proto" "$CL_OUT" "^PROTOCOL $proto\$"
            if grep -qx 'ALPN http/1.1' "$CL_OUT" &&
                grep -qx 'ALPN protocols selected: http/1.1' "$SRV_OUT"; then
                pass "$c: ALPN http/1.1 on both sides"
            else
                fail "$c: ALPN http/1.1 on both sides" "$CL_OUT" "$SRV_OUT"
            fi
            expect "$c: server's close_notify received" "$CL_OUT" '^CLOSED clean$'
            expect_attr "$c: server certificate visible" "$CL_OUT" \
                '^SERVERCERT CN=localhost, O=libsecur32 test$' '^SERVERCERT unsupported$'
        else
            fail "$c: s_server start"
        fi

        # s_server requires a client certificate and checks it.
        c="tls_client $ver -> s_server -Verify"
        n=cl-$ver-verify
        if start_s_server "$n" -cert "$T/p256.crt" -key "$T/p256.key" "-tls$v" -rev \
            -Verify 1 -CAfile "$T/rsa.crt" -verify_return_error -naccept 1; then
            client "$n" TLS_VERSION="$ver" CERT_FILE="$T/rsa.crt" KEY_FILE="$T/rsa.key" MESSAGE="$msg"
            stop_server
            if [ "$CL_RC" -eq 0 ] && grep -qx "ECHO $rev" "$CL_OUT" &&
                ! grep -qi 'verify error' "$SRV_OUT"; then
                pass "$c: client certificate accepted"
            else
                fail "$c: client certificate accepted (exit $CL_RC)" "$CL_OUT" "$SRV_OUT"
            fi
        else
            fail "$c: s_server start"
        fi

        # s_server asks for a certificate, the client has none:
        # SEC_I_INCOMPLETE_CREDENTIALS, then on without one.
        c="tls_client $ver -> s_server -verify, no certificate"
        n=cl-$ver-nocert
        if start_s_server "$n" -cert "$T/p256.crt" -key "$T/p256.key" "-tls$v" -rev \
            -verify 1 -naccept 1; then
            client "$n" TLS_VERSION="$ver" MESSAGE="$msg"
            stop_server
            expect "$c: SEC_I_INCOMPLETE_CREDENTIALS reported" "$CL_OUT" '^INCOMPLETE_CREDENTIALS$'
            if [ "$CL_RC" -eq 0 ] && grep -qx "ECHO $rev" "$CL_OUT"; then
                pass "$c: continues anonymously"
            else
                fail "$c: continues anonymously (exit $CL_RC)" "$CL_OUT" "$SRV_OUT"
            fi
        else
            fail "$c: s_server start"
        fi

        # Resumption between two contexts of one credential.
        c="tls_client $ver -> s_server resumption"
        n=cl-$ver-resume
        if start_s_server "$n" -cert "$T/p256.crt" -key "$T/p256.key" "-tls$v" -rev -naccept 2; then
            client "$n" TLS_VERSION="$ver" CONNECTIONS=2 MESSAGE="$msg"
            stop_server
            expect_rc "$c: both connections" "$CL_RC" "$CL_OUT" "$SRV_OUT"
            expect "$c: s_server counts a resumption" "$SRV_OUT" '^ +1 session cache hits$' "$CL_OUT"
            nth_conn 2 "$CL_OUT" >"$tmp/$n.conn2"
            expect_attr "$c: client RESUMED yes on the second" "$tmp/$n.conn2" '^RESUMED yes$' \
                '^RESUMED unknown$' "$CL_OUT"
        else
            fail "$c: s_server start"
        fi
    done

    # TLS 1.2 HelloRequest from the server (s_server's "r" command on its
    # stdin): renegotiation is refused, DecryptMessage returns
    # SEC_E_UNSUPPORTED_FUNCTION.
    c="tls_client tls12 <- s_server HelloRequest"
    n=cl-hello-request
    mkfifo "$tmp/$n.fifo"
    exec 8<>"$tmp/$n.fifo"
    if SRV_STDIN=$tmp/$n.fifo start_s_server "$n" -cert "$T/p256.crt" -key "$T/p256.key" \
        -tls1_2 -naccept 1; then
        env PORT="$PORT" IO_TIMEOUT=10 MESSAGE="$msg" timeout 20 "$out/tls_client" \
            >"$tmp/$n.client" 2>&1 7>&- 8>&- &
        cpid=$!
        pids+=("$cpid")
        wait_for "$SRV_OUT" -F "$msg"
        echo r >&8
        wait_for "$tmp/$n.client" -E '^(RENEGOTIATE|ERROR)'
        echo "pong line" >&8
        wait "$cpid"
        exec 8>&-
        stop_server
        expect "$c: DecryptMessage refuses the HelloRequest" "$tmp/$n.client" '^ERROR DecryptMessage 0x80090302' \
            "$SRV_OUT"
    else
        exec 8>&-
        fail "$c: s_server start"
    fi

    # Automatic validation of the server certificate against SSL_CERT_FILE.
    c="tls_client auto validation"
    n=cl-auto
    if start_s_server "$n" -cert "$T/leaf.crt" -key "$T/leaf.key" -cert_chain "$T/inter.crt" \
        -rev -naccept 1; then
        client "$n" VALIDATE=auto SSL_CERT_FILE="$T/ca.crt" TARGET=localhost MESSAGE="$msg"
        stop_server
        if [ "$CL_RC" -eq 0 ] && grep -qx "ECHO $rev" "$CL_OUT"; then
            pass "$c: trusted chain accepted"
        else
            fail "$c: trusted chain accepted (exit $CL_RC)" "$CL_OUT" "$SRV_OUT"
        fi
    else
        fail "$c: s_server start"
    fi

    n=cl-auto-name
    if start_s_server "$n" -cert "$T/leaf.crt" -key "$T/leaf.key" -cert_chain "$T/inter.crt" \
        -rev -naccept 1; then
        client "$n" VALIDATE=auto SSL_CERT_FILE="$T/ca.crt" TARGET=wrong.example MESSAGE="$msg"
        stop_server
        expect "$c: wrong name gives SEC_E_WRONG_PRINCIPAL" "$CL_OUT" \
            '^ERROR InitializeSecurityContextA 0x80090322 SEC_E_WRONG_PRINCIPAL$'
    else
        fail "$c: s_server start"
    fi

    n=cl-auto-root
    if start_s_server "$n" -cert "$T/p256.crt" -key "$T/p256.key" -rev -naccept 1; then
        client "$n" VALIDATE=auto SSL_CERT_FILE="$T/ca.crt" TARGET=localhost MESSAGE="$msg"
        stop_server
        expect "$c: self-signed gives SEC_E_UNTRUSTED_ROOT" "$CL_OUT" \
            '^ERROR InitializeSecurityContextA 0x80090325 SEC_E_UNTRUSTED_ROOT$'
    else
        fail "$c: s_server start"
    fi
else
    skip "tls_client -> openssl s_server" "openssl not installed"
fi

# ---------------------------------------------------------------------------
# tls_client -> tls_server: both ends on the library.

c="tls_client -> tls_server"
n=both
if start_server "$n" CERT_FILE="$T/chain.pem" KEY_FILE="$T/leaf.key" ALPN=http/1.1 MUTUAL_AUTH=1 \
    CONNECTIONS=2; then
    client "$n" VALIDATE=auto SSL_CERT_FILE="$T/ca.crt" CERT_FILE="$T/rsa.crt" KEY_FILE="$T/rsa.key" \
        ALPN=h2,http/1.1 CONNECTIONS=2 MESSAGE="both ends are libsecur32"
    stop_server
    if [ "$CL_RC" -eq 0 ] && [ "$(grep -cx 'ECHO both ends are libsecur32' "$CL_OUT")" -eq 2 ]; then
        pass "$c: two connections echo"
    else
        fail "$c: two connections echo (exit $CL_RC)" "$CL_OUT" "$SRV_OUT"
    fi
    if grep -qx 'ALPN http/1.1' "$CL_OUT" && grep -qx 'ALPN http/1.1' "$SRV_OUT"; then
        pass "$c: ALPN http/1.1 on both sides"
    else
        fail "$c: ALPN http/1.1 on both sides" "$CL_OUT" "$SRV_OUT"
    fi
    if [ "$(grep -cx 'CLOSED clean' "$CL_OUT")" -eq 2 ] && [ "$(grep -cx 'CLOSED clean' "$SRV_OUT")" -eq 2 ]; then
        pass "$c: clean shutdown both ways"
    else
        fail "$c: clean shutdown both ways" "$CL_OUT" "$SRV_OUT"
    fi
    expect_attr "$c: server sees the client certificate" "$SRV_OUT" \
        '^CLIENTCERT CN=localhost, O=libsecur32 test$' '^CLIENTCERT unsupported$'
    nth_conn 2 "$CL_OUT" >"$tmp/$n.client2"
    nth_conn 2 "$SRV_OUT" >"$tmp/$n.server2"
    expect_attr "$c: client RESUMED yes on the second" "$tmp/$n.client2" '^RESUMED yes$' \
        '^RESUMED unknown$' "$CL_OUT"
    expect_attr "$c: server RESUMED yes on the second" "$tmp/$n.server2" '^RESUMED yes$' \
        '^RESUMED unknown$' "$SRV_OUT"
else
    fail "$c: server start"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
