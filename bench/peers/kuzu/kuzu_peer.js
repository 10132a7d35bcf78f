// Kuzu peer (npm package `kuzu`, Cypher, Node 20): the tie graph in an embedded Kuzu database
// in a temporary directory, loaded with COPY; path questions in Cypher.
//
//   node bench/peers/kuzu/kuzu_peer.js --feed DIR --questions OUT/questions --out OUT/kuzu
//        [--runs 5] [--load-runs RUNS] [--cap 600]
//
// Every rule question is one or more Cypher queries over derived relationship tables that are
// themselves built in Cypher at load (KinPath, Tied, Above: see DERIVE); JS only writes the
// feed's CSVs for COPY (open ends as +-1e9 days, rows with unknown ends left out) and turns
// each query's encoded minimum into the answer's text.
"use strict";

const fs = require("fs");
const os = require("os");
const path = require("path");
const { StringDecoder } = require("string_decoder");
const kuzu = require("kuzu");

const NEG = -1e9;
const POS = 1e9;

function parseArgs(argv) {
  const a = { runs: 5, cap: 600 };
  for (let i = 2; i < argv.length; i += 2) a[argv[i].replace(/^--/, "").replace(/-/g, "_")] = argv[i + 1];
  a.runs = Number(a.runs);
  a.cap = Number(a.cap);
  if (!a.feed || !a.questions || !a.out) throw new Error("usage: --feed DIR --questions DIR --out DIR");
  return a;
}

// RFC 4180 CSV into objects keyed by header. Read in 64 MiB pieces: a national persons.csv
// (1.5 GB) is longer than the longest string Node can hold (512 MiB).
function readCsv(file) {
  if (!fs.existsSync(file)) return [];
  const fd = fs.openSync(file, "r");
  const buf = Buffer.alloc(64 << 20);
  const decoder = new StringDecoder("utf8");
  const rows = [];
  let row = [], field = "", q = false, carry = "", first = true;
  for (;;) {
    const got = fs.readSync(fd, buf, 0, buf.length, null);
    const last = got === 0;
    let text = carry + (last ? decoder.end() : decoder.write(buf.subarray(0, got)));
    carry = "";
    if (first && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      // A quote or CR whose meaning depends on the next character waits for the next piece.
      if (!last && i + 1 === text.length && (c === '"' || c === "\r")) { carry = c; break; }
      if (q) {
        if (c === '"') {
          if (text[i + 1] === '"') { field += '"'; i++; } else q = false;
        } else field += c;
      } else if (c === '"') q = true;
      else if (c === ",") { row.push(field); field = ""; }
      else if (c === "\n" || c === "\r") {
        if (c === "\r" && text[i + 1] === "\n") i++;
        row.push(field); field = "";
        rows.push(row); row = [];
      } else field += c;
    }
    if (last) break;
  }
  fs.closeSync(fd);
  if (field !== "" || row.length) { row.push(field); rows.push(row); }
  const head = rows.shift() || [];
  return rows.filter((r) => r.length > 1 || r[0] !== "").map((r) => {
    const o = {};
    head.forEach((h, i) => { o[h] = r[i] === undefined ? "" : r[i]; });
    return o;
  });
}

function day(s) {
  return s ? Math.round(Date.parse(s + "T00:00:00Z") / 86400000) : null;
}

function readTsv(file) {
  const lines = fs.readFileSync(file, "utf8").split("\n").filter((l) => l);
  const head = lines.shift().split("\t");
  return lines.map((l) => {
    const v = l.split("\t");
    const o = {};
    head.forEach((h, i) => { o[h] = v[i] || ""; });
    return o;
  });
}

function timing(samples) {
  const s = [...samples].sort((x, y) => x - y);
  const pct = (q) => s[Math.max(0, Math.min(s.length - 1, Math.ceil(q * s.length) - 1))];
  return { median_s: pct(0.5), p50_s: pct(0.5), p99_s: pct(0.99), n: s.length, samples: samples.slice(0, 1000) };
}

// CASE forms of greatest/least (Kuzu 0.11 has neither).
const gt = (a, b) => `(CASE WHEN ${a} > ${b} THEN ${a} ELSE ${b} END)`;
const lt = (a, b) => `(CASE WHEN ${a} < ${b} THEN ${a} ELSE ${b} END)`;
const KIN_NAMES = ["self", "spouse", "parent", "child", "sibling", "parent.parent", "child.child",
  "spouse.parent", "spouse.sibling", "spouse.child", "child.spouse", "sibling.spouse", "parent.spouse"];
const ROLES = ["founder", "owner", "beneficial_owner", "director", "board_member"];
const kinName = (r) => `[${KIN_NAMES.map((n) => `'${n}'`).join(",")}][${r} + 1]`;
const roleName = (rr) => `[${ROLES.map((n) => `'${n}'`).join(",")}][${rr} / 2 + 1]`;

