"""PostgreSQL 15 peer: starts its own server in a temporary directory on a loopback port, loads
the CSVs with COPY, answers the benchmark's questions with recursive CTEs (schema.sql,
derived.sql and the queries below), and stops the server at the end.

Run with Debian's interpreter:  /usr/bin/python3 bench/peers/pg/pg_peer.py --feed DIR
  --questions OUT/questions --out OUT/pg [--runs 5] [--cap 600]
Needs postgresql-15 and python3-psycopg2 (bench/peers/install_peers.sh). As root, the server
runs as the `postgres` user (PostgreSQL refuses to run as root).
"""

import atexit
import csv
import datetime
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile

import psycopg2

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "common"))
import harness  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
PG_BIN = "/usr/lib/postgresql/15/bin"
FILES = ["persons", "kinship", "organizations", "positions", "employment", "commissions",
         "commission_members", "company_roles", "tenders", "bids", "contracts", "blacklist"]


class Server:
    """A throw-away PostgreSQL cluster: initdb in a temp dir, loopback port, fsync off."""

    def __init__(self):
        self.base = tempfile.mkdtemp(prefix="coigraph-pg-")
        self.data = os.path.join(self.base, "data")
        self.as_user = []
        if os.geteuid() == 0:
            pw = pwd.getpwnam("postgres")
            os.chown(self.base, pw.pw_uid, pw.pw_gid)
            self.as_user = ["runuser", "-u", "postgres", "--"]
        self.port = self._free_port()
        self.running = False
        # Where run_bench.sh finds the cluster to stop when the peer is killed at its time cap
        # (a SIGTERM cannot interrupt psycopg2 inside a query, so stop() would never run).
        base_file = os.environ.get("COIGRAPH_PG_BASE_FILE")
        if base_file:
            with open(base_file, "w") as f:
                f.write(self.base + "\n")
        self._run([f"{PG_BIN}/initdb", "-D", self.data, "-U", "bench", "--auth=trust",
                   "--locale=C", "--encoding=UTF8", "-N"])
        opts = (f"-p {self.port} -k {self.base} -c listen_addresses=127.0.0.1 -c fsync=off "
                "-c synchronous_commit=off -c full_page_writes=off -c shared_buffers=2GB "
                "-c work_mem=256MB -c maintenance_work_mem=1GB -c max_wal_size=16GB")
        self._run([f"{PG_BIN}/pg_ctl", "-D", self.data, "-l", os.path.join(self.base, "log"),
                   "-w", "-o", opts, "start"])
        self.running = True

    @staticmethod
    def _free_port():
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            return s.getsockname()[1]

    def _run(self, cmd):
        subprocess.run(self.as_user + cmd, check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE)

    def connect(self):
        return psycopg2.connect(host="127.0.0.1", port=self.port, user="bench", dbname="postgres")

    def stop(self):
        if self.running:
            self.running = False
            try:
                self._run([f"{PG_BIN}/pg_ctl", "-D", self.data, "-m", "fast", "-w", "stop"])
            except subprocess.CalledProcessError as e:
                print(f"[pg] stop failed: {e.stderr.decode(errors='replace')}", file=sys.stderr)
        shutil.rmtree(self.base, ignore_errors=True)


SERVER = None

REPORTING = """
hit AS (
  SELECT CASE WHEN p.dist = 1 THEN 'HIRE_SUBORDINATION' ELSE 'HIRE_CHAIN' END rule, p.low_pos,
         p.up_p, p.low_p, p.wf, p.wt, k.rank, k.vf, k.vt, greatest(k.vf, p.wf) x
  FROM pair p JOIN kin_path k ON k.a = p.up_p AND k.b = p.low_p
  WHERE k.vf < p.wt AND p.wf < k.vt),
firsts AS (SELECT h.*, min(x) OVER (PARTITION BY rule, low_pos, up_p, low_p) d FROM hit h)
SELECT DISTINCT ON (rule, low_pos, up_p, low_p) rule, low_pos, to_char(d, 'YYYY-MM-DD'), up_p,
       low_p, kin_name(rank)
FROM firsts WHERE vf <= d AND d < vt AND wf <= d AND d < wt
ORDER BY rule, low_pos, up_p, low_p, rank
"""

