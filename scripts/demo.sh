#!/usr/bin/env bash
# Builds coigraph, prints the findings of the bundled demo region (the city of Kentau), then
# serves it: coigraphd with the browser console on http://127.0.0.1:8080/ (gRPC on 50051),
# with one sign-in token per role, until Ctrl-C. The cases and audit log are kept in
# build/demo/coigraph.db (the embedded SQLite store), so a restart keeps what was done.
#
#   bash scripts/demo.sh                 # build, scan, serve
#   COIGRAPH_HTTP_PORT=9090 bash scripts/demo.sh
#   bash scripts/demo.sh --scan-only     # build, scan, print, exit
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh --target coigraph coigraphd
bash scripts/build_console.sh

build/bin/coigraph scan examples/demo
[ "${1:-}" = "--scan-only" ] && exit 0

state=build/demo
mkdir -p "$state"
# One token per role, made once and kept (the tokens file holds only their SHA-256).
if [ ! -f "$state/tokens.txt" ]; then
  for role in ethics_commissioner analyst operator hr_system; do
    echo "$role $(head -c 18 /dev/urandom | base64 | tr '+/' '-_')"
  done >"$state/tokens.txt"
fi
while read -r role token; do
  echo "$role demo-${role%%_*} $(printf '%s' "$token" | sha256sum | cut -d' ' -f1)"
done <"$state/tokens.txt" >"$state/tokens"

http_port="${COIGRAPH_HTTP_PORT:-8080}"
grpc_port="${COIGRAPH_GRPC_PORT:-50051}"
echo
echo "Sign-in tokens (console: the first three; hr_system is for the gRPC/JSON API only):"
while read -r role token; do printf '  %-20s %s\n' "$role" "$token"; done <"$state/tokens.txt"
echo
exec build/bin/coigraphd --feeds examples/demo --db "$state/coigraph.db" \
  --tokens "$state/tokens" --listen "127.0.0.1:$grpc_port" --http "127.0.0.1:$http_port"
