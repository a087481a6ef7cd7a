#!/usr/bin/env python3
"""End-to-end test of one case: SQL + input rows -> job binary -> output rows (python3 stdlib only).

Usage: run_case.py --sqlc PATH CASE.test [--keep] [--timeout S]

Case file format (sections start with a line `--- NAME`; lines starting with `#` before the first
section are comments):

    # what this case checks
    --- sql
    CREATE STREAM s (...) WITH ('connector'='filesystem','path'='input.jsonl','format'='json');
    SELECT ...;
    --- input
    {"a": 1}
    --- output
    {"a":1}
    --- output NAME        (instead of `--- output`, repeatable: a job of several INSERT INTO; the
                            rows of sink table NAME, run with `--output NAME=NAME.out.jsonl`)
    --- dead-letter        (optional: exact lines; "position" is input.jsonl:LINE)
    --- summary            (optional: the exact last stderr line; the job is named "job")
    --- file NAME          (optional, repeatable: another file written to the work dir, e.g. a
                            lookup table the SQL names with 'path' = 'NAME')
    --- args               (optional: the job's input flags instead of `--input input.jsonl`,
                            e.g. `--input clicks=input.jsonl` and `--input views=views.jsonl`)

Instead of input/output a case may have an `--- error` section: then `sqlc query.sql -o job` must
exit 1 and its stderr must equal the section exactly.

The harness makes a temp dir, writes query.sql and input.jsonl, runs `sqlc query.sql -o job` and
`./job --input input.jsonl --output out.jsonl --dead-letter dead.jsonl` there (cwd = temp dir),
and compares line by line (trailing newline of the last line and trailing blank lines of a section
are not significant). Exit 0 = pass, 1 = mismatch or failure (with a message and a diff).
"""
import argparse
import difflib
import os
import shutil
import subprocess
import sys
import tempfile

KNOWN = ("sql", "input", "output", "dead-letter", "summary", "error", "file", "args")


class CaseError(Exception):
    pass


def parse_case(path):
    sections = {}
    current = None
    with open(path, encoding="utf-8") as f:
        text = f.read()
    for lineno, line in enumerate(text.split("\n"), 1):
        if line.startswith("--- "):
            words = line[4:].split()
            name = words[0] if words else ""
            if name == "output" and len(words) == 2:
                name = "output " + words[1]
            elif name == "file":
                if len(words) != 2 or "/" in words[1] or words[1] in ("query.sql", "input.jsonl"):
                    raise CaseError("%s:%d: expected '--- file NAME' with a plain file name" % (path, lineno))
                name = "file " + words[1]
            elif name not in KNOWN:
                raise CaseError("%s:%d: unknown section '%s' (known: %s)" % (path, lineno, name, ", ".join(KNOWN)))
            if name in sections:
                raise CaseError("%s:%d: section '%s' appears twice" % (path, lineno, name))
            sections[name] = []
            current = name
            continue
        if current is None:
            if line.strip() == "" or line.startswith("#"):
                continue
            raise CaseError("%s:%d: text before the first section must be a # comment" % (path, lineno))
        sections[current].append(line)
    # a section's trailing blank lines are not significant
    for name, lines in sections.items():
        while lines and lines[-1].strip() == "":
            lines.pop()
    if "sql" not in sections:
        raise CaseError("%s: missing '--- sql' section" % path)
    if "error" in sections:
        extra = [s for s in sections if s.split()[0] in ("input", "output", "dead-letter", "summary")]
        if extra:
            raise CaseError("%s: an '--- error' case cannot have %s" % (path, ", ".join(extra)))
    else:
        sinks = [s for s in sections if s.startswith("output ")]
        for s in ("input",) + (() if sinks else ("output",)):
            if s not in sections:
                raise CaseError("%s: missing '--- %s' section (or use '--- error')" % (path, s))
    return sections


def lines_of(text):
    lines = text.split("\n")
    while lines and lines[-1] == "":
        lines.pop()
    return lines


def compare(what, expected, actual, failures):
    if expected == actual:
        return
    diff = difflib.unified_diff(expected, actual, "expected " + what, "actual " + what, lineterm="")
    failures.append("%s differs:\n%s" % (what, "\n".join(diff)))


def run(cmd, cwd, timeout):
    try:
        return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise CaseError("timed out after %ss: %s" % (timeout, " ".join(cmd)))
    except OSError as e:
        raise CaseError("cannot run %s: %s" % (cmd[0], e))


