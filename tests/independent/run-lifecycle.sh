#!/usr/bin/env bash
# Starts the real KooGate server (already built) with fresh keys and a temporary database, runs the
# independent KooGallery client lifecycle.mjs against it, stops the server and exits with the client's code.
#   bash tests/independent/run-lifecycle.sh [-c Debug|Release]
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
basic_key=$(random_key)
basic_previous_key=$(random_key)
kit_key=$(random_key)
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:3072 -out "$work/rsa-private.pem" 2>/dev/null
openssl pkey -in "$work/rsa-private.pem" -pubout -out "$work/rsa-public.pem"
front_end_template='https://app.example.com/{instanceId}'

port=$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close();})")
base="http://127.0.0.1:$port"

export KooGate__Keys__Basic="$basic_key,$basic_previous_key"
export KooGate__Keys__Kit="$kit_key"
export KooGate__Keys__License="$(random_key)"
export KooGate__Keys__General="$(random_key)"
export KooGate__Keys__V1="$(random_key)"
export KooGate__ProductionPath=/produce
export KooGate__DataDirectory="$work/data"
export KooGate__RsaPrivateKeyPath="$work/rsa-private.pem"
export KooGate__SecretsKey="$(openssl rand -base64 32)"
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
node tests/independent/lifecycle.mjs --url "$base/produce" --basic-key "$basic_key" \
  --basic-previous-key "$basic_previous_key" --kit-key "$kit_key" --rsa-public-key "$work/rsa-public.pem" \
  --front-end-url-template "$front_end_template"
code=$?
set -e
if [ $code -ne 0 ] && [ -n "${KOOGATE_SHOW_SERVER_LOG:-}" ]; then cat "$work/server.log" >&2; fi
exit $code
