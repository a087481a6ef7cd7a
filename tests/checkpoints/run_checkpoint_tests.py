#!/usr/bin/env python3
"""Checkpoint tests: a job killed (-9) at seeded random points and restarted, stopped by
SIGTERM and restarted, or restarted from a corrupt checkpoint, must write exactly the output
(rows and dead letters) of an uninterrupted run, byte for byte. The reference run is the same
job without --state-dir, so the check is independent of the checkpoint code.

Usage: run_checkpoint_tests.py --sqlc PATH [--only NAME]
python3 stdlib only; each test_NAME is one ctest (checkpoints.NAME).
"""
import argparse
import datetime
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools", "kafka"))
import mock_broker  # noqa: E402

HEADER = """CREATE STREAM clicks (
  user_id STRING, url STRING, bytes BIGINT, ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'clicks.jsonl', 'format' = 'json');
"""

# One query per kind of operator state.
QUERIES = {
    "tumble": """SELECT user_id, window_start, COUNT(*) AS clicks, LISTAGG(url, ';') AS urls,
  COUNT(DISTINCT url) AS pages, APPROX_PERCENTILE(bytes, 0.5) AS median_bytes
FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '1' MINUTE))
GROUP BY user_id, window_start, window_end;""",
    "hop": """SELECT url, window_start, window_end, SUM(bytes) AS total, MAX(user_id) AS last_user
FROM TABLE(HOP(TABLE clicks, DESCRIPTOR(ts), INTERVAL '10' SECOND, INTERVAL '1' MINUTE))
GROUP BY url, window_start, window_end;""",
    "session": """SELECT user_id, SESSION_START(ts, INTERVAL '20' SECOND) AS s_start, COUNT(*) AS n,
  PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY bytes) AS median_bytes
FROM clicks
GROUP BY user_id, SESSION(ts, INTERVAL '20' SECOND);""",
    "group_by": """SELECT url, COUNT(*) AS n, AVG(bytes) AS avg_bytes, STDDEV_POP(bytes) AS sd
FROM clicks
GROUP BY url;""",
    # State TTL: each key's last access and the queue of accesses are state too.
    "group_by_ttl": """SET 'table.exec.state.ttl' = '20 s';
SELECT url, COUNT(*) AS n, SUM(bytes) AS total
FROM clicks
GROUP BY url;""",
    "over": """SELECT user_id, ts, SUM(bytes) OVER (PARTITION BY user_id ORDER BY ts
  ROWS BETWEEN 3 PRECEDING AND CURRENT ROW) AS recent_bytes
FROM clicks;""",
}

# COUNT(DISTINCT x) calls differing only in FILTER share one state per x (shared_distinct.h):
# a slice's set with its FILTER bits, and a group's, are restored with their counts.
QUERIES.update({
    "hop_shared_distinct": """SELECT user_id, window_start, COUNT(DISTINCT url) AS pages,
  COUNT(DISTINCT url) FILTER (WHERE bytes < 50000) AS small_pages, COUNT(DISTINCT url) FILTER (WHERE bytes >= 50000) AS big_pages
FROM TABLE(HOP(TABLE clicks, DESCRIPTOR(ts), INTERVAL '10' SECOND, INTERVAL '1' MINUTE))
GROUP BY user_id, window_start, window_end;""",
    "group_by_shared_distinct": """SELECT url, COUNT(DISTINCT user_id) AS users,
  COUNT(DISTINCT user_id) FILTER (WHERE bytes < 1000) AS small_users, COUNT(DISTINCT user_id) FILTER (WHERE bytes > 99000) AS big_users
FROM clicks
GROUP BY url;""",
})

# A second stream for the jobs with several inputs: the same shape, its own events (join_input).
VIEWS = """CREATE STREAM views (
  user_id STRING, url STRING, bytes BIGINT, ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'views.jsonl', 'format' = 'json');
"""
# The same events as a versioned table (the latest page per user) for a temporal join.
VERSIONS = """CREATE TABLE user_pages (
  user_id STRING, url STRING, bytes BIGINT, ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND, PRIMARY KEY (user_id) NOT ENFORCED
) WITH ('connector' = 'filesystem', 'path' = 'views.jsonl', 'format' = 'json');
"""

# A third stream, for a join whose input is another join (shares.jsonl).
SHARES = """CREATE STREAM shares (
  user_id STRING, url STRING, bytes BIGINT, ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'shares.jsonl', 'format' = 'json');
"""

