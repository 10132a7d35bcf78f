#!/usr/bin/env bash
# Builds everything and runs every test under ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh --for-tests
bash scripts/build.sh
ctest --test-dir build --output-on-failure -j"$(nproc)" --timeout 600