// The derived tables, built in Cypher from the stated facts right after COPY (docs/rules.md):
// kinship steps (with siblings through a shared parent), every legal kinship path of one or two
// steps with the interval on which it holds, business ties of persons to companies through at
// most 5 ownership links, the reporting lines above each post, and the undirected tie graph of
// the path question (stated ties and siblings through a shared parent). An entry is [table,
// query] or, for Tie (several FROM/TO pairs), [table, query, FROM table, TO table].
const DERIVE = [
  // One kinship step a -> b: 0 b is a's parent, 1 child, 2 spouse, 3 sibling.
  ["Step", `MATCH (x:Person)-[k:Kin]->(y:Person) WHERE k.relation IN ['parent', 'adoptive_parent']
     AND x.id <> y.id AND k.vf < k.vt RETURN y.id, x.id, 0, k.vf, k.vt`],
  ["Step", `MATCH (x:Person)-[k:Kin]->(y:Person) WHERE k.relation IN ['parent', 'adoptive_parent']
     AND x.id <> y.id AND k.vf < k.vt RETURN x.id, y.id, 1, k.vf, k.vt`],
  ["Step", `MATCH (x:Person)-[k:Kin]-(y:Person) WHERE k.relation IN ['spouse', 'sibling']
     AND x.id <> y.id AND k.vf < k.vt
   RETURN x.id, y.id, CASE WHEN k.relation = 'spouse' THEN 2 ELSE 3 END, k.vf, k.vt`],
  ["Step", `MATCH (c1:Person)<-[k1:Kin]-(p:Person)-[k2:Kin]->(c2:Person)
   WHERE k1.relation IN ['parent', 'adoptive_parent'] AND k2.relation IN ['parent', 'adoptive_parent']
     AND c1.id <> c2.id AND k1.vf < k1.vt AND k2.vf < k2.vt
   WITH c1, c2, ${gt("k1.vf", "k2.vf")} AS vf, ${lt("k1.vt", "k2.vt")} AS vt WHERE vf < vt
   RETURN c1.id, c2.id, 3, vf, vt`],
  // Legal kinship paths, ranked as graph/kinship.h (0 self, 1 spouse, 2 parent, 3 child, ...).
  ["KinPath", `MATCH (a:Person)-[s:Step]->(b:Person)
   RETURN a.id, b.id, CASE s.step WHEN 2 THEN 1 WHEN 0 THEN 2 WHEN 1 THEN 3 ELSE 4 END, s.vf, s.vt`],
  ["KinPath", `MATCH (a:Person)-[s1:Step]->(:Person)-[s2:Step]->(b:Person)
   WHERE a.id <> b.id AND (s1.step * 10 + s2.step) IN [0, 11, 20, 23, 21, 12, 32, 2]
   WITH a, b, s1.step * 10 + s2.step AS code, ${gt("s1.vf", "s2.vf")} AS vf, ${lt("s1.vt", "s2.vt")} AS vt
   WHERE vf < vt
   RETURN a.id, b.id, CASE code WHEN 0 THEN 5 WHEN 11 THEN 6 WHEN 20 THEN 7 WHEN 23 THEN 8
                     WHEN 21 THEN 9 WHEN 12 THEN 10 WHEN 32 THEN 11 ELSE 12 END, vf, vt`],
  // Business ties. rr = 2 * role + 1; an individual entrepreneur's own tie is rr 2 (owner).
  ["Holds", `MATCH (p:Person)-[r:Role]->(o:Org)
   RETURN p.id, o.id, CASE r.role WHEN 'founder' THEN 1 WHEN 'owner' THEN 3
                     WHEN 'beneficial_owner' THEN 5 WHEN 'director' THEN 7 ELSE 9 END,
          r.role IN ['founder', 'owner', 'beneficial_owner'], r.vf, r.vt`],
  ["Holds", `MATCH (p:Person), (o:Org) WHERE o.kind = 'individual_entrepreneur' AND o.id = p.id
   RETURN p.id, o.id, 2, true, ${NEG}, ${POS}`],
  ["CO", `MATCH (h:Org)-[r:OrgRole]->(o:Org) WHERE r.role IN ['founder', 'owner', 'beneficial_owner']
   RETURN h.id, o.id, r.vf, r.vt`],
  // Tied: person -> company with the number of company links (0..5), the role and the interval
  // on which every fact of the chain holds.
  ["Tied", `MATCH (p:Person)-[h:Holds]->(x:Org) RETURN p.id, x.id, 0, h.rr, h.vf, h.vt`],
  ["Tied", `MATCH (p:Person)-[h:Holds]->(:Org)-[e:CO* ACYCLIC 1..5]->(x:Org) WHERE h.owns
   WITH p, x, h, length(e) AS links,
        list_reduce(list_transform(rels(e), r -> r.vf), (u, v) -> CASE WHEN u > v THEN u ELSE v END) AS cvf,
        list_reduce(list_transform(rels(e), r -> r.vt), (u, v) -> CASE WHEN u < v THEN u ELSE v END) AS cvt
   WITH p, x, h, links, ${gt("h.vf", "cvf")} AS vf, ${lt("h.vt", "cvt")} AS vt WHERE vf < vt
   RETURN p.id, x.id, links, h.rr, vf, vt`],
  // Reporting lines: a post whose reports_to chain reaches a root (no cycle), each post above it.
  [null, `MATCH (l:Post)-[:ReportsTo*0..30]->(r:Post) WHERE NOT EXISTS { MATCH (r)-[:ReportsTo]->(:Post) }
   SET l.intree = true`],
  ["Above", `MATCH (l:Post)-[r:ReportsTo* ACYCLIC 1..30]->(u:Post) WHERE l.intree
   RETURN l.id, u.id, length(r)`],
  // The undirected tie graph of the path question (stored one way, walked both ways): every
  // stated tie, and a sibling tie between two children of a common parent while both parent
  // facts hold (one step, as graph/paths.cc; once per interval however many parents give it).
  ["Tie", `MATCH (a:Person)-[k:Kin]->(b:Person) RETURN a.id, b.id, k.vf, k.vt`, "Person", "Person"],
  ["Tie", `MATCH (a:Person)-[k:Role]->(b:Org) RETURN a.id, b.id, k.vf, k.vt`, "Person", "Org"],
  ["Tie", `MATCH (a:Org)-[k:OrgRole]->(b:Org) RETURN a.id, b.id, k.vf, k.vt`, "Org", "Org"],
  ["Tie", `MATCH (p:Person), (o:Org) WHERE o.kind = 'individual_entrepreneur' AND o.id = p.id
   RETURN p.id, o.id, ${NEG}, ${POS}`, "Person", "Org"],
  ["Tie", `MATCH (c1:Person)<-[k1:Kin]-(p:Person)-[k2:Kin]->(c2:Person)
   WHERE k1.relation IN ['parent', 'adoptive_parent'] AND k2.relation IN ['parent', 'adoptive_parent']
     AND c1.id < c2.id
   WITH c1, c2, ${gt("k1.vf", "k2.vf")} AS vf, ${lt("k1.vt", "k2.vt")} AS vt WHERE vf < vt
   RETURN DISTINCT c1.id, c2.id, vf, vt`, "Person", "Person"],
];

