#!/usr/bin/env bash
# Installs what the peers of the benchmark need, from Debian 12 packages and npm only.
# Run once as root (or through sudo); run_bench.sh calls it with --check to say what is missing.
#
#   bench/peers/install_peers.sh            install everything
#   bench/peers/install_peers.sh --check    exit 1 and name what is missing
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
debs=(postgresql-15 python3-igraph python3-networkx python3-numpy python3-psycopg2 gnuplot-nox)

missing=()
for p in "${debs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Node 20 and npm: any install will do (Debian's nodejs is 18; the machine's is 20).
command -v node >/dev/null && command -v npm >/dev/null || missing+=(nodejs npm)
kuzu_ok=1
[ -f "$here/kuzu/node_modules/kuzu/kuzujs.node" ] || kuzu_ok=0

if [ "${1:-}" = "--check" ]; then
  [ ${#missing[@]} -eq 0 ] || echo "missing Debian packages: ${missing[*]}"
  [ $kuzu_ok -eq 1 ] || echo "missing: bench/peers/kuzu/node_modules (npm ci)"
  [ ${#missing[@]} -eq 0 ] && [ $kuzu_ok -eq 1 ]
  exit
fi

if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "${missing[@]}"
fi
if [ $kuzu_ok -eq 0 ]; then
  # The lock file pins the exact version; kuzu's install script only copies the prebuilt
  # linux-x64 addon that ships inside the package (no download), so it is run explicitly
  # (npm 11 does not run install scripts that are not approved).
  (cd "$here/kuzu" && npm ci --no-audit --no-fund --ignore-scripts &&
     (cd node_modules/kuzu && node install.js >/dev/null))
fi
echo "peers installed"
