#!/usr/bin/env bash
# Builds everything with warnings as errors (the `ci` preset) and runs every test under ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh --for-tests
COIGRAPH_WERROR=ON bash scripts/build.sh
ctest --test-dir build --output-on-failure -j"$(nproc)" --timeout 600
