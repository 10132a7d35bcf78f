#!/usr/bin/env python3
"""Reads a FollowTheMoney export back and checks it against the Neo4j export of the same subgraph.

usage: check_ftm.py SUBGRAPH_FTM_JSON NODES_PERSON_CSV NODES_ORGANIZATION_CSV RELATIONSHIPS_CSV

Both exports come from graph/export.h with the same vertices and options. The FtM file must be
JSON lines of {"id", "schema", "properties"} with every property value a list of strings, the
property names those graph/export.h writes for each schema, unique ids, every entity an edge
refers to present and of a schema the property allows; and it must hold an entity of the right
schema for every node of the CSV files and a Family, Ownership, Membership or Directorship
entity with the same ends, kind, share, dates and derived flag for every row of
relationships.csv, and nothing else. Prints one line per fault and exits 1 when there is any;
else prints "N entities, M links".
"""
import collections
import csv
import json
import re
import sys

faults = []


def fault(msg):
    faults.append(msg)


ORGS = {"PublicBody", "Company", "Organization"}
LEGAL_ENTITIES = ORGS | {"Person"}
NODE_PROPS = {
    "Person": {"name", "lastName", "firstName", "fatherName", "idNumber", "birthDate",
               "deathDate", "gender", "country"},
    **{s: {"name", "registrationNumber", "legalForm", "address", "country"} for s in ORGS},
}
# schema -> (source property, its range, target property, its range, kind property)
LINKS = {
    "Family": ("person", {"Person"}, "relative", {"Person"}, "relationship"),
    "Ownership": ("owner", LEGAL_ENTITIES, "asset", {"Company"}, "role"),
    "Membership": ("member", LEGAL_ENTITIES, "organization", ORGS, "role"),
    "Directorship": ("director", LEGAL_ENTITIES, "organization", ORGS, "role"),
}
ORG_SCHEMA = {"state_body": "PublicBody", "quasi_state": "Company", "company": "Company",
              "individual_entrepreneur": "Company", "ngo": "Organization"}
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def ftm_id(neo4j_id, person):
    """The FtM id of a vertex from its Neo4j id (IIN/BIN, "IE-" + BIN, or a pseudonym)."""
    if neo4j_id.startswith(("P-", "E-")):
        return neo4j_id
    if neo4j_id.startswith("IE-"):
        return "kz-bin-" + neo4j_id[3:]
    return ("kz-iin-" if person else "kz-bin-") + neo4j_id


def one(props, name):
    values = props.get(name, [])
    return values[0] if values else ""


