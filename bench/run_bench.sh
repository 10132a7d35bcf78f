#!/usr/bin/env bash
# One command for issue 4: generate each scale, run coigraph_bench and the peers on the same
# feed and the same questions, compare the answers, print the table.
#
#   bench/run_bench.sh [--scales 1e4,1e6,2e7] [--peers pg,igraph,networkx,kuzu] [--runs 5]
#                      [--cap 600] [--seed 1] [--work DIR] [--build DIR] [--smoke]
#
#   --scales   persons per generated region (1e4 = 10000)
#   --peers    which peers to run (networkx only up to 1e6)
#   --runs     runs per timed question (medians of at least 5 for published figures)
#   --cap      seconds per question and peer (all runs); past it: "did not finish"
#   --work     where feeds, answers and timings go (default /tmp/coigraph-bench)
#   --build    the CMake build dir holding bin/coigraph_bench and bin/gen_region
#              (default build-bench; configured and built when missing)
#   --grpc-seconds  seconds of each open-loop gRPC run at 2,000 CheckHire/s (default 10; 0 skips
#              the gRPC step)
#   --keep-ours  reuse coigraph's results of an earlier invocation at a scale when present (same
#              questions: they are seeded) and run only the peers; e.g. Kuzu with other --runs
#   --smoke    1e4 only, 1 run, fewer questions, every available peer; fails when answers
#              differ. No timing assertions: for CI.
#
# gRPC: after coigraph_bench, coigraphd is started on the same feed (127.0.0.1, a free port, a
# throw-away database and tokens file) and bench/grpc_hire_load sends the same hire questions at
# a fixed 2,000 checks/s (--runs times), then back to back (the throughput ceiling).
#
# A peer whose answers differ from ours on a question gets no time for it: the table says
# "answers different" and the first differences are printed. Peers are installed by
# bench/peers/install_peers.sh (Debian packages and npm); nothing is downloaded here.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
scales="1e4,1e6,2e7"
peers="pg,igraph,networkx,kuzu"
runs=5
cap=600
seed=1
work=/tmp/coigraph-bench
build="$root/build-bench"
smoke=0
hire=1000
tenders=200
paths=100
grpc_seconds=10
keep_ours=0
while [ $# -gt 0 ]; do
  case "$1" in
    --scales) scales="$2"; shift 2 ;;
    --peers) peers="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --cap) cap="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    --build) build="$2"; shift 2 ;;
    --grpc-seconds) grpc_seconds="$2"; shift 2 ;;
    --keep-ours) keep_ours=1; shift ;;
    --smoke) smoke=1; shift ;;
    -h|--help) sed -n '2,29p' "$0"; exit 0 ;;
    *) echo "run_bench.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
if [ $smoke -eq 1 ]; then
  scales=1e4; runs=1; cap=300; hire=200; tenders=50; paths=30; grpc_seconds=0
fi

PY=/usr/bin/python3   # Debian's interpreter: python3-igraph / -networkx / -psycopg2 live there

# Build what is missing (own build dir, Release, no tests; the service only for the gRPC step).
targets="coigraph_bench gen_region"
[ "$grpc_seconds" != 0 ] && targets="$targets coigraphd grpc_hire_load"
missing=0
for t in $targets; do [ -x "$build/bin/$t" ] || missing=1; done
if [ $missing -eq 1 ]; then
  service=OFF
  [ "$grpc_seconds" != 0 ] && service=ON
  # (Re)configured: a build dir made without the service gets it when the gRPC step needs it.
  cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DCOIGRAPH_BUILD_SERVICE=$service \
      -DCOIGRAPH_BUILD_TESTS=OFF >/dev/null
  # shellcheck disable=SC2086
  cmake --build "$build" -j2 --target $targets >/dev/null
fi

persons_of() { $PY -c "print(int(float('$1')))"; }

