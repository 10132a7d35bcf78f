"""The conflict rules of docs/rules.md, written the way a Python shop would write them over a
graph library: the library stores the tie graph, this module walks it.

Only the questions of the benchmark are implemented: CheckHire (HIRE_SUBORDINATION, HIRE_CHAIN,
HIRE_APPOINTER, HIRE_COMMISSION), CheckTender (TENDER_COMMISSION, TENDER_AFFILIATED_BIDDERS,
TENDER_BLACKLIST_SUCCESSOR, TENDER_SIGNATORY of its contracts) and the full scan of the hiring
rules and TENDER_COMMISSION. The semantics are exactly graph/kinship.cc, graph/business.cc,
graph/rules_hiring.cc and graph/rules_procurement.cc; the answers must compare equal.

A graph backend gives `out(v)`: the ties leaving vertex v as tuples
(target, kind, role, valid_from, valid_to, entrepreneur). Persons are vertices 0..P-1,
organizations P..P+O-1. Dates are proleptic ordinals; open ends are NEG / POS.
"""

import csv
import datetime
import os

NEG = -(10**9)
POS = 10**9

# Tie kinds (what the target is to the source), as graph/snapshot.h.
PARENT, CHILD, SPOUSE, SIBLING, HOLDS, HELDBY = range(6)
ROLES = ["founder", "owner", "beneficial_owner", "director", "board_member"]
ROLE_CODE = {r: i for i, r in enumerate(ROLES)}
KIN_NAMES = ["self", "spouse", "parent", "child", "sibling", "parent.parent", "child.child",
             "spouse.parent", "spouse.sibling", "spouse.child", "child.spouse", "sibling.spouse",
             "parent.spouse"]
FIRST = {SPOUSE: 1, PARENT: 2, CHILD: 3, SIBLING: 4}
SECOND = {(PARENT, PARENT): 5, (CHILD, CHILD): 6, (SPOUSE, PARENT): 7, (SPOUSE, SIBLING): 8,
          (SPOUSE, CHILD): 9, (CHILD, SPOUSE): 10, (SIBLING, SPOUSE): 11, (PARENT, SPOUSE): 12}
STEP_ORDER = (SPOUSE, PARENT, CHILD, SIBLING)
SECOND_OF = {s: [(t, SECOND[(s, t)]) for t in STEP_ORDER if (s, t) in SECOND] for s in STEP_ORDER}
MAX_LINKS = 5


def day(text):
    return datetime.date.fromisoformat(text).toordinal() if text else None


def iso(d):
    return datetime.date.fromordinal(d).isoformat()


def rows(feed_dir, name):
    path = os.path.join(feed_dir, name)
    if not os.path.exists(path):
        return
    with open(path, newline="", encoding="utf-8-sig") as f:
        yield from csv.DictReader(f)