async function load(feed) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "coigraph-kuzu-"));
  const t = {};
  for (const name of ["persons", "organizations", "kinship", "company_roles", "positions",
    "employment", "commissions", "commission_members", "tenders", "bids", "contracts", "blacklist"]) {
    t[name] = readCsv(path.join(feed, `${name}.csv`));
  }
  const rows = Object.values(t).reduce((n, x) => n + x.length, 0);
  const person = new Set(t.persons.map((p) => p.iin));
  const org = new Set(t.organizations.map((o) => o.bin));
  const post = new Set(t.positions.map((p) => p.position_id));
  const com = new Set(t.commissions.map((c) => c.commission_id));
  const tender = new Set(t.tenders.map((x) => x.tender_id));
  const csvDir = path.join(dir, "csv");
  fs.mkdirSync(csvDir);
  const files = {};
  // The stated facts as Kuzu CSV, open ends as +-1e9 days; rows whose ends are unknown vertices
  // are left out (Kuzu's COPY refuses them; the rules ignore them).
  const put = (name, lines) => {
    files[name] = lines.length;
    fs.writeFileSync(path.join(csvDir, `${name}.csv`), lines.join("\n") + "\n");
  };
  const lo = (x) => day(x) ?? NEG;
  const hi = (x) => day(x) ?? POS;
  const uniq = (xs) => [...new Set(xs)];
  put("Person", uniq(t.persons.map((p) => p.iin)));
  const orgSeen = new Set();
  put("Org", t.organizations.filter((o) => !orgSeen.has(o.bin) && orgSeen.add(o.bin)).map((o) => `${o.bin},${o.kind}`));
  const postSeen = new Set();
  put("Post", t.positions.filter((p) => !postSeen.has(p.position_id) && postSeen.add(p.position_id)).map((p) => `${p.position_id},false`));
  const comSeen = new Set();
  put("Commission", t.commissions.filter((c) => !comSeen.has(c.commission_id) && comSeen.add(c.commission_id))
    .map((c) => `${c.commission_id},${lo(c.valid_from)},${hi(c.valid_to)}`));
  const tSeen = new Set();
  put("Tender", t.tenders.filter((x) => !tSeen.has(x.tender_id) && tSeen.add(x.tender_id))
    .map((x) => `${x.tender_id},${day(x.announced_date)}`));
  put("Emp", t.employment.map((e, i) => `${i},${lo(e.valid_from)},${hi(e.valid_to)}`));
  put("Contract", t.contracts.map((c) => `${c.contract_id},${day(c.signed_date)}`));
  put("Kin", t.kinship.filter((k) => person.has(k.person_iin) && person.has(k.relative_iin))
    .map((k) => `${k.person_iin},${k.relative_iin},${k.relation},${lo(k.valid_from)},${hi(k.valid_to)}`));
  put("Role", t.company_roles.filter((r) => r.holder_iin && person.has(r.holder_iin) && org.has(r.company_bin))
    .map((r) => `${r.holder_iin},${r.company_bin},${r.role},${lo(r.valid_from)},${hi(r.valid_to)}`));
  put("OrgRole", t.company_roles.filter((r) => !r.holder_iin && org.has(r.holder_bin) && org.has(r.company_bin))
    .map((r) => `${r.holder_bin},${r.company_bin},${r.role},${lo(r.valid_from)},${hi(r.valid_to)}`));
  put("ReportsTo", t.positions.filter((p) => p.reports_to && post.has(p.reports_to))
    .map((p) => `${p.position_id},${p.reports_to}`));
  const emp = t.employment.map((e, i) => ({ e, i }));
  put("EP", emp.filter(({ e }) => person.has(e.person_iin) && post.has(e.position_id)).map(({ e, i }) => `${i},${e.person_iin}`));
  put("EA", emp.filter(({ e }) => person.has(e.person_iin) && post.has(e.position_id)).map(({ e, i }) => `${i},${e.position_id}`));
  put("EBy", emp.filter(({ e }) => person.has(e.appointed_by_iin)).map(({ e, i }) => `${i},${e.appointed_by_iin}`));
  put("ECom", emp.filter(({ e }) => com.has(e.selection_commission_id)).map(({ e, i }) => `${i},${e.selection_commission_id}`));
  put("Member", t.commission_members.filter((m) => person.has(m.person_iin) && com.has(m.commission_id))
    .map((m) => `${m.person_iin},${m.commission_id},${lo(m.valid_from)},${hi(m.valid_to)}`));
  put("TC", t.tenders.filter((x) => tender.has(x.tender_id) && com.has(x.commission_id))
    .map((x) => `${x.tender_id},${x.commission_id}`));
  put("Bid", t.bids.filter((b) => org.has(b.supplier_bin) && tender.has(b.tender_id))
    .map((b) => `${b.supplier_bin},${b.tender_id},${b.outcome}`));
  put("CT", t.contracts.filter((c) => tender.has(c.tender_id)).map((c) => `${c.contract_id},${c.tender_id}`));
  put("CS", t.contracts.filter((c) => org.has(c.supplier_bin)).map((c) => `${c.contract_id},${c.supplier_bin}`));
  put("CSig", t.contracts.filter((c) => person.has(c.signed_by_iin)).map((c) => `${c.contract_id},${c.signed_by_iin}`));
  put("BL", t.blacklist.filter((b) => org.has(b.supplier_bin))
    .map((b) => `${b.supplier_bin},${b.supplier_bin},${lo(b.valid_from)},${hi(b.valid_to)}`));

  // In-memory database: no WAL fsyncs or checkpoints (the PostgreSQL peer runs with fsync=off).
  const db = new kuzu.Database(":memory:");
  const conn = new kuzu.Connection(db);
  const iv = "vf INT64, vt INT64";
  const schema = [
    "CREATE NODE TABLE Person(id STRING, PRIMARY KEY(id))",
    "CREATE NODE TABLE Org(id STRING, kind STRING, PRIMARY KEY(id))",
    "CREATE NODE TABLE Post(id STRING, intree BOOLEAN, PRIMARY KEY(id))",
    `CREATE NODE TABLE Commission(id STRING, ${iv}, PRIMARY KEY(id))`,
    "CREATE NODE TABLE Tender(id STRING, d INT64, PRIMARY KEY(id))",
    `CREATE NODE TABLE Emp(id INT64, ${iv}, PRIMARY KEY(id))`,
    "CREATE NODE TABLE Contract(id STRING, d INT64, PRIMARY KEY(id))",
    `CREATE REL TABLE Kin(FROM Person TO Person, relation STRING, ${iv})`,
    `CREATE REL TABLE Role(FROM Person TO Org, role STRING, ${iv})`,
    `CREATE REL TABLE OrgRole(FROM Org TO Org, role STRING, ${iv})`,
    "CREATE REL TABLE ReportsTo(FROM Post TO Post)",
    "CREATE REL TABLE EP(FROM Emp TO Person)",
    "CREATE REL TABLE EA(FROM Emp TO Post)",
    "CREATE REL TABLE EBy(FROM Emp TO Person)",
    "CREATE REL TABLE ECom(FROM Emp TO Commission)",
    `CREATE REL TABLE Member(FROM Person TO Commission, ${iv})`,
    "CREATE REL TABLE TC(FROM Tender TO Commission)",
    "CREATE REL TABLE Bid(FROM Org TO Tender, outcome STRING)",
    "CREATE REL TABLE CT(FROM Contract TO Tender)",
    "CREATE REL TABLE CS(FROM Contract TO Org)",
    "CREATE REL TABLE CSig(FROM Contract TO Person)",
    `CREATE REL TABLE BL(FROM Org TO Org, ${iv})`,
    `CREATE REL TABLE Step(FROM Person TO Person, step INT64, ${iv})`,
    `CREATE REL TABLE KinPath(FROM Person TO Person, rank INT64, ${iv})`,
    `CREATE REL TABLE Holds(FROM Person TO Org, rr INT64, owns BOOLEAN, ${iv})`,
    `CREATE REL TABLE CO(FROM Org TO Org, ${iv})`,
    `CREATE REL TABLE Tied(FROM Person TO Org, links INT64, rr INT64, ${iv})`,
    "CREATE REL TABLE Above(FROM Post TO Post, dist INT64)",
    // The undirected tie graph of the path question.
    `CREATE REL TABLE Tie(FROM Person TO Person, FROM Person TO Org, FROM Org TO Org, ${iv})`,
  ];
  const verbose = process.env.KUZU_PEER_VERBOSE;
  const run = async (q) => {
    const t0 = Date.now();
    await (await conn.query(q)).close?.();
    if (verbose) process.stderr.write(`[kuzu]   ${Date.now() - t0} ms  ${q.replace(/\s+/g, " ").slice(0, 70)}\n`);
  };
  for (const q of schema) await run(q);
  for (const name of ["Person", "Org", "Post", "Commission", "Tender", "Emp", "Contract", "Kin", "Role",
    "OrgRole", "ReportsTo", "EP", "EA", "EBy", "ECom", "Member", "TC", "Bid", "CT", "CS", "CSig", "BL"]) {
    if (files[name]) await run(`COPY ${name} FROM '${csvDir}/${name}.csv' (HEADER=false)`);
  }
  // Derived relationship tables are bulk-loaded with COPY ... FROM (Cypher query).
  for (const [table, q, from, to] of DERIVE) {
    if (!table) { await run(q); continue; }
    // A relationship table with several FROM/TO pairs needs the pair named.
    const opts = from ? ` (from='${from}', to='${to}')` : "";
    await run(`COPY ${table} FROM (${q})${opts}`);
  }
  return { dir, db, conn, rows, stmt: {} };
}

