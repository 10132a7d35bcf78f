-- Derived tables, views and functions of the PostgreSQL peer, built after COPY.
SET search_path = coi;

CREATE INDEX ON persons (iin);
ANALYZE persons;

-- Kinship facts between known persons, open ends as infinities.
CREATE UNLOGGED TABLE kfact AS
SELECT k.person_iin p, k.relative_iin r, k.relation,
       coalesce(k.valid_from, '-infinity') vf, coalesce(k.valid_to, 'infinity') vt
FROM kinship k
WHERE EXISTS (SELECT 1 FROM persons x WHERE x.iin = k.person_iin)
  AND EXISTS (SELECT 1 FROM persons x WHERE x.iin = k.relative_iin);

-- One kinship step a -> b (0 parent: b is a's parent, 1 child, 2 spouse, 3 sibling), stated or
-- a sibling derived from a shared parent while both parent facts hold (docs/rules.md).
CREATE UNLOGGED TABLE step AS
WITH s AS (
  SELECT r a, p b, 0 step, vf, vt FROM kfact WHERE relation IN ('parent', 'adoptive_parent')
  UNION ALL SELECT p, r, 1, vf, vt FROM kfact WHERE relation IN ('parent', 'adoptive_parent')
  UNION ALL SELECT p, r, 2, vf, vt FROM kfact WHERE relation = 'spouse'
  UNION ALL SELECT r, p, 2, vf, vt FROM kfact WHERE relation = 'spouse'
  UNION ALL SELECT p, r, 3, vf, vt FROM kfact WHERE relation = 'sibling'
  UNION ALL SELECT r, p, 3, vf, vt FROM kfact WHERE relation = 'sibling')
SELECT a, b, step, vf, vt FROM s WHERE a <> b AND vf < vt
UNION ALL
SELECT p1.r, p2.r, 3, greatest(p1.vf, p2.vf), least(p1.vt, p2.vt)
FROM kfact p1 JOIN kfact p2 ON p2.p = p1.p AND p2.r <> p1.r
WHERE p1.relation IN ('parent', 'adoptive_parent') AND p2.relation IN ('parent', 'adoptive_parent')
  AND p1.vf < p1.vt AND p2.vf < p2.vt AND greatest(p1.vf, p2.vf) < least(p1.vt, p2.vt);
CREATE INDEX ON step (a);
ANALYZE step;

-- Every stored tie as an undirected edge for path questions, plus a sibling edge between two
-- children of a common parent while both parent facts hold (one step, as graph/paths.cc);
-- vertices are 'p' || IIN and 'o' || BIN (an individual entrepreneur's BIN is its owner's IIN).
CREATE UNLOGGED TABLE tie AS
WITH f AS (
  SELECT 'p' || p a, 'p' || r b, vf, vt FROM kfact
  UNION ALL
  SELECT CASE WHEN holder_iin IS NOT NULL THEN 'p' || holder_iin ELSE 'o' || holder_bin END,
         'o' || company_bin, coalesce(valid_from, '-infinity'), coalesce(valid_to, 'infinity')
  FROM company_roles
  UNION ALL
  SELECT 'p' || o.bin, 'o' || o.bin, '-infinity', 'infinity' FROM organizations o
  WHERE o.kind = 'individual_entrepreneur' AND EXISTS (SELECT 1 FROM persons x WHERE x.iin = o.bin))
SELECT a, b, vf, vt FROM f UNION ALL SELECT b, a, vf, vt FROM f
UNION ALL  -- both directions of a derived sibling, once per interval however many parents give it
SELECT DISTINCT 'p' || p1.r, 'p' || p2.r, greatest(p1.vf, p2.vf), least(p1.vt, p2.vt)
FROM kfact p1 JOIN kfact p2 ON p2.p = p1.p AND p2.r <> p1.r
WHERE p1.relation IN ('parent', 'adoptive_parent') AND p2.relation IN ('parent', 'adoptive_parent')
  AND greatest(p1.vf, p2.vf) < least(p1.vt, p2.vt);
CREATE INDEX ON tie (a);

-- Kin path ranks (graph/kinship.h KinPath order): 0 self, 1 spouse, 2 parent, 3 child, ...
CREATE TABLE first_step (step int PRIMARY KEY, rank int);
INSERT INTO first_step VALUES (2, 1), (0, 2), (1, 3), (3, 4);
CREATE TABLE second_step (s1 int, s2 int, rank int, PRIMARY KEY (s1, s2));
INSERT INTO second_step VALUES (0, 0, 5), (1, 1, 6), (2, 0, 7), (2, 3, 8), (2, 1, 9),
  (1, 2, 10), (3, 2, 11), (0, 2, 12);

-- Every legal kinship path a -> b with the interval on which all its facts hold, materialized
-- (as a view the planner cannot push a person into the two-step join, and every query would
-- rebuild all of it).
CREATE UNLOGGED TABLE kin_path AS
SELECT s.a, s.b, f.rank, s.vf, s.vt FROM step s JOIN first_step f ON f.step = s.step
UNION ALL
SELECT s1.a, s2.b, p.rank, greatest(s1.vf, s2.vf) vf, least(s1.vt, s2.vt) vt
FROM step s1 JOIN step s2 ON s2.a = s1.b
JOIN second_step p ON p.s1 = s1.step AND p.s2 = s2.step
WHERE s2.b <> s1.a AND greatest(s1.vf, s2.vf) < least(s1.vt, s2.vt);
CREATE INDEX ON kin_path (a, b);

CREATE FUNCTION kin_name(rank int) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT (ARRAY['self', 'spouse', 'parent', 'child', 'sibling', 'parent.parent', 'child.child',
                'spouse.parent', 'spouse.sibling', 'spouse.child', 'child.spouse',
                'sibling.spouse', 'parent.spouse'])[rank + 1] $$;
CREATE FUNCTION role_name(rr int) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT (ARRAY['founder', 'owner', 'beneficial_owner', 'director', 'board_member'])[rr / 2 + 1] $$;

-- Business ties: company -> holding company (ownership roles only), company -> person.
CREATE UNLOGGED TABLE company_company AS
SELECT company_bin, holder_bin, coalesce(valid_from, '-infinity') vf,
       coalesce(valid_to, 'infinity') vt
FROM company_roles WHERE holder_bin IS NOT NULL AND role IN ('founder', 'owner', 'beneficial_owner');
CREATE INDEX ON company_company (company_bin);
CREATE UNLOGGED TABLE person_company AS
SELECT c.company_bin, c.holder_iin iin,
       (array_position(ARRAY['founder','owner','beneficial_owner','director','board_member'],
                       c.role) - 1) * 2 + 1 rr,
       c.role IN ('founder', 'owner', 'beneficial_owner') owns,
       coalesce(c.valid_from, '-infinity') vf, coalesce(c.valid_to, 'infinity') vt
FROM company_roles c WHERE c.holder_iin IS NOT NULL
UNION ALL
SELECT o.bin, o.bin, 2, true, '-infinity', 'infinity' FROM organizations o
WHERE o.kind = 'individual_entrepreneur' AND EXISTS (SELECT 1 FROM persons x WHERE x.iin = o.bin);
CREATE INDEX ON person_company (company_bin);

-- The persons tied to company x on d: the fewest company links (at most 5), then role rank.
CREATE FUNCTION holders(x text, d date) RETURNS TABLE (iin text, links int, rr int)
LANGUAGE sql STABLE AS $$
  WITH RECURSIVE up (company, links, path) AS (
    SELECT x, 0, ARRAY[x]
    UNION ALL
    SELECT cc.holder_bin, up.links + 1, up.path || cc.holder_bin
    FROM up JOIN company_company cc ON cc.company_bin = up.company
    WHERE up.links < 5 AND cc.vf <= d AND d < cc.vt AND NOT cc.holder_bin = ANY (up.path))
  SELECT DISTINCT ON (pc.iin) pc.iin, up.links, pc.rr
  FROM up JOIN person_company pc ON pc.company_bin = up.company
  WHERE pc.vf <= d AND d < pc.vt AND (up.links = 0 OR pc.owns)
  ORDER BY pc.iin, up.links, pc.rr $$;

-- Reporting lines: every post and each post above it, with the distance; posts whose
-- reports_to chain runs into a cycle never reach a root and are left out.
CREATE UNLOGGED TABLE post_above AS
WITH RECURSIVE tree (post, path) AS (
  SELECT position_id, ARRAY[position_id] FROM positions WHERE reports_to IS NULL
  UNION ALL
  SELECT p.position_id, t.path || p.position_id FROM tree t JOIN positions p ON p.reports_to = t.post
  WHERE NOT p.position_id = ANY (t.path))
SELECT t.post low, t.path[i] up, cardinality(t.path) - i dist
FROM tree t, generate_subscripts(t.path, 1) i WHERE i < cardinality(t.path);
CREATE INDEX ON post_above (low);
CREATE INDEX ON post_above (up);

CREATE UNLOGGED TABLE emp AS
SELECT person_iin, position_id, coalesce(valid_from, '-infinity') vf,
       coalesce(valid_to, 'infinity') vt, appointed_by_iin, selection_commission_id
FROM employment;
CREATE INDEX ON emp (position_id);

CREATE UNLOGGED TABLE seat AS
SELECT m.commission_id, m.person_iin, greatest(coalesce(m.valid_from, '-infinity'),
       coalesce(c.valid_from, '-infinity')) vf,
       least(coalesce(m.valid_to, 'infinity'), coalesce(c.valid_to, 'infinity')) vt
FROM commission_members m JOIN commissions c USING (commission_id);
CREATE INDEX ON seat (commission_id);

CREATE INDEX ON bids (tender_id);
CREATE INDEX ON contracts (tender_id);
CREATE INDEX ON tenders (tender_id);
ANALYZE;