# CheckHire over gRPC: coigraphd on `feed`, grpc_hire_load with the hire questions of `out`.
# Writes out/grpc-run<i>.json and out/grpc.json (medians); returns non-zero when a step failed.
grpc_bench() {  # feed out
  local feed="$1" out="$2" tmp pid port="" rc=0
  tmp=$(mktemp -d)
  rm -f "$out"/grpc-run*.json "$out"/grpc-closed*.json "$out/grpc.json"
  local token="bench-$RANDOM-$RANDOM"
  echo "hr_system bench $(printf '%s' "$token" | sha256sum | cut -d' ' -f1)" >"$tmp/tokens"
  "$build/bin/coigraphd" --feeds "$feed" --db "$tmp/db" --listen 127.0.0.1:0 \
      --tokens "$tmp/tokens" >"$tmp/out" 2>"$tmp/err" &
  pid=$!
  # The server loads and scans the feed before it listens (~1 min at 2e7).
  for _ in $(seq 1 1800); do
    port=$(sed -n 's/^listening on 127.0.0.1:\([0-9]*\)$/\1/p' "$tmp/out")
    [ -n "$port" ] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  if [ -z "$port" ]; then
    echo "== coigraphd did not start:" >&2
    cat "$tmp/err" >&2
    kill "$pid" 2>/dev/null || true
    rm -rf "$tmp"
    return 1
  fi
  # The open-loop runs first, then the closed-loop ones: a closed loop appends ~35,000 audit
  # records in 5 s, and their checkpoint would land in the next open-loop run.
  for i in $(seq 1 "$runs"); do
    "$build/bin/grpc_hire_load" --target "127.0.0.1:$port" --token "$token" \
        --questions "$out/questions/hire.tsv" --rate 2000 --seconds "$grpc_seconds" \
        --closed-seconds 0 --json "$out/grpc-run$i.json" || rc=1
  done
  for i in $(seq 1 "$runs"); do
    "$build/bin/grpc_hire_load" --target "127.0.0.1:$port" --token "$token" \
        --questions "$out/questions/hire.tsv" --seconds 0 --threads 4 --closed-seconds 5 \
        --json "$out/grpc-closed$i.json" >/dev/null || rc=1
  done
  kill -TERM "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  rm -rf "$tmp"
  $PY - "$out" "$runs" <<'PYEOF' || rc=1
import json, statistics, sys
out, runs = sys.argv[1], int(sys.argv[2])
rs = [json.load(open(f"{out}/grpc-run{i}.json")) for i in range(1, runs + 1)]
cs = [json.load(open(f"{out}/grpc-closed{i}.json")) for i in range(1, runs + 1)]
med = {k: statistics.median(r[k] for r in rs)
       for k in ("p50_ms", "p90_ms", "p99_ms", "p999_ms", "max_ms", "achieved_rate")}
med.update(closed_rate=statistics.median(c["closed_rate"] for c in cs),
           runs=runs, rate=rs[0]["rate"], seconds=rs[0]["seconds"],
           errors=sum(r["errors"] for r in rs) + sum(c["closed_errors"] for c in cs),
           p99_ms_runs=[r["p99_ms"] for r in rs], closed_rate_runs=[c["closed_rate"] for c in cs])
json.dump(med, open(f"{out}/grpc.json", "w"), indent=1)
PYEOF
  return $rc
}

# A PostgreSQL cluster left running by a pg peer killed at its cap: stopped (immediate shutdown)
# and removed.
stop_leftover_pg() {  # server_base_file
  [ -f "$1" ] || return 0
  local base pid
  base=$(cat "$1")
  rm -f "$1"
  if [ -f "$base/data/postmaster.pid" ]; then
    pid=$(head -1 "$base/data/postmaster.pid")
    # Only that cluster's postmaster (the pid file may be stale and the pid reused).
    if tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$base/data"; then
      kill -QUIT "$pid" 2>/dev/null && echo "== stopped the PostgreSQL server the peer left running"
    fi
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  fi
  case "$base" in /tmp/coigraph-pg-*) rm -rf "$base" ;; esac
}

peer_cmd() {  # peer feed questions out
  case "$1" in
    pg) echo "$PY $root/bench/peers/pg/pg_peer.py" ;;
    igraph) echo "$PY $root/bench/peers/igraph/igraph_peer.py" ;;
    networkx) echo "$PY $root/bench/peers/networkx/networkx_peer.py" ;;
    kuzu) echo "node $root/bench/peers/kuzu/kuzu_peer.js" ;;
    *) return 1 ;;
  esac
}

