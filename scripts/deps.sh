#!/usr/bin/env bash
# Installs the Debian 12 packages coigraph needs, only those that are missing.
#   bash scripts/deps.sh              what building and running coigraph needs
#   bash scripts/deps.sh --for-tests  and what the tests need besides (Chromium, peers)
set -euo pipefail

packages=(
  g++ make cmake ccache pkg-config
  libboost-dev libboost-graph-dev libabsl-dev libgtest-dev libgmock-dev
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler
  libsqlite3-dev libssl-dev libcpp-httplib-dev libicu-dev
  rapidjson-dev  # loaders/goszakup: the registries' JSON, read as a stream
)
if [ "${1:-}" = "--for-tests" ]; then
  packages+=(
    python3 python3-grpcio python3-protobuf python3-networkx
    python3-igraph python3-numpy  # the 1e4 benchmark smoke test (tests/bench) runs these peers
    chromium                      # the console's browser test (tests/console)
    clang-tidy                    # scripts/tidy.sh, run by scripts/test.sh after ctest
  )
fi
# The console is built with Node.js and npm; a machine that has them (any Node >= 18) keeps
# its own, one that has none gets Debian's.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  packages+=(nodejs npm)
fi

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