// ---- the rule questions in Cypher ----
// Each query returns one row per finding key with the key's minimum of an encoded
// (date, closeness) or (closeness, links, roles) number; JS only decodes it into the text line.
const valid = (x, d) => `${x}.vf <= ${d} AND ${d} < ${x}.vt`;
// kin rank of official o to person h on day d, 0 when the same person, NULL when not kin.
const kinOn = (o, h, d) => `OPTIONAL MATCH (${o})-[k:KinPath]->(${h}) WHERE ${valid("k", d)}
   WITH *, CASE WHEN ${o}.id = ${h}.id THEN 0 ELSE k.rank END AS kr WHERE kr IS NOT NULL`;

// HIRE_SUBORDINATION / HIRE_CHAIN over pairs of stints: first day on which both hold their
// posts and are kin, then the closest kin that day (key = day * 100 + rank).
const reportingTail = `MATCH (pu)-[k:KinPath]->(pl) WHERE k.vf < wt AND wf < k.vt
   RETURN CASE WHEN dist = 1 THEN 'HIRE_SUBORDINATION' ELSE 'HIRE_CHAIN' END AS rule, lpos AS obj,
          pu.id AS o, pl.id AS c, min(${gt("k.vf", "wf")} * 100 + k.rank) AS key`;
const SCAN_REPORTING = `
  MATCH (lp:Post)-[a:Above]->(up:Post), (pu:Person)<-[:EP]-(eu:Emp)-[:EA]->(up),
        (pl:Person)<-[:EP]-(el:Emp)-[:EA]->(lp)
  WHERE pu.id <> pl.id
  WITH a.dist AS dist, lp.id AS lpos, pu, pl, ${gt("eu.vf", "el.vf")} AS wf, ${lt("eu.vt", "el.vt")} AS wt
  WHERE wf < wt
  ${reportingTail}`;
