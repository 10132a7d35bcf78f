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

# One core, as the issue asks; the import prints its records per second (the JSON records of
# the dump over the whole import, its teardown included). Three runs each: the dump alone, then
# with the civil and legal-entity registries merged in (the merged rows are not counted as
# records; the last line gives the rate with them).
for run in 1 2 3; do
  rm -rf "$work/feed"
  /usr/bin/time -f "wall %e s, user %U s, max RSS %M KB" taskset -c 0 \
    "$bin/coigraph" import goszakup "$work/dump/goszakup" "$work/feed" 2>&1 |
    grep -E '^(time|wall)' | sed "s/^/dump alone, run $run: /"
done
for run in 1 2 3; do
  rm -rf "$work/feed"
  out=$(/usr/bin/time -f "wall %e s, user %U s, max RSS %M KB" taskset -c 0 \
    "$bin/coigraph" import goszakup "$work/dump/goszakup" "$work/feed" \
    --merge "$work/dump/registries" 2>&1)
  grep -E '^(time|wall)' <<<"$out" | sed "s/^/with --merge, run $run: /"
  awk '/^REGISTRY/ { reading = 1; next } reading && /^-/ { next } reading && NF == 2 { n += $2 }
       reading && NF == 0 { reading = 0 }
       /^rows from the merged feed:/ { m = $NF }
       /^time:/ { t = $2 }
       END { if (t > 0) printf "with --merge, run '"$run"': %d records + %d merged rows = %.0f rows/s\n", n, m, (n + m) / t }' \
    <<<"$out"
done

"$bin/coigraph" scan "$work/region" --format jsonl > "$work/region.jsonl"
"$bin/coigraph" scan "$work/feed" --format jsonl > "$work/feed.jsonl"
python3 "$root/bench/goszakup_match.py" "$work/dump/truth_members.csv" "$work/feed" \
  "$work/region.jsonl" "$work/feed.jsonl"
