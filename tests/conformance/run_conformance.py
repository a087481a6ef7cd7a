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

A case with several sources gives each its rows in a `--- file NAME` section (written as NAME in
the job's directory, where the DDL's relative 'path' finds it); without an `--- input` section the
job runs without --input, so every source reads its DDL path.

`# known-failure: <reason>` (before `--- sql`) marks a case whose rows sqlc gets wrong today for a
documented reason: it is run and listed as "known failure", and does not fail the suite; if it
starts passing, the harness says so (remove the marker then).

`--- expected final` compares the materialized result (what a RisingWave materialized view or a
Flink upsert sink holds at the end): +I/+U rows add a row, -U/-D rows remove an equal one. Modes
combine: `--- expected slt final`.

`--- expected upsert` compares with what an upsert sink (a sink with a PRIMARY KEY) receives:
our changelog's -U rows are dropped first, as Flink's upsert sinks drop them. A row with an
"op" field (a changelog) takes its kind from it (+I, -U, +U, -D).

Expected rows are compared as a multiset (the peers' suites do not define an order). Our JSON
rows are rendered in Flink's notation: values in column order, NULL as `null`, timestamps as
Java's LocalDateTime.toString() (2020-10-10T00:00, 2020-10-10T00:00:05.123), DECIMAL values with
their scale (2.00) and DOUBLE values as Java prints them (1.0).

A case whose SQL sqlc refuses with `not supported yet` counts as "not supported yet", not as a
failure. Usage: run_conformance.py --sqlc PATH [--only NAME] [--keep] [-j N] [DIR...]
With no DIR, runs every suite folder beside this script. Prints a table: suite, cases, passed,
failed, known failure, not supported yet; then the "not supported yet" cases counted by the
feature sqlc names. Exits 1 if any case failed.
"""
import argparse
import collections
import concurrent.futures
import decimal
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

TIMESTAMP = re.compile(r"^(\d{4}-\d\d-\d\d) (\d\d):(\d\d):(\d\d)\.(\d{3})$")


def parse_case(path):
    sections, current, origin, known_failure = {}, None, None, None
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.rstrip("\n")
            if line.startswith("--- "):
                current = line[4:].strip()
                sections[current] = []
            elif current is None:
                if line.startswith("# origin:"):
                    origin = line[len("# origin:"):].strip()
                elif line.startswith("# known-failure:"):
                    known_failure = line[len("# known-failure:"):].strip()
            elif current == "sql" or line.strip():
                sections[current].append(line)
    for key in [k for k in sections if k.startswith("expected ")]:
        for mode in key.split()[1:]:
            if mode not in ("slt", "upsert", "final"):
                raise ValueError("%s: unknown mode '%s' in '--- %s'" % (path, mode, key))
            sections[mode] = True
        sections["expected"] = sections.pop(key)
    if not origin:
        raise ValueError("%s: missing '# origin:' line" % path)
    files = {k[len("file "):].strip(): v for k, v in sections.items() if k.startswith("file ")}
    needs = ("sql", "expected") if files else ("sql", "input", "expected")
    for need in needs:
        if need not in sections:
            raise ValueError("%s: missing section '--- %s'" % (path, need))
    sections["files"] = files
    sections["known_failure"] = known_failure
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
    if isinstance(v, decimal.Decimal):
        # Our JSON keeps a DECIMAL's scale (2.00) and prints a DOUBLE with a fraction (1.0), as Java does.
        return str(v).replace("E+", "E")
    if isinstance(v, float):
        return repr(v) if "e" not in repr(v) else repr(v).replace("e", "E")
    return str(v)


def slt_value(v):
    if v is None:
        return "NULL"
    if isinstance(v, bool):
        return "t" if v else "f"
    if isinstance(v, (int, float, decimal.Decimal)):
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


def materialize(rows):
    """The table a changelog leaves behind: +I/+U add a row, -U/-D retract an equal row."""
    table = []
    for r in rows:
        kind = r.pop("op", "+I")
        if kind in ("+I", "+U"):
            table.append(r)
        elif r in table:
            table.remove(r)
        else:
            raise ValueError("%s retracts a row that is not there: %s" % (kind, json.dumps(r)))
    return table


def run_case(sqlc, path, keep):
    origin, sections = parse_case(path)
    work = tempfile.mkdtemp(prefix="sqlc-conf-")
    try:
        with open(os.path.join(work, "query.sql"), "w") as f:
            f.write("\n".join(sections["sql"]) + "\n")
        inputs = dict(sections["files"])
        if "input" in sections:
            inputs["input.jsonl"] = sections["input"]
        for name, lines in inputs.items():
            with open(os.path.join(work, name), "w") as f:
                f.write("".join(l + "\n" for l in lines))
        build = subprocess.run([sqlc, "query.sql", "-o", "job"], cwd=work, capture_output=True, text=True)
        if build.returncode == 1 and "not supported yet" in build.stderr:
            # The error line, not a warning's help that mentions something "not supported yet".
            lines = build.stderr.splitlines()
            first = next((l for l in lines if "error[E0901]: not supported yet" in l),
                         next((l for l in lines if "not supported yet" in l), ""))
            return "unsupported", first.split("not supported yet:", 1)[-1].strip()
        if build.returncode != 0:
            return "failed", "sqlc exited %d:\n%s" % (build.returncode, build.stderr)
        input_flag = ["--input", "input.jsonl"] if "input" in sections else []
        run = subprocess.run(["./job"] + input_flag + ["--output", "out.jsonl", "--dead-letter", "dead.jsonl", "--quiet"],
                             cwd=work, capture_output=True, text=True)
        if run.returncode != 0:
            return "failed", "job exited %d:\n%s" % (run.returncode, run.stderr)
        with open(os.path.join(work, "out.jsonl")) as f:
            rows = [json.loads(l, object_pairs_hook=collections.OrderedDict, parse_float=decimal.Decimal)
                    for l in f if l.strip()]
        if sections.get("final"):
            try:
                rows = materialize(rows)
            except ValueError as e:
                return "failed", str(e)
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


def judge(sections, status, detail):
    """A `# known-failure:` case is run; its failure is expected and listed, not counted as failed."""
    reason = sections["known_failure"]
    if not reason:
        return status, detail
    if status == "failed":
        return "known", reason
    if status == "passed":
        return "failed", "marked '# known-failure: %s' but passes now: remove the marker" % reason
    return status, detail


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sqlc", required=True)
    ap.add_argument("--only")
    ap.add_argument("--keep", action="store_true")
    ap.add_argument("-j", "--jobs", type=int, default=1, help="cases run at once")
    ap.add_argument("dirs", nargs="*", help="suite folders (default: every folder beside this script)")
    a = ap.parse_args()
    sqlc = os.path.abspath(a.sqlc)
    here = os.path.dirname(os.path.abspath(__file__))
    dirs = a.dirs or sorted(os.path.join(here, d) for d in os.listdir(here) if os.path.isdir(os.path.join(here, d)))
    table = []
    any_failed = False
    missing = collections.Counter()  # "not supported yet" feature -> cases

    def one(path):
        _, sections = parse_case(path)
        return judge(sections, *run_case(sqlc, path, a.keep))

    for d in dirs:
        suite = os.path.basename(os.path.normpath(d))
        counts = collections.Counter()
        names = [n for n in sorted(os.listdir(d)) if n.endswith(".case") and not (a.only and n[:-5] != a.only)]
        with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, a.jobs)) as pool:
            results = list(pool.map(one, [os.path.join(d, n) for n in names]))
        for name, (status, detail) in zip(names, results):
            counts[status] += 1
            if status == "failed":
                any_failed = True
                print("FAIL %s/%s\n%s" % (suite, name, detail))
            elif status == "unsupported":
                print("NOT SUPPORTED YET %s/%s: %s" % (suite, name, detail))
                missing[detail.split(" (")[0]] += 1
            elif status == "known":
                print("KNOWN FAILURE %s/%s: %s" % (suite, name, detail))
            else:
                print("PASS %s/%s" % (suite, name))
        table.append((suite, sum(counts.values()), counts["passed"], counts["failed"], counts["known"], counts["unsupported"]))
    if len(table) > 1:
        table.append(("**total**",) + tuple(sum(col) for col in list(zip(*table))[1:]))
    print("\n| suite | cases | passed | failed | known failure | not supported yet |\n|---|---:|---:|---:|---:|---:|")
    for row in table:
        print("| %s | %d | %d | %d | %d | %d |" % row)
    if missing:
        print("\n| not supported yet: sqlc says | cases |\n|---|---:|")
        for feature, n in sorted(missing.items(), key=lambda kv: (-kv[1], kv[0])):
            print("| %s | %d |" % (feature.replace("|", "\\|"), n))
    return 1 if any_failed else 0


if __name__ == "__main__":
    sys.exit(main())