def main():
    ftm_path, persons_path, orgs_path, rels_path = sys.argv[1:5]
    entities = {}
    with open(ftm_path, encoding="utf-8") as f:
        text = f.read()
    if text and not text.endswith("\n"):
        fault("the file does not end with a line break")
    for n, line in enumerate(text.splitlines(), 1):
        try:
            e = json.loads(line)
        except ValueError as err:
            fault(f"line {n}: not JSON: {err}")
            continue
        if not isinstance(e, dict) or set(e) != {"id", "schema", "properties"}:
            fault(f"line {n}: not an entity of id, schema and properties: {line}")
            continue
        if not isinstance(e["id"], str) or not e["id"]:
            fault(f"line {n}: bad id {e['id']!r}")
            continue
        if e["id"] in entities:
            fault(f"line {n}: id {e['id']} used twice")
        props = e["properties"]
        allowed = NODE_PROPS.get(e["schema"])
        if e["schema"] in LINKS:
            src, _, dst, _, kind = LINKS[e["schema"]]
            allowed = {src, dst, kind, "startDate", "endDate", "summary"}
            if e["schema"] == "Ownership":
                allowed.add("percentage")
        if allowed is None:
            fault(f"line {n}: unknown schema {e['schema']!r}")
            continue
        if not isinstance(props, dict):
            fault(f"line {n}: properties is not an object")
            continue
        for name, values in props.items():
            if name not in allowed:
                fault(f"line {n}: {e['schema']} has no property {name!r} here")
            if (not isinstance(values, list) or not values or
                    not all(isinstance(v, str) and v for v in values)):
                fault(f"line {n}: {name} is not a list of non-empty strings: {values!r}")
        for name in ("startDate", "endDate", "birthDate", "deathDate"):
            if name in props and not all(DATE.match(v) for v in props[name]):
                fault(f"line {n}: {name} {props[name]} is not YYYY-MM-DD")
        if e["schema"] not in LINKS and "name" not in props:
            fault(f"line {n}: {e['schema']} without a name")
        entities[e["id"]] = e

    # Links: their ends exist and are in range.
    seen = []
    for e in entities.values():
        if e["schema"] not in LINKS:
            continue
        src, src_range, dst, dst_range, kind = LINKS[e["schema"]]
        p = e["properties"]
        for name, rng in ((src, src_range), (dst, dst_range)):
            ref = one(p, name)
            if ref not in entities:
                fault(f"{e['id']}: {name} {ref!r} is not an entity of the file")
            elif entities[ref]["schema"] not in rng:
                fault(f"{e['id']}: {name} is a {entities[ref]['schema']}, not one of {sorted(rng)}")
        seen.append((e["schema"], one(p, src), one(p, dst), one(p, kind), one(p, "percentage"),
                     one(p, "startDate"), one(p, "endDate"), "summary" in p))

    # Nodes: one entity per CSV node, of its schema.
    nodes = 0
    for path, person in ((persons_path, True), (orgs_path, False)):
        with open(path, encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                nodes += 1
                want = "Person" if person else ORG_SCHEMA[row["org_kind"]]
                e = entities.get(ftm_id(row["id:ID"], person))
                if e is None:
                    fault(f"node {row['id:ID']} has no entity")
                    continue
                if e["schema"] != want:
                    fault(f"node {row['id:ID']} is a {e['schema']}, not a {want}")
                p = e["properties"]
                if row["id:ID"].startswith(("P-", "E-")):
                    # Pseudonymised: the pseudonym is its name, and nothing else names it.
                    if p.get("name") != [e["id"]] or set(p) - {"name", "legalForm", "address",
                                                               "country"}:
                        fault(f"pseudonymised {e['id']} says more than its pseudonym: {p}")
                elif not person and p.get("registrationNumber") != [e["id"][len("kz-bin-"):]]:
                    fault(f"{e['id']}: registrationNumber {p.get('registrationNumber')}")
                elif person and p.get("idNumber") != [row["id:ID"]]:
                    fault(f"{e['id']}: idNumber {p.get('idNumber')}")
    if nodes != len(entities) - len(seen):
        fault(f"{len(entities) - len(seen)} node entities for {nodes} nodes")

    # Edges: one link per relationships.csv row.
    schema_of = {id_: e["schema"] for id_, e in entities.items()}
    expected = []
    with open(persons_path, encoding="utf-8", newline="") as f:
        person_ids = {row["id:ID"] for row in csv.DictReader(f)}
    with open(rels_path, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            s = ftm_id(row[":START_ID"], row[":START_ID"] in person_ids)
            t = ftm_id(row[":END_ID"], row[":END_ID"] in person_ids)
            kind, role = row[":TYPE"], row["role"]
            derived = row["derived:boolean"] == "true"
            share = ""
            if kind == "PARENT":
                schema, word = "Family", "adoptive parent" if role == "adoptive" else "parent"
            elif kind in ("SPOUSE", "SIBLING"):
                schema, word = "Family", kind.lower()
            elif kind == "HOLDS" and role in ("founder", "owner", "beneficial_owner"):
                schema = "Ownership" if schema_of.get(t) == "Company" else "Membership"
                word = role.replace("_", " ")
                share = row["share_pct:float"] if schema == "Ownership" else ""
            elif kind == "HOLDS" and role in ("director", "board_member"):
                schema, word = "Directorship", role.replace("_", " ")
            else:
                fault(f"relationships.csv: unexpected row {row}")
                continue
            expected.append((schema, s, t, word, share, row["valid_from"], row["valid_to"],
                             derived))
    missing = collections.Counter(expected) - collections.Counter(seen)
    extra = collections.Counter(seen) - collections.Counter(expected)
    for link in sorted(missing.elements()):
        fault(f"no entity for the tie {link}")
    for link in sorted(extra.elements()):
        fault(f"an entity for no tie: {link}")

    for f in faults:
        print(f)
    if not faults:
        print(f"{len(entities)} entities, {len(seen)} links")
    return 1 if faults else 0


if __name__ == "__main__":
    sys.exit(main())
