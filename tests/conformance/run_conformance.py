#!/usr/bin/env python3
"""Conformance cases translated from peers' published test suites (Flink, Arroyo, ksqlDB,
RisingWave). Each case keeps its origin's input rows and expected rows; the SQL is ours.

Case file (tests/conformance/<suite>/<name>.case):
    # origin: <repository> <file> <test name>         (required)
    # free-text comment lines start with #
    --- sql
    CREATE STREAM ... WITH ('connector' = 'filesystem', 'path' = 'input.jsonl', 'format' = 'json');
    SELECT ... ;
    --- input
    {"json": "lines"}
    --- expected
    +I[a, 2020-10-10T00:00, 2020-10-10T00:00:05, 4, 10, 2]      (Flink's row notation)

`--- expected slt` holds rows as sqllogictest prints them (RisingWave's e2e_test `rowsort`
blocks): tab-separated values, timestamps without trailing `.000`; numbers are compared
after rounding to 3 decimals (DECIMAL 1761.520 equals DOUBLE 1761.52).

`--- expected upsert` compares with what an upsert sink (a sink with a PRIMARY KEY) receives:
our changelog's -U rows are dropped first, as Flink's upsert sinks drop them. A row with an
"op" field (a changelog) takes its kind from it (+I, -U, +U, -D).

Expected rows are compared as a multiset (the peers' suites do not define an order). Our JSON
rows are rendered in Flink's notation: values in column order, NULL as `null`, timestamps as
Java's LocalDateTime.toString() (2020-10-10T00:00, 2020-10-10T00:00:05.123).

A case whose SQL sqlc refuses with `not supported yet` counts as "not supported yet", not as a
failure. Usage: run_conformance.py --sqlc PATH [--only NAME] [--keep] DIR...
Prints a table: suite, cases, passed, failed, not supported yet. Exits 1 if any case failed.
"""
import argparse
import collections
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

TIMESTAMP = re.compile(r"^(\d{4}-\d\d-\d\d) (\d\d):(\d\d):(\d\d)\.(\d{3})$")


def parse_case(path):
    sections, current, origin = {}, None, None
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.rstrip("\n")
            if line.startswith("--- "):
                current = line[4:].strip()
                sections[current] = []
            elif current is None:
                if line.startswith("# origin:"):
                    origin = line[len("# origin:"):].strip()
            elif current == "sql" or line.strip():
                sections[current].append(line)
    if "expected slt" in sections:
        sections["expected"] = sections.pop("expected slt")
        sections["slt"] = True
    if "expected upsert" in sections:
        sections["expected"] = sections.pop("expected upsert")
        sections["upsert"] = True
    if not origin:
        raise ValueError("%s: missing '# origin:' line" % path)
    for need in ("sql", "input", "expected"):
        if need not in sections:
            raise ValueError("%s: missing section '--- %s'" % (path, need))
    return origin, sections


def java_value(v):
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, str):
        m = TIMESTAMP.match(v)
        if not m:
            return v
        date, hh, mm, ss, ms = m.groups()
        out = "%sT%s:%s" % (date, hh, mm)
        if ss != "00" or ms != "000":
            out += ":" + ss
        if ms != "000":
            out += "." + ms
        return out
    if isinstance(v, float):
        return repr(v) if "e" not in repr(v) else repr(v).replace("e", "E")
    return str(v)


def slt_value(v):
    if v is None:
        return "NULL"
    if isinstance(v, bool):
        return "t" if v else "f"
    if isinstance(v, (int, float)):
        return repr(round(float(v), 3))
    m = TIMESTAMP.match(v)
    if m:
        return v[:-4] if v.endswith(".000") else v
    try:
        return repr(round(float(v), 3))
    except ValueError:
        return v


def slt_row(values):
    return "\t".join(slt_value(v) for v in values)


def flink_row(obj):
    kind = obj.pop("op", "+I")
    return kind + "[" + ", ".join(java_value(v) for v in obj.values()) + "]"


def run_case(sqlc, path, keep):
    origin, sections = parse_case(path)
    work = tempfile.mkdtemp(prefix="sqlc-conf-")
    try:
        with open(os.path.join(work, "query.sql"), "w") as f:
            f.write("\n".join(sections["sql"]) + "\n")
        with open(os.path.join(work, "input.jsonl"), "w") as f:
            f.write("\n".join(sections["input"]) + "\n")
        build = subprocess.run([sqlc, "query.sql", "-o", "job"], cwd=work, capture_output=True, text=True)
        if build.returncode == 1 and "not supported yet" in build.stderr:
            first = next((l for l in build.stderr.splitlines() if "not supported yet" in l), "")
            return "unsupported", first.split("not supported yet:", 1)[-1].strip()
        if build.returncode != 0:
            return "failed", "sqlc exited %d:\n%s" % (build.returncode, build.stderr)
        run = subprocess.run(["./job", "--input", "input.jsonl", "--output", "out.jsonl", "--dead-letter", "dead.jsonl", "--quiet"],
                             cwd=work, capture_output=True, text=True)
        if run.returncode != 0:
            return "failed", "job exited %d:\n%s" % (run.returncode, run.stderr)
        with open(os.path.join(work, "out.jsonl")) as f:
            rows = [json.loads(l, object_pairs_hook=collections.OrderedDict) for l in f if l.strip()]
        if sections.get("slt"):
            got = [slt_row(r.values()) for r in rows]
            sections["expected"] = [slt_row(l.split("\t")) for l in sections["expected"]]
        else:
            got = [flink_row(r) for r in rows]
        if sections.get("upsert"):
            got = [r for r in got if not r.startswith("-U[")]
        want = [l.strip() for l in sections["expected"]]
        if collections.Counter(got) != collections.Counter(want):
            missing = sorted((collections.Counter(want) - collections.Counter(got)).elements())
            extra = sorted((collections.Counter(got) - collections.Counter(want)).elements())
            return "failed", "missing rows:\n  %s\nunexpected rows:\n  %s" % ("\n  ".join(missing) or "-", "\n  ".join(extra) or "-")
        return "passed", origin
    finally:
        if keep:
            print("kept", work, file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sqlc", required=True)
    ap.add_argument("--only")
    ap.add_argument("--keep", action="store_true")
    ap.add_argument("dirs", nargs="+")
    a = ap.parse_args()
    sqlc = os.path.abspath(a.sqlc)
    table = []
    any_failed = False
    for d in a.dirs:
        suite = os.path.basename(os.path.normpath(d))
        counts = collections.Counter()
        for name in sorted(os.listdir(d)):
            if not name.endswith(".case") or (a.only and name[:-5] != a.only):
                continue
            status, detail = run_case(sqlc, os.path.join(d, name), a.keep)
            counts[status] += 1
            if status == "failed":
                any_failed = True
                print("FAIL %s/%s\n%s" % (suite, name, detail))
            elif status == "unsupported":
                print("NOT SUPPORTED YET %s/%s: %s" % (suite, name, detail))
            else:
                print("PASS %s/%s" % (suite, name))
        table.append((suite, sum(counts.values()), counts["passed"], counts["failed"], counts["unsupported"]))
    print("\n| suite | cases | passed | failed | not supported yet |\n|---|---:|---:|---:|---:|")
    for row in table:
        print("| %s | %d | %d | %d | %d |" % row)
    return 1 if any_failed else 0


if __name__ == "__main__":
    sys.exit(main())
