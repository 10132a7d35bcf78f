#!/usr/bin/env bash
# The console's figures (issue 8 targets, docs/performance.md "The console"):
#   ListCases with filters and search  p99 <= 50 ms   (console_http_bench, over HTTP)
#   a case page (case, picture, history, who looked)  <= 300 ms on loopback
#   the console's assets  <= 1 MB compressed          (gzip -9 of console/dist)
#
#   bench/console_bench.sh [--persons 1000000] [--seed 1] [--work /tmp/coigraph-console-bench]
#
# Generates the region once (kept in --work), starts coigraphd --http on it with a fresh
# database and an ethics_commissioner token, runs bench/console_http_bench, and stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
persons=1000000 seed=1 work=/tmp/coigraph-console-bench
while [ $# -gt 0 ]; do
  case "$1" in
    --persons) persons="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    *) echo "usage: $0 [--persons N] [--seed S] [--work DIR]" >&2; exit 2 ;;
  esac
done
bash scripts/build.sh --target coigraphd gen_region console_http_bench >/dev/null
bash scripts/build_console.sh >/dev/null

region="$work/region-$persons-$seed"
if [ ! -f "$region/expected.jsonl" ]; then
  build/bin/gen_region --out "$region" --persons "$persons" --seed "$seed" >/dev/null
fi
rm -f "$work"/bench.db*
token="bench-$$"
echo "ethics_commissioner bench $(printf %s "$token" | sha256sum | cut -d' ' -f1)" >"$work/tokens"
build/bin/coigraphd --feeds "$region" --db "$work/bench.db" --tokens "$work/tokens" \
  --listen 127.0.0.1:0 --http 127.0.0.1:0 >"$work/coigraphd.out" 2>"$work/coigraphd.log" &
daemon=$!
trap 'kill $daemon 2>/dev/null; wait $daemon 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do
  grep -q "^console on " "$work/coigraphd.out" && break
  kill -0 $daemon 2>/dev/null || { cat "$work/coigraphd.log" >&2; exit 1; }
  sleep 0.5
done
url=$(sed -n 's/^console on \(.*\)\/$/\1/p' "$work/coigraphd.out")

echo "== console at $persons persons (seed $seed), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
build/bin/console_http_bench --url "$url" --token "$token" --cases 200 --repeat 20 \
  --json "$work/console_bench.json"
echo
echo "== assets (console/dist), bytes"
total=0 total_gz=0
for f in console/dist/*; do
  raw=$(stat -c %s "$f"); gz=$(gzip -9 -c "$f" | wc -c)
  printf '%-28s %9d raw %9d gzip -9\n' "$(basename "$f")" "$raw" "$gz"
  total=$((total + raw)); total_gz=$((total_gz + gz))
done
printf '%-28s %9d raw %9d gzip -9 (target <= 1,000,000)\n' "all" "$total" "$total_gz"
