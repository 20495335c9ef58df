#!/usr/bin/env bash
# Starts the real KooGate server (already built) with fresh keys and a temporary database, runs the
# independent V1-era KooGallery client lifecycle-v1.mjs against it, stops the server and exits with the client's code.
#   bash tests/independent/run-lifecycle-v1.sh [-c Debug|Release]
set -euo pipefail
cd "$(dirname "$0")/../.."

configuration=Debug
if [ "${1:-}" = "-c" ] && [ -n "${2:-}" ]; then configuration=$2; fi

command -v node >/dev/null || { echo "node (Node.js 20) is required on PATH" >&2; exit 2; }
command -v openssl >/dev/null || { echo "openssl is required on PATH" >&2; exit 2; }

work=$(mktemp -d)
server_pid=
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM -- "-$server_pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

random_key() { openssl rand -hex 16; }
v1_key=$(random_key)
v1_previous_key=$(random_key)
license_key=$(random_key)
general_key=$(random_key)
basic_key=$(random_key)
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:3072 -out "$work/rsa-private.pem" 2>/dev/null
openssl pkey -in "$work/rsa-private.pem" -pubout -out "$work/rsa-public.pem"
openssl ecparam -name prime256v1 -genkey -noout 2>/dev/null | openssl pkcs8 -topk8 -nocrypt -out "$work/license.pem"
openssl ec -in "$work/license.pem" -pubout -out "$work/license.pub.pem" 2>/dev/null
front_end_template='https://app.example.com/{instanceId}'

port=$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close();})")
base="http://127.0.0.1:$port"

export KooGate__Keys__Basic="$basic_key"
export KooGate__Keys__Kit="$(random_key)"
export KooGate__Keys__License="$license_key"
export KooGate__Keys__General="$general_key"
export KooGate__Keys__V1="$v1_key,$v1_previous_key"
export KooGate__ProductionPath=/produce
export KooGate__DataDirectory="$work/data"
export KooGate__RsaPrivateKeyPath="$work/rsa-private.pem"
export KooGate__SecretsKey="$(openssl rand -base64 32)"
export KooGate__License__SigningKeyPath="$work/license.pem"
export KooGate__Provisioning__FrontEndUrlTemplate="$front_end_template"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# setsid: the server gets its own process group so that cleanup stops `dotnet run` and the app it spawned.
setsid dotnet run --no-build --no-launch-profile -c "$configuration" --project src/KooGate.Server -- --urls "$base" \
  >"$work/server.log" 2>&1 &
server_pid=$!

deadline=$((SECONDS + 60))
until node -e "fetch('$base/healthz').then(r=>process.exit(r.status===200?0:1),()=>process.exit(1))"; do
  if ! kill -0 "$server_pid" 2>/dev/null; then
    echo "the server exited before /healthz answered; its log:" >&2
    cat "$work/server.log" >&2
    exit 2
  fi
  if [ $SECONDS -ge $deadline ]; then
    echo "/healthz did not answer 200 within 60 s; server log:" >&2
    cat "$work/server.log" >&2
    exit 2
  fi
  sleep 0.5
done

set +e
node tests/independent/lifecycle-v1.mjs --url "$base/produce" --v1-key "$v1_key" --v1-previous-key "$v1_previous_key" \
  --license-key "$license_key" --general-key "$general_key" --basic-key "$basic_key" \
  --rsa-public-key "$work/rsa-public.pem" --license-public-key "$work/license.pub.pem" \
  --front-end-url-template "$front_end_template"
code=$?
set -e
if [ $code -ne 0 ] && [ -n "${KOOGATE_SHOW_SERVER_LOG:-}" ]; then cat "$work/server.log" >&2; fi
exit $code
