#!/usr/bin/env bash
# TLS material for a sandbox engine that listens on tcp://127.0.0.1 with --tlsverify (scripts/sandbox.sh,
# STRATA_SANDBOX_TLS_DIR), made with the openssl CLI, loopback names only:
#   scripts/tls-certs.sh DIR
# writes, in Docker's file names (what `docker --tlsverify` and a context's tls folder expect):
#   DIR/ca.pem DIR/ca-key.pem            the CA
#   DIR/server-cert.pem DIR/server-key.pem   the engine's certificate: 127.0.0.1 and localhost, serverAuth
#   DIR/client/{ca,cert,key}.pem         a client certificate (clientAuth) from the same CA: DOCKER_CERT_PATH
#   DIR/wrong/{ca,cert,key}.pem          a second, unrelated CA and a client certificate from it, which the
#                                        engine must refuse (wrong/ca.pem is that CA, so it does not trust the engine either)
#   DIR/wrong-client/{ca,cert,key}.pem   the wrong client certificate beside the RIGHT ca.pem: the client
#                                        trusts the engine, so only the engine's refusal of the cert is tested
# Idempotent: an existing DIR/client/cert.pem is kept (a running engine holds the CA it was started with).
set -euo pipefail

DIR="${1:?usage: $0 DIR}"
if [ -f "$DIR/client/cert.pem" ] && [ -f "$DIR/wrong-client/cert.pem" ]; then exit 0; fi
command -v openssl >/dev/null || { echo "[tls] openssl not found: apt-get install -y openssl" >&2; exit 1; }
mkdir -p "$DIR/client" "$DIR/wrong" "$DIR/wrong-client"
umask 077
DAYS=30
# openssl's progress chatter goes to a log beside the certificates, kept for when a step fails.
LOG="$DIR/openssl.log"

key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>>"$LOG"; }

ca() { # KEY CERT SUBJECT
  key "$1"
  openssl req -x509 -new -key "$1" -sha256 -days "$DAYS" -subj "/CN=$3" -out "$2" \
    -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign 2>>"$LOG"
}

signed() { # CA_KEY CA_CERT KEY CERT SUBJECT EXTENSIONS
  local csr ext; csr="$(mktemp)"; ext="$(mktemp)"
  key "$3"
  openssl req -new -key "$3" -subj "/CN=$5" -out "$csr" 2>>"$LOG"
  printf '%b\n' "$6" >"$ext"
  openssl x509 -req -in "$csr" -CA "$2" -CAkey "$1" -CAcreateserial -sha256 -days "$DAYS" -extfile "$ext" -out "$4" 2>>"$LOG"
  rm -f "$csr" "$ext"
}

CLIENT_EXT='basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=clientAuth'

ca "$DIR/ca-key.pem" "$DIR/ca.pem" "strata sandbox CA"
signed "$DIR/ca-key.pem" "$DIR/ca.pem" "$DIR/server-key.pem" "$DIR/server-cert.pem" "strata sandbox engine" \
  'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\nsubjectAltName=IP:127.0.0.1,DNS:localhost'
signed "$DIR/ca-key.pem" "$DIR/ca.pem" "$DIR/client/key.pem" "$DIR/client/cert.pem" "strata sandbox client" "$CLIENT_EXT"
cp "$DIR/ca.pem" "$DIR/client/ca.pem"

ca "$DIR/wrong/ca-key.pem" "$DIR/wrong/ca.pem" "unrelated CA"
signed "$DIR/wrong/ca-key.pem" "$DIR/wrong/ca.pem" "$DIR/wrong/key.pem" "$DIR/wrong/cert.pem" "unrelated client" "$CLIENT_EXT"
rm -f "$DIR/wrong/ca-key.pem"
cp "$DIR/wrong/cert.pem" "$DIR/wrong/key.pem" "$DIR/wrong-client/"
cp "$DIR/ca.pem" "$DIR/wrong-client/ca.pem"
rm -f "$DIR"/*.srl "$DIR"/wrong/*.srl
# Readable by the engine and the tests (both run as this user); keys stay private to it.
chmod 644 "$DIR/ca.pem" "$DIR/server-cert.pem" "$DIR"/*/ca.pem "$DIR"/*/cert.pem
echo "[tls] certificates in $DIR" >&2