if ! "$root/bench/peers/install_peers.sh" --check; then
  echo "run_bench.sh: some peers are not installed (bench/peers/install_peers.sh); they will fail" >&2
fi

failed=0
IFS=, read -r -a scale_list <<<"$scales"
IFS=, read -r -a peer_list <<<"$peers"
for scale in "${scale_list[@]}"; do
  n=$(persons_of "$scale")
  feed="$work/feeds/$scale-seed$seed"
  out="$work/results/$scale"
  if [ ! -f "$feed/.complete" ]; then
    rm -rf "$feed"
    echo "== $scale: gen_region --persons $n --seed $seed"
    "$build/bin/gen_region" --out "$feed" --persons "$n" --seed "$seed"
    touch "$feed/.complete"
  fi
  # Only what this invocation reruns is replaced: a peer measured by an earlier invocation
  # (--peers kuzu after --peers pg,igraph,networkx) keeps its results for the table.
  for peer in "${peer_list[@]}"; do rm -rf "${out:?}/$peer"; done
  mkdir -p "$out"
  if [ $keep_ours -eq 1 ] && [ -f "$out/coigraph/timings.json" ]; then
    echo "== $scale: coigraph_bench results kept from an earlier run"
  else
    rm -rf "$out/coigraph"
    echo "== $scale: coigraph_bench"
    "$build/bin/coigraph_bench" --feed "$feed" --out "$out/coigraph" --runs "$runs" \
        --hire "$hire" --tenders "$tenders" --paths "$paths" --seed "$seed"
  fi
  if [ "$grpc_seconds" != 0 ] && [ ! -f "$out/coigraph/grpc.json" ]; then
    echo "== $scale: coigraphd + grpc_hire_load (CheckHire at 2,000/s, $runs runs of $grpc_seconds s)"
    grpc_bench "$feed" "$out/coigraph" || { echo "== $scale: the gRPC step failed" >&2; failed=1; }
  fi
  for peer in "${peer_list[@]}"; do
    if [ "$peer" = networkx ] && [ "$n" -gt 1000000 ]; then
      echo "== $scale: networkx skipped (1e4 and 1e6 only)"
      continue
    fi
    cmd=$(peer_cmd "$peer") || { echo "run_bench.sh: unknown peer $peer" >&2; exit 2; }
    mkdir -p "$out/$peer"
    echo "== $scale: $peer"
    # Each question has its own cap inside the peer; the whole process gets room for the load,
    # four questions and the server's start and stop.
    total_cap=$((cap * 6 + 120))
    set +e
    # A peer's load takes minutes from 1e6 persons on (PostgreSQL ~3 min, Kuzu ~8 min at 1e6):
    # there it is loaded once; its questions still run --runs times.
    load_runs=$runs
    [ "$n" -ge 1000000 ] && load_runs=1
    COIGRAPH_PG_BASE_FILE="$out/$peer/server_base" \
      timeout --signal=TERM --kill-after=30 "$total_cap" $cmd --feed "$feed" \
        --questions "$out/coigraph/questions" --out "$out/$peer" --runs "$runs" --cap "$cap" \
        --load-runs "$load_runs" \
        2> >(tee "$out/$peer/stderr.log" >&2)
    rc=$?
    set -e
    stop_leftover_pg "$out/$peer/server_base"
    if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then
      echo "== $scale: $peer did not finish within $total_cap s"
      echo "{\"status\": \"dnf\", \"cap_s\": $total_cap}" >"$out/$peer/status.json"
    elif [ $rc -ne 0 ]; then
      echo "== $scale: $peer failed (exit $rc), see $out/$peer/stderr.log"
      echo "{\"status\": \"failed\", \"exit\": $rc}" >"$out/$peer/status.json"
      failed=1
      continue
    fi
    # Answers first: a question whose answers differ gets no time in the table.
    if ! $PY "$root/bench/compare_answers.py" "$out/coigraph" "$out/$peer" \
        --json "$out/$peer/equality.json"; then
      echo "== $scale: $peer: answers differ from coigraph's; its timings for those questions are withheld"
      failed=1
    fi
  done
done

echo
$PY "$root/bench/report.py" "$work/results" --markdown "$work/results/table.md"
echo "(table also in $work/results/table.md)"
if [ $smoke -eq 1 ]; then
  exit $failed
fi
