#!/usr/bin/env python3
"""Counts the undeclared-tie hints of a generated region against the ties planted in it.

usage: hint_counts.py REGION_DIR HINTS_JSONL

REGION_DIR is what `gen_region --out REGION_DIR` wrote (its hints.jsonl lists the planted
undeclared ties, kind "hint", and their declared look-alikes, kind "trap"); HINTS_JSONL is the
output of `coigraph hints REGION_DIR --format jsonl`. Prints how many hints hit each planted tie,
how many hit a declared look-alike (must be 0), and how many hit no planted tie, with their ratio
to the planted ties. docs/rules.md, "Undeclared-tie hints", quotes it.
"""
import collections
import json
import sys


def key(tender, member, bidder, party, person):
    return (tender, member, bidder, party, person)


def main(argv):
    if len(argv) != 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    planted, traps = set(), set()
    with open(argv[1] + "/hints.jsonl", encoding="utf-8") as f:
        for line in f:
            p = json.loads(line)
            k = key(p["tender_id"], p["member"], p["bidder"], p["party"], p["person"])
            (traps if p["kind"] == "trap" else planted).add(k)
    per_tie = collections.Counter()
    on_traps = other = 0
    by_what = collections.Counter()
    with open(argv[2], encoding="utf-8") as f:
        for line in f:
            h = json.loads(line)
            person = h["person"] or h["person_name"]
            k = key(h["tender_id"], h["member"], h["bidder"], h["party"], person)
            if k in planted:
                per_tie[k] += 1
            elif k in traps:
                on_traps += 1
            else:
                other += 1
                what = ("name" if h["surname_stem"] else "") + \
                       ("+" if h["surname_stem"] and h["address"] else "") + \
                       ("address" if h["address"] else "")
                by_what[what + (" (bid filer)" if h["party"] == "bid_filer" else "")] += 1
    found = sum(1 for k in planted if per_tie[k] > 0)
    print(f"planted undeclared ties: {len(planted)}, hinted: {found} "
          f"(recall {found / max(len(planted), 1):.3f}), "
          f"hints per planted tie: {sum(per_tie.values()) / max(len(planted), 1):.2f}")
    print(f"declared look-alikes: {len(traps)}, hinted: {on_traps}")
    print(f"hints that hit no planted tie: {other} "
          f"({other / max(len(planted), 1):.2f} per planted tie)")
    for what, n in sorted(by_what.items()):
        print(f"  {what}: {n}")
    return 0 if found == len(planted) and on_traps == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