class Feed:
    """The tables of a feed directory, indexed the way the rules need them."""

    def __init__(self, feed_dir):
        self.iins = []
        self.person = {}
        for r in rows(feed_dir, "persons.csv"):
            if r["iin"] not in self.person:
                self.person[r["iin"]] = len(self.iins)
                self.iins.append(r["iin"])
        self.bins = []
        self.org = {}
        self.org_kind = []
        for r in rows(feed_dir, "organizations.csv"):
            if r["bin"] not in self.org:
                self.org[r["bin"]] = len(self.bins)
                self.bins.append(r["bin"])
                self.org_kind.append(r["kind"])
        P = len(self.iins)
        self.person_count = P
        # Edges: (source, target, kind, role, from, to, entrepreneur), both directions.
        self.edges = []
        add = self.edges.append
        for r in rows(feed_dir, "kinship.csv"):
            a, b = self.person.get(r["person_iin"]), self.person.get(r["relative_iin"])
            if a is None or b is None:
                continue
            vf, vt = day(r.get("valid_from")) or NEG, day(r.get("valid_to")) or POS
            rel = r["relation"]
            if rel in ("parent", "adoptive_parent"):
                add((a, b, CHILD, 0, vf, vt, False))
                add((b, a, PARENT, 0, vf, vt, False))
            elif rel in ("spouse", "sibling"):
                k = SPOUSE if rel == "spouse" else SIBLING
                add((a, b, k, 0, vf, vt, False))
                add((b, a, k, 0, vf, vt, False))
        for r in rows(feed_dir, "company_roles.csv"):
            c = self.org.get(r["company_bin"])
            if c is None:
                continue
            if r.get("holder_iin"):
                h = self.person.get(r["holder_iin"])
            else:
                h = self.org.get(r.get("holder_bin") or "")
                h = None if h is None else P + h
            if h is None:
                continue
            vf, vt = day(r.get("valid_from")) or NEG, day(r.get("valid_to")) or POS
            role = ROLE_CODE[r["role"]]
            add((h, P + c, HOLDS, role, vf, vt, False))
            add((P + c, h, HELDBY, role, vf, vt, False))
        for o, b in enumerate(self.bins):
            if self.org_kind[o] == "individual_entrepreneur" and b in self.person:
                p = self.person[b]
                add((p, P + o, HOLDS, 1, NEG, POS, True))
                add((P + o, p, HELDBY, 1, NEG, POS, True))

        self.position = {}
        self.position_ids = []
        self.position_org = []
        reports = []
        for r in rows(feed_dir, "positions.csv"):
            if r["position_id"] in self.position:
                continue
            self.position[r["position_id"]] = len(self.position_ids)
            self.position_ids.append(r["position_id"])
            reports.append(r.get("reports_to") or "")
        self.reports_to = [self.position.get(x) if x else None for x in reports]
        self.subordinates = [[] for _ in self.position_ids]
        for p, up in enumerate(self.reports_to):
            if up is not None:
                self.subordinates[up].append(p)
        self.in_tree = []  # False for a post whose chain runs into a reports_to cycle
        for p in range(len(self.position_ids)):
            depth, cur = 0, self.reports_to[p]
            while cur is not None and depth <= 1000:
                depth += 1
                cur = self.reports_to[cur]
            self.in_tree.append(depth <= 1000)

        self.commission = {}
        self.commission_valid = []
        for r in rows(feed_dir, "commissions.csv"):
            if r["commission_id"] in self.commission:
                continue
            self.commission[r["commission_id"]] = len(self.commission_valid)
            self.commission_valid.append(
                (day(r.get("valid_from")) or NEG, day(r.get("valid_to")) or POS))
        self.seats = [[] for _ in self.commission_valid]
        for r in rows(feed_dir, "commission_members.csv"):
            c, p = self.commission.get(r["commission_id"]), self.person.get(r["person_iin"])
            if c is None or p is None:
                continue
            self.seats[c].append(
                (p, day(r.get("valid_from")) or NEG, day(r.get("valid_to")) or POS))

        # Employment: (person, position, from, to, appointed_by, commission).
        self.employments = []
        seen = set()
        for r in rows(feed_dir, "employment.csv"):
            p, pos = self.person.get(r["person_iin"]), self.position.get(r["position_id"])
            if p is None or pos is None:
                continue
            key = (p, pos, r.get("valid_from"))
            if key in seen:
                continue
            seen.add(key)
            ap = self.person.get(r.get("appointed_by_iin") or "")
            com = self.commission.get(r.get("selection_commission_id") or "")
            self.employments.append((p, pos, day(r.get("valid_from")) or NEG,
                                     day(r.get("valid_to")) or POS, ap, com))
        self.employments_of_position = [[] for _ in self.position_ids]
        for e in self.employments:
            self.employments_of_position[e[1]].append(e)

        # Tenders: id -> (announced, commission); bids; contracts; blacklist.
        self.tender = {}
        self.tender_ids = []
        self.tender_day = []
        self.tender_commission = []
        for r in rows(feed_dir, "tenders.csv"):
            if r["tender_id"] in self.tender:
                continue
            self.tender[r["tender_id"]] = len(self.tender_ids)
            self.tender_ids.append(r["tender_id"])
            self.tender_day.append(day(r["announced_date"]))
            self.tender_commission.append(self.commission.get(r.get("commission_id") or ""))
        self.bids = [[] for _ in self.tender_ids]
        for r in rows(feed_dir, "bids.csv"):
            t, o = self.tender.get(r["tender_id"]), self.org.get(r["supplier_bin"])
            if t is not None and o is not None:
                self.bids[t].append((o, r["outcome"]))
        self.contracts_of_tender = [[] for _ in self.tender_ids]
        for r in rows(feed_dir, "contracts.csv"):
            t = self.tender.get(r.get("tender_id") or "")
            s = self.org.get(r["supplier_bin"])
            if t is None or s is None:
                continue
            self.contracts_of_tender[t].append(
                (r["contract_id"], s, day(r["signed_date"]),
                 self.person.get(r.get("signed_by_iin") or "")))
        self.blacklist = []
        for r in rows(feed_dir, "blacklist.csv"):
            o = self.org.get(r["supplier_bin"])
            if o is not None:
                self.blacklist.append(
                    (o, day(r.get("valid_from")) or NEG, day(r.get("valid_to")) or POS))

    def derived_siblings(self):
        """The sibling ties of the path questions derived from a shared parent (graph/paths.cc):
        (u, v, from, to) with u < v for every two parent facts p -> u and p -> v, on the interval
        on which both facts hold (left out when empty); the same tie on the same interval through
        a second parent (usually the other one) is listed once."""
        children = {}
        for a, b, k, _, vf, vt, _ in self.edges:
            if k == CHILD:
                children.setdefault(a, []).append((b, vf, vt))
        out = {}
        for kids in children.values():
            for i, (u, uf, ut) in enumerate(kids):
                for v, vf, vt in kids[i + 1:]:
                    f, t = max(uf, vf), min(ut, vt)
                    if u != v and f < t:
                        out[(min(u, v), max(u, v), f, t)] = None
        return list(out)

    def number(self, v):
        return self.iins[v] if v < self.person_count else self.bins[v - self.person_count]


