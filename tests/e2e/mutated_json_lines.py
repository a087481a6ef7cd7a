#!/usr/bin/env python3
"""Randomly damaged JSON lines: the job never crashes and loses nothing.

Bids of examples/nexmark/data/bid.jsonl, about half of them damaged (bytes replaced, inserted,
deleted or duplicated, lines cut short, invalid UTF-8), are read by two jobs: one that converts
every column and one that reads a single column (of the others only the line's structure is
checked: docs/from_flink.md). For every seed each job must exit 0, write or
dead-letter every non-blank line (rows + dead letters = lines), dead-letter only damaged lines,
each with the reason and its line number, and write valid JSON rows.
"""
import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
COLUMNS = ("auction BIGINT, bidder BIGINT, price BIGINT, channel VARCHAR, url VARCHAR, "
           "dateTime TIMESTAMP(3), extra VARCHAR")
JOBS = {
    "every_column": ("SELECT * FROM bid", COLUMNS),
    "one_column": ("SELECT auction FROM bid", "auction BIGINT"),
}
DAMAGE = b'{}[]",:\\0123456789-+.eE tfnul\x00\xff\xc3\x80ab'


def job_sql(select, out_columns):
    return ("CREATE STREAM bid (%s) WITH ('connector' = 'filesystem', 'path' = 'bid.jsonl', 'format' = 'json');\n"
            "CREATE TABLE out1 (%s) WITH ('connector' = 'filesystem', 'path' = '/dev/stdout', 'format' = 'json');\n"
            "INSERT INTO out1 %s;\n" % (COLUMNS, out_columns, select))


def damage(line, r):
    b = bytearray(line)
    for _ in range(r.randint(1, 3)):
        if not b:
            b = bytearray(b"{")
        i = r.randrange(len(b))
        op = r.randrange(5)
        if op == 0:
            b[i] = r.choice(DAMAGE)
        elif op == 1:
            b.insert(i, r.choice(DAMAGE))
        elif op == 2:
            del b[i]
        elif op == 3:
            del b[i:]
        else:
            j = r.randrange(len(b))
            b[i:i] = b[j:j + r.randint(1, 10)]
    return bytes(b).replace(b"\n", b" ")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sqlc", required=True)
    ap.add_argument("--seeds", type=int, default=10)
    ap.add_argument("--lines", type=int, default=2000)
    args = ap.parse_args()
    with open(os.path.join(ROOT, "examples", "nexmark", "data", "bid.jsonl"), "rb") as f:
        bids = [l for l in f.read().split(b"\n") if l][:args.lines]
    tmp = tempfile.mkdtemp(prefix="sqlc-mutated-json-")
    failures, dead_letters = [], 0
    try:
        env = dict(os.environ, SQLC_CACHE_DIR=os.path.join(tmp, "cache"))
        for name, (select, out_columns) in JOBS.items():
            with open(os.path.join(tmp, name + ".sql"), "w") as f:
                f.write(job_sql(select, out_columns))
            subprocess.run([os.path.abspath(args.sqlc), name + ".sql", "-o", name], cwd=tmp, env=env, check=True,
                           stdout=subprocess.DEVNULL)
        for seed in range(1, args.seeds + 1):
            r = random.Random(seed)
            lines, damaged = [], set()
            for n, bid in enumerate(bids, 1):
                if r.random() < 0.5:
                    bid = damage(bid, r)
                    if bid != bids[n - 1]:
                        damaged.add(n)
                lines.append(bid)
            with open(os.path.join(tmp, "bid.jsonl"), "wb") as f:
                f.write(b"\n".join(lines) + b"\n")
            non_blank = sum(1 for l in lines if l.strip())
            for name in JOBS:
                where = "seed %d, job %s" % (seed, name)
                run = subprocess.run(["./" + name, "--dead-letter", "dead.jsonl", "-q"], cwd=tmp,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                if run.returncode != 0:
                    failures.append("%s: exit %d: %s" % (where, run.returncode, run.stderr[-500:].decode(errors="replace")))
                    continue
                rows = [json.loads(l) for l in run.stdout.decode().splitlines()]
                with open(os.path.join(tmp, "dead.jsonl")) as f:
                    dead = [json.loads(l) for l in f]
                dead_letters += len(dead)
                if len(rows) + len(dead) != non_blank:
                    failures.append("%s: %d rows + %d dead letters for %d lines" % (where, len(rows), len(dead), non_blank))
                for d in dead:
                    line = int(d["position"].rsplit(":", 1)[1])
                    if d["kind"] != "malformed" or not d["reason"]:
                        failures.append("%s: line %d: dead letter without a reason: %s" % (where, line, d))
                    if line not in damaged:
                        failures.append("%s: line %d was not damaged but was dead-lettered: %s" % (where, line, d["reason"]))
        if dead_letters == 0:
            failures.append("no line was dead-lettered: the damage did not reach the reader")
        for f in failures[:20]:
            print(f, file=sys.stderr)
        if failures:
            return 1
        print("%d seeds x %d lines x %d jobs: %d dead letters, nothing lost, nothing crashed"
              % (args.seeds, len(bids), len(JOBS), dead_letters))
        return 0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
