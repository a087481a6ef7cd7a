#!/usr/bin/env python3
"""Exactly-once sinks with --scale-out under kill -9: two instances in one consumer group read a
4-partition topic keyed by user (TUMBLE 10 s per user) and write a Kafka topic with
'sink.delivery-guarantee' = 'exactly-once' (a transactional producer per partition task). The
input is produced in chunks while they run; at seeded points one instance is killed with -9
(run "kill_a": always the first one started, run "kill_b": always the second) and started again
after a moment, so its partitions move to the other instance and back. A third run pauses one
instance (SIGSTOP) until the group gives its partitions to the other, then lets it go on: a
zombie, whose producers the other instance's took over (fenced by the producer epoch).

What a read_committed consumer reads from each run's output topic must equal, row for row (no
loss, no duplicate), both an uninterrupted run of one instance and the rows computed here
independently of the job. A read_uncommitted consumer must see more rows than that in at least
one run (rows of aborted transactions), or the kills missed every open transaction (two more
seeded runs are tried before that fails).

The broker is tools/kafka's mock with --read-committed (read_committed_proxy.h).

Usage: run_scale_out_exactly_once.py --sqlc PATH --broker PATH
"""
import argparse
import datetime
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "../tools", "kafka"))
import mock_broker  # noqa: E402

USERS = ["user%02d" % u for u in range(1, 17)]
STEPS = 400       # one event per user a second of event time
CHUNKS = 10       # produced 0.25 s apart while the instances run
BASE = 1700000000000
PARTITIONS = 4
KILLS = 3
# kill_a2 and kill_b2 run only when neither kill_a nor kill_b hit an open transaction holding
# rows (a loaded machine can shift every kill past the commits).
KILL_RUNS = [("kill_a", "a", 31), ("kill_b", "b", 32), ("kill_a2", "a", 33), ("kill_b2", "b", 34)]
DEADLINE_S = 90   # per run, for all rows to be committed
# A transaction stays open this long after a chunk's windows fire: long enough for most kills
# after a chunk to hit one that holds rows.
CHECKPOINT_INTERVAL = "400ms"

SCALE_OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "scale_out")
AT_LEAST_ONCE_SINK = "'properties.bootstrap.servers' = '127.0.0.1:1', 'format' = 'json');"


def job_sql():
    """scale_out/job.sql (TUMBLE 10 s per user over a topic keyed by user_id) with its sink
    exactly-once, the output topic's name as the transactional id prefix."""
    with open(os.path.join(SCALE_OUT_DIR, "job.sql")) as f:
        sql = f.read()
    assert sql.count(AT_LEAST_ONCE_SINK) == 1, "scale_out/job.sql changed: its sink is not found"
    return sql.replace(AT_LEAST_ONCE_SINK, "'properties.bootstrap.servers' = '127.0.0.1:1', 'format' = 'json', "
                       "'sink.delivery-guarantee' = 'exactly-once', 'sink.transactional-id-prefix' = '${OUT_TOPIC}');")


RUNS = ["ref"] + [name for name, _, _ in KILL_RUNS] + ["zombie"]


def event(u, k):
    return {"user_id": USERS[u], "ts_ms": BASE + k * 1000 + u, "amount": u * 100 + k}


def chunk_lines(c):
    """key|value lines of chunk c; the last chunk ends with a far-future event per user that
    closes every window."""
    per = STEPS // CHUNKS
    lines = []
    for k in range(c * per, (c + 1) * per):
        for u in range(len(USERS)):
            lines.append("%s|%s" % (json.dumps({"user_id": USERS[u]}, separators=(",", ":")),
                                    json.dumps(event(u, k), separators=(",", ":"))))
    if c == CHUNKS - 1:
        for u in range(len(USERS)):
            e = {"user_id": USERS[u], "ts_ms": BASE + 10 * STEPS * 1000, "amount": 0}
            lines.append("%s|%s" % (json.dumps({"user_id": USERS[u]}, separators=(",", ":")), json.dumps(e, separators=(",", ":"))))
    return lines


def fmt(ms):
    return datetime.datetime.fromtimestamp(ms / 1000, datetime.timezone.utc).strftime("%Y-%m-%d %H:%M:%S.") + "%03d" % (ms % 1000)


def expected_rows():
    windows = {}
    for u in range(len(USERS)):
        for k in range(STEPS):
            e = event(u, k)
            start = e["ts_ms"] - e["ts_ms"] % 10000
            n, total = windows.get((start, e["user_id"]), (0, 0))
            windows[(start, e["user_id"])] = (n + 1, total + e["amount"])
    return sorted(json.dumps({"window_start": fmt(s), "user_id": user, "n": n, "total": t}, separators=(",", ":"))
                  for (s, user), (n, t) in windows.items())