def show(proc):
    out = []
    if proc.stdout.strip():
        out.append("--- stdout:\n" + proc.stdout.rstrip())
    if proc.stderr.strip():
        out.append("--- stderr:\n" + proc.stderr.rstrip())
    return "\n".join(out)


def run_case(sqlc, case_path, keep, timeout):
    sec = parse_case(case_path)
    work = tempfile.mkdtemp(prefix="sqlc-e2e-%s-" % os.path.splitext(os.path.basename(case_path))[0])
    ok = False
    try:
        with open(os.path.join(work, "query.sql"), "w", encoding="utf-8") as f:
            f.write("\n".join(sec["sql"]) + "\n")
        if "input" in sec:
            with open(os.path.join(work, "input.jsonl"), "w", encoding="utf-8") as f:
                f.write("".join(l + "\n" for l in sec["input"]))
        for name, lines in sec.items():
            if name.startswith("file "):
                with open(os.path.join(work, name[5:]), "w", encoding="utf-8") as f:
                    f.write("".join(l + "\n" for l in lines))

        comp = run([sqlc, "query.sql", "-o", "job"], work, timeout)
        failures = []
        if "error" in sec:
            if comp.returncode != 1:
                failures.append("sqlc exited %d, expected 1 (diagnostics)\n%s" % (comp.returncode, show(comp)))
            compare("sqlc stderr", sec["error"], lines_of(comp.stderr), failures)
        else:
            if comp.returncode != 0:
                raise CaseError("sqlc failed (exit %d):\n%s" % (comp.returncode, show(comp)))
            if not os.path.exists(os.path.join(work, "job")):
                raise CaseError("sqlc exited 0 but wrote no ./job")
            # `--- args`: the job's input flags, one per line (e.g. --input NAME=FILE for a job
            # with several sources); default `--input input.jsonl`.
            inputs = [a for line in sec.get("args", []) for a in line.split()] or ["--input", "input.jsonl"]
            sinks = [name[7:] for name in sec if name.startswith("output ")]
            outputs = [a for sink in sinks for a in ("--output", "%s=%s.out.jsonl" % (sink, sink))] or ["--output", "out.jsonl"]
            job = run(["./job"] + inputs + outputs + ["--dead-letter", "dead.jsonl"], work, timeout)
            if job.returncode != 0:
                raise CaseError("job failed (exit %d):\n%s" % (job.returncode, show(job)))

            def read(name):
                p = os.path.join(work, name)
                if not os.path.exists(p):
                    return None
                with open(p, encoding="utf-8") as f:
                    return lines_of(f.read())

            for sink in sinks or [None]:
                name = "%s.out.jsonl" % sink if sink else "out.jsonl"
                out = read(name)
                if out is None:
                    failures.append("job wrote no %s" % name)
                else:
                    compare("output " + sink if sink else "output", sec["output " + sink if sink else "output"], out, failures)
            if "dead-letter" in sec:
                dead = read("dead.jsonl")
                # a job may skip creating the file when there is nothing to write
                compare("dead-letter", sec["dead-letter"], dead or [], failures)
            if "summary" in sec:
                err = lines_of(job.stderr)
                last = err[-1:] if err else []
                compare("summary (last stderr line)", sec["summary"], last, failures)
        if failures:
            raise CaseError("\n".join(failures))
        ok = True
    finally:
        if keep or not ok:
            if keep:
                print("kept work dir: %s" % work, file=sys.stderr)
            else:
                print("work dir (kept on failure): %s" % work, file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser(description="Run one sqlc end-to-end case.")
    ap.add_argument("--sqlc", required=True, help="path to the sqlc binary")
    ap.add_argument("case", help="path to NAME.test")
    ap.add_argument("--keep", action="store_true", help="keep the temp dir")
    ap.add_argument("--timeout", type=float, default=120.0, help="seconds per command (default 120)")
    a = ap.parse_args()
    sqlc = os.path.abspath(a.sqlc)
    name = os.path.basename(a.case)
    try:
        run_case(sqlc, os.path.abspath(a.case), a.keep, a.timeout)
    except CaseError as e:
        print("FAIL %s\n%s" % (name, e), file=sys.stderr)
        return 1
    print("PASS %s" % name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