// CheckHire is judged on the date: the holders of that day, tied on that day (a one-day window).
const HIRE_UP = `
  MATCH (lp:Post {id: $pos})-[a:Above]->(up:Post)<-[:EA]-(eu:Emp)-[:EP]->(pu:Person), (pl:Person {id: $c})
  WHERE pu.id <> $c AND eu.vf <= $d AND $d < eu.vt
  WITH a.dist AS dist, lp.id AS lpos, pu, pl, $d AS wf, $d + 1 AS wt
  ${reportingTail}`;
const HIRE_DOWN = `
  MATCH (:Post {id: $pos})<-[a:Above]-(lp:Post)<-[:EA]-(el:Emp)-[:EP]->(pl:Person), (pu:Person {id: $c})
  WHERE pl.id <> $c AND el.vf <= $d AND $d < el.vt
  WITH a.dist AS dist, lp.id AS lpos, pu, pl, $d AS wf, $d + 1 AS wt
  ${reportingTail}`;

// HIRE_APPOINTER / HIRE_COMMISSION on the employment's first day (key = day * 100 + rank).
const SCAN_APPOINTER = `
  MATCH (pl:Person)<-[:EP]-(e:Emp)-[:EA]->(p:Post), (e)-[:EBy]->(ap:Person) WHERE e.vf > ${NEG}
  ${kinOn("ap", "pl", "e.vf")}
  RETURN 'HIRE_APPOINTER' AS rule, p.id AS obj, ap.id AS o, pl.id AS c, min(e.vf * 100 + kr) AS key`;
