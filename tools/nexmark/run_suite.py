#!/usr/bin/env python3
"""The Nexmark suite: which of examples/nexmark/q*.sql sqlc compiles, and whether their rows are right.

  run_suite.py [--sqlc PATH]                   list each query: compiles, or the first line of
                                               its "not supported yet" diagnostic
  run_suite.py --check [--events N] ...        also, for every query that compiles: generate N
                                               events, build and run the job, run the DuckDB
                                               reference (tools/nexmark/reference/qN.sql) on the
                                               same files, and compare the rows

Exit status 1 when a query fails with anything but "not supported yet" (a broken query file or a
compiler crash), when a compiling query has no reference, or when rows differ. The check needs
npm: it installs @duckdb/node-api into --duckdb-dir when missing (the package ships DuckDB).

The generator emits events in time order and the streams allow 4 s of lateness, so nothing is
late: the job's rows must equal the batch query's rows as a multiset (DOUBLEs within 1e-9
relative). Timestamps compare as text 'YYYY-MM-DD HH:MM:SS.sss'; DuckDB's BIGINTs (JSON strings)
compare as integers.
"""

import argparse
import json
import math
import os
import re
import shutil
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
QUERY_DIR = os.path.join(ROOT, "examples", "nexmark")
REFERENCE_DIR = os.path.join(ROOT, "tools", "nexmark", "reference")
GENERATOR = os.path.join(ROOT, "tools", "nexmark", "generate.py")
DUCKDB_RUN = os.path.join(ROOT, "tools", "nexmark", "duckdb_run.cjs")
DUCKDB_PACKAGE = "@duckdb/node-api"
# Where the queries' CREATE STREAMs read from, relative to the directory a job runs in.
DATA_SUBDIR = os.path.join("examples", "nexmark", "data")


# Flink's Nexmark benchmark configuration (nexmark-flink/conf/flink-conf.yaml) turns mini-batch
# on for every query; --flink-config (and bench.py) prepend it to the query files as SETs.
FLINK_NEXMARK_SETS = ("SET 'table.exec.mini-batch.enabled' = 'true';\n"
                      "SET 'table.exec.mini-batch.allow-latency' = '2 s';\n"
                      "SET 'table.exec.mini-batch.size' = '50000';\n")


def with_flink_config(q, out_dir):
    """Writes query q with FLINK_NEXMARK_SETS before it into out_dir; returns its path."""
    path = os.path.join(out_dir, q + "_flink_config.sql")
    with open(query_path(q)) as f, open(path, "w") as out:
        out.write(FLINK_NEXMARK_SETS + f.read())
    return path


def list_queries(names=None):
    """Query names (q0, q1, ...) in numeric order, optionally only those named."""
    found = sorted((f[:-4] for f in os.listdir(QUERY_DIR) if re.fullmatch(r"q\d+\.sql", f)),
                   key=lambda q: int(q[1:]))
    return [q for q in found if names is None or q in names]


def query_path(q):
    return os.path.join(QUERY_DIR, q + ".sql")


class Compiled:
    """What sqlc said about a query: ok, refused (not supported yet) or failed (anything else)."""

    def __init__(self, status, message="", seconds=0.0):
        self.status, self.message, self.seconds = status, message, seconds


def compile_front_end(sqlc, q, path=None):
    """Runs sqlc's front end (--emit-cpp) on query q (its file, or `path`) and classifies the answer."""
    start = time.perf_counter()
    proc = subprocess.run([sqlc, path or query_path(q), "--emit-cpp"], stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True, cwd=ROOT)
    seconds = time.perf_counter() - start
    if proc.returncode == 0:
        return Compiled("compiles", seconds=seconds)
    errors = [l for l in proc.stderr.splitlines() if "error[" in l]
    # Judged by the first error: later ones may follow from it (a view that did not bind).
    if proc.returncode == 1 and errors and "error[E0901]: not supported yet" in errors[0]:
        first = errors[0]
        return Compiled("refused", first[first.index("not supported yet"):], seconds)
    return Compiled("failed", (errors[0] if errors else proc.stderr.strip() or
                               "exit status %d" % proc.returncode), seconds)


def ensure_duckdb(duckdb_dir):
    """Installs @duckdb/node-api into duckdb_dir unless it is there. Raises when npm is missing."""
    if os.path.isdir(os.path.join(duckdb_dir, "node_modules", *DUCKDB_PACKAGE.split("/"))):
        return
    if shutil.which("npm") is None or shutil.which("node") is None:
        raise RuntimeError("node and npm are needed for the DuckDB reference (apt-get install npm)")
    os.makedirs(duckdb_dir, exist_ok=True)
    pkg = os.path.join(duckdb_dir, "package.json")
    if not os.path.exists(pkg):
        with open(pkg, "w") as f:
            f.write('{"name": "sqlc-nexmark-duckdb", "private": true}\n')
    print("nexmark: npm install %s into %s" % (DUCKDB_PACKAGE, duckdb_dir), file=sys.stderr)
    subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--loglevel=error", DUCKDB_PACKAGE],
                   cwd=duckdb_dir, check=True)