SCAN_REPORTING = """
WITH pair AS (
  SELECT pa.dist, el.position_id low_pos, eu.person_iin up_p, el.person_iin low_p,
         greatest(eu.vf, el.vf) wf, least(eu.vt, el.vt) wt
  FROM post_above pa JOIN emp el ON el.position_id = pa.low JOIN emp eu ON eu.position_id = pa.up
  WHERE eu.person_iin <> el.person_iin AND greatest(eu.vf, el.vf) < least(eu.vt, el.vt)),
""" + REPORTING

# Judged on the date: the holders of that day, tied on that day (a one-day window).
HIRE_REPORTING = """
WITH pair AS (
  SELECT pa.dist, %(pos)s low_pos, eu.person_iin up_p, %(c)s low_p,
         %(d)s::date wf, %(d)s::date + 1 wt
  FROM post_above pa JOIN emp eu ON eu.position_id = pa.up
  WHERE pa.low = %(pos)s AND eu.person_iin <> %(c)s AND eu.vf <= %(d)s::date
    AND %(d)s::date < eu.vt
  UNION ALL
  SELECT pa.dist, el.position_id, %(c)s, el.person_iin, %(d)s::date, %(d)s::date + 1
  FROM post_above pa JOIN emp el ON el.position_id = pa.low
  WHERE pa.up = %(pos)s AND el.person_iin <> %(c)s AND el.vf <= %(d)s::date
    AND %(d)s::date < el.vt),
""" + REPORTING

# Appointments: `e` is the employment table or the one hypothetical hire.
APPOINTMENTS = """
WITH e AS ({employments}),
cand AS (
  SELECT 'HIRE_APPOINTER' rule, position_id, vf d, appointed_by_iin o, person_iin c, 0 rank
  FROM e WHERE appointed_by_iin = person_iin
  UNION ALL
  SELECT 'HIRE_APPOINTER', e.position_id, e.vf, e.appointed_by_iin, e.person_iin, k.rank
  FROM e JOIN kin_path k ON k.a = e.appointed_by_iin AND k.b = e.person_iin
  WHERE k.vf <= e.vf AND e.vf < k.vt
  UNION ALL
  SELECT 'HIRE_COMMISSION', e.position_id, e.vf, s.person_iin, e.person_iin, 0
  FROM e JOIN seat s ON s.commission_id = e.selection_commission_id
  WHERE s.vf <= e.vf AND e.vf < s.vt AND s.person_iin = e.person_iin
  UNION ALL
  SELECT 'HIRE_COMMISSION', e.position_id, e.vf, s.person_iin, e.person_iin, k.rank
  FROM e JOIN seat s ON s.commission_id = e.selection_commission_id
  JOIN kin_path k ON k.a = s.person_iin AND k.b = e.person_iin
  WHERE s.vf <= e.vf AND e.vf < s.vt AND k.vf <= e.vf AND e.vf < k.vt)
SELECT DISTINCT ON (rule, position_id, o, c) rule, position_id, to_char(d, 'YYYY-MM-DD'), o, c,
       kin_name(rank)
FROM cand ORDER BY rule, position_id, o, c, d, rank
"""
SCAN_APPOINTMENTS = APPOINTMENTS.format(
    employments="SELECT * FROM emp WHERE vf > '-infinity'")
HIRE_APPOINTMENTS = APPOINTMENTS.format(
    employments="SELECT %(c)s::text person_iin, %(pos)s::text position_id, %(d)s::date vf, "
                "%(ap)s::text appointed_by_iin, %(com)s::text selection_commission_id")

