#!/usr/bin/env bash
# Builds coigraph and scans the bundled demo region, printing its findings as a table.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh --target coigraph
exec build/bin/coigraph scan examples/demo "$@"
