#!/usr/bin/env bash
# The plot of docs/performance.md: time and memory against scale for coigraph and the peers,
# from a run_bench.sh results directory (gnuplot, Debian gnuplot-nox).
#
#   bench/plot.sh [RESULTS_DIR] [OUT.png]      (default /tmp/coigraph-bench/results, docs/performance.png)
#
# Panels: load + build (median s), full scan of HIRE_* + TENDER_COMMISSION (median s), hire check
# p50 (ms), peak RSS of the process (MiB; the PostgreSQL figure is its client's, not the
# server's). A peer's point is drawn only when its answers to that question equal ours.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
results="${1:-/tmp/coigraph-bench/results}"
out="${2:-$root/docs/performance.png}"
dat="$(mktemp -d)"
trap 'rm -rf "$dat"' EXIT

/usr/bin/python3 - "$results" "$dat" <<'PY'
import json, os, sys
results, dat = sys.argv[1], sys.argv[2]
tools = ["coigraph", "pg", "igraph", "networkx", "kuzu"]
def js(p):
    try:
        with open(p) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None
scales = sorted((d for d in os.listdir(results) if os.path.isdir(os.path.join(results, d))),
                key=lambda s: float(s) if s.replace('e', '').replace('.', '').isdigit() else 1e99)
for tool in tools:
    rows = []
    for s in scales:
        t = js(os.path.join(results, s, tool, "timings.json"))
        status = (js(os.path.join(results, s, tool, "status.json")) or {}).get("status")
        if not t or status in ("dnf", "failed"):
            continue  # killed at its cap or failed: what it wrote is not a finished run
        eq = js(os.path.join(results, s, tool, "equality.json")) or {}
        def fig(key, f, q):
            x = t.get(key)
            if not isinstance(x, dict) or x.get("dnf") or x.get("skipped") or f not in x:
                return "NaN"
            if tool != "coigraph" and q and eq.get(q) != "equal":
                return "NaN"
            return repr(x[f])
        load = fig("load", "median_s", None)
        scan = fig("scan", "median_s", "scan")
        hire = fig("hire", "p50_s", "hire")
        hire = "NaN" if hire == "NaN" else repr(float(hire) * 1e3)
        rss = t.get("peak_rss_kib")
        rows.append(f"{float(s):g} {load} {scan} {hire} {rss / 1024 if rss else 'NaN'}")
    with open(os.path.join(dat, f"{tool}.dat"), "w") as f:
        f.write("# persons load_s scan_s hire_p50_ms peak_rss_mib\n" + "\n".join(rows) + "\n")
with open(os.path.join(dat, "range.gp"), "w") as f:
    top = max([float(s) for s in scales if s.replace('e', '').replace('.', '').isdigit()] or [1e4])
    f.write(f"set xrange [5e3:{top * 2:g}]\n")
PY

gnuplot <<GP
set terminal pngcairo size 1600,1000 font "DejaVu Sans,12"
set output "$out"
set multiplot layout 2,2 title "coigraph and peers against scale (persons); a peer is drawn only where its answers equal ours"
set logscale xy
load "$dat/range.gp"
set format x "10^{%L}"
set grid
set key outside right top noenhanced
set linetype 1 lc rgb "#d62728" lw 3
set linetype 2 lc rgb "#1f77b4" lw 2
set linetype 3 lc rgb "#2ca02c" lw 2
set linetype 4 lc rgb "#9467bd" lw 2
set linetype 5 lc rgb "#ff7f0e" lw 2
set xlabel "persons"
tools = "coigraph pg igraph networkx kuzu"
file(t) = sprintf("$dat/%s.dat", t)
set ylabel "seconds"
set title "load + build (median)"
plot for [t in tools] file(t) using 1:2 with linespoints pt 7 ps 1.3 title t
set title "full scan, HIRE_* + TENDER_COMMISSION (median)" noenhanced
plot for [t in tools] file(t) using 1:3 with linespoints pt 7 ps 1.3 title t
set ylabel "milliseconds"
set title "hire check p50"
plot for [t in tools] file(t) using 1:4 with linespoints pt 7 ps 1.3 title t
set ylabel "MiB"
set title "peak RSS (pg: client only)"
plot for [t in tools] file(t) using 1:5 with linespoints pt 7 ps 1.3 title t
unset multiplot
GP
echo "plot: $out"
