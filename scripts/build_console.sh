#!/usr/bin/env bash
# Builds the browser console (console/ -> console/dist/), which coigraphd --http serves.
# Installs its npm packages from the lockfile only when they are missing or the lockfile changed.
set -euo pipefail
cd "$(dirname "$0")/../console"
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
npm run --silent build
