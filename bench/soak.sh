#!/usr/bin/env bash
# The soak of issue 10 (docs/performance.md "Soak"): coigraphd on a generated region for
# --minutes under CheckHire at --rate calls/s plus a trickle of the commissioners' calls and of
# calls that must be refused (bench/grpc_soak). Prints one line a minute (errors, latency
# p50/p99/p99.9, the server's RSS, its database size), then the database's growth per call,
# read after a clean stop (coigraphd checkpoints its write-ahead log when it stops).
#
#   bench/soak.sh [--persons 1000000] [--seed 1] [--minutes 10] [--rate 2000] [--trickle 5]
#                 [--bucket-seconds 60] [--work /tmp/coigraph-soak] [--build DIR]
#
# The region is generated once and kept in --work; the database is new on every run. --build
# takes the binaries from DIR/bin as they are (tests/bench's smoke test); otherwise
# scripts/build.sh builds them in build/.
set -euo pipefail
cd "$(dirname "$0")/.."
persons=1000000 seed=1 minutes=10 rate=2000 trickle=5 bucket=60 work=/tmp/coigraph-soak build=""
while [ $# -gt 0 ]; do
  case "$1" in
    --persons) persons="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --minutes) minutes="$2"; shift 2 ;;
    --rate) rate="$2"; shift 2 ;;
    --trickle) trickle="$2"; shift 2 ;;
    --bucket-seconds) bucket="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    --build) build="$2"; shift 2 ;;
    *) echo "usage: $0 [--persons N] [--seed S] [--minutes M] [--rate R] [--trickle T]" \
         "[--bucket-seconds B] [--work DIR] [--build DIR]" >&2
       exit 2 ;;
  esac
done
if [ -z "$build" ]; then
  bash scripts/build.sh --target coigraphd gen_region coigraph_bench grpc_soak >/dev/null
  build=build
fi
bin="$build/bin"
mkdir -p "$work"
region="$work/region-$persons-$seed"
if [ ! -f "$region/expected.jsonl" ]; then
  "$bin"/gen_region --out "$region" --persons "$persons" --seed "$seed" >/dev/null
fi
if [ ! -f "$work/questions-$persons-$seed/questions/hire.tsv" ]; then
  "$bin"/coigraph_bench --feed "$region" --out "$work/questions-$persons-$seed" --runs 1 \
    --hire 1000 --tenders 1 --paths 1 --seed "$seed" >/dev/null
fi
rm -f "$work"/soak.db*
hr="hr-$$-$RANDOM" ethics="ethics-$$-$RANDOM"
{
  echo "hr_system soak-hr $(printf %s "$hr" | sha256sum | cut -d' ' -f1)"
  echo "ethics_commissioner soak-ethics $(printf %s "$ethics" | sha256sum | cut -d' ' -f1)"
} >"$work/tokens"
# coigraphd on the region and $work/soak.db, listening on $port; sets $daemon.
start_daemon() {
  "$bin"/coigraphd --feeds "$region" --db "$work/soak.db" --tokens "$work/tokens" \
    --listen 127.0.0.1:0 >"$work/coigraphd.out" 2>"$work/coigraphd.log" &
  daemon=$!
  trap 'kill $daemon 2>/dev/null; wait $daemon 2>/dev/null || true' EXIT
  port=""
  for _ in $(seq 1 600); do
    port=$(sed -n 's/^listening on 127.0.0.1:\([0-9]*\)$/\1/p' "$work/coigraphd.out")
    [ -n "$port" ] && break
    kill -0 $daemon 2>/dev/null || { cat "$work/coigraphd.log" >&2; exit 1; }
    sleep 0.5
  done
  [ -n "$port" ] || { echo "coigraphd did not start" >&2; exit 1; }
}
stop_daemon() {
  kill -TERM $daemon
  trap - EXIT
  wait $daemon || { echo "coigraphd did not stop cleanly" >&2; return 1; }
}
# Bytes of the database and its write-ahead log.
db_bytes() {
  echo $(($(stat -c %s "$work/soak.db") + $(stat -c %s "$work/soak.db-wal" 2>/dev/null || echo 0)))
}

# The first start records the scan's cases; its clean stop checkpoints them into the database,
# so that the growth measured below is the soak's (and the second start's scan record, a few KB).
start_daemon
stop_daemon
db_start=$(db_bytes)
start_daemon

echo "== soak at $persons persons (seed $seed): CheckHire $rate/s, trickle $trickle/s, $minutes min;"
echo "   $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
rc=0
"$bin"/grpc_soak --target "127.0.0.1:$port" --questions \
  "$work/questions-$persons-$seed/questions/hire.tsv" --hr-token "$hr" \
  --commissioner-token "$ethics" --rate "$rate" --minutes "$minutes" --trickle "$trickle" \
  --bucket-seconds "$bucket" --pid "$daemon" --db "$work/soak.db" --json "$work/soak.json" || rc=1
stop_daemon || rc=1
db_end=$(db_bytes)
calls=$(/usr/bin/python3 -c "import json,sys; d=json.load(open(sys.argv[1])); \
print(sum(m['calls'] + m['trickle_calls'] for m in d['buckets']))" "$work/soak.json")
echo
echo "database with its write-ahead log: $db_start bytes before, $db_end after (both after a clean stop)"
/usr/bin/python3 -c "import sys; a, b, c = map(int, sys.argv[1:]); \
print(f'  {c} calls: {(b - a) / c:.0f} bytes per call')" "$db_start" "$db_end" "$calls"
exit $rc
