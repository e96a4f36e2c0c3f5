#!/usr/bin/env bash
# gen_certs.sh OUTDIR - generates the certificates, keys and PKCS#12 files
# the C tests load (SECUR32_TESTDATA), with the openssl CLI (OpenSSL 3).
#
# Idempotent: when OUTDIR already holds a complete set made by this version
# of the script it exits at once; otherwise it regenerates everything in a
# scratch directory and moves the files into place, so concurrent runs never
# see half-written files. Quiet unless something fails (then exits non-zero).
#
# Files (all in OUTDIR):
#   KIND.crt / KIND.key / KIND.der   self-signed CN=localhost server
#                                    certificate (SAN DNS:localhost,
#                                    IP:127.0.0.1), PKCS#8 key, DER copy;
#                                    KIND = rsa, p256, p384, ed25519
#   KIND.sha1, KIND.serial           openssl's SHA-1 fingerprint and serial
#                                    (upper-case hex, no colons)
#   KIND-aes.pfx                     PBES2/AES-256/PBKDF2 + HMAC-SHA256
#                                    (openssl default), password "pass",
#                                    friendly name "libsecur32 KIND"
#   KIND-aes-empty.pfx               the same with the empty password
#   KIND-3des.pfx                    pbeWithSHAAnd3-KeyTripleDES-CBC, SHA-1
#                                    MAC, password "pass"
#   rsa-rc2.pfx                      RC2-40 certificates (openssl -legacy),
#                                    only when the legacy provider loads
#   ca.crt, inter.crt, leaf.crt      P-384 root -> P-256 intermediate ->
#   leaf.key                         RSA-2048 leaf CN=localhost
#   chain.pem                        leaf.crt + inter.crt
#   chain-with-key.pem               chain.pem + leaf.key
#   leaf-enc.key                     leaf.key as encrypted PKCS#8 (AES-256,
#                                    password "pass")
#   leaf-rsa-enc.key                 leaf.key as legacy encrypted PKCS#1
#   chain.pfx                        leaf + key + inter + ca, password "pass"
#   certonly.pfx                     ca.crt only, no key, password "pass"
#   leaf.sha1, inter.sha1, ca.sha1   SHA-1 fingerprints
#   garbage.bin                      bytes that are no PFX and no certificate
set -euo pipefail

if [ $# -ne 1 ]; then
    echo "usage: $0 OUTDIR" >&2
    exit 2
fi
out=$1
version=3  # bump when the set of files changes
if [ -f "$out/.gen_certs.v$version" ]; then
    exit 0
fi
mkdir -p "$out"
out=$(cd "$out" && pwd)
stamp="$out/.gen_certs.v$version"
work=$(mktemp -d "$out/.gen.XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work"

log=$work/openssl.log
ossl() {
    if ! openssl "$@" >>"$log" 2>&1; then
        echo "gen_certs.sh: openssl $* failed:" >&2
        cat "$log" >&2
        exit 1
    fi
}

fingerprint() { # CERT -> upper-case hex SHA-1, no colons
    openssl x509 -in "$1" -noout -fingerprint -sha1 | sed 's/.*=//; s/://g'
}

subj="/CN=localhost/O=libsecur32 test"
san="subjectAltName=DNS:localhost,IP:127.0.0.1"

# Self-signed server certificates, one per key type. The RSA serial has its
# top bit set, so its DER INTEGER carries a 00 sign byte.
selfsigned() { # KIND SERIAL NEWKEY-ARGS...
    local kind=$1 serial=$2
    shift 2
    ossl req -x509 "$@" -nodes -keyout "$kind.key" -out "$kind.crt" -days 3650 \
        -subj "$subj" -addext "$san" -set_serial "$serial"
    ossl x509 -in "$kind.crt" -outform DER -out "$kind.der"
    fingerprint "$kind.crt" >"$kind.sha1"
    openssl x509 -in "$kind.crt" -noout -serial | sed 's/.*=//' >"$kind.serial"
    ossl pkcs12 -export -in "$kind.crt" -inkey "$kind.key" -out "$kind-aes.pfx" \
        -passout pass:pass -name "libsecur32 $kind"
    ossl pkcs12 -export -in "$kind.crt" -inkey "$kind.key" -out "$kind-aes-empty.pfx" \
        -passout pass: -name "libsecur32 $kind"
    ossl pkcs12 -export -in "$kind.crt" -inkey "$kind.key" -out "$kind-3des.pfx" \
        -passout pass:pass -keypbe PBE-SHA1-3DES -certpbe PBE-SHA1-3DES -macalg sha1
}
selfsigned rsa 0x8A1B2C3D4E5F6071 -newkey rsa:2048 &
selfsigned p256 0x0123456789ABCDEF -newkey ec -pkeyopt ec_paramgen_curve:P-256 &
selfsigned p384 0x2A -newkey ec -pkeyopt ec_paramgen_curve:P-384 &
selfsigned ed25519 0x7E57 -newkey ed25519 &

# Root -> intermediate -> leaf.
ca_ext=$work/ca.ext
printf 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n' >"$ca_ext"
leaf_ext=$work/leaf.ext
printf 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth,clientAuth\n%s\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n' "$san" >"$leaf_ext"
ossl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-384 -nodes -keyout ca.key -out ca.crt \
    -days 3650 -subj "/CN=libsecur32 Test Root CA/O=libsecur32 test" -set_serial 1 \
    -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign
ossl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout inter.key -out inter.csr \
    -subj "/CN=libsecur32 Test Intermediate CA/O=libsecur32 test"
ossl x509 -req -in inter.csr -CA ca.crt -CAkey ca.key -set_serial 2 -days 3650 \
    -extfile "$ca_ext" -out inter.crt
ossl req -new -newkey rsa:2048 -nodes -keyout leaf.key -out leaf.csr -subj "$subj"
ossl x509 -req -in leaf.csr -CA inter.crt -CAkey inter.key -set_serial 3 -days 3650 \
    -extfile "$leaf_ext" -out leaf.crt
cat leaf.crt inter.crt >chain.pem
cat chain.pem leaf.key >chain-with-key.pem
ossl pkcs8 -topk8 -in leaf.key -v2 aes-256-cbc -passout pass:pass -out leaf-enc.key
ossl rsa -in leaf.key -traditional -aes256 -passout pass:pass -out leaf-rsa-enc.key
ossl pkcs12 -export -in chain.pem -inkey leaf.key -certfile ca.crt -out chain.pfx \
    -passout pass:pass -name "libsecur32 chain"
ossl pkcs12 -export -nokeys -in ca.crt -out certonly.pfx -passout pass:pass
for c in leaf inter ca; do fingerprint "$c.crt" >"$c.sha1"; done

wait_all() {
    local rc=0
    for job in $(jobs -p); do
        wait "$job" || rc=1
    done
    return $rc
}
if ! wait_all; then
    echo "gen_certs.sh: generating the self-signed certificates failed" >&2
    exit 1
fi

# RC2-40 (OpenSSL 1.x's default for certificates) needs the legacy provider.
openssl pkcs12 -export -legacy -in rsa.crt -inkey rsa.key -out rsa-rc2.pfx \
    -passout pass:pass >>"$log" 2>&1 || rm -f rsa-rc2.pfx

printf 'this is neither a PFX file nor a certificate\n\x30\x82\xff\xff\x02\x01\x03' >garbage.bin

rm -f ./*.csr "$log" "$ca_ext" "$leaf_ext"
mv -f ./* "$out"/
touch "$stamp"
