#!/usr/bin/python3
"""Prints the benchmark table (question x tool) from a run_bench.sh work directory.

  report.py WORK_DIR [--markdown OUT.md] [--tsv OUT.tsv]

WORK_DIR/<scale>/<tool>/timings.json (coigraph_bench or a peer's harness) and
WORK_DIR/<scale>/<tool>/equality.json (compare_answers.py), and WORK_DIR/<scale>/coigraph/grpc.json
(run_bench.sh's gRPC step: medians over the runs of grpc_hire_load). A peer's figure is shown only when
its answers to that question equal ours; otherwise the cell says why not.
"""
import json
import os
import sys

TOOLS = ["coigraph", "pg", "igraph", "networkx", "kuzu"]
# (row label, timings key, figure, unit scale, unit, compared question or None)
ROWS = [
    ("load + build", "load", "median_s", 1, "s", None),
    ("full scan, every rule", "scan_all", "median_s", 1, "s", None),
    ("full scan, HIRE_* + TENDER_COMMISSION", "scan", "median_s", 1, "s", "scan"),
    ("hire check p50", "hire", "p50_s", 1e6, "us", "hire"),
    ("hire check p99", "hire", "p99_s", 1e6, "us", "hire"),
    ("tender check p50", "tender", "p50_s", 1e6, "us", "tender"),
    ("tender check p99", "tender", "p99_s", 1e6, "us", "tender"),
    ("k=5 shortest paths p50", "paths", "p50_s", 1e6, "us", "paths"),
    ("radius-2 neighbourhood p50", "neighborhood", "p50_s", 1e6, "us", None),
]


def load_json(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def fmt(v, unit):
    if unit == "s":
        return f"{v:.3f} s" if v < 100 else f"{v:.0f} s"
    return f"{v:,.1f} µs" if v < 1e4 else f"{v / 1e3:,.1f} ms"


def scale_key(name):
    try:
        return float(name)
    except ValueError:
        return float("inf")


def cell(t, eq, key, fig, mult, unit, question, peer=False):
    if t is None:
        return None, "not run"
    if peer and question is None and key != "load":
        return None, "—"  # a question only coigraph answers
    if t.get("status") == "dnf":
        return None, f"did not finish (>{t.get('cap_s', '?')} s)"
    if t.get("status") == "failed":
        return None, "failed (see its stderr.log)"
    q = t.get(key)
    if q is None:
        return None, "—"
    if isinstance(q, dict) and q.get("dnf"):
        return None, f"did not finish (>{q.get('cap_s', '?'):.0f} s)"
    if isinstance(q, dict) and q.get("skipped"):
        return None, "skipped"
    if question and eq is not None and eq.get(question) != "equal":
        return None, f"answers {eq.get(question, 'missing').lower()}"
    v = q[fig] * mult
    return v, fmt(v, unit)


def grpc_rows(g, peer_count):
    """The CheckHire-over-gRPC rows (coigraph only: the peers have no service)."""
    if not g:
        return []
    rate = f"{g['rate']:,.0f}/s"
    rows = [(f"hire check over gRPC p50 at {rate}", fmt(g["p50_ms"] * 1e3, "us")),
            (f"hire check over gRPC p99 at {rate}", fmt(g["p99_ms"] * 1e3, "us")),
            ("hire check over gRPC, throughput ceiling", f"{g['closed_rate']:,.0f} checks/s")]
    if g.get("errors"):
        rows.append(("hire check over gRPC, failed calls", str(g["errors"])))
    return ["| " + " | ".join([label, text] + ["—"] * peer_count) + " |" for label, text in rows]


def main(argv):
    work = argv[1]
    md_path = argv[argv.index("--markdown") + 1] if "--markdown" in argv else None
    out = []
    scales = sorted((d for d in os.listdir(work) if os.path.isdir(os.path.join(work, d))
                     and os.path.exists(os.path.join(work, d, "coigraph", "timings.json"))),
                    key=scale_key)
    for scale in scales:
        base = os.path.join(work, scale)
        tools = [t for t in TOOLS if os.path.isdir(os.path.join(base, t))]
        timings = {t: load_json(os.path.join(base, t, "timings.json")) for t in tools}
        status = {t: load_json(os.path.join(base, t, "status.json")) or {} for t in tools}
        for t in tools:
            if status[t].get("status") in ("dnf", "failed"):
                timings[t] = {"status": status[t]["status"], "cap_s": status[t].get("cap_s")}
        equal = {t: load_json(os.path.join(base, t, "equality.json")) for t in tools}
        ours = timings.get("coigraph") or {}
        out.append(f"### {scale} persons ({ours.get('rows', '?')} feed rows, "
                   f"{ours.get('vertices', '?')} vertices, {ours.get('edges', '?')} edges)\n")
        peers = [t for t in tools if t != "coigraph"]
        head = ["question", "coigraph"] + [f"{p} (×ours)" for p in peers]
        out.append("| " + " | ".join(head) + " |")
        out.append("|" + "---|" * len(head))
        for label, key, fig, mult, unit, question in ROWS:
            ov, otext = cell(ours, None, key, fig, mult, unit, None)
            row = [label, otext]
            for p in peers:
                v, text = cell(timings[p], equal[p], key, fig, mult, unit, question, peer=True)
                if v is not None and ov:
                    text += f" ({v / ov:,.0f}×)" if v / ov >= 10 else f" ({v / ov:.1f}×)"
                row.append(text)
            out.append("| " + " | ".join(row) + " |")
            if key == "hire" and fig == "p99_s":
                out.extend(grpc_rows(load_json(os.path.join(base, "coigraph", "grpc.json")),
                                     len(peers)))
        extra = [f"rows/s {ours.get('rows_per_s', 0):,.0f}",
                 f"peak RSS {ours.get('peak_rss_kib', 0) / 1024:,.0f} MiB"
                 f" (after load {ours.get('load_peak_rss_kib', 0) / 1024:,.0f} MiB)"]
        for p in peers:
            t = timings[p] or {}
            if t.get("peak_rss_kib"):
                extra.append(f"{p} client peak RSS {t['peak_rss_kib'] / 1024:,.0f} MiB")
        out.append("")
        out.append("coigraph: " + "; ".join(extra) + ".")
        eqs = []
        for p in peers:
            e = equal[p]
            eqs.append(f"{p}: " + (", ".join(f"{k} {v}" for k, v in e.items()) if e else
                                   "answers not compared"))
        out.append("Answers: " + "; ".join(eqs) + ".\n")
    text = "\n".join(out)
    print(text)
    if md_path:
        with open(md_path, "w") as f:
            f.write(text + "\n")


if __name__ == "__main__":
    main(sys.argv)
