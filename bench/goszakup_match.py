#!/usr/bin/env python3
"""How well the goszakup importer matched commission members given by name.

usage: goszakup_match.py TRUTH_MEMBERS.csv IMPORTED_FEED_DIR [REGION_SCAN.jsonl IMPORTED_SCAN.jsonl]

TRUTH_MEMBERS.csv is gen_region --goszakup's truth_members.csv: each commission record given by
name (trd_buy_id, fio, the IIN it stands for, the spelling). The imported feed's
commission_members.csv holds the matches (matched_name, person_iin); .import/unresolved_members.csv
the members left unresolved. Prints precision (matches that are the right person / matches) and
recall (right matches / members given by name), in all and per spelling. With the two scans, also
the TENDER_COMMISSION findings of the region found again in the imported feed.
"""
import collections
import csv
import json
import sys


def main():
    if len(sys.argv) not in (3, 5):
        sys.exit(__doc__)
    truth = {}
    spelling = {}
    with open(sys.argv[1], newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            key = (row["trd_buy_id"], row["fio"])
            truth[key] = row["iin"]
            spelling[key] = row["spelling"]
    matched = {}
    with open(sys.argv[2] + "/commission_members.csv", newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row.get("matched_name") and row["commission_id"].startswith("gz-"):
                matched[(row["commission_id"][3:], row["matched_name"])] = row["person_iin"]
    unresolved = 0
    with open(sys.argv[2] + "/.import/unresolved_members.csv", newline="", encoding="utf-8") as f:
        unresolved = sum(1 for _ in csv.DictReader(f))

    total = collections.Counter()
    right = collections.Counter()
    wrong = collections.Counter()
    for key, iin in truth.items():
        kind = spelling[key]
        for k in (kind, "all"):
            total[k] += 1
        got = matched.get(key)
        if got is None:
            continue
        for k in (kind, "all"):
            if got == iin:
                right[k] += 1
            else:
                wrong[k] += 1
    print(f"members given by name: {total['all']}, matched {right['all'] + wrong['all']}, "
          f"unresolved {unresolved}")
    print(f"{'spelling':<14}{'members':>9}{'right':>9}{'wrong':>7}{'precision':>11}{'recall':>9}")
    for k in sorted(total, key=lambda k: (k == "all", k)):
        m = right[k] + wrong[k]
        precision = right[k] / m if m else float("nan")
        recall = right[k] / total[k] if total[k] else float("nan")
        print(f"{k:<14}{total[k]:>9}{right[k]:>9}{wrong[k]:>7}{precision:>11.4f}{recall:>9.4f}")

    if len(sys.argv) == 5:
        def commission_findings(path):
            out = {}
            with open(path, encoding="utf-8") as f:
                for line in f:
                    d = json.loads(line)
                    if d["rule"] == "TENDER_COMMISSION":
                        out[(d["object_id"], d["official"], d["counterparty"])] = d
            return out
        region = commission_findings(sys.argv[3])
        imported = commission_findings(sys.argv[4])
        found = sum(1 for k in region if k in imported)
        extra = [k for k in imported if k not in region]
        named = sum(1 for d in imported.values() if d.get("evidence") == "name_matched")
        print(f"TENDER_COMMISSION findings: region {len(region)}, found again {found} "
              f"({found / max(len(region), 1):.4f}); imported {len(imported)} "
              f"({named} name_matched), not in the region {len(extra)}")


if __name__ == "__main__":
    main()
