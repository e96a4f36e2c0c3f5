#!/usr/bin/env bash
# bench/run.sh - runs every benchmark program of bench/ once, on this
# machine, and assembles their JSON Lines into a table (stdout) and a JSON
# file (bench/results/<date>-<time>.json; smoke runs go to build/bench/).
#
# Run through `make bench` / `make bench-smoke`, which build the programs
# first. BENCH_SMOKE=1 shrinks every loop to a few iterations (CI smoke run:
# checks that everything runs, no thresholds). See bench/README.md for what
# is measured and how.
set -euo pipefail
cd "$(dirname "$0")/.."

build=build/bench
certs=$build/certs
smoke=0
if [ -n "${BENCH_SMOKE:-}" ] && [ "${BENCH_SMOKE}" != 0 ]; then
	smoke=1
fi
export BENCH_SMOKE=$smoke

for p in sspi_bench openssl_bench gobench; do
	[ -x "$build/$p" ] || { echo "bench/run.sh: $build/$p missing; run 'make bench'" >&2; exit 1; }
done

# Certificates: self-signed CN=localhost, ECDSA P-256 and RSA-2048, PEM
# (PKCS#8 keys), read by all three stacks.
if [ ! -s "$certs/p256.key" ] || [ ! -s "$certs/rsa.key" ]; then
	mkdir -p "$certs"
	for kind in p256 rsa; do
		if [ "$kind" = p256 ]; then
			newkey=(-newkey ec -pkeyopt ec_paramgen_curve:P-256)
		else
			newkey=(-newkey rsa:2048)
		fi
		openssl req -x509 "${newkey[@]}" -nodes -days 3650 -subj /CN=localhost \
			-addext subjectAltName=DNS:localhost \
			-keyout "$certs/$kind.key.tmp" -out "$certs/$kind.crt" 2>/dev/null
		mv "$certs/$kind.key.tmp" "$certs/$kind.key"
	done
fi

stamp=$(date +%Y-%m-%d-%H%M%S)
raw=$build/raw-$stamp.jsonl
: >"$raw"
start=$EPOCHREALTIME
load_start=$(cut -d' ' -f1-3 /proc/loadavg)

# run LABEL ENV... -- CMD...: one program, its JSON lines appended to $raw.
run() {
	local label=$1
	shift
	local envs=()
	while [ "$1" != -- ]; do
		envs+=("$1")
		shift
	done
	shift
	printf 'bench: %-58s' "$label" >&2
	local t0=$EPOCHREALTIME
	env -u GOMAXPROCS -u GODEBUG "${envs[@]}" "$@" >>"$raw"
	awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf " %6.1fs\n", b - a }' >&2
}

cases="tls13_ecdsa tls13_rsa tls12_ecdsa tls13_resume"
tls13_cases="tls13_ecdsa tls13_rsa tls13_resume"

# Handshakes: GOMAXPROCS unset (= the machine's CPUs) and 1 for the Go
# runtimes (ours, engine, go); OpenSSL does not care.
for gmp in unset 1; do
	genv=()
	if [ "$gmp" = 1 ]; then genv=(GOMAXPROCS=1); fi
	run "handshake ours, default groups, GOMAXPROCS=$gmp" "${genv[@]}" -- \
		"$build/sspi_bench" "$certs" handshake $cases
	run "handshake ours, GODEBUG=tlsmlkem=0 (X25519), GOMAXPROCS=$gmp" "${genv[@]}" GODEBUG=tlsmlkem=0 -- \
		"$build/sspi_bench" "$certs" handshake $tls13_cases
	run "handshake ours-affine, default groups, GOMAXPROCS=$gmp" "${genv[@]}" SSPI_BENCH_THREAD_AFFINE=1 -- \
		"$build/sspi_bench" "$certs" handshake $cases
	run "handshake ours-affine, X25519, GOMAXPROCS=$gmp" "${genv[@]}" SSPI_BENCH_THREAD_AFFINE=1 GODEBUG=tlsmlkem=0 -- \
		"$build/sspi_bench" "$certs" handshake $tls13_cases
	run "handshake engine (no cgo), default groups, GOMAXPROCS=$gmp" "${genv[@]}" -- \
		"$build/gobench" "$certs" handshake engine default $cases
	run "handshake go crypto/tls, X25519, GOMAXPROCS=$gmp" "${genv[@]}" -- \
		"$build/gobench" "$certs" handshake go x25519 $cases
	run "handshake go crypto/tls, default groups, GOMAXPROCS=$gmp" "${genv[@]}" -- \
		"$build/gobench" "$certs" handshake go default $tls13_cases
done
run "handshake openssl, X25519" -- "$build/openssl_bench" "$certs" handshake $cases

# Records.
run "records ours" -- "$build/sspi_bench" "$certs" records
run "records engine" -- "$build/gobench" "$certs" records engine
run "records go" -- "$build/gobench" "$certs" records go
run "records openssl" -- "$build/openssl_bench" "$certs" records

# Memory per idle established context.
run "memory ours (C ABI, RSS)" -- "$build/sspi_bench" "$certs" memory
run "memory engine (Go heap)" -- "$build/gobench" "$certs" memory engine
run "memory go crypto/tls (Go heap)" -- "$build/gobench" "$certs" memory go
run "memory openssl (RSS)" -- "$build/openssl_bench" "$certs" memory

# Scaling with client threads.
run "scale ours, 1 2 4 16 threads" -- "$build/sspi_bench" "$certs" scale 1 2 4 16
run "scale ours-affine, 1 2 4 16 threads" SSPI_BENCH_THREAD_AFFINE=1 -- "$build/sspi_bench" "$certs" scale 1 2 4 16
run "scale openssl, 1 2 threads" -- "$build/openssl_bench" "$certs" scale 1 2

end=$EPOCHREALTIME
load_end=$(cut -d' ' -f1-3 /proc/loadavg)

if [ "$smoke" = 1 ]; then
	out=$build/smoke-$stamp.json
else
	mkdir -p bench/results
	out=bench/results/$stamp.json
fi
commit=$(git rev-parse HEAD 2>/dev/null || echo unknown)
dirty=false
if [ -n "$(git status --porcelain 2>/dev/null | grep -v '^??' || true)" ]; then dirty=true; fi

python3 bench/report.py "$raw" "$out" \
	--meta mode="$([ "$smoke" = 1 ] && echo smoke || echo full)" \
	--meta started="$stamp" \
	--meta seconds="$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')" \
	--meta loadavg_start="$load_start" --meta loadavg_end="$load_end" \
	--meta commit="$commit" --meta dirty_tree="$dirty" \
	--meta cpu="$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')" \
	--meta nproc="$(nproc)" \
	--meta kernel="$(uname -r)" \
	--meta go="$(go version 2>/dev/null | cut -d' ' -f3 || echo unknown)" \
	--meta openssl="$(openssl version 2>/dev/null || echo unknown)"
rm -f "$raw"
echo "bench: wrote $out ($(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }') s)" >&2