class Rules:
    """The benchmark's questions over a feed and a graph backend with out(v)."""

    def __init__(self, feed, graph):
        self.f = feed
        self.out = graph.out

    # ---- kinship (graph/kinship.cc) ----
    def _steps(self, p, step, ok):
        out = self.out
        for t, k, _, vf, vt, _ in out(p):
            if k == step and t != p and ok(vf, vt):
                yield t, vf, vt
        if step != SIBLING:
            return
        for q, k, _, vf, vt, _ in out(p):
            if k != PARENT or not ok(vf, vt):
                continue
            for c, k2, _, vf2, vt2, _ in out(q):
                if k2 != CHILD or c == p or not ok(vf2, vt2):
                    continue
                a, b = max(vf, vf2), min(vt, vt2)
                if a < b and ok(a, b):
                    yield c, a, b

    def _kin_paths(self, a, ok):
        """Every legal kinship path out of a: (person, rank, from, to)."""
        for first in STEP_ORDER:
            for n1, vf1, vt1 in self._steps(a, first, ok):
                yield n1, FIRST[first], vf1, vt1
                for second, rank in SECOND_OF[first]:
                    for n2, vf2, vt2 in self._steps(n1, second, ok):
                        if n2 == a:
                            continue
                        x, y = max(vf1, vf2), min(vt1, vt2)
                        if x < y and ok(x, y):
                            yield n2, rank, x, y

    def legal_kin(self, a, d):
        best = {}
        for b, rank, _, _ in self._kin_paths(a, lambda vf, vt: vf <= d < vt):
            if rank < best.get(b, 99):
                best[b] = rank
        return best

    def closest(self, a, b, d):
        if a == b:
            return 0
        return self.legal_kin(a, d).get(b)

    def ever_kin(self, a):
        return {b for b, _, _, _ in self._kin_paths(a, lambda vf, vt: vf < vt)}

    def earliest(self, a, b, wf, wt):
        """(first day in [wf, wt) on which a and b are legal kin, closest rank that day)."""
        if a == b or wf >= wt:
            return None
        paths = [(vf, vt, r) for p, r, vf, vt in self._kin_paths(a, lambda vf, vt: vf < vt)
                 if p == b]
        first = None
        for vf, vt, _ in paths:
            x, y = max(vf, wf), min(vt, wt)
            if x < y and (first is None or x < first):
                first = x
        if first is None:
            return None
        return first, min(r for vf, vt, r in paths if vf <= first < vt)

    # ---- business ties (graph/business.cc) ----
    def holders(self, x, d):
        """person -> (links, role rank) of the closest tie to company x on d."""
        P = self.f.person_count
        best = {}
        seen = {x}
        frontier = [x]
        for links in range(MAX_LINKS + 1):
            if not frontier:
                break
            nxt = []
            for c in frontier:
                for t, k, role, vf, vt, ent in self.out(P + c):
                    if k != HELDBY or not (vf <= d < vt):
                        continue
                    owns = ent or role <= 2
                    if t < P:
                        if links > 0 and not owns:
                            continue
                        cand = (links, role * 2 + (0 if ent else 1))
                        if cand < best.get(t, (99, 99)):
                            best[t] = cand
                    elif links < MAX_LINKS and owns:
                        o = t - P
                        if o not in seen:
                            seen.add(o)
                            nxt.append(o)
            frontier = nxt
        return best

    # ---- rules ----
    @staticmethod
    def _offer(found, key, date, closeness, relation):
        old = found.get(key)
        if old is None or (date, closeness) < (old[0], old[1]):
            found[key] = (date, closeness, relation)

    def _pair(self, found, up, low, distance):
        if up[0] == low[0]:
            return
        t = self.earliest(up[0], low[0], max(up[2], low[2]), min(up[3], low[3]))
        if t is None:
            return
        rule = "HIRE_SUBORDINATION" if distance == 1 else "HIRE_CHAIN"
        key = (rule, self.f.position_ids[low[1]], up[0], low[0])
        self._offer(found, key, t[0], (t[1],), KIN_NAMES[t[1]])

    def _above(self, found, e):
        f = self.f
        pos = e[1]
        if not f.in_tree[pos] or f.reports_to[pos] is None:
            return
        ever = self.ever_kin(e[0])
        if not ever:
            return
        distance, upper = 0, f.reports_to[pos]
        while upper is not None:
            distance += 1
            for up in f.employments_of_position[upper]:
                if up[0] in ever:
                    self._pair(found, up, e, distance)
            upper = f.reports_to[upper]

    def _below(self, found, e):
        f = self.f
        if not f.in_tree[e[1]]:
            return
        ever = self.ever_kin(e[0])
        if not ever:
            return
        stack = [(e[1], 0)]
        while stack:
            p, distance = stack.pop()
            for lower in f.subordinates[p]:
                for low in f.employments_of_position[lower]:
                    if low[0] in ever:
                        self._pair(found, e, low, distance + 1)
                stack.append((lower, distance + 1))

    def members_on(self, c, d):
        if c is None:
            return []
        vf, vt = self.f.commission_valid[c]
        if not (vf <= d < vt):
            return []
        return sorted({p for p, sf, st in self.f.seats[c] if sf <= d < st})

    def _appointment(self, found, e):
        person, pos, start, _, appointer, commission = e
        if start == NEG:
            return
        post = self.f.position_ids[pos]
        if appointer is not None:
            r = self.closest(appointer, person, start)
            if r is not None:
                self._offer(found, ("HIRE_APPOINTER", post, appointer, person), start, (r,),
                            KIN_NAMES[r])
        if commission is not None:
            for m in self.members_on(commission, start):
                r = self.closest(m, person, start)
                if r is not None:
                    self._offer(found, ("HIRE_COMMISSION", post, m, person), start, (r,),
                                KIN_NAMES[r])

    def _person_to_company(self, official, kin, holders):
        best = None
        for h, (links, rr) in holders.items():
            kr = 0 if h == official else kin.get(h)
            if kr is None:
                continue
            c = (kr, links, rr, self.f.iins[h])
            if best is None or c < best:
                best = c
        return best

    def _tender_commission(self, found, t, bidders):
        f = self.f
        d = f.tender_day[t]
        members = self.members_on(f.tender_commission[t], d)
        if not members:
            return
        kin = {}
        for b in bidders:
            holders = self.holders(b, d)
            if not holders:
                continue
            for m in members:
                if m not in kin:
                    kin[m] = self.legal_kin(m, d)
                best = self._person_to_company(m, kin[m], holders)
                if best is None:
                    continue
                rel = KIN_NAMES[best[0]] + ">" + ROLES[best[2] // 2]
                self._offer(found, ("TENDER_COMMISSION", f.tender_ids[t], m,
                                    f.person_count + b), d, best, rel)

    def _company_to_company(self, kin_of, hx, hy):
        best = None
        for p, (lp, rp) in hx.items():
            for q, (lq, rq) in hy.items():
                kr = 0 if p == q else kin_of(p).get(q)
                if kr is None:
                    continue
                c = (kr, lp + lq, rp, rq, self.f.iins[p], self.f.iins[q])
                if best is None or c < best:
                    best = c
        return best

    def _bidders(self, t, winners_only):
        f = self.f
        return sorted({o for o, outcome in f.bids[t] if not winners_only or outcome == "won"},
                      key=lambda o: f.bins[o])

    def check_tender(self, t):
        f = self.f
        P = f.person_count
        d = f.tender_day[t]
        found = {}
        bidders = self._bidders(t, False)
        self._tender_commission(found, t, bidders)
        cache = {}

        def kin_of(p):
            if p not in cache:
                cache[p] = self.legal_kin(p, d)
            return cache[p]

        tid = f.tender_ids[t]
        if len(bidders) >= 2:
            hs = [self.holders(b, d) for b in bidders]
            for i in range(len(bidders)):
                for j in range(i + 1, len(bidders)):
                    best = self._company_to_company(kin_of, hs[i], hs[j])
                    if best is None:
                        continue
                    rel = ROLES[best[2] // 2] + "<" + KIN_NAMES[best[0]] + ">" + ROLES[best[3] // 2]
                    self._offer(found, ("TENDER_AFFILIATED_BIDDERS", tid, P + bidders[i],
                                        P + bidders[j]), d, best, rel)
        blacklisted = sorted({o for o, vf, vt in f.blacklist if vf <= d < vt})
        for w in self._bidders(t, True):
            hw = self.holders(w, d)
            for b in blacklisted:
                if b == w:
                    continue
                best = self._company_to_company(kin_of, hw, self.holders(b, d))
                if best is None:
                    continue
                rel = ROLES[best[2] // 2] + "<" + KIN_NAMES[best[0]] + ">" + ROLES[best[3] // 2]
                self._offer(found, ("TENDER_BLACKLIST_SUCCESSOR", tid, P + w, P + b), d, best,
                            rel)
        for cid, supplier, signed, signer in f.contracts_of_tender[t]:
            if signer is None:
                continue
            holders = self.holders(supplier, signed)
            if not holders:
                continue
            best = self._person_to_company(signer, self.legal_kin(signer, signed), holders)
            if best is None:
                continue
            rel = KIN_NAMES[best[0]] + ">" + ROLES[best[2] // 2]
            self._offer(found, ("TENDER_SIGNATORY", cid, signer, P + supplier), signed, best, rel)
        return self.lines(found)

    def check_hire(self, candidate, position, start, appointer, commission):
        found = {}
        # Judged on the date: a one-day stint meets only the holders of that day, and the tie
        # must hold on it (a later holder is found by their own check and by the scan).
        e = (candidate, position, start, start + 1, appointer, commission)
        self._above(found, e)
        self._below(found, e)
        self._appointment(found, e)
        return self.lines(found)

    def scan(self):
        """HIRE_* and TENDER_COMMISSION over the whole feed."""
        found = {}
        for e in self.f.employments:
            self._above(found, e)
            self._appointment(found, e)
        for t in range(len(self.f.tender_ids)):
            self._tender_commission(found, t, self._bidders(t, False))
        return self.lines(found)

    def lines(self, found):
        n = self.f.number
        return sorted(f"{rule}\t{obj}\t{iso(d)}\t{n(o)}\t{n(c)}\t{rel}"
                      for (rule, obj, o, c), (d, _, rel) in found.items())


class RulesSession:
    """The harness's session for a Python peer: the rules over `graph`, paths left to the
    subclass (the library's own k-shortest-paths)."""

    def __init__(self, feed, graph):
        self.feed = feed
        self.graph = graph
        self.rules = Rules(feed, graph)
        self.rows = getattr(feed, "rows", 0)

    def vertex(self, number, kind):
        if kind == "person":
            return self.feed.person[number]
        return self.feed.person_count + self.feed.org[number]

    def hire(self, q):
        f = self.feed
        ap = f.person.get(q["appointed_by_iin"]) if q["appointed_by_iin"] else None
        com = (f.commission.get(q["selection_commission_id"])
               if q["selection_commission_id"] else None)
        return self.rules.check_hire(f.person[q["candidate_iin"]], f.position[q["position_id"]],
                                     day(q["date"]), ap, com)

    def tender(self, q):
        return self.rules.check_tender(self.feed.tender[q["tender_id"]])

    def scan(self):
        return self.rules.scan()

    def close(self):
        pass
