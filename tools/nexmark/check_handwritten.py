#!/usr/bin/env python3
"""The hand-written baselines must compute the queries: runs tools/nexmark/handwritten.cpp's
program for each query it implements on generated events and compares its rows with the DuckDB
reference (tools/nexmark/reference/qN.sql), with run_suite.py's comparison (rows as multisets).

  check_handwritten.py --handwritten PATH [--events 20000] [--rate 200] [q0 q5 ...]

bench.py compares the sqlc jobs with these programs, so a wrong baseline would make every ratio
meaningless; this check keeps them honest whether or not sqlc compiles the query yet.
"""

import argparse
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run_suite  # noqa: E402

HANDWRITTEN_QUERIES = ("q0", "q1", "q2", "q5", "q7")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--handwritten", required=True, help="the built tools/nexmark/handwritten.cpp")
    ap.add_argument("--events", type=int, default=20_000)
    ap.add_argument("--rate", type=int, default=200, help="events per second of event time")
    ap.add_argument("--work-dir", default=os.path.join(run_suite.ROOT, "build", "nexmark", "handwritten"))
    ap.add_argument("--duckdb-dir", default=os.path.join(run_suite.ROOT, "build", "nexmark", "duckdb"))
    ap.add_argument("queries", nargs="*", help="only these (default: %s)" % " ".join(HANDWRITTEN_QUERIES))
    args = ap.parse_args()
    work_dir = os.path.abspath(args.work_dir)
    duckdb_dir = os.path.abspath(args.duckdb_dir)
    run_suite.ensure_duckdb(duckdb_dir)
    shutil.rmtree(work_dir, ignore_errors=True)
    os.makedirs(work_dir)
    data_dir = run_suite.generate(args.events, work_dir, rate=args.rate)
    failed = False
    for q in args.queries or HANDWRITTEN_QUERIES:
        out = os.path.join(work_dir, q + ".hand.jsonl")
        subprocess.run([args.handwritten, q, os.path.join(data_dir, "bid.jsonl"), out], check=True)
        script = run_suite.reference_script(q, os.path.join(work_dir, q + "_reference.sql"))
        expected = run_suite.run_duckdb(duckdb_dir, script, data_dir)
        with open(out) as f:
            actual = f.read()
        reason = run_suite.compare_rows(actual.splitlines(), expected.splitlines())
        print("%-4s %s" % (q, "pass (%d rows)" % actual.count("\n") if reason is None else "FAIL: " + reason))
        failed |= reason is not None
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
