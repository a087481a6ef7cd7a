#!/usr/bin/env python3
"""Exactly-once Kafka -> Kafka under kill -9: a windowed GROUP BY reads a Kafka topic and writes
a Kafka topic with 'sink.delivery-guarantee' = 'exactly-once'. For each seed the job is killed
(-9) at points chosen from the seed (some at a random time after it starts: while it fences,
restores, reads or produces; some a random moment after it writes its n-th checkpoint file:
around a commit) and
restarted until it consumes the whole input. What a read_committed consumer then reads from the
output topic must equal an uninterrupted run's rows, row for row (sorted: rows of one window
firing are produced in one order, but compared as a multiset they must match exactly, no loss,
no duplicate). A read_uncommitted consumer must see more than that (rows of aborted transactions,
produced again after a restart) in at least one seed, or the test proves nothing.

The broker is tools/kafka's mock with --read-committed (read_committed_proxy.h): the mock alone
hands read_committed consumers aborted records too.

Usage: run_exactly_once.py --sqlc PATH --broker PATH
"""
import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "checkpoints"))
from run_checkpoint_tests import make_input  # noqa: E402
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "../tools", "kafka"))
import mock_broker  # noqa: E402

SEEDS = [21, 22, 23]
CALIBRATION = 0  # an uninterrupted exactly-once run: its duration scales the kill times
KILLS_PER_SEED = 6
EVENTS = 30000
DEADLINE_S = 40  # per seed, for the kill/restart loop: a hung restart fails instead of waiting forever

SQL = """CREATE STREAM clicks (
  user_id STRING, url STRING, bytes BIGINT, ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH ('connector' = 'kafka', 'topic' = 'clicks', 'properties.bootstrap.servers' = 'localhost:9092',
        'properties.group.id' = '${GROUP}', 'scan.startup.mode' = 'earliest-offset',
        'scan.bounded.mode' = 'latest-offset', 'format' = 'json');
CREATE TABLE per_minute (user_id STRING, window_start TIMESTAMP(3), clicks BIGINT, total BIGINT)
WITH ('connector' = 'kafka', 'topic' = '${OUT}', 'properties.bootstrap.servers' = 'localhost:9092',
      'format' = 'json', 'sink.delivery-guarantee' = 'exactly-once', 'sink.transactional-id-prefix' = '${OUT}');
INSERT INTO per_minute
SELECT user_id, window_start, COUNT(*) AS clicks, SUM(bytes) AS total
FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY user_id, window_start, window_end;
"""


def out_topic(seed):
    return "per_minute_%d" % seed


def start_broker(broker, tmp):
    topics = ["clicks:1"]
    for seed in SEEDS + [CALIBRATION]:
        # The output topic and the sink's checkpoint marker topic ("<transactional.id>.checkpoints").
        topics += [out_topic(seed) + ":1", out_topic(seed) + "-0.checkpoints:1"]
    return mock_broker.start(broker, os.path.join(tmp, "address"), topics, read_committed=True)


def read_topic(address, topic, isolation):
    out = subprocess.run(["kcat", "-C", "-b", address, "-t", topic, "-o", "beginning", "-e", "-q",
                          "-X", "isolation.level=" + isolation, "-f", "%s\\n"],
                         check=True, stdout=subprocess.PIPE, timeout=60).stdout
    return sorted(out.decode().splitlines())


def newest_checkpoint(state):
    seqs = [int(n[4:]) for n in os.listdir(state) if n.startswith("chk-")] if os.path.isdir(state) else []
    return max(seqs, default=0)


def job_args(tmp, address, seed):
    """The exactly-once job of `seed`: its environment and command line. A checkpoint (and so a
    transaction) at every batch boundary: a run commits a few dozen transactions."""
    env = dict(os.environ, GROUP="eos_%d" % seed, OUT=out_topic(seed))
    state = os.path.join(tmp, "state_%d" % seed)
    return env, state, ["./job", "--bootstrap-servers", address, "--state-dir", state, "--checkpoint-interval", "1ms",
                        "--dead-letter", "/dev/null", "-q"]