class Run:
    def __init__(self, tmp, address, name):
        self.tmp, self.address, self.name = tmp, address, name
        self.env = dict(os.environ, GROUP="group_" + name, IN_TOPIC="in_" + name, OUT_TOPIC="out_" + name)
        self.state = "state_" + name
        self.procs = {}
        self.err = {}  # per instance, the stderr file of its latest start
        self.starts = 0

    def log(self, instance):
        with open(self.err[instance]) as f:
            return f.read()

    def wait_log(self, instance, text, count=1, timeout=30):
        """Until the instance's latest stderr holds `text` `count` times."""
        deadline = time.time() + timeout
        while self.log(instance).count(text) < count:
            if time.time() > deadline:
                raise AssertionError("%s: instance %s logged '%s' fewer than %d times in %d s\n%s" % (
                    self.name, instance, text, count, timeout, self.logs()))
            time.sleep(0.05)

    def start_both(self):
        """Instance a, then b once a owns partitions; returns when the rebalance gave b some."""
        self.start("a")
        self.wait_log("a", "assigned")
        self.start("b")
        self.wait_log("b", "assigned")
        self.wait_log("a", "revoked")

    def start(self, instance):
        self.starts += 1
        self.err[instance] = os.path.join(self.tmp, "%s_%s_%d.stderr" % (self.name, instance, self.starts))
        err = open(self.err[instance], "w")
        self.procs[instance] = subprocess.Popen(
            ["./job", "--bootstrap-servers", self.address, "--state-dir", self.state, "--checkpoint-interval", CHECKPOINT_INTERVAL,
             "--scale-out", "--quiet"], cwd=self.tmp, env=self.env, stderr=err)

    def produce(self, c):
        data = ("\n".join(chunk_lines(c)) + "\n").encode()
        subprocess.run(["kcat", "-P", "-b", self.address, "-t", "in_" + self.name, "-K", "|"], input=data, check=True)

    def stop_all(self):
        for instance, p in self.procs.items():
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
        codes = {instance: p.wait(timeout=60) for instance, p in self.procs.items()}
        return codes

    def logs(self):
        out = ""
        for n in sorted(os.listdir(self.tmp)):
            if n.startswith(self.name + "_") and n.endswith(".stderr"):
                with open(os.path.join(self.tmp, n)) as f:
                    out += "== %s\n%s" % (n, f.read())
        return out


def read_topic(address, topic, isolation):
    out = subprocess.run(["kcat", "-C", "-b", address, "-t", topic, "-o", "beginning", "-e", "-q",
                          "-X", "isolation.level=" + isolation, "-f", "%s\\n"],
                         check=True, stdout=subprocess.PIPE, timeout=60).stdout
    return sorted(out.decode().splitlines())


def wait_rows(run, want):
    deadline = time.time() + DEADLINE_S
    while time.time() < deadline:
        if len(read_topic(run.address, "out_" + run.name, "read_committed")) >= want:
            time.sleep(0.5)  # a late duplicate would show now
            return
        time.sleep(0.2)
    raise AssertionError("%s: fewer than %d committed rows after %d s\n%s" % (run.name, want, DEADLINE_S, run.logs()))


def newest_checkpoint_time(tmp, run):
    newest = 0.0
    root = os.path.join(tmp, run.state)
    if os.path.isdir(root):
        for d in os.listdir(root):
            for n in os.listdir(os.path.join(root, d)) if os.path.isdir(os.path.join(root, d)) else []:
                if n.startswith("chk-"):
                    try:
                        newest = max(newest, os.path.getmtime(os.path.join(root, d, n)))
                    except FileNotFoundError:
                        pass
    return newest


def run_with_kills(run, victim, seed):
    """Both instances; the chunks produced one by one; after each of KILLS chosen chunks the
    victim is killed (-9) at a random moment (half of them just after a task checkpoint file
    appears: around a commit) and started again."""
    r = random.Random(seed)
    run.start_both()
    kill_after = set(r.sample(range(CHUNKS - 1), KILLS))
    for c in range(CHUNKS):
        run.produce(c)
        if c in kill_after:
            if r.random() < 0.5:
                time.sleep(r.uniform(0.0, 0.4))
            else:
                before = newest_checkpoint_time(run.tmp, run)
                deadline = time.time() + 3
                while newest_checkpoint_time(run.tmp, run) <= before and time.time() < deadline:
                    time.sleep(0.002)
                time.sleep(r.uniform(0.0, 0.01))
            run.procs[victim].kill()
            run.procs[victim].wait()
            time.sleep(r.uniform(0.0, 0.5))
            run.start(victim)
        else:
            time.sleep(0.25)