const SCAN_COMMISSION = `
  MATCH (pl:Person)<-[:EP]-(e:Emp)-[:EA]->(p:Post), (e)-[:ECom]->(cm:Commission)<-[s:Member]-(m:Person)
  WHERE e.vf > ${NEG} AND ${gt("s.vf", "cm.vf")} <= e.vf AND e.vf < ${lt("s.vt", "cm.vt")}
  ${kinOn("m", "pl", "e.vf")}
  RETURN 'HIRE_COMMISSION' AS rule, p.id AS obj, m.id AS o, pl.id AS c, min(e.vf * 100 + kr) AS key`;
const HIRE_APPOINTER = `
  MATCH (ap:Person {id: $ap}), (pl:Person {id: $c})
  ${kinOn("ap", "pl", "$d")}
  RETURN 'HIRE_APPOINTER' AS rule, $pos AS obj, ap.id AS o, pl.id AS c, min($d * 100 + kr) AS key`;
const HIRE_COMMISSION = `
  MATCH (cm:Commission {id: $com})<-[s:Member]-(m:Person), (pl:Person {id: $c})
  WHERE ${gt("s.vf", "cm.vf")} <= $d AND $d < ${lt("s.vt", "cm.vt")}
  ${kinOn("m", "pl", "$d")}
  RETURN 'HIRE_COMMISSION' AS rule, $pos AS obj, m.id AS o, pl.id AS c, min($d * 100 + kr) AS key`;

// TENDER_COMMISSION: a member tied (self or kin, then <= 5 company links) to a bidder on the
// announced date; closest kin, then fewest links, then role (key = kr * 1000 + links * 100 + rr).
const tenderCommission = (filter) => `
  MATCH (t:Tender)-[:TC]->(cm:Commission)<-[s:Member]-(m:Person)
  WHERE ${filter} ${valid("cm", "t.d")} AND ${gt("s.vf", "cm.vf")} <= t.d AND t.d < ${lt("s.vt", "cm.vt")}
  WITH DISTINCT t, m
  MATCH (t)<-[:Bid]-(b:Org)
  WITH DISTINCT t, m, b
  MATCH (b)<-[ti:Tied]-(h:Person) WHERE ${valid("ti", "t.d")}
  ${kinOn("m", "h", "t.d")}
  RETURN 'TENDER_COMMISSION' AS rule, t.id AS obj, t.d AS d, m.id AS o, b.id AS c,
         min(kr * 1000 + ti.links * 100 + ti.rr) AS key`;
const SCAN_TENDER = tenderCommission("");
const TENDER_COMMISSION = tenderCommission("t.id = $t AND");
// Company pairs: a person tied to one is, or is kin of, a person tied to the other
// (key = kr * 10000 + links * 100 + rr_x * 10 + rr_y).
const companyPair = `MATCH (x)<-[tx:Tied]-(p:Person) WHERE ${valid("tx", "t.d")}
  WITH t, x, y, p, tx
  MATCH (y)<-[ty:Tied]-(q:Person) WHERE ${valid("ty", "t.d")}
  ${kinOn("p", "q", "t.d")}`;
const TENDER_AFFILIATED = `
  MATCH (t:Tender {id: $t})<-[:Bid]-(x:Org), (t)<-[:Bid]-(y:Org) WHERE x.id < y.id
  WITH DISTINCT t, x, y
  ${companyPair}
  RETURN 'TENDER_AFFILIATED_BIDDERS' AS rule, t.id AS obj, t.d AS d, x.id AS o, y.id AS c,
         min(kr * 10000 + (tx.links + ty.links) * 100 + tx.rr * 10 + ty.rr) AS key`;