TENDER_COMMISSION = """
WITH t AS (SELECT tender_id, announced_date d, commission_id FROM tenders
           WHERE commission_id IS NOT NULL AND ({filter})),
mem AS (SELECT DISTINCT t.tender_id, s.person_iin FROM t JOIN seat s USING (commission_id)
        WHERE s.vf <= t.d AND t.d < s.vt),
bd AS (SELECT DISTINCT t.tender_id, t.d, b.supplier_bin FROM t JOIN bids b USING (tender_id)
       WHERE EXISTS (SELECT 1 FROM mem WHERE mem.tender_id = t.tender_id)),
h AS (SELECT bd.tender_id, bd.d, bd.supplier_bin, hh.iin, hh.links, hh.rr
      FROM bd, LATERAL holders(bd.supplier_bin, bd.d) hh),
cand AS (
  SELECT m.tender_id, m.person_iin o, h.supplier_bin c, h.d, 0 kr, h.links, h.rr, h.iin
  FROM mem m JOIN h ON h.tender_id = m.tender_id AND h.iin = m.person_iin
  UNION ALL
  SELECT m.tender_id, m.person_iin, h.supplier_bin, h.d, k.rank, h.links, h.rr, h.iin
  FROM mem m JOIN h ON h.tender_id = m.tender_id
  JOIN kin_path k ON k.a = m.person_iin AND k.b = h.iin WHERE k.vf <= h.d AND h.d < k.vt)
SELECT DISTINCT ON (tender_id, o, c) 'TENDER_COMMISSION', tender_id, to_char(d, 'YYYY-MM-DD'),
       o, c, kin_name(kr) || '>' || role_name(rr)
FROM cand ORDER BY tender_id, o, c, kr, links, rr, iin
"""

COMPANY_PAIRS = """
WITH t AS (SELECT tender_id, announced_date d FROM tenders WHERE tender_id = %(t)s),
bd AS (SELECT b.supplier_bin bin, bool_or(b.outcome = 'won') won FROM bids b
       WHERE b.tender_id = %(t)s GROUP BY b.supplier_bin),
bl AS (SELECT DISTINCT supplier_bin bin FROM blacklist, t
       WHERE coalesce(valid_from, '-infinity') <= t.d AND t.d < coalesce(valid_to, 'infinity')),
pairs AS (
  SELECT 'TENDER_AFFILIATED_BIDDERS' rule, x.bin xb, y.bin yb FROM bd x JOIN bd y ON x.bin < y.bin
  UNION ALL
  SELECT 'TENDER_BLACKLIST_SUCCESSOR', w.bin, b.bin FROM bd w, bl b WHERE w.won AND b.bin <> w.bin),
co AS (SELECT xb bin FROM pairs UNION SELECT yb FROM pairs),
h AS (SELECT co.bin, hh.iin, hh.links, hh.rr FROM co, t, LATERAL holders(co.bin, t.d) hh),
hp AS (SELECT pairs.rule, xb, yb, hx.iin p, hy.iin q, hx.links + hy.links links, hx.rr rp,
              hy.rr rq
       FROM pairs JOIN h hx ON hx.bin = xb JOIN h hy ON hy.bin = yb),
cand AS (
  SELECT hp.*, 0 kr FROM hp WHERE p = q
  UNION ALL
  SELECT hp.*, k.rank FROM hp JOIN kin_path k ON k.a = hp.p AND k.b = hp.q, t
  WHERE k.vf <= t.d AND t.d < k.vt)
SELECT DISTINCT ON (rule, xb, yb) rule, %(t)s, to_char(t.d, 'YYYY-MM-DD'), xb, yb,
       role_name(rp) || '<' || kin_name(kr) || '>' || role_name(rq)
FROM cand, t ORDER BY rule, xb, yb, kr, links, rp, rq, p, q
"""

SIGNATORY = """
WITH c AS (SELECT contract_id, supplier_bin, signed_date d, signed_by_iin s FROM contracts
           WHERE tender_id = %(t)s AND signed_by_iin IS NOT NULL),
h AS (SELECT c.*, hh.iin, hh.links, hh.rr FROM c, LATERAL holders(c.supplier_bin, c.d) hh),
cand AS (
  SELECT h.*, 0 kr FROM h WHERE iin = s
  UNION ALL
  SELECT h.*, k.rank FROM h JOIN kin_path k ON k.a = h.s AND k.b = h.iin
  WHERE k.vf <= h.d AND h.d < k.vt)
SELECT DISTINCT ON (contract_id) 'TENDER_SIGNATORY', contract_id, to_char(d, 'YYYY-MM-DD'), s,
       supplier_bin, kin_name(kr) || '>' || role_name(rr)
FROM cand ORDER BY contract_id, kr, links, rr, iin
"""

