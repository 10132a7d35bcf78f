#!/usr/bin/env bash
# Builds everything with warnings as errors (the `ci` preset), runs every test under ctest, then
# clang-tidy (scripts/tidy.sh). Tidy is a step of its own, not a ctest: it takes about 9 minutes
# on 2 cores, far beyond a test's budget. COIGRAPH_SKIP_TIDY=1 leaves it out.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh --for-tests
COIGRAPH_WERROR=ON bash scripts/build.sh
ctest --test-dir build --output-on-failure -j"$(nproc)" --timeout 600
if [ "${COIGRAPH_SKIP_TIDY:-}" != "1" ]; then bash scripts/tidy.sh; fi