def generate(events, work_dir, seed=1, rate=None):
    """Writes the tables under work_dir/examples/nexmark/data (where the queries read)."""
    data = os.path.join(work_dir, DATA_SUBDIR)
    cmd = [sys.executable, GENERATOR, "--events", str(events), "--out-dir", data,
           "--seed", str(seed), "--side-input"]
    if rate:
        cmd += ["--rate", str(rate)]
    subprocess.run(cmd, check=True)
    return data


def reference_script(q, out_path, copy_to=None):
    """The DuckDB script for query q: the table views, then the reference file (statements, the
    last one the query, optionally wrapped in COPY ... TO a JSON-lines file). Returns None when q
    has no reference; raises NoReference when it cannot have one (reference/qN.none says why)."""
    none = os.path.join(REFERENCE_DIR, q + ".none")
    if os.path.exists(none):
        with open(none) as f:
            raise NoReference(f.read().strip())
    ref = os.path.join(REFERENCE_DIR, q + ".sql")
    if not os.path.exists(ref):
        return None
    with open(os.path.join(REFERENCE_DIR, "tables.sql")) as f:
        tables = f.read()
    with open(ref) as f:
        text = "\n".join(l for l in f.read().splitlines() if not l.lstrip().startswith("--"))
    statements = [st.strip() for st in re.split(r";\s*$", text, flags=re.M) if st.strip()]
    query = statements.pop()
    if copy_to:
        query = "COPY (%s) TO '%s' (FORMAT JSON)" % (query, copy_to)
    with open(out_path, "w") as f:
        f.write(tables + "\n" + "".join(st + ";\n" for st in statements) + query + ";\n")
    return out_path


class NoReference(Exception):
    """A query whose rows no batch query can reproduce (e.g. processing-time windows)."""


def run_duckdb(duckdb_dir, script, data_dir, threads=None, rows=True):
    cmd = ["node", DUCKDB_RUN, duckdb_dir, script]
    if threads:
        cmd += ["--threads", str(threads)]
    if not rows:
        cmd.append("--no-rows")
    proc = subprocess.run(cmd, cwd=data_dir, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if proc.returncode != 0:
        raise RuntimeError("DuckDB failed: " + proc.stderr.strip())
    return proc.stdout


# ---- row comparison ---------------------------------------------------------------------------
TIMESTAMP_TEXT = re.compile(r"(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)(\.\d+)?")
INTEGER_TEXT = re.compile(r"-?\d+")


def normalize(value):
    if isinstance(value, str):
        m = TIMESTAMP_TEXT.fullmatch(value)
        if m:  # DuckDB drops a zero fraction and may print microseconds: compare milliseconds
            return "%s.%s" % (m.group(1), ((m.group(2) or ".")[1:] + "000")[:3])
        if INTEGER_TEXT.fullmatch(value):
            return int(value)
        return value
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, float) and value.is_integer() and abs(value) < 2 ** 53:
        return value  # keep floats as floats; close() compares int and float numerically
    return value


def normalize_row(row):
    return {k.lower(): normalize(v) for k, v in row.items()}


def sort_key(row):
    def part(v):
        if isinstance(v, float):
            return (1, "%.6g" % v)
        if isinstance(v, int):
            return (1, "%.6g" % float(v)) if abs(v) >= 2 ** 53 else (0, "%020d" % v)
        return (2, str(v))
    return tuple((k, part(row[k])) for k in sorted(row))


def close(a, b):
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        if isinstance(a, int) and isinstance(b, int):
            return a == b
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)
    return a == b


def materialize(rows):
    """A changelog (rows with an "op" field: +I/+U add a row, -U/-D remove one) applied in order:
    the final result the reference computes. Rows without "op" are inserts."""
    result = []
    for row in rows:
        op = row.pop("op", "+I")
        if op in ("+I", "+U"):
            result.append(row)
        else:
            result.remove(row)  # the exact row the changelog emitted before
    return result


def compare_rows(actual_lines, expected_lines):
    """None when the two JSON-lines texts hold the same rows (any order), else a short reason.
    An updating query's changelog is compared by the final result it materializes."""
    rows = [json.loads(l) for l in actual_lines if l.strip()]
    actual = sorted((normalize_row(r) for r in materialize(rows)), key=sort_key)
    expected = sorted((normalize_row(json.loads(l)) for l in expected_lines if l.strip()), key=sort_key)
    if len(actual) != len(expected):
        return "%d rows, the reference has %d" % (len(actual), len(expected))
    for i, (a, e) in enumerate(zip(actual, expected)):
        if a.keys() != e.keys():
            return "columns %s, the reference has %s" % (sorted(a), sorted(e))
        for k in a:
            if not close(a[k], e[k]):
                return "row %d (sorted) differs in %s: %r, the reference has %r" % (i, k, a[k], e[k])
    return None


