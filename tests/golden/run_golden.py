#!/usr/bin/env python3
"""Golden tests for sqlc's text outputs (python3 stdlib only).

Usage: run_golden.py --sqlc PATH [--rewrite] [--only NAME] DIR...

DIR is one of the golden directories (or any directory named like them); its base name picks the
mode, and every NAME.sql in it is one test:

  explain/  `sqlc NAME.sql --explain`   exit 0, stdout  == NAME.explain
  codegen/  `sqlc NAME.sql --emit-cpp`  exit 0, stdout  == NAME.cpp
  errors/   `sqlc NAME.sql --emit-cpp`  exit 1, stderr  == NAME.stderr
  catalog/  `sqlc NAME.sql`             exit 0, stdout  == NAME.out  (scripts of SHOW / DESCRIBE /
            DROP statements only: they print and exit without building a job)
            (--emit-cpp runs every pass up to code generation and never writes a file or
            starts a C++ build, so a query that unexpectedly compiles leaves nothing behind)
  dot/      `sqlc explain NAME.sql --format=dot`   exit 0, stdout == NAME.dot
  json/     `sqlc explain NAME.sql --format=json`  exit 0, stdout == NAME.json

sqlc runs with cwd = DIR and the file named as `NAME.sql`, so diagnostics print `NAME.sql:L:C`.
--rewrite writes the expectation files from the actual output (review them with git diff!); it
still fails if sqlc exits with the wrong code. A missing expectation file is a failure that says to
run with --rewrite. Exit status: 0 all passed, 1 any failed.
"""
import argparse
import difflib
import os
import subprocess
import sys

MODES = {
    # dir name: (args before the file, args after it, expected exit code, which stream, expectation suffix)
    "explain": ([], ["--explain"], 0, "stdout", ".explain"),
    "codegen": ([], ["--emit-cpp"], 0, "stdout", ".cpp"),
    "errors": ([], ["--emit-cpp"], 1, "stderr", ".stderr"),
    "dot": (["explain"], ["--format=dot"], 0, "stdout", ".dot"),
    "json": (["explain"], ["--format=json"], 0, "stdout", ".json"),
    "catalog": ([], [], 0, "stdout", ".out"),
}


def run_one(sqlc, d, mode, name, rewrite, timeout):
    before, after, want_rc, stream, suffix = MODES[mode]
    cmd = [sqlc] + before + [name + ".sql"] + after
    try:
        p = subprocess.run(cmd, cwd=d, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return "timed out after %ss" % timeout
    except OSError as e:
        return "cannot run %s: %s" % (sqlc, e)
    actual = p.stdout if stream == "stdout" else p.stderr
    problems = []
    if p.returncode != want_rc:
        other = p.stderr if stream == "stdout" else p.stdout
        problems.append("sqlc exited %d, expected %d%s" % (
            p.returncode, want_rc, ("\n--- " + ("stderr" if stream == "stdout" else "stdout") + ":\n" + other.rstrip()) if other.strip() else ""))
    exp_path = os.path.join(d, name + suffix)
    if rewrite:
        if not problems:
            with open(exp_path, "w", encoding="utf-8", newline="") as f:
                f.write(actual)
        return "\n".join(problems) or None
    if not os.path.exists(exp_path):
        problems.append("missing %s (run with --rewrite to create it, then review)" % os.path.relpath(exp_path))
        return "\n".join(problems)
    with open(exp_path, encoding="utf-8", newline="") as f:
        expected = f.read()
    if expected != actual:
        diff = difflib.unified_diff(expected.splitlines(), actual.splitlines(),
                                    name + suffix + " (expected)", name + suffix + " (actual " + stream + ")", lineterm="")
        text = "\n".join(diff)
        if not text:  # only line endings / final newline differ
            text = "outputs differ only in line endings or the final newline"
        problems.append(text)
    return "\n".join(problems) or None


def main():
    ap = argparse.ArgumentParser(description="sqlc golden tests (explain / codegen / errors / dot / json).")
    ap.add_argument("--sqlc", required=True, help="path to the sqlc binary")
    ap.add_argument("--rewrite", action="store_true", help="rewrite expectation files from actual output")
    ap.add_argument("--only", help="run only NAME (the .sql base name)")
    ap.add_argument("--timeout", type=float, default=60.0)
    ap.add_argument("dirs", nargs="+", metavar="DIR")
    a = ap.parse_args()
    sqlc = os.path.abspath(a.sqlc)
    failed = passed = 0
    for d in a.dirs:
        d = os.path.abspath(d)
        mode = os.path.basename(d.rstrip(os.sep))
        if mode not in MODES:
            print("run_golden: %s: directory name must be one of %s" % (d, ", ".join(MODES)), file=sys.stderr)
            return 2
        names = sorted(f[:-4] for f in os.listdir(d) if f.endswith(".sql"))
        if a.only:
            names = [n for n in names if n == a.only]
        for name in names:
            label = "golden.%s.%s" % (mode, name)
            err = run_one(sqlc, d, mode, name, a.rewrite, a.timeout)
            if err:
                failed += 1
                print("FAIL %s\n%s" % (label, err), file=sys.stderr)
            else:
                passed += 1
                print("%s %s" % ("WROTE" if a.rewrite else "PASS", label))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
