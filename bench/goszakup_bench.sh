#!/usr/bin/env bash
# The goszakup importer on a generated dump (docs/performance.md, "goszakup import"): records per
# second on one core, the time spent matching commission members' names, and how right the
# matches are against the generator's truth (bench/goszakup_match.py).
#
#   bash bench/goszakup_bench.sh [--persons N] [--iin-share P] [--build DIR] [--keep]
set -euo pipefail
persons=1000000
iin_share=0
build=build
keep=0
while [ $# -gt 0 ]; do
  case "$1" in
    --persons) persons=$2; shift 2 ;;
    --iin-share) iin_share=$2; shift 2 ;;
    --build) build=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    *) echo "usage: $0 [--persons N] [--iin-share P] [--build DIR] [--keep]" >&2; exit 2 ;;
  esac
done
root=$(cd "$(dirname "$0")/.." && pwd)
bin=$root/$build/bin
work=${TMPDIR:-/tmp}/coigraph-goszakup-bench-$persons
rm -rf "$work"
mkdir -p "$work"
[ $keep = 1 ] || trap 'rm -rf "$work"' EXIT

"$bin/gen_region" --out "$work/region" --persons "$persons" --seed 1 \
  --goszakup "$work/dump" --goszakup-iin-share "$iin_share"
du -sh "$work/dump/goszakup" | sed 's/^/dump size: /'

# One core, as the issue asks; the import prints its records per second.
taskset -c 0 "$bin/coigraph" import goszakup "$work/dump/goszakup" "$work/feed" \
  --merge "$work/dump/registries" | tail -6

"$bin/coigraph" scan "$work/region" --format jsonl > "$work/region.jsonl"
"$bin/coigraph" scan "$work/feed" --format jsonl > "$work/feed.jsonl"
python3 "$root/bench/goszakup_match.py" "$work/dump/truth_members.csv" "$work/feed" \
  "$work/region.jsonl" "$work/feed.jsonl"
