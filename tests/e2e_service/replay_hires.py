#!/usr/bin/python3
"""Replays every employment of a feed through CheckHire, as an HR system that keeps its own
records would, and compares the conflicts with the hiring findings of `coigraph scan`.

Independent of coigraph's loader: employment.csv and positions.csv are read with Python's csv
module, the scan's JSON lines with json, and the calls go through Debian's python3-grpcio.

usage: replay_hires.py ADDRESS TOKEN FEED_DIR SCAN_JSONL

For every employment (person_iin, position_id, valid_from, appointed_by_iin,
selection_commission_id) one CheckHire: candidate = the person, position = the post, date = the
first day, with its appointer and selection commission. Each conflict answered is the tuple
(candidate, post, day, rule, case_id).

The scan's side: a hiring finding is "of" the employment that starts on the finding's date and
is one of its two ends: the appointee or lower holder (counterparty, object_id), or, for
HIRE_SUBORDINATION and HIRE_CHAIN, the upper holder (official) in a post above object_id in its
reporting line. A finding that starts on another day (the two became kin while both served) is
of no employment, and no hire's check can see it.

One deliberate difference: the scan reports a conflict once, as its case, at the first day it
holds. When the same person is hired again into the same post while the conflict holds again
(a second employment of the same pair), that hire's check answers the same case again: it is
listed as AGAIN, not as a difference, when the same (candidate, post, rule, case) is a finding of
an earlier employment.

Prints "calls N conflicts N findings N expected N again N", then one line per difference:
  MISSING c p d rule case   the scan's finding of an employment that its check did not answer
  EXTRA c p d rule case     a conflict answered that is no finding of that employment
  ERROR c p d code message  a check that failed
and the AGAIN lines. Exit 0 when there is no difference, 1 otherwise.
"""
import csv
import hashlib
import json
import os
import sys

import grpc

from coigraph.v1 import coigraph_pb2

HIRING = {"HIRE_SUBORDINATION", "HIRE_CHAIN", "HIRE_APPOINTER", "HIRE_COMMISSION"}
LINE = {"HIRE_SUBORDINATION", "HIRE_CHAIN"}


def case_id(rule, object_id, official, counterparty):
    """service/case_store.h CaseIdOf, from its documented definition (docs/service.md, "Cases")."""
    text = "|".join((rule, object_id, official, counterparty)).encode("utf-8")
    return "C-" + hashlib.sha256(text).hexdigest()[:20]


def read_csv(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def main(argv):
    if len(argv) != 5:
        print(__doc__, file=sys.stderr)
        return 2
    address, token, feed, scan_path = argv[1:]
    employments = read_csv(os.path.join(feed, "employment.csv"))
    reports_to = {r["position_id"]: r.get("reports_to", "") for r in
                  read_csv(os.path.join(feed, "positions.csv"))}

    def above(upper, lower):
        """Whether `upper` is above `lower` in its reporting line."""
        seen = set()
        p = reports_to.get(lower, "")
        while p and p not in seen:
            if p == upper:
                return True
            seen.add(p)
            p = reports_to.get(p, "")
        return False

    starts = {}  # (person, day) -> posts whose employment starts that day
    for e in employments:
        starts.setdefault((e["person_iin"], e["valid_from"]), set()).add(e["position_id"])

    expected = set()
    findings = 0
    with open(scan_path, encoding="utf-8") as f:
        for line in f:
            x = json.loads(line)
            if x["rule"] not in HIRING:
                continue
            findings += 1
            day, lower = x["date"], x["object_id"]
            case = case_id(x["rule"], lower, x["official"], x["counterparty"])
            if lower in starts.get((x["counterparty"], day), ()):
                expected.add((x["counterparty"], lower, day, x["rule"], case))
            if x["rule"] in LINE:
                for post in starts.get((x["official"], day), ()):
                    if above(post, lower):
                        expected.add((x["official"], post, day, x["rule"], case))

    answered = set()
    errors = []
    with grpc.insecure_channel(address) as channel:
        check_hire = channel.unary_unary(
            "/coigraph.v1.Coigraph/CheckHire",
            request_serializer=coigraph_pb2.CheckHireRequest.SerializeToString,
            response_deserializer=coigraph_pb2.CheckHireResponse.FromString)
        for e in employments:
            key = (e["person_iin"], e["position_id"], e["valid_from"])
            request = coigraph_pb2.CheckHireRequest(
                candidate_iin=key[0], position_id=key[1], date=key[2],
                appointed_by_iin=e.get("appointed_by_iin", ""),
                selection_commission_id=e.get("selection_commission_id", ""),
                purpose="replay of employment.csv")
            try:
                response = check_hire(
                    request, timeout=30, metadata=[("authorization", "Bearer " + token)])
            except grpc.RpcError as err:
                errors.append(key + (err.code().name, err.details()))
                continue
            for c in response.conflicts:
                answered.add(key + (c.rule, c.case_id))

    first_day = {}  # (candidate, post, rule, case) -> the day of its finding
    for c, p, d, rule, case in expected:
        first_day[(c, p, rule, case)] = min(d, first_day.get((c, p, rule, case), d))
    again = {t for t in answered - expected
             if first_day.get((t[0], t[1], t[3], t[4]), t[2]) < t[2]}
    missing = expected - answered
    extra = answered - expected - again
    print("calls", len(employments), "conflicts", len(answered), "findings", findings,
          "expected", len(expected), "again", len(again))
    for t in sorted(missing):
        print("MISSING", *t)
    for t in sorted(extra):
        print("EXTRA", *t)
    for t in errors:
        print("ERROR", *t)
    for t in sorted(again):
        print("AGAIN", *t)
    return 0 if not missing and not extra and not errors else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