# Simple walks over the ties valid on the date (`tie`: the stated ones and the siblings derived
# from a shared parent), vertex paths deduped (several facts may join the same two vertices).
PATHS = """
WITH RECURSIVE walk (v, path) AS (
  SELECT %(f)s::text, ARRAY[%(f)s::text]
  UNION ALL
  SELECT t.b, w.path || t.b FROM walk w JOIN tie t ON t.a = w.v
  WHERE w.v <> %(to)s AND cardinality(w.path) <= %(hops)s AND t.vf <= %(d)s::date
    AND %(d)s::date < t.vt AND NOT t.b = ANY (w.path))
SELECT n FROM (SELECT DISTINCT path, cardinality(path) - 1 n FROM walk WHERE v = %(to)s) p
ORDER BY n LIMIT %(k)s
"""


def tsv(rows):
    return ["\t".join(r) for r in rows]


class Peer:
    def __init__(self, conn, rows):
        self.conn = conn
        self.cur = conn.cursor()
        self.cur.execute("SET search_path = coi")
        self.rows = rows

    @staticmethod
    def load(feed_dir):
        conn = SERVER.connect()
        conn.autocommit = True
        cur = conn.cursor()
        with open(os.path.join(HERE, "schema.sql")) as f:
            cur.execute(f.read())
        rows = 0
        for name in FILES:
            path = os.path.join(feed_dir, f"{name}.csv")
            if not os.path.exists(path):
                continue
            with open(path, "rb") as f:
                if f.read(3) != b"\xef\xbb\xbf":
                    f.seek(0)
                header = next(csv.reader([f.readline().decode("utf-8")]))
                cols = ", ".join(header)
                cur.copy_expert(f"COPY coi.{name} ({cols}) FROM STDIN WITH (FORMAT csv, "
                                f"FORCE_NULL ({cols}))", f)
                rows += cur.rowcount
        with open(os.path.join(HERE, "derived.sql")) as f:
            cur.execute(f.read())
        return Peer(conn, rows)

    def _q(self, sql, params=None):
        self.cur.execute(sql, params)
        return self.cur.fetchall()

    def scan(self):
        return (tsv(self._q(SCAN_REPORTING)) + tsv(self._q(SCAN_APPOINTMENTS)) +
                tsv(self._q(TENDER_COMMISSION.format(filter="true"))))

    def hire(self, q):
        p = {"c": q["candidate_iin"], "pos": q["position_id"],
             "d": datetime.date.fromisoformat(q["date"]),
             "ap": q["appointed_by_iin"] or None, "com": q["selection_commission_id"] or None}
        return tsv(self._q(HIRE_REPORTING, p)) + tsv(self._q(HIRE_APPOINTMENTS, p))

    def tender(self, q):
        p = {"t": q["tender_id"]}
        return (tsv(self._q(TENDER_COMMISSION.format(filter="tender_id = %(t)s"), p)) +
                tsv(self._q(COMPANY_PAIRS, p)) + tsv(self._q(SIGNATORY, p)))

    def paths(self, q):
        def v(number, kind):
            return ("p" if kind == "person" else "o") + number
        p = {"f": v(q["from"], q["from_kind"]), "to": v(q["to"], q["to_kind"]),
             "d": datetime.date.fromisoformat(q["date"]), "hops": int(q["max_hops"]),
             "k": int(q["k"])}
        return [r[0] for r in self._q(PATHS, p)]

    def extra(self):
        # Resident memory of the server's processes now (the harness's figure is the client's).
        self.cur.execute("SELECT pg_database_size('postgres')")
        return {"db_size_bytes": self.cur.fetchone()[0]}

    def close(self):
        self.conn.close()


def main():
    global SERVER
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    SERVER = Server()
    atexit.register(SERVER.stop)
    try:
        harness.run("pg", Peer)
    finally:
        SERVER.stop()


if __name__ == "__main__":
    main()
