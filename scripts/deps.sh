#!/usr/bin/env bash
# Installs the Debian 12 packages coigraph needs, only those that are missing.
set -euo pipefail

packages=(
  g++ make cmake ccache pkg-config
  libboost-dev libboost-graph-dev libabsl-dev libgtest-dev libgmock-dev
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler
  libsqlite3-dev libssl-dev libicu-dev
  python3 python3-grpcio python3-protobuf python3-networkx
  python3-igraph python3-numpy  # the 1e4 benchmark smoke test (tests/bench) runs these peers
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "deps: installing ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
