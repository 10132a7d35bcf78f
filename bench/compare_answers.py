#!/usr/bin/python3
"""Compares a peer's answers with coigraph's, question by question, before any time is shown.

  compare_answers.py OURS_DIR PEER_DIR [--json STATUS.json]

OURS_DIR and PEER_DIR hold answers/{hire,tender,scan,paths}.tsv (bench/bench_questions.h).
Prints the first differences of each question that differs; exit status 1 when any answered
question differs. A question the peer did not answer (skipped, did not finish) is "missing".
"""
import json
import os
import sys

QUESTIONS = ("scan", "hire", "tender", "paths")


def lines(path):
    with open(path, encoding="utf-8") as f:
        next(f, None)  # header
        return [l.rstrip("\n") for l in f if l.strip()]


def main(argv):
    ours, peer = argv[1], argv[2]
    status_path = argv[argv.index("--json") + 1] if "--json" in argv else None
    status, bad = {}, False
    name = os.path.basename(os.path.normpath(peer))
    for q in QUESTIONS:
        a, b = (os.path.join(d, "answers", f"{q}.tsv") for d in (ours, peer))
        if not os.path.exists(b):
            status[q] = "missing"
            continue
        x, y = lines(a), lines(b)
        sx, sy = set(x), set(y)
        if sx == sy and len(x) == len(y):
            status[q] = "equal"
            continue
        bad = True
        status[q] = "DIFFERENT"
        only_ours = sorted(sx - sy)
        only_peer = sorted(sy - sx)
        print(f"{name}: {q}: answers differ ({len(x)} lines ours, {len(y)} theirs; "
              f"{len(only_ours)} only ours, {len(only_peer)} only theirs)", file=sys.stderr)
        for l in only_ours[:8]:
            print(f"  - ours   {l}", file=sys.stderr)
        for l in only_peer[:8]:
            print(f"  + theirs {l}", file=sys.stderr)
    if status_path:
        with open(status_path, "w") as f:
            json.dump(status, f)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
