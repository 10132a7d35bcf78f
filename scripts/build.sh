#!/usr/bin/env bash
# Configures (once) and builds coigraph in build/, and the console in console/dist/.
# Arguments are passed to `cmake --build` (then only the C++ side is built).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
if [ ! -f build/CMakeCache.txt ]; then
  cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
fi
cmake --build build -j"$(nproc)" "$@"
if [ $# -eq 0 ]; then bash scripts/build_console.sh; fi
