#!/usr/bin/env bash
# Builds the fuzz targets of fuzz/ as libFuzzer binaries, everything with ASan and UBSan (clang,
# COIGRAPH_FUZZ=ON, in build-fuzz/), and runs each for a number of executions or a time, from its
# seeds (made from examples/demo) and what earlier runs found. Prints, per target, the executions,
# the seconds, exec/s and the corpus size, or the crash and its input. docs/fuzzing.md says more.
#
# usage: scripts/fuzz.sh [--runs N | --time SECONDS] [TARGET...]
#   --runs N        executions per target (default 10000000)
#   --time SECONDS  seconds per target instead
#   TARGET          csv_reader field_parsers feed_file feed service_requests (default: all)
# Environment: COIGRAPH_FUZZ_ARGS, more libFuzzer flags (e.g. "-max_len=4096").
#
# Corpus kept between runs: build-fuzz/fuzz-corpus/TARGET/. A crash's input:
# build-fuzz/fuzz-crashes/TARGET/crash-..., replayed with build-fuzz/bin/fuzz_TARGET FILE. The
# exit status is 1 when a target crashed, 0 when none did.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=10000000
seconds=""
targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --time) seconds="$2"; shift 2 ;;
    -h | --help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "fuzz.sh: unknown option $1" >&2; exit 2 ;;
    *) targets+=("$1"); shift ;;
  esac
done
if [ ${#targets[@]} -eq 0 ]; then
  targets=(csv_reader field_parsers feed_file feed service_requests)
fi

if [ ! -f build-fuzz/CMakeCache.txt ]; then
  CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCOIGRAPH_FUZZ=ON \
    -DCOIGRAPH_BUILD_TESTS=OFF >/dev/null
fi
cmake --build build-fuzz -j"$(nproc)" --target "${targets[@]/#/fuzz_}"

limit=(-runs="$runs")
if [ -n "$seconds" ]; then limit=(-max_total_time="$seconds"); fi
export ASAN_OPTIONS="${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
status=0
printf '%-18s %12s %9s %9s %8s  %s\n' target runs seconds exec/s corpus result
for t in "${targets[@]}"; do
  corpus="build-fuzz/fuzz-corpus/$t"
  crashes="build-fuzz/fuzz-crashes/$t"
  log="build-fuzz/fuzz-logs/$t.log"
  mkdir -p "$corpus" "$crashes" "$(dirname "$log")"
  # The feed targets load a directory per input; past a few KiB an input is mostly rows that
  # load like the rows before them, and costs milliseconds under ASan. Keep them short.
  # The CSV reader's chunks are 1 to 64 bytes: an input of 1 KiB crosses enough of their
  # boundaries, and each input is read three times, mostly a byte at a time.
  extra=()
  case "$t" in
    feed | feed_file) extra=(-max_len=8192) ;;
    csv_reader) extra=(-max_len=1024) ;;
  esac
  start=$(date +%s.%N)
  result=ok
  # shellcheck disable=SC2086
  if ! "build-fuzz/bin/fuzz_$t" "${limit[@]}" "${extra[@]}" -timeout=20 -print_final_stats=1 \
      -artifact_prefix="$crashes/" ${COIGRAPH_FUZZ_ARGS:-} "$corpus" "build-fuzz/fuzz/corpus/$t" \
      >"$log" 2>&1; then
    result="CRASH: $(grep -o "Test unit written to .*" "$log" | tail -1 | cut -d' ' -f5-) (see $log)"
    status=1
  fi
  end=$(date +%s.%N)
  done_runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  elapsed=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.0f", b - a }')
  rate=$(awk -v n="${done_runs:-0}" -v s="$elapsed" 'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }')
  size=$(find "$corpus" -type f | wc -l)
  printf '%-18s %12s %9s %9s %8s  %s\n' "$t" "${done_runs:-?}" "$elapsed" "$rate" "$size" "$result"
done
exit $status