const TENDER_BLACKLIST = `
  MATCH (t:Tender {id: $t})<-[w:Bid]-(x:Org) WHERE w.outcome = 'won'
  WITH DISTINCT t, x
  MATCH (y:Org)-[bl:BL]->(y) WHERE ${valid("bl", "t.d")} AND x.id <> y.id
  WITH DISTINCT t, x, y
  ${companyPair}
  RETURN 'TENDER_BLACKLIST_SUCCESSOR' AS rule, t.id AS obj, t.d AS d, x.id AS o, y.id AS c,
         min(kr * 10000 + (tx.links + ty.links) * 100 + tx.rr * 10 + ty.rr) AS key`;
const TENDER_SIGNATORY = `
  MATCH (t:Tender {id: $t})<-[:CT]-(ct:Contract)-[:CS]->(b:Org), (ct)-[:CSig]->(g:Person)
  WITH ct, b, g
  MATCH (b)<-[ti:Tied]-(h:Person) WHERE ${valid("ti", "ct.d")}
  ${kinOn("g", "h", "ct.d")}
  RETURN 'TENDER_SIGNATORY' AS rule, ct.id AS obj, ct.d AS d, g.id AS o, b.id AS c,
         min(kr * 1000 + ti.links * 100 + ti.rr) AS key`;

function iso(d) {
  return new Date(d * 86400000).toISOString().slice(0, 10);
}

// Decoding of the keys above into answer lines (text only; the choice was made in Cypher).
function hireLine(r) {
  const d = Math.floor(Number(r.key) / 100), rank = Number(r.key) - d * 100;
  return `${r.rule}\t${r.obj}\t${iso(d)}\t${r.o}\t${r.c}\t${KIN_NAMES[rank]}`;
}
function personCompanyLine(r) {
  const k = Number(r.key);
  return `${r.rule}\t${r.obj}\t${iso(Number(r.d))}\t${r.o}\t${r.c}\t${KIN_NAMES[Math.floor(k / 1000)]}>${ROLES[Math.floor((k % 100) / 2)]}`;
}
function companyPairLine(r) {
  const k = Number(r.key);
  return `${r.rule}\t${r.obj}\t${iso(Number(r.d))}\t${r.o}\t${r.c}\t` +
    `${ROLES[Math.floor(Math.floor((k % 100) / 10) / 2)]}<${KIN_NAMES[Math.floor(k / 10000)]}>${ROLES[Math.floor((k % 10) / 2)]}`;
}

async function query(s, text, params) {
  if (!params) return (await s.conn.query(text)).getAll();
  if (!s.stmt[text]) s.stmt[text] = await s.conn.prepare(text);
  return (await s.conn.execute(s.stmt[text], params)).getAll();
}

async function scan(s) {
  const out = [];
  for (const r of await query(s, SCAN_REPORTING)) out.push(hireLine(r));
  for (const r of await query(s, SCAN_APPOINTER)) out.push(hireLine(r));
  for (const r of await query(s, SCAN_COMMISSION)) out.push(hireLine(r));
  for (const r of await query(s, SCAN_TENDER)) out.push(personCompanyLine(r));
  return out;
}

async function hire(s, q) {
  const p = { c: q.candidate_iin, pos: q.position_id, d: day(q.date) };
  const out = [];
  for (const r of await query(s, HIRE_UP, p)) out.push(hireLine(r));
  for (const r of await query(s, HIRE_DOWN, p)) out.push(hireLine(r));
  if (q.appointed_by_iin) for (const r of await query(s, HIRE_APPOINTER, { ...p, ap: q.appointed_by_iin })) out.push(hireLine(r));
  if (q.selection_commission_id) {
    for (const r of await query(s, HIRE_COMMISSION, { ...p, com: q.selection_commission_id })) out.push(hireLine(r));
  }
  return out;
}

async function tenderCheck(s, q) {
  const p = { t: q.tender_id };
  const out = [];
  for (const r of await query(s, TENDER_COMMISSION, p)) out.push(personCompanyLine(r));
  for (const r of await query(s, TENDER_AFFILIATED, p)) out.push(companyPairLine(r));
  for (const r of await query(s, TENDER_BLACKLIST, p)) out.push(companyPairLine(r));
  for (const r of await query(s, TENDER_SIGNATORY, p)) out.push(personCompanyLine(r));
  return out;
}

