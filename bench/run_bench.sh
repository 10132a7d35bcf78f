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
#   --smoke    1e4 only, 1 run, fewer questions, every available peer; fails when answers
#              differ. No timing assertions: for CI.
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
while [ $# -gt 0 ]; do
  case "$1" in
    --scales) scales="$2"; shift 2 ;;
    --peers) peers="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --cap) cap="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    --build) build="$2"; shift 2 ;;
    --smoke) smoke=1; shift ;;
    -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
    *) echo "run_bench.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
if [ $smoke -eq 1 ]; then
  scales=1e4; runs=1; cap=300; hire=200; tenders=50; paths=30
fi

PY=/usr/bin/python3   # Debian's interpreter: python3-igraph / -networkx / -psycopg2 live there

# Build what is missing (own build dir; no service, no tests).
if [ ! -x "$build/bin/coigraph_bench" ] || [ ! -x "$build/bin/gen_region" ]; then
  [ -f "$build/CMakeCache.txt" ] || cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release \
      -DCOIGRAPH_BUILD_SERVICE=OFF -DCOIGRAPH_BUILD_TESTS=OFF >/dev/null
  cmake --build "$build" -j2 --target coigraph_bench gen_region >/dev/null
fi

persons_of() { $PY -c "print(int(float('$1')))"; }

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
  rm -rf "$out/coigraph"
  for peer in "${peer_list[@]}"; do rm -rf "${out:?}/$peer"; done
  mkdir -p "$out"
  echo "== $scale: coigraph_bench"
  "$build/bin/coigraph_bench" --feed "$feed" --out "$out/coigraph" --runs "$runs" \
      --hire "$hire" --tenders "$tenders" --paths "$paths" --seed "$seed"
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
    timeout --signal=TERM --kill-after=30 "$total_cap" $cmd --feed "$feed" \
        --questions "$out/coigraph/questions" --out "$out/$peer" --runs "$runs" --cap "$cap" \
        2> >(tee "$out/$peer/stderr.log" >&2)
    rc=$?
    set -e
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
