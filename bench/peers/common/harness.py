"""The timing harness of the Python peers: same questions, same answer files, same timings.json
layout as coigraph_bench (bench/bench_questions.h).

A peer module gives a `Peer` class:
    Peer.load(feed_dir) -> session            (timed as "load")
    session.scan() -> [line]                   (HIRE_* and TENDER_COMMISSION, answers/scan.tsv)
    session.hire(q) -> [line]                  q: dict of questions/hire.tsv
    session.tender(q) -> [line]                q: dict of questions/tender.tsv
    session.paths(q) -> [length]               q: dict of questions/paths.tsv
    session.close()
Each question has a cap (--cap seconds for all its runs); past it the question is recorded as
"dnf" and its answers are not written.
"""

import argparse
import csv
import gc
import json
import os
import resource
import sys
import time


def read_questions(qdir, name):
    with open(os.path.join(qdir, name), newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def timing(samples):
    s = sorted(samples)
    if not s:
        return {"median_s": 0, "p50_s": 0, "p99_s": 0, "n": 0, "samples": []}

    def pct(q):
        import math
        r = math.ceil(q * len(s))
        return s[max(0, min(len(s) - 1, r - 1))]

    return {"median_s": pct(0.5), "p50_s": pct(0.5), "p99_s": pct(0.99), "n": len(s),
            "samples": samples[:1000]}


class Capped(Exception):
    pass


def run(tool, peer_cls, argv=None):
    ap = argparse.ArgumentParser(description=f"{tool} peer of coigraph_bench")
    ap.add_argument("--feed", required=True)
    ap.add_argument("--questions", required=True, help="OUT/questions of coigraph_bench")
    ap.add_argument("--out", required=True)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--load-runs", type=int, default=None)
    ap.add_argument("--cap", type=float, default=600.0, help="seconds per question, all runs")
    ap.add_argument("--skip", default="", help="comma-separated questions not to run")
    args = ap.parse_args(argv)
    load_runs = args.load_runs or args.runs
    skip = set(filter(None, args.skip.split(",")))
    os.makedirs(os.path.join(args.out, "answers"), exist_ok=True)
    result = {"tool": tool, "feed": args.feed, "runs": args.runs}

    def log(msg):
        print(f"[{tool}] {msg}", file=sys.stderr, flush=True)

    session = None
    load = []
    try:
        for _ in range(load_runs):
            if session is not None:
                session.close()
                session = None
                gc.collect()
            t0 = time.perf_counter()
            session = peer_cls.load(args.feed)
            load.append(time.perf_counter() - t0)
            if load[-1] > args.cap:
                break
        result["load"] = timing(load)
        result["rows"] = getattr(session, "rows", 0)
        if result["rows"] and load:
            result["rows_per_s"] = result["rows"] / result["load"]["median_s"]
        log(f"load {result['load']['median_s']:.3f} s")

        questions = {
            "hire": read_questions(args.questions, "hire.tsv"),
            "tender": read_questions(args.questions, "tender.tsv"),
            "paths": read_questions(args.questions, "paths.tsv"),
        }

        def per_query(name, fn, fmt):
            if name in skip:
                result[name] = {"skipped": True}
                return
            samples, lines = [], []
            spent = 0.0
            try:
                for r in range(args.runs):
                    for q in questions[name]:
                        t0 = time.perf_counter()
                        ans = fn(q)
                        dt = time.perf_counter() - t0
                        samples.append(dt)
                        spent += dt
                        if r == 0:
                            lines.extend(fmt(q, ans))
                        if spent > args.cap:
                            raise Capped()
            except Capped:
                # The answers of a complete first run are still comparable.
                complete = len(samples) >= len(questions[name])
                result[name] = {"dnf": True, "cap_s": args.cap, "answered": len(samples)}
                log(f"{name}: did not finish within {args.cap:.0f} s")
                if not complete:
                    return
            else:
                result[name] = timing(samples)
                log(f"{name} p50 {result[name]['p50_s'] * 1e3:.3f} ms")
            header = ("qid\tlengths" if name == "paths"
                      else "qid\trule\tobject_id\tdate\tofficial\tcounterparty\trelation")
            write(os.path.join(args.out, "answers", f"{name}.tsv"), header, lines)

        # Scan first: it is the one a relational shop runs nightly.
        if "scan" in skip:
            result["scan"] = {"skipped": True}
        else:
            samples, lines, spent = [], None, 0.0
            for r in range(args.runs):
                t0 = time.perf_counter()
                out = session.scan()
                samples.append(time.perf_counter() - t0)
                spent += samples[-1]
                if lines is None:
                    lines = out
                if spent > args.cap and r + 1 < args.runs:
                    break
            if spent > args.cap and len(samples) == 1:
                result["scan"] = {"dnf": True, "cap_s": args.cap, "one_run_s": samples[0]}
            else:
                result["scan"] = timing(samples)
            write(os.path.join(args.out, "answers", "scan.tsv"),
                  "rule\tobject_id\tdate\tofficial\tcounterparty\trelation", lines)
            log(f"scan {samples[0]:.3f} s, {len(lines)} findings")

        per_query("hire", session.hire, lambda q, a: [f"{q['qid']}\t{x}" for x in a])
        per_query("tender", session.tender, lambda q, a: [f"{q['qid']}\t{x}" for x in a])
        per_query("paths", session.paths,
                  lambda q, a: [f"{q['qid']}\t{','.join(str(n) for n in sorted(a))}"])
    finally:
        extra = getattr(session, "extra", None) if session is not None else None
        if extra:
            result.update(extra())
        if session is not None:
            session.close()
        result["peak_rss_kib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        with open(os.path.join(args.out, "timings.json"), "w") as f:
            json.dump(result, f)
            f.write("\n")


def write(path, header, lines):
    with open(path, "w", encoding="utf-8") as f:
        f.write(header + "\n")
        for line in sorted(lines):
            f.write(line + "\n")