# Several inputs (their positions, read by lowest watermark) and the operators that keep rows:
# joins, Top-N and deduplication, window Top-N, a window Top-N chained after a window aggregate.
QUERIES.update({
    "interval_join": VIEWS + """SELECT c.user_id, c.url, v.url AS viewed, c.ts, v.ts AS viewed_at
FROM clicks c LEFT JOIN views v
  ON c.user_id = v.user_id AND v.ts BETWEEN c.ts - INTERVAL '3' SECOND AND c.ts + INTERVAL '1' SECOND;""",
    # Both joins' rows and the outer join's lagging watermark.
    "join_tree": VIEWS + SHARES + """SELECT c.user_id, c.url, v.url AS viewed, s.url AS shared, c.ts
FROM clicks c LEFT JOIN views v
  ON c.user_id = v.user_id AND v.ts BETWEEN c.ts - INTERVAL '3' SECOND AND c.ts + INTERVAL '1' SECOND
LEFT JOIN shares s
  ON c.user_id = s.user_id AND s.ts BETWEEN c.ts AND c.ts + INTERVAL '2' SECOND;""",
    "window_join": VIEWS + """SELECT L.user_id, L.url, R.user_id AS viewer, R.url AS viewed, COALESCE(L.window_start, R.window_start) AS w
FROM (SELECT * FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '10' SECOND))) L
FULL JOIN (SELECT * FROM TABLE(TUMBLE(TABLE views, DESCRIPTOR(ts), INTERVAL '10' SECOND))) R
  ON L.user_id = R.user_id AND L.window_start = R.window_start AND L.window_end = R.window_end;""",
    # Two window aggregates' state, each named by its input, and the window join of their rows.
    "window_join_of_aggregates": VIEWS + """SELECT C.user_id, C.clicks, V.views, COALESCE(C.w, V.w) AS w
FROM (SELECT user_id, COUNT(*) AS clicks, window_start AS w, window_end AS e
      FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '10' SECOND)) GROUP BY user_id, window_start, window_end) C
FULL JOIN (SELECT user_id, SUM(bytes) AS views, window_start AS w, window_end AS e
      FROM TABLE(TUMBLE(TABLE views, DESCRIPTOR(ts), INTERVAL '10' SECOND)) GROUP BY user_id, window_start, window_end) V
  ON C.user_id = V.user_id AND C.w = V.w AND C.e = V.e;""",
    "regular_join": VIEWS + """SELECT c.user_id, c.url, v.url AS viewed, c.bytes
FROM clicks c LEFT JOIN views v ON c.user_id = v.user_id AND c.bytes / 50 = v.bytes / 50;""",
    # State TTL on a regular join: each kept row's last write and the queue of writes are state too.
    "regular_join_ttl": "SET 'table.exec.state.ttl' = '20 s';\n" + VIEWS + """SELECT c.user_id, c.url, v.url AS viewed, c.bytes
FROM clicks c JOIN views v ON c.user_id = v.user_id AND c.bytes / 50 = v.bytes / 50;""",
    "temporal_join": VERSIONS + """SELECT c.user_id, c.url, p.url AS page, c.ts, p.ts AS page_ts
FROM clicks c LEFT JOIN user_pages FOR SYSTEM_TIME AS OF c.ts AS p ON c.user_id = p.user_id;""",
    "union_tumble": VIEWS + """WITH events AS (SELECT url, bytes, ts FROM clicks UNION ALL SELECT url, bytes, ts FROM views)
SELECT url, window_start, COUNT(*) AS n, SUM(bytes) AS total
FROM TABLE(TUMBLE(TABLE events, DESCRIPTOR(ts), INTERVAL '1' MINUTE))
GROUP BY url, window_start, window_end;""",
    "topn": """SELECT * FROM (
  SELECT user_id, url, bytes, ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY bytes DESC) AS rn FROM clicks)
WHERE rn <= 3;""",
    "dedup": """SELECT user_id, url, bytes, ts FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY url ORDER BY ts DESC) AS rn FROM clicks)
WHERE rn = 1;""",
    "window_topn": """SELECT * FROM (
  SELECT user_id, url, bytes, window_start, window_end,
    ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY bytes DESC) AS rn
  FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '1' MINUTE)))
WHERE rn <= 3;""",
    "chained_topn": """SELECT * FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY total DESC) AS rn
  FROM (SELECT url, window_start, window_end, SUM(bytes) AS total
        FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '1' MINUTE))
        GROUP BY url, window_start, window_end))
WHERE rn <= 2;""",
    "chained_over": """SELECT url, window_start, total,
  LAG(total, 1) OVER (PARTITION BY url ORDER BY window_start) AS previous_total
FROM (SELECT url, window_start, window_end, SUM(bytes) AS total
      FROM TABLE(HOP(TABLE clicks, DESCRIPTOR(ts), INTERVAL '10' SECOND, INTERVAL '1' MINUTE))
      GROUP BY url, window_start, window_end);""",
})

# ARRAY, MAP and ROW values kept in operator state (runtime kept_value.h): built per row in
# per-batch memory, deep-copied by the operator, written to checkpoints and read back.
QUERIES.update({
    "over_composite": """SELECT user_id, ts, pair, sizes['b'] AS b, SUM(bytes) OVER (PARTITION BY user_id ORDER BY ts
  ROWS BETWEEN 3 PRECEDING AND CURRENT ROW) AS recent_bytes
FROM (SELECT user_id, ts, bytes, ARRAY[url, user_id] AS pair, MAP['b', bytes] AS sizes FROM clicks);""",
    "dedup_composite": """SELECT url, pair, sizes, ts FROM (
  SELECT url, ts, pair, sizes, ROW_NUMBER() OVER (PARTITION BY url ORDER BY ts DESC) AS rn
  FROM (SELECT url, ts, ARRAY[user_id, url] AS pair, MAP[user_id, bytes] AS sizes FROM clicks))
WHERE rn = 1;""",
})