def crash_until_done(tmp, address, seed, run_seconds):
    """Runs the job, killing it KILLS_PER_SEED times; returns (kills, restarts that resumed)."""
    r = random.Random(seed)
    env, state, args = job_args(tmp, address, seed)
    kills, resumed = 0, 0
    deadline = time.time() + DEADLINE_S
    while True:
        before = newest_checkpoint(state)
        p = subprocess.Popen(args, cwd=tmp, env=env, stderr=subprocess.PIPE, text=True)
        if kills < KILLS_PER_SEED:
            if r.random() < 0.4:
                # Anywhere: fencing the previous run, restoring, reading, producing, committing.
                time.sleep(r.uniform(0.0, run_seconds / 2))
            else:
                # Around a commit: a random moment after this run writes its n-th checkpoint file
                # (written before its transaction commits).
                nth = r.randint(1, 4)
                while p.poll() is None and newest_checkpoint(state) < before + nth and time.time() < deadline:
                    time.sleep(0.001)
                time.sleep(r.uniform(0.0, 0.015))
            p.kill()
        try:
            _, err = p.communicate(timeout=max(1, deadline - time.time()))
        except subprocess.TimeoutExpired:
            p.kill()
            raise AssertionError("seed %d: a run did not end within the deadline" % seed)
        resumed += "resuming from checkpoint" in err
        if p.returncode == 0:
            return kills, resumed
        if p.returncode != -signal.SIGKILL:
            raise AssertionError("seed %d: exit %d: %s" % (seed, p.returncode, err))
        kills += 1
        if time.time() > deadline:
            raise AssertionError("seed %d: not done within %d s" % (seed, DEADLINE_S))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sqlc", required=True)
    ap.add_argument("--broker", required=True)
    args = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="sqlc-exactly-once-")
    proc = None
    try:
        proc, address = start_broker(os.path.abspath(args.broker), tmp)
        make_input(os.path.join(tmp, "input.jsonl"), events=EVENTS)
        with open(os.path.join(tmp, "input.jsonl")) as f:
            lines = [l for l in f if not l.startswith('{"user_id": "broken"')]
        with open(os.path.join(tmp, "input.jsonl"), "w") as f:
            f.writelines(lines)
        subprocess.run(["kcat", "-P", "-l", "-b", address, "-t", "clicks", "-p", "0", "input.jsonl"], cwd=tmp, check=True)
        with open(os.path.join(tmp, "job.sql"), "w") as f:
            f.write(SQL)
        env = dict(os.environ, SQLC_CACHE_DIR=os.path.join(tmp, "cache"))
        subprocess.run([os.path.abspath(args.sqlc), "job.sql", "-o", "job"], cwd=tmp, env=env, check=True, stdout=subprocess.DEVNULL)
        # The reference: an uninterrupted run writing its rows to a file (--output replaces the sink).
        subprocess.run(["./job", "--bootstrap-servers", address, "-o", "ref.jsonl", "--dead-letter", "/dev/null", "-q"], cwd=tmp, check=True,
                       env=dict(os.environ, GROUP="reference", OUT="unused"))
        with open(os.path.join(tmp, "ref.jsonl")) as f:
            ref = sorted(f.read().splitlines())
        assert len(ref) > 1000, "the reference has only %d rows" % len(ref)
        env, _, calibrate = job_args(tmp, address, CALIBRATION)
        started = time.time()
        subprocess.run(calibrate, cwd=tmp, env=env, check=True, timeout=DEADLINE_S)
        run_seconds = time.time() - started
        if read_topic(address, out_topic(CALIBRATION), "read_committed") != ref:
            raise AssertionError("an uninterrupted exactly-once run's committed rows differ from the file output's")
        print("  an uninterrupted exactly-once run takes %.2f s" % run_seconds)
        failures, uncommitted_extra, resumed_total = [], 0, 0
        for seed in SEEDS:
            kills, resumed = crash_until_done(tmp, address, seed, run_seconds)
            resumed_total += resumed
            committed = read_topic(address, out_topic(seed), "read_committed")
            uncommitted = read_topic(address, out_topic(seed), "read_uncommitted")
            extra = len(uncommitted) - len(committed)
            uncommitted_extra += extra > 0
            line = "seed %d: %d kills, %d restarts resumed; read_committed %d rows, read_uncommitted %d rows" % (
                seed, kills, resumed, len(committed), len(uncommitted))
            print("  " + line)
            if committed != ref:
                missing = len([row for row in ref if row not in set(committed)])
                failures.append("%s: the committed rows differ from the uninterrupted run's %d (%d missing)" % (line, len(ref), missing))
        if failures:
            raise AssertionError("\n".join(failures))
        assert resumed_total > 0, "no restart resumed from a checkpoint: the kills missed every checkpoint"
        assert uncommitted_extra > 0, "read_uncommitted saw no aborted rows in any seed: the kills never hit an open transaction"
        print("ok: %d seeds, committed output equals the uninterrupted run's %d rows" % (len(SEEDS), len(ref)))
        return 0
    finally:
        if proc:
            proc.terminate()
            proc.wait()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