def check_query(sqlc, q, work_dir, data_dir, duckdb_dir, path=None):
    """Builds and runs query q's job (its file, or `path`) on the generated files and compares
    with DuckDB. Returns (None or the reason the rows are wrong, the number of rows the job wrote)."""
    job = os.path.join(work_dir, q + "_job")
    build = subprocess.run([sqlc, path or query_path(q), "-o", job], stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE, text=True)
    if build.returncode != 0:
        return "sqlc -o failed: " + build.stderr.strip().splitlines()[0], 0
    out = os.path.join(work_dir, q + ".out.jsonl")
    dead = os.path.join(work_dir, q + ".dead.jsonl")
    run = subprocess.run([job, "--output", out, "--dead-letter", dead], cwd=work_dir,
                         stderr=subprocess.PIPE, text=True)
    if run.returncode != 0:
        return "the job failed: " + run.stderr.strip(), 0
    if os.path.getsize(dead) > 0:
        return "the job wrote dead letters (%s): %s" % (dead, run.stderr.strip()), 0
    try:
        script = reference_script(q, os.path.join(work_dir, q + "_reference.sql"))
    except NoReference as e:
        return "not checked: " + str(e), None
    if script is None:
        return "no reference query tools/nexmark/reference/%s.sql" % q, 0
    expected = run_duckdb(duckdb_dir, script, data_dir)
    with open(out) as f:
        actual = f.read()
    return compare_rows(actual.splitlines(), expected.splitlines()), actual.count("\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sqlc", default=os.path.join(ROOT, "build", "compiler", "sqlc"))
    ap.add_argument("--check", action="store_true", help="run and compare with DuckDB")
    ap.add_argument("--events", type=int, default=20_000, help="events generated for --check")
    ap.add_argument("--rate", type=int, default=200,
                    help="events per second of event time for --check (200: 20 000 events span "
                         "100 s, so 10-second windows and sessions open and close many times)")
    ap.add_argument("--work-dir", default=os.path.join(ROOT, "build", "nexmark", "suite"))
    ap.add_argument("--duckdb-dir", default=os.path.join(ROOT, "build", "nexmark", "duckdb"))
    ap.add_argument("--flink-config", action="store_true",
                    help="run the queries with Flink's Nexmark configuration (mini-batch SETs)")
    ap.add_argument("queries", nargs="*", help="only these (q0 q1 ...)")
    args = ap.parse_args()
    sqlc = os.path.abspath(args.sqlc)
    work_dir = os.path.abspath(args.work_dir)
    duckdb_dir = os.path.abspath(args.duckdb_dir)

    queries = list_queries(set(args.queries) if args.queries else None)
    shutil.rmtree(work_dir, ignore_errors=True)
    os.makedirs(work_dir)
    paths = {q: with_flink_config(q, work_dir) if args.flink_config else None for q in queries}
    results = {q: compile_front_end(sqlc, q, paths[q]) for q in queries}
    failed = False
    passed = []
    data_dir = None
    if args.check and any(r.status == "compiles" for r in results.values()):
        ensure_duckdb(duckdb_dir)
        data_dir = generate(args.events, work_dir, rate=args.rate)
        sys.stderr.flush()

    print("%-4s %-10s %s" % ("", "sqlc", "correctness (%d events at %d/s, DuckDB reference)"
                             % (args.events, args.rate) if args.check else ""))
    for q in queries:
        r = results[q]
        if r.status == "compiles":
            verdict = ""
            if args.check:
                reason, rows = check_query(sqlc, q, work_dir, data_dir, duckdb_dir, paths[q])
                if reason is None:
                    verdict = "pass (%d rows)" % rows
                    passed.append(q)
                elif rows is None:
                    verdict = reason
                else:
                    verdict = "FAIL: " + reason
                    failed = True
            print("%-4s %-10s %s" % (q, "compiles", verdict))
        elif r.status == "refused":
            print("%-4s %-10s %s" % (q, "refused", r.message))
        else:
            print("%-4s %-10s %s" % (q, "ERROR", r.message))
            failed = True
    compiling = [q for q in queries if results[q].status == "compiles"]
    print("\n%d of %d queries compile: %s" % (len(compiling), len(queries), " ".join(compiling) or "none"))
    if args.check:
        print("%d pass the correctness check: %s" % (len(passed), " ".join(passed) or "none"))
    sys.stdout.flush()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