async function paths(s, q) {
  const label = (kind) => (kind === "person" ? "Person" : "Org");
  const d = day(q.date);
  // The date is inlined: Kuzu 0.11 rejects parameters inside a recursive pattern's predicate.
  const key = `${q.from_kind}/${q.to_kind}/${q.max_hops}/${d}`;
  if (!s.stmt[key]) {
    // Simple (acyclic) walks over the ties valid on the date (Tie: stated and derived siblings),
    // undirected; vertex paths deduped in JS (several facts may join the same two vertices),
    // shortest first.
    s.stmt[key] = await s.conn.prepare(
      `MATCH p = (a:${label(q.from_kind)})-[:Tie* ACYCLIC 1..${Number(q.max_hops)} ` +
      `(r, n | WHERE r.vf <= ${d} AND r.vt > ${d})]-(b:${label(q.to_kind)}) ` +
      "WHERE a.id = $from AND b.id = $to RETURN properties(nodes(p), '_id') AS ids");
  }
  const res = await s.conn.execute(s.stmt[key], { from: q.from, to: q.to });
  const all = await res.getAll();
  const seen = new Set();
  const lengths = [];
  for (const r of all) {
    const k = JSON.stringify(r.ids);
    // Kuzu 0.11's ACYCLIC still lets a walk pass through its own start or end vertex
    // (a-b-a-b); a simple path repeats no vertex at all.
    if (seen.has(k) || new Set(r.ids.map((x) => JSON.stringify(x))).size !== r.ids.length) continue;
    seen.add(k);
    lengths.push(r.ids.length - 1);
  }
  lengths.sort((x, y) => x - y);
  return lengths.slice(0, Number(q.k));
}

function writeAnswers(out, name, header, lines) {
  lines.sort();
  fs.writeFileSync(path.join(out, "answers", `${name}.tsv`), [header, ...lines].join("\n") + "\n");
}

async function main() {
  const a = parseArgs(process.argv);
  fs.mkdirSync(path.join(a.out, "answers"), { recursive: true });
  const result = { tool: "kuzu", feed: a.feed, runs: a.runs, kuzu_version: kuzu.VERSION };
  const log = (m) => process.stderr.write(`[kuzu] ${m}\n`);
  let s = null;
  const loads = [];
  try {
    const loadRuns = Number(a.load_runs || a.runs);  // run_bench.sh: 1 from 1e6 persons on
    for (let r = 0; r < loadRuns; r++) {
      if (s) fs.rmSync(s.dir, { recursive: true, force: true });
      const t0 = process.hrtime.bigint();
      s = await load(a.feed);
      loads.push(Number(process.hrtime.bigint() - t0) / 1e9);
      if (loads[loads.length - 1] > a.cap) break;
    }
    result.load = timing(loads);
    result.rows = s.rows;
    result.rows_per_s = s.rows / result.load.median_s;
    log(`load ${result.load.median_s.toFixed(3)} s`);

    // Scan first (as the Python peers' harness), then the per-question checks.
    {
      const samples = [];
      let lines = null, spent = 0;
      for (let r = 0; r < a.runs; r++) {
        const t0 = process.hrtime.bigint();
        const out = await scan(s);
        samples.push(Number(process.hrtime.bigint() - t0) / 1e9);
        spent += samples[samples.length - 1];
        if (lines === null) lines = out;
        if (spent > a.cap && r + 1 < a.runs) break;
      }
      result.scan = spent > a.cap && samples.length === 1
        ? { dnf: true, cap_s: a.cap, one_run_s: samples[0] } : timing(samples);
      writeAnswers(a.out, "scan", "rule\tobject_id\tdate\tofficial\tcounterparty\trelation", lines);
      log(`scan ${samples[0].toFixed(3)} s, ${lines.length} findings`);
    }

    const perQuery = async (name, fn, fmt, header) => {
      const qs = readTsv(path.join(a.questions, `${name}.tsv`));
      const samples = [], lines = [];
      let spent = 0, dnf = false;
      outer: for (let r = 0; r < a.runs; r++) {
        for (const q of qs) {
          const t0 = process.hrtime.bigint();
          const ans = await fn(s, q);
          const dt = Number(process.hrtime.bigint() - t0) / 1e9;
          samples.push(dt);
          spent += dt;
          if (r === 0) lines.push(...fmt(q, ans));
          if (spent > a.cap) { dnf = true; break outer; }
        }
      }
      if (dnf) {
        result[name] = { dnf: true, cap_s: a.cap, answered: samples.length };
        log(`${name}: did not finish within ${a.cap} s`);
      } else {
        result[name] = timing(samples);
        log(`${name} p50 ${(result[name].p50_s * 1e3).toFixed(3)} ms`);
      }
      if (samples.length >= qs.length) writeAnswers(a.out, name, header, lines);
    };
    const ruleHeader = "qid\trule\tobject_id\tdate\tofficial\tcounterparty\trelation";
    await perQuery("hire", hire, (q, ans) => ans.map((l) => `${q.qid}\t${l}`), ruleHeader);
    await perQuery("tender", tenderCheck, (q, ans) => ans.map((l) => `${q.qid}\t${l}`), ruleHeader);
    await perQuery("paths", paths, (q, ans) => [`${q.qid}\t${ans.join(",")}`], "qid\tlengths");
  } finally {
    result.peak_rss_kib = Math.round(process.resourceUsage().maxRSS);
    fs.writeFileSync(path.join(a.out, "timings.json"), JSON.stringify(result) + "\n");
    if (s) fs.rmSync(s.dir, { recursive: true, force: true });
  }
}

main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