# Operators fed by a changelog: a GROUP BY and a Top-N over an updating GROUP BY (retractable
# states: per-value counts of MIN / MAX, every row of a Top-N partition).
QUERIES.update({
    "group_by_of_group_by": """SELECT n, COUNT(*) AS urls, MIN(total) AS lo, MAX(total) AS hi, AVG(total) AS mean
FROM (SELECT url, COUNT(*) AS n, SUM(bytes) AS total FROM clicks GROUP BY url)
GROUP BY n;""",
    "topn_of_group_by": """SELECT * FROM (
  SELECT user_id, url, n, ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY n DESC, url) AS rn
  FROM (SELECT user_id, url, COUNT(*) AS n FROM clicks GROUP BY user_id, url))
WHERE rn <= 3;""",
    "group_by_of_left_join": VIEWS + """SELECT v.url, COUNT(*) AS n, MAX(c.bytes) AS hi
FROM clicks c LEFT JOIN views v ON c.user_id = v.user_id AND c.bytes / 50 = v.bytes / 50
GROUP BY v.url;""",
})

# A regular join of changelogs (the GROUP BYs' rows, one kept per key: -U / +U replace it) and a
# semi join whose subquery is a changelog (every left row kept with its partners).
QUERIES.update({
    "left_join_of_group_bys": VIEWS + """SELECT c.user_id, c.n, v.m, v.hi
FROM (SELECT user_id, COUNT(*) AS n FROM clicks GROUP BY user_id) c
LEFT JOIN (SELECT user_id, COUNT(*) AS m, MAX(bytes) AS hi FROM views GROUP BY user_id) v ON c.user_id = v.user_id;""",
    "semi_join_of_group_by": VIEWS + """SELECT user_id, url, bytes FROM clicks
WHERE user_id IN (SELECT user_id FROM views GROUP BY user_id HAVING COUNT(*) = 700);""",
})

# Nexmark q5's shape: one HOP count per url computed once for both inputs of the window join (the
# per-url counts, and their MAX per window): its state is saved and restored once.
QUERIES.update({
    "shared_window_aggregate": """SELECT H.url, H.n, H.w
FROM (SELECT url, COUNT(*) AS n, window_start AS w, window_end AS e
      FROM TABLE(HOP(TABLE clicks, DESCRIPTOR(ts), INTERVAL '10' SECOND, INTERVAL '1' MINUTE))
      GROUP BY url, window_start, window_end) H
JOIN (SELECT MAX(C.n) AS top, C.w, C.e
      FROM (SELECT COUNT(*) AS n, window_start AS w, window_end AS e
            FROM TABLE(HOP(TABLE clicks, DESCRIPTOR(ts), INTERVAL '10' SECOND, INTERVAL '1' MINUTE))
            GROUP BY url, window_start, window_end) C
      GROUP BY C.w, C.e) M
  ON H.w = M.w AND H.e = M.e AND H.n >= M.top;""",
})

EVENTS = 200000


def make_input(path, events=EVENTS, seed=7):
    """Events a few seconds out of order (some beyond the 5 s bound: late) and a few
    malformed lines, so dead letters are resumed too."""
    r = random.Random(seed)
    start = datetime.datetime(2024, 1, 1)
    with open(path, "w") as f:
        for i in range(events):
            if i % 9973 == 5:
                f.write('{"user_id": "broken", "ts": \n')
                continue
            t = start + datetime.timedelta(milliseconds=i * 37 + r.randint(-6000, 3000))
            f.write('{"user_id":"u%d","url":"/p%d","bytes":%d,"ts":"%s"}\n'
                    % (r.randint(0, 300), r.randint(0, 40), r.randint(1, 100000), t.strftime("%Y-%m-%d %H:%M:%S.%f")[:-3]))


class Ctx:
    def __init__(self, sqlc, tmp):
        self.sqlc, self.tmp = sqlc, tmp
        self.env = dict(os.environ, SQLC_CACHE_DIR=os.path.join(tmp, "cache"))
        make_input(self.path("clicks.jsonl"))

    def path(self, name):
        return os.path.join(self.tmp, name)

    def read(self, name):
        with open(self.path(name), "rb") as f:
            return f.read()

    def build(self, name, sql):
        if "'views.jsonl'" in sql and not os.path.exists(self.path("views.jsonl")):
            make_input(self.path("views.jsonl"), seed=8)
        if "CREATE STREAM shares" in sql and not os.path.exists(self.path("shares.jsonl")):
            make_input(self.path("shares.jsonl"), seed=9)
        with open(self.path(name + ".sql"), "w") as f:
            f.write(HEADER + sql + "\n")
        subprocess.run([self.sqlc, name + ".sql", "-o", name], cwd=self.tmp, env=self.env, check=True,
                       stdout=subprocess.DEVNULL)
        return "./" + name

    def job_args(self, job, tag, state=True, interval="5ms"):
        args = [job, "-o", tag + ".jsonl", "--dead-letter", tag + ".dl", "-q"]
        if state:
            args += ["--state-dir", tag + ".state", "--checkpoint-interval", interval]
        return args

    def reference(self, job, tag="ref"):
        subprocess.run(self.job_args(job, tag, state=False), cwd=self.tmp, check=True)
        return self.read(tag + ".jsonl"), self.read(tag + ".dl")

    def start(self, args):
        return subprocess.Popen(args, cwd=self.tmp, stderr=subprocess.PIPE, text=True)


