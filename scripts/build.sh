#!/usr/bin/env bash
# Configures (once) and builds coigraph in build/, and the console in console/dist/.
# Arguments are passed to `cmake --build` (then only the C++ side is built).
#
# COIGRAPH_WERROR=ON (scripts/test.sh sets it, so CI too) configures build/ with the `ci` preset
# of CMakePresets.json: warnings are errors. COIGRAPH_WERROR=OFF configures without -Werror.
# Unset (scripts/demo.sh), build/ keeps how it was configured, and a new one has no -Werror.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
want="${COIGRAPH_WERROR:-}"
case "$want" in
  "") ;;
  ON | On | on | 1 | TRUE | True | true | YES | Yes | yes) want=ON ;;
  *) want=OFF ;;
esac
have="$(sed -n 's/^COIGRAPH_WERROR:BOOL=//p' build/CMakeCache.txt 2>/dev/null || true)"
if [ ! -f build/CMakeCache.txt ] || { [ -n "$want" ] && [ "$want" != "$have" ]; }; then
  if [ "$want" = "ON" ]; then
    cmake --preset ci >/dev/null
  else
    cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCOIGRAPH_WERROR=OFF >/dev/null
  fi
fi
cmake --build build -j"$(nproc)" "$@"
if [ $# -eq 0 ]; then bash scripts/build_console.sh; fi
