#!/usr/bin/env bash
# The server's memory under a crowd of exports (issue 10: 400 exports at once, each cancelled
# after two chunks, took coigraphd from 64 to 803 MB when an export was made whole before its
# first chunk was sent). docs/service.md "Exports" has the figures.
#
#   bench/export_memory.sh [--persons 100000] [--streams 400] [--radius 2]
#                          [--work /tmp/coigraph-export-bench]
#                          [-- coigraphd flags, e.g. --max-exports 400 --max-exports-per-caller 400]
#
# Generates the region once (kept in --work), starts coigraphd on it with a fresh database and
# an analyst token, runs bench/export_flood (--streams exports of the subgraph around the 100
# companies with the most company_roles rows, at --radius, each cancelled after 2 chunks) and
# stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
persons=100000 streams=400 radius=2 work=/tmp/coigraph-export-bench
while [ $# -gt 0 ]; do
  case "$1" in
    --persons) persons="$2"; shift 2 ;;
    --streams) streams="$2"; shift 2 ;;
    --radius) radius="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    --) shift; break ;;
    *) echo "usage: $0 [--persons N] [--streams N] [--radius R] [--work DIR] [-- coigraphd flags]" >&2
       exit 2 ;;
  esac
done
bash scripts/build.sh --target coigraphd gen_region export_flood >/dev/null

region="$work/region-$persons"
if [ ! -f "$region/expected.jsonl" ]; then
  build/bin/gen_region --out "$region" --persons "$persons" --seed 1 >/dev/null
fi
rm -f "$work"/bench.db*
token="bench-$$"
echo "analyst bench $(printf %s "$token" | sha256sum | cut -d' ' -f1)" >"$work/tokens"
build/bin/coigraphd --feeds "$region" --db "$work/bench.db" --tokens "$work/tokens" \
  --listen 127.0.0.1:0 "$@" >"$work/coigraphd.out" 2>"$work/coigraphd.log" &
daemon=$!
trap 'kill $daemon 2>/dev/null; wait $daemon 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do
  grep -q "^listening on " "$work/coigraphd.out" && break
  kill -0 $daemon 2>/dev/null || { cat "$work/coigraphd.log" >&2; exit 1; }
  sleep 0.5
done
target=$(sed -n 's/^listening on //p' "$work/coigraphd.out")
# The seeds: the 100 companies with the most roles (company_roles.csv's first column).
seeds=$(tail -n +2 "$region/company_roles.csv" | cut -d, -f1 | sort | uniq -c | sort -rn |
  head -100 | awk '{print $2}' | paste -sd, -)
echo "coigraphd $* on $persons persons, pid $daemon"
build/bin/export_flood --target "$target" --pid "$daemon" --token "$token" --seeds "$seeds" \
  --date 2020-01-01 --radius "$radius" --streams "$streams" --chunks 2
echo "the export: $(build/bin/coigraph-audit list "$work/bench.db" | grep -m1 -o 'OK [0-9]* vertices')"