def assert_same(ctx, tag, ref):
    rows, dead = ctx.read(tag + ".jsonl"), ctx.read(tag + ".dl")
    if rows != ref[0]:
        raise AssertionError("%s: rows differ from the uninterrupted run (%d vs %d bytes)" % (tag, len(rows), len(ref[0])))
    # Malformed lines are rejected as a batch is read, late events as its rows are processed,
    # so their interleaving follows batch boundaries, which a restart moves: the same records,
    # each once, in an order that may differ between the two kinds.
    if sorted(dead.splitlines()) != sorted(ref[1].splitlines()):
        got, want = set(dead.splitlines()), set(ref[1].splitlines())
        raise AssertionError("%s: dead letters differ from the uninterrupted run (%d vs %d lines; missing %s; extra %s)"
                             % (tag, len(dead.splitlines()), len(ref[1].splitlines()), sorted(want - got)[:3], sorted(got - want)[:3]))


def newest_checkpoint(state):
    seqs = [int(n[4:]) for n in os.listdir(state) if n.startswith("chk-")] if os.path.isdir(state) else []
    return max(seqs, default=0)


def kill_until_done(ctx, args, state, r, after_checkpoint=None):
    """Runs `args` (a job with --state-dir `state`), kill -9 during each of its first 6 runs and
    restarts it until it completes; returns (kills, restarts that resumed from a checkpoint).
    Each kill comes a seeded random 5-250 ms after the start or, with `after_checkpoint` (for a
    job too brief for that), up to that many seconds after the run wrote a checkpoint of its own."""
    kills, resumed = 0, 0
    while True:
        before = newest_checkpoint(state)
        p = ctx.start(args)
        if kills < 6:
            if after_checkpoint is not None:
                while p.poll() is None and newest_checkpoint(state) <= before:
                    time.sleep(0.001)
                time.sleep(r.uniform(0, after_checkpoint))
            else:
                time.sleep(r.uniform(0.005, 0.25))
            p.kill()
        _, err = p.communicate()
        resumed += "resuming from checkpoint" in err
        if p.returncode == 0:
            return kills, resumed
        if p.returncode != -signal.SIGKILL:
            raise AssertionError("%s: exit %d: %s" % (state, p.returncode, err))
        kills += 1


def crash_and_resume(ctx, query, seeds, after_checkpoint=False, interval="5ms"):
    """kill -9 at seeded random points until the job completes; output must equal the reference.
    after_checkpoint: a job that runs too briefly for random times to hit it is killed a random
    0-10 ms after each run writes its first checkpoint. interval: --checkpoint-interval."""
    job = ctx.build(query, QUERIES[query])
    ref = ctx.reference(job)
    assert len(ref[0]) > 0 and len(ref[1]) > 0, "the input must give rows and dead letters"
    for seed in seeds:
        tag = "%s_seed%d" % (query, seed)
        kills, resumed = kill_until_done(ctx, ctx.job_args(job, tag, interval=interval), ctx.path(tag + ".state"), random.Random(seed),
                                         0.01 if after_checkpoint else None)
        assert_same(ctx, tag, ref)
        print("  %s: %d kills, %d restarts resumed from a checkpoint: same output" % (tag, kills, resumed))


def test_crash_tumble(ctx):
    crash_and_resume(ctx, "tumble", [1, 2, 3])


def test_crash_hop(ctx):
    crash_and_resume(ctx, "hop", [4, 5])


def test_crash_session(ctx):
    crash_and_resume(ctx, "session", [6, 7])


def test_crash_group_by(ctx):
    crash_and_resume(ctx, "group_by", [8, 9])


def test_crash_hop_shared_distinct(ctx):
    crash_and_resume(ctx, "hop_shared_distinct", [31])


def test_crash_group_by_shared_distinct(ctx):
    crash_and_resume(ctx, "group_by_shared_distinct", [32])


def test_crash_group_by_ttl(ctx):
    crash_and_resume(ctx, "group_by_ttl", [12])


def test_crash_over(ctx):
    crash_and_resume(ctx, "over", [10, 11])


def test_sigterm_stops_without_draining(ctx):
    """SIGTERM: the batch finishes, a final checkpoint is written, windows stay open (no early
    rows), and a restart completes the output exactly."""
    sigterm_and_resume(ctx, "tumble")


def test_sigterm_stops_a_join_of_two_inputs(ctx):
    """The same for a job with several inputs: it stops between two rows, before an input's next
    batch, with each input's position in the final checkpoint."""
    sigterm_and_resume(ctx, "interval_join")


def sigterm_and_resume(ctx, query):
    job = ctx.build(query, QUERIES[query])
    ref = ctx.reference(job)
    p = ctx.start(ctx.job_args(job, "term", interval="5ms"))
    # Stop it as soon as its first checkpoint exists: well before the input's end.
    state = ctx.path("term.state")
    while p.poll() is None and not (os.path.isdir(state) and any(n.startswith("chk-") for n in os.listdir(state))):
        time.sleep(0.001)
    p.send_signal(signal.SIGTERM)
    _, err = p.communicate()
    assert p.returncode == 0, err
    partial = ctx.read("term.jsonl")
    assert len(partial) < len(ref[0]), "the job ended before SIGTERM: nothing was tested"
    assert ref[0].startswith(partial), "a stopped job wrote rows the uninterrupted run does not have"
    assert os.listdir(ctx.path("term.state")), "no checkpoint after SIGTERM"
    p = ctx.start(ctx.job_args(job, "term", interval="5ms"))
    _, err = p.communicate()
    assert p.returncode == 0, err
    assert "resuming from checkpoint" in err, err
    assert_same(ctx, "term", ref)
    print("  stopped after %d of %d bytes of output, resumed to the same output" % (len(partial), len(ref[0])))


