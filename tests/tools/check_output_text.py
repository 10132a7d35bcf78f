#!/usr/bin/env python3
"""Parses what coigraph wrote with readers that coigraph does not share code with.

usage: check_output_text.py EXPECT_FILE KIND=FILE ...

EXPECT_FILE holds, one per line and escaped as a JSON string, texts that must come back exactly
(a name with a tab, quotes, <, & and a backslash). KIND is jsonl, table, graphml, gexf, cyjs,
csv, dot or ftm (FollowTheMoney JSON lines: each line an object of id, schema and properties,
every property value a list of strings). Every file must be UTF-8 without control characters other than those its format
allows; each parsed file must give back every expected text somewhere among its strings, except
`table` and `dot`, which are only checked for their characters. Prints one line per fault and
exits 1 when there is any.
"""
import csv
import io
import json
import sys
import xml.etree.ElementTree as ET

faults = []


def fault(msg):
    faults.append(msg)


def strings_of_json(value, out):
    if isinstance(value, str):
        out.add(value)
    elif isinstance(value, dict):
        for k, v in value.items():
            out.add(k)
            strings_of_json(v, out)
    elif isinstance(value, list):
        for v in value:
            strings_of_json(v, out)


def controls(text, allowed):
    return sorted({hex(ord(c)) for c in text
                   if (ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F) and c not in allowed})


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        expected = [json.loads(line) for line in f if line.strip()]
    for arg in sys.argv[2:]:
        kind, path = arg.split("=", 1)
        raw = open(path, "rb").read()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as e:
            fault(f"{path}: not UTF-8: {e}")
            continue
        allowed = {"jsonl": "\n", "table": "\n", "graphml": "\n", "gexf": "\n", "cyjs": "\n",
                   "csv": "\n\t\r", "dot": "\n\t", "ftm": "\n"}[kind]
        bad = controls(text, allowed)
        if bad:
            fault(f"{path}: raw control characters {bad}")
        found = set()
        try:
            if kind == "jsonl":
                for line in text.splitlines():
                    strings_of_json(json.loads(line), found)
            elif kind == "ftm":
                for line in text.splitlines():
                    entity = json.loads(line)
                    props = entity["properties"]
                    if (set(entity) != {"id", "schema", "properties"} or
                            not all(isinstance(v, list) and all(isinstance(x, str) for x in v)
                                    for v in props.values())):
                        fault(f"{path}: not an FtM entity: {line}")
                    strings_of_json(entity, found)
            elif kind == "cyjs":
                strings_of_json(json.loads(text), found)
            elif kind in ("graphml", "gexf"):
                for el in ET.fromstring(raw).iter():
                    found.update(el.attrib.values())
                    if el.text:
                        found.add(el.text)
            elif kind == "csv":
                for row in csv.reader(io.StringIO(text, newline="")):
                    found.update(row)
            else:
                continue
        except Exception as e:  # any parse error is the fault being looked for
            fault(f"{path}: does not parse as {kind}: {e}")
            continue
        for want in expected:
            if not any(want in s for s in found):
                fault(f"{path}: {json.dumps(want, ensure_ascii=False)} does not come back")
    for f in faults:
        print(f)
    return 1 if faults else 0


if __name__ == "__main__":
    sys.exit(main())