def run_with_zombie(run):
    """Instance a is paused (SIGSTOP) past the session timeout while input arrives: the group
    gives its partitions to b, whose producers fence a's. Resumed, a must not commit anything."""
    run.start_both()
    for c in range(CHUNKS):
        run.produce(c)
        if c == 3:
            taken = run.log("b").count("assigned")
            run.procs["a"].send_signal(signal.SIGSTOP)
            # Past session.timeout.ms b takes every partition over, a's among them.
            run.wait_log("b", "assigned", taken + 4, timeout=60)
        if c == 6:
            run.procs["a"].send_signal(signal.SIGCONT)
            # Resumed, a finds its session expired: its tasks go unsaved and uncommitted.
            run.wait_log("a", " lost: ")
        time.sleep(0.25)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sqlc", required=True)
    ap.add_argument("--broker", required=True)
    args = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="sqlc-scale-out-eos-")
    broker = None
    runs = []
    try:
        topics = []
        for name in RUNS:
            topics += ["in_%s:%d" % (name, PARTITIONS), "out_%s:1" % name]
            # Each partition task's marker topic: "<transactional.id>.checkpoints".
            topics += ["out_%s-in_%s-%d.checkpoints:1" % (name, name, p) for p in range(PARTITIONS)]
        broker, address = mock_broker.start(os.path.abspath(args.broker), os.path.join(tmp, "address"), topics, read_committed=True)
        with open(os.path.join(tmp, "job.sql"), "w") as f:
            f.write(job_sql())
        env = dict(os.environ, SQLC_CACHE_DIR=os.path.join(tmp, "cache"))
        subprocess.run([os.path.abspath(args.sqlc), "job.sql", "-o", "job"], cwd=tmp, env=env, check=True, stdout=subprocess.DEVNULL)
        expected = expected_rows()

        # The reference: one instance, never interrupted.
        ref = Run(tmp, address, "ref")
        runs.append(ref)
        ref.start("a")
        for c in range(CHUNKS):
            ref.produce(c)
        wait_rows(ref, len(expected))
        codes = ref.stop_all()
        assert codes == {"a": 0}, "reference: exit codes %s\n%s" % (codes, ref.logs())
        got_ref = read_topic(address, "out_ref", "read_committed")
        if got_ref != expected:
            raise AssertionError("one instance: %d committed rows, not the %d expected ones" % (len(got_ref), len(expected)))
        spread = subprocess.run(["kcat", "-C", "-b", address, "-t", "in_ref", "-o", "beginning", "-e", "-q", "-f", "%p\\n"],
                                check=True, stdout=subprocess.PIPE).stdout.decode().split()
        assert sorted(set(spread)) == [str(p) for p in range(PARTITIONS)], "the users do not spread over the partitions"

        failures, aborted_seen = [], 0
        for i, (name, victim, seed) in enumerate(KILL_RUNS):
            if i >= 2 and aborted_seen:
                break
            run = Run(tmp, address, name)
            runs.append(run)
            run_with_kills(run, victim, seed)
            wait_rows(run, len(expected))
            codes = run.stop_all()
            committed = read_topic(address, "out_" + name, "read_committed")
            uncommitted = read_topic(address, "out_" + name, "read_uncommitted")
            aborted_seen += len(uncommitted) > len(committed)
            logs = run.logs()
            resumed = logs.count("resuming from")
            print("  %s: %d kills of instance %s, %d partition restores from a committed checkpoint; read_committed %d rows, "
                  "read_uncommitted %d" % (name, KILLS, victim, resumed, len(committed), len(uncommitted)))
            if codes != {"a": 0, "b": 0}:
                failures.append("%s: exit codes at SIGTERM %s\n%s" % (name, codes, logs))
            if committed != got_ref:
                missing = len(set(got_ref) - set(committed))
                dup = len(committed) - len(set(committed))
                failures.append("%s: %d committed rows differ from the uninterrupted run's %d (%d missing, %d duplicated)\n%s" % (
                    name, len(committed), len(got_ref), missing, dup, logs))
            if resumed == 0:
                failures.append("%s: no partition was resumed from a checkpoint\n%s" % (name, logs))

        zombie = Run(tmp, address, "zombie")
        runs.append(zombie)
        run_with_zombie(zombie)
        wait_rows(zombie, len(expected))
        codes = zombie.stop_all()
        committed = read_topic(address, "out_zombie", "read_committed")
        logs = zombie.logs()
        print("  zombie: instance a paused past the session timeout and resumed: exit %s; read_committed %d rows" % (
            codes.get("a"), len(committed)))
        if committed != got_ref:
            failures.append("zombie: %d committed rows differ from the uninterrupted run's %d\n%s" % (len(committed), len(got_ref), logs))
        if codes.get("b") != 0:
            failures.append("zombie: the instance that took over exited %s\n%s" % (codes.get("b"), logs))

        if failures:
            raise AssertionError("\n".join(failures))
        assert aborted_seen > 0, "read_uncommitted saw no aborted rows in any run: the kills never hit an open transaction"
        print("ok: two instances with kill -9 of either, and a zombie, commit the %d rows of one uninterrupted instance, "
              "none twice" % len(got_ref))
        return 0
    finally:
        for run in runs:
            for p in run.procs.values():
                if p.poll() is None:
                    p.kill()
                    p.wait()
        if broker:
            broker.terminate()
            broker.wait()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