def corrupt_newest_and_resume(ctx, damage, message):
    job = ctx.build("tumble", QUERIES["tumble"])
    ref = ctx.reference(job)
    subprocess.run(ctx.job_args(job, "dmg", interval="1ms"), cwd=ctx.tmp, check=True)
    state = ctx.path("dmg.state")
    names = sorted(os.listdir(state), key=lambda n: int(n.split("-")[1]))
    assert len(names) == 2, names  # the last two are kept
    newest = os.path.join(state, names[-1])
    damage(newest)
    p = ctx.start(ctx.job_args(job, "dmg", interval="1ms"))
    _, err = p.communicate()
    assert p.returncode == 0, err
    assert message in err and names[-1] in err, err
    assert "resuming from checkpoint %s" % os.path.join("dmg.state", names[0]) in err, err
    assert_same(ctx, "dmg", ref)


def test_corrupt_checkpoint_uses_previous(ctx):
    def flip(path):
        with open(path, "r+b") as f:
            f.seek(-10, os.SEEK_END)
            b = f.read(1)
            f.seek(-10, os.SEEK_END)
            f.write(bytes([b[0] ^ 0x55]))
    corrupt_newest_and_resume(ctx, flip, "corrupt (CRC-32C mismatch)")


def test_truncated_checkpoint_uses_previous(ctx):
    def cut(path):
        size = os.path.getsize(path)
        with open(path, "r+b") as f:
            f.truncate(size // 2)
    corrupt_newest_and_resume(ctx, cut, "truncated")


def test_crash_interval_join(ctx):
    crash_and_resume(ctx, "interval_join", [12])


def test_crash_join_tree(ctx):
    crash_and_resume(ctx, "join_tree", [16])


def test_crash_window_join(ctx):
    crash_and_resume(ctx, "window_join", [14])


def test_crash_window_join_of_aggregates(ctx):
    crash_and_resume(ctx, "window_join_of_aggregates", [15])


def test_crash_shared_window_aggregate(ctx):
    crash_and_resume(ctx, "shared_window_aggregate", [17])


def test_crash_regular_join(ctx):
    crash_and_resume(ctx, "regular_join", [15])


def test_crash_regular_join_ttl(ctx):
    crash_and_resume(ctx, "regular_join_ttl", [17])


def test_crash_temporal_join(ctx):
    crash_and_resume(ctx, "temporal_join", [16])


def test_crash_over_composite(ctx):
    crash_and_resume(ctx, "over_composite", [31])


def test_crash_dedup_composite(ctx):
    crash_and_resume(ctx, "dedup_composite", [32])


def test_crash_union_tumble(ctx):
    crash_and_resume(ctx, "union_tumble", [16])


def test_crash_topn(ctx):
    crash_and_resume(ctx, "topn", [17])


def test_crash_dedup(ctx):
    crash_and_resume(ctx, "dedup", [19])


def test_crash_window_topn(ctx):
    crash_and_resume(ctx, "window_topn", [20], after_checkpoint=True)


def test_crash_chained_topn(ctx):
    crash_and_resume(ctx, "chained_topn", [21], after_checkpoint=True)


def test_crash_chained_over(ctx):
    crash_and_resume(ctx, "chained_over", [22], after_checkpoint=True)


def test_crash_group_by_of_group_by(ctx):
    crash_and_resume(ctx, "group_by_of_group_by", [23])


def test_crash_topn_of_group_by(ctx):
    crash_and_resume(ctx, "topn_of_group_by", [24])


def test_crash_group_by_of_left_join(ctx):
    # A checkpoint writes the whole state (here both inputs' 400,000 kept rows, ~19 MB): at 5 ms,
    # after every batch, the run costs batches x state (2.5 min alone, over 280 s under load).
    # Fewer checkpoints, each run killed after one of its own.
    crash_and_resume(ctx, "group_by_of_left_join", [25], after_checkpoint=True, interval="300ms")


def test_crash_left_join_of_group_bys(ctx):
    crash_and_resume(ctx, "left_join_of_group_bys", [26])


def test_crash_semi_join_of_group_by(ctx):
    crash_and_resume(ctx, "semi_join_of_group_by", [27])


def test_checkpoint_of_another_query_is_refused(ctx):
    a = ctx.build("tumble", QUERIES["tumble"])
    b = ctx.build("hop", QUERIES["hop"])
    subprocess.run(ctx.job_args(a, "mix"), cwd=ctx.tmp, check=True)
    p = ctx.start(ctx.job_args(b, "mix"))
    _, err = p.communicate()
    assert p.returncode == 1, (p.returncode, err)
    assert "was written by another query" in err and "use another --state-dir" in err, err


def test_restart_after_completion_adds_nothing(ctx):
    job = ctx.build("group_by", QUERIES["group_by"])
    ref = ctx.reference(job)
    for _ in range(2):
        subprocess.run(ctx.job_args(job, "again"), cwd=ctx.tmp, check=True)
        assert_same(ctx, "again", ref)


def test_set_interval_in_sql(ctx):
    """SET 'execution.checkpointing.interval' is the default; --checkpoint-interval overrides it."""
    job = ctx.build("every_ms", "SET 'execution.checkpointing.interval' = '1 ms';\n" + QUERIES["tumble"])
    def checkpoints(extra):
        p = subprocess.run([job, "-o", "set.jsonl", "--state-dir", "set.state"] + extra, cwd=ctx.tmp,
                           stderr=subprocess.PIPE, text=True, check=True)
        shutil.rmtree(ctx.path("set.state"))
        line = [l for l in p.stderr.splitlines() if " checkpoints to set.state" in l]
        assert line, p.stderr
        return int(line[0].split(": ")[1].split(" ")[0])
    periodic = checkpoints([])
    assert periodic > 3, "SET interval of 1 ms: only %d checkpoints" % periodic
    assert checkpoints(["--checkpoint-interval", "1h"]) == 1, "--checkpoint-interval 1h: only the final checkpoint"
    print("  1 ms from SET: %d checkpoints; --checkpoint-interval 1h: 1" % periodic)


KAFKA_SOURCE = """CREATE STREAM clicks (
  user_id STRING, url STRING, bytes BIGINT, ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH ('connector' = 'kafka', 'topic' = 'clicks', 'properties.bootstrap.servers' = 'localhost:9092',
        'scan.startup.mode' = 'earliest-offset', 'scan.bounded.mode' = 'latest-offset', 'format' = 'json');
"""


def kill_kafka_job_until_done(ctx, base):
    """Runs `base` with checkpoints into k.jsonl / k.dl, kill -9 0-5 ms after each of its first 6
    runs wrote a checkpoint (the run is short: a free machine reads the topic in well under a
    second), restarts until it completes; (kills, resumed runs)."""
    kills, resumed = kill_until_done(ctx, base + ["-o", "k.jsonl", "--dead-letter", "k.dl", "--state-dir", "k.state", "--checkpoint-interval", "5ms"],
                                     ctx.path("k.state"), random.Random(13), 0.005)
    assert resumed > 0, "no restart resumed from a checkpoint: the kills missed every checkpoint"
    return kills, resumed


def test_crash_kafka_source(ctx):
    """A Kafka source (offsets in the checkpoint, reassigned on restore) into a file: kill -9 at
    seeded random points, restart; the file equals an uninterrupted run's."""
    if not ctx.broker:
        raise AssertionError("--broker (tools/kafka's sqlc_mock_broker) is required")
    proc, address = start_broker(ctx, ["clicks:1"])
    try:
        # One partition: with two, which events are late depends on how the partitions interleave,
        # which differs between any two runs, so an uninterrupted run is no fixed reference.
        make_input(ctx.path("kafka_input.jsonl"), events=200000)
        subprocess.run(["kcat", "-P", "-l", "-b", address, "-t", "clicks", "-p", "0", ctx.path("kafka_input.jsonl")], check=True)
        with open(ctx.path("kafka.sql"), "w") as f:
            # Aggregates whose result does not depend on how the two partitions interleave (which
            # differs between any two runs; LISTAGG's order would).
            f.write(KAFKA_SOURCE + """SELECT user_id, window_start, COUNT(*) AS clicks, SUM(bytes) AS total,
  COUNT(DISTINCT url) AS pages, MAX(url) AS last_url
FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '1' MINUTE))
GROUP BY user_id, window_start, window_end;\n""")
        subprocess.run([ctx.sqlc, "kafka.sql", "-o", "kjob"], cwd=ctx.tmp, env=ctx.env, check=True, stdout=subprocess.DEVNULL)
        base = ["./kjob", "--bootstrap-servers", address, "-q"]
        subprocess.run(base + ["-o", "ref.jsonl", "--dead-letter", "ref.dl"], cwd=ctx.tmp, check=True)
        ref = ctx.read("ref.jsonl"), ctx.read("ref.dl")
        assert len(ref[0]) > 0 and len(ref[1]) > 0
        kills, resumed = kill_kafka_job_until_done(ctx, base)
        assert_same(ctx, "k", ref)
        print("  %d kills, %d restarts resumed from a checkpoint: %d rows, as uninterrupted" % (kills, resumed, ref[0].count(b"\n")))
    finally:
        proc.terminate()
        proc.wait()


def test_crash_kafka_topic_list(ctx):
    """A source of two topics ('topic' = 'clicks_a;clicks_b', 3 partitions): the checkpoint keeps
    an offset per topic and partition; kill -9 and restart give the rows of an uninterrupted run,
    each once (compared sorted: how the topics interleave differs between runs)."""
    proc, address = start_broker(ctx, ["clicks_a:1", "clicks_b:2"])
    try:
        make_input(ctx.path("kafka_input.jsonl"), events=120000)
        with open(ctx.path("kafka_input.jsonl")) as f:
            lines = f.readlines()
        for i, (topic, partition) in enumerate([("clicks_a", "0"), ("clicks_b", "0"), ("clicks_b", "1")]):
            with open(ctx.path("part%d.jsonl" % i), "w") as f:
                f.writelines(lines[i::3])
            subprocess.run(["kcat", "-P", "-l", "-b", address, "-t", topic, "-p", partition, ctx.path("part%d.jsonl" % i)], check=True)
        with open(ctx.path("kafka.sql"), "w") as f:
            f.write(KAFKA_SOURCE.replace("'topic' = 'clicks'", "'topic' = 'clicks_a;clicks_b'") +
                    "SELECT user_id, url, bytes, ts FROM clicks;\n")
        subprocess.run([ctx.sqlc, "kafka.sql", "-o", "kjob"], cwd=ctx.tmp, env=ctx.env, check=True, stdout=subprocess.DEVNULL)
        base = ["./kjob", "--bootstrap-servers", address, "-q"]
        subprocess.run(base + ["-o", "ref.jsonl", "--dead-letter", "ref.dl"], cwd=ctx.tmp, check=True)
        ref = sorted(ctx.read("ref.jsonl").splitlines()), sorted(ctx.read("ref.dl").splitlines())
        assert len(ref[0]) == len(lines) - len(ref[1]) and len(ref[1]) > 0, (len(ref[0]), len(ref[1]))
        kills, resumed = kill_kafka_job_until_done(ctx, base)
        got = sorted(ctx.read("k.jsonl").splitlines()), sorted(ctx.read("k.dl").splitlines())
        if got != ref:
            raise AssertionError("rows or dead letters differ from the uninterrupted run (%d vs %d rows, %d vs %d dead letters)"
                                 % (len(got[0]), len(ref[0]), len(got[1]), len(ref[1])))
        print("  %d kills, %d restarts resumed from a checkpoint: %d rows, as uninterrupted" % (kills, resumed, len(ref[0])))
    finally:
        proc.terminate()
        proc.wait()


def start_broker(ctx, topics):
    """tools/kafka's mock broker with `topics` (NAME:PARTITIONS); returns (process, address)."""
    if not ctx.broker:
        raise AssertionError("--broker (tools/kafka's sqlc_mock_broker) is required")
    return mock_broker.start(ctx.broker, ctx.path("address"), topics)


def kafka_count(address, topic):
    """The messages in `topic` (kcat, from the beginning to the end)."""
    out = subprocess.run(["kcat", "-C", "-b", address, "-t", topic, "-o", "beginning", "-e", "-q"],
                         check=True, capture_output=True, text=True).stdout
    return len(out.splitlines())


def test_idle_kafka_source_checkpoints(ctx):
    """A Kafka source that has read what was there and waits is checkpointed within the interval
    (barriers come between batches and while the reader waits), so kill -9 after a quiet second
    and a restart re-read nothing: the at-least-once Kafka sink holds every row once."""
    proc, address = start_broker(ctx, ["clicks:1", "copies:1"])
    try:
        events = 5000  # several batches: the last is read right after the others, no barrier between
        make_input(ctx.path("idle_input.jsonl"), events=events)
        good = sum(1 for l in open(ctx.path("idle_input.jsonl")) if "broken" not in l)
        subprocess.run(["kcat", "-P", "-l", "-b", address, "-t", "clicks", "-p", "0", ctx.path("idle_input.jsonl")], check=True)
        source = KAFKA_SOURCE.replace("'scan.bounded.mode' = 'latest-offset', ", "")
        with open(ctx.path("ijob.sql"), "w") as f:
            f.write(source + """CREATE TABLE copies (user_id STRING, url STRING, bytes BIGINT)
WITH ('connector' = 'kafka', 'topic' = 'copies', 'properties.bootstrap.servers' = 'localhost:9092', 'format' = 'json');
INSERT INTO copies SELECT user_id, url, bytes FROM clicks;\n""")
        subprocess.run([ctx.sqlc, "ijob.sql", "-o", "ijob"], cwd=ctx.tmp, env=ctx.env, check=True, stdout=subprocess.DEVNULL)
        args = ["./ijob", "--bootstrap-servers", address, "--dead-letter", "i.dl", "-q",
                "--state-dir", "i.state", "--checkpoint-interval", "200ms"]

        def wait_rows(n):
            deadline = time.time() + 60
            while kafka_count(address, "copies") < n:
                assert time.time() < deadline, "copies: %d of %d rows after 60 s" % (kafka_count(address, "copies"), n)
                time.sleep(0.1)

        job = ctx.start(args)
        wait_rows(good)
        time.sleep(1.0)  # idle: five checkpoint intervals without a batch
        job.kill()
        job.communicate()
        # The restart resumes after every row read; a sentinel event shows it is reading.
        job = ctx.start(args)
        subprocess.run(["kcat", "-P", "-b", address, "-t", "clicks", "-p", "0"], check=True, text=True,
                       input='{"user_id":"sentinel","url":"/s","bytes":1,"ts":"2024-01-02 00:00:00.000"}\n')
        wait_rows(good + 1)
        time.sleep(0.5)  # anything re-read would come with or before the sentinel
        job.send_signal(signal.SIGTERM)
        _, err = job.communicate(timeout=60)
        assert job.returncode == 0, err
        assert "resuming from checkpoint" in err, err
        copies = kafka_count(address, "copies")
        assert copies == good + 1, "%d rows in copies, want %d: the restart re-read rows the idle job had read" % (copies, good + 1)
        print("  %d rows, each once, after kill -9 of a job idle for 1 s" % copies)
    finally:
        proc.terminate()
        proc.wait()


def scrape(port):
    import urllib.request
    try:
        return urllib.request.urlopen("http://127.0.0.1:%d/metrics" % port, timeout=5).read().decode()
    except OSError:
        return ""


def metric_values(body, name):
    """{labels: value} of metric `name` in Prometheus text."""
    out = {}
    for line in body.splitlines():
        if line.startswith(name + "{"):
            labels, value = line[len(name) + 1:].rsplit("} ", 1)
            out[labels] = float(value)
    return out


def test_metrics_scrape(ctx):
    """--metrics-port while a job with two stateful operators (a window aggregate and the window
    Top-N chained after it) reads two Kafka partitions and checkpoints: state entries and bytes
    per operator, checkpoint duration and size, consumer lag per partition."""
    import socket
    proc, address = start_broker(ctx, ["clicks:2"])
    try:
        events = 20000
        make_input(ctx.path("metrics_input.jsonl"), events=events)
        with open(ctx.path("metrics_input.jsonl")) as f:
            lines = f.readlines()
        # Each partition gets its first half now and its second half once the job has started: a
        # job that reads the first half within one checkpoint interval and then sits idle would
        # otherwise never reach a checkpoint barrier (they come between batches).
        def produce(half):
            for p in (0, 1):
                rows = lines[p::2]
                rows = rows[:len(rows) // 2] if half == 0 else rows[len(rows) // 2:]
                path = ctx.path("part%d_%d.jsonl" % (p, half))
                with open(path, "w") as f:
                    f.writelines(rows)
                subprocess.run(["kcat", "-P", "-l", "-b", address, "-t", "clicks", "-p", str(p), path], check=True)
        produce(0)
        malformed = sum(1 for l in lines if "broken" in l)
        # Unbounded: the job reads what is there, then waits for more until SIGTERM.
        source = KAFKA_SOURCE.replace("'scan.bounded.mode' = 'latest-offset', ", "")
        with open(ctx.path("mjob.sql"), "w") as f:
            f.write(source + QUERIES["chained_topn"] + "\n")
        subprocess.run([ctx.sqlc, "mjob.sql", "-o", "mjob"], cwd=ctx.tmp, env=ctx.env, check=True, stdout=subprocess.DEVNULL)
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
        s.close()
        job = ctx.start(["./mjob", "--bootstrap-servers", address, "-o", "m.jsonl", "--dead-letter", "m.dl", "-q",
                         "--state-dir", "m.state", "--checkpoint-interval", "20ms", "--metrics-port", str(port)])
        body, want_events = "", events - malformed
        time.sleep(0.5)  # more than the checkpoint interval: the second half's batches reach a barrier
        produce(1)
        deadline = time.time() + 60
        while time.time() < deadline:
            time.sleep(0.1)
            body = scrape(port)
            read = metric_values(body, "sqlc_events_in_total")
            lag = metric_values(body, "sqlc_kafka_consumer_lag")
            state_bytes = metric_values(body, "sqlc_operator_state_bytes")
            if (list(read.values()) == [want_events] and len(lag) == 2 and all(v == 0 for v in lag.values())
                    and len(state_bytes) == 2 and metric_values(body, "sqlc_checkpoints_total")):
                break
        job.send_signal(signal.SIGTERM)
        _, err = job.communicate(timeout=60)
        assert job.returncode == 0, err
        assert list(metric_values(body, "sqlc_events_in_total").values()) == [want_events], body
        entries = metric_values(body, "sqlc_operator_state_entries")
        state_bytes = metric_values(body, "sqlc_operator_state_bytes")
        ops = sorted(k.split('operator="')[1].split(" ")[0] for k in entries)
        assert ops == ["Rank", "WindowAggregate"], body
        assert sorted(state_bytes) == sorted(entries), body
        # The last minute's window is still open (unbounded: the watermark waits): the aggregate holds
        # its (window, url) states; every byte counted is in the checkpoint.
        window = [v for k, v in entries.items() if "WindowAggregate" in k][0]
        assert 0 < window <= 41, body
        size = list(metric_values(body, "sqlc_checkpoint_size_bytes").values())[0]
        assert all(0 < b < size for b in state_bytes.values()), body
        assert list(metric_values(body, "sqlc_checkpoint_duration_seconds").values())[0] >= 0, body
        lag = metric_values(body, "sqlc_kafka_consumer_lag")
        assert sorted(lag) == ['job="mjob",topic="clicks",partition="0"', 'job="mjob",topic="clicks",partition="1"'], body
        assert all(v == 0 for v in lag.values()), body
        print("  state entries %s, bytes %s, checkpoint %d bytes, lag %s" % (entries, state_bytes, size, lag))
    finally:
        proc.terminate()
        proc.wait()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sqlc", required=True)
    ap.add_argument("--only")
    ap.add_argument("--broker", help="tools/kafka's sqlc_mock_broker, for the Kafka test")
    args = ap.parse_args()
    sqlc = os.path.abspath(args.sqlc)
    tests = {n[5:]: f for n, f in globals().items() if n.startswith("test_")}
    names = [args.only] if args.only else sorted(tests)
    failed = 0
    for name in names:
        tmp = tempfile.mkdtemp(prefix="sqlc-checkpoints-")
        try:
            ctx = Ctx(sqlc, tmp)
            ctx.broker = os.path.abspath(args.broker) if args.broker else None
            tests[name](ctx)
            print("ok", name)
        except Exception:
            failed += 1
            print("FAIL", name)
            traceback.print_exc()
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    print("%d passed, %d failed" % (len(names) - failed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
