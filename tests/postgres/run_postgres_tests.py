#!/usr/bin/env python3
"""Lookup joins against a real PostgreSQL server (python3 stdlib only).

Usage: run_postgres_tests.py --sqlc PATH [--keep] [CASE...]

Starts Debian's PostgreSQL on loopback in a temp dir (initdb + pg_ctl on a free port; as the
unprivileged user `nobody` when run as root, since postgres refuses root), with password
authentication over TCP, loads tables.sql, then runs each case: compile the SQL with sqlc, run
the job, compare its rows exactly with the hand-computed ones and the lookup join's EXPLAIN
ANALYZE counters (lookups, cache hits, queries). One case updates the table while the job runs
(the cache's ttl); the failure cases use a missing table, no server at start, and stop the server
while the job runs. Exit 0 when every case passes.
"""
import argparse
import glob
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
USER = "sqlc_test"
PASSWORD = "s3cret-pw"  # must never appear in a job's messages
DATABASE = "sqlc"


class TestError(Exception):
    pass


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_bin(name):
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/" + name))
    if found:
        return found[-1]
    path = shutil.which(name)
    if not path:
        raise TestError("%s not found: install Debian's postgresql package (tools/setup.sh does)" % name)
    return path


class Server:
    """A throwaway PostgreSQL cluster owned by the current user, or by nobody under root."""

    def __init__(self, root):
        self.root = root
        self.data = os.path.join(root, "data")
        self.log = os.path.join(root, "server.log")
        self.port = free_port()
        self.as_user = "nobody" if os.geteuid() == 0 else None
        os.chmod(root, 0o777)

    def run(self, args, **kw):
        proc = subprocess.run(args, user=self.as_user, capture_output=True, text=True, cwd=self.root, timeout=120, **kw)
        if proc.returncode != 0:
            raise TestError("%s failed (exit %d):\n%s%s" % (" ".join(args), proc.returncode, proc.stdout, proc.stderr))
        return proc

    def init(self):
        pwfile = os.path.join(self.root, "pw")
        with open(pwfile, "w") as f:
            f.write(PASSWORD + "\n")
        os.chmod(pwfile, 0o644)
        self.run([server_bin("initdb"), "-D", self.data, "-U", USER, "--pwfile", pwfile, "--auth-local=trust",
                  "--auth-host=scram-sha-256", "-E", "UTF8", "--no-sync"])

    def start(self):
        opts = "-p %d -k %s -c listen_addresses=127.0.0.1 -c fsync=off -c log_statement=all" % (self.port, self.root)
        self.run([server_bin("pg_ctl"), "-D", self.data, "-o", opts, "-l", self.log, "-w", "-t", "60", "start"])

    def stop(self):
        self.run([server_bin("pg_ctl"), "-D", self.data, "-m", "fast", "-w", "stop"])

    def psql(self, sql, database="postgres"):
        env = dict(os.environ, PGPASSWORD=PASSWORD)
        proc = subprocess.run([server_bin("psql"), "-X", "-q", "-tA", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p",
                               str(self.port), "-U", USER, "-d", database], input=sql, capture_output=True, text=True, env=env,
                              timeout=60)
        if proc.returncode != 0:
            raise TestError("psql failed:\n%s" % proc.stderr)
        return proc.stdout.strip()

    def job_idle(self):
        """Whether the job's connection waits for its next query (so its last answer was sent)."""
        return self.psql("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'sqlc' AND state = 'idle';") == "1"

    def lookups_logged(self):
        """How many lookup queries the server has run (log_statement=all logs each execute)."""
        with open(self.log, encoding="utf-8", errors="replace") as f:
            return f.read().count("execute sqlc_lookup")


# --- the cases -------------------------------------------------------------------------------

ORDERS = """CREATE STREAM orders (order_id VARCHAR, model_id VARCHAR, tokens INT)
WITH ('connector' = 'filesystem', 'path' = 'input.jsonl', 'format' = 'json');
"""
MODELS = """CREATE TABLE models (
  model_id VARCHAR, provider VARCHAR, price DOUBLE, cost DECIMAL(8, 3), max_tokens INT,
  released TIMESTAMP(3), active BOOLEAN
) WITH ('connector' = 'postgres', 'url' = 'jdbc:postgresql://127.0.0.1:${SQLC_PG_PORT}/sqlc',
  'table-name' = 'models', 'username' = '${SQLC_PG_USER}', 'password' = '${SQLC_PG_PASSWORD}'%s);
"""
LEFT_JOIN = """SELECT o.order_id, m.provider, o.tokens * m.price AS amount, m.cost, m.max_tokens, m.released, m.active
FROM orders AS o LEFT JOIN models AS m ON o.model_id = m.model_id;
"""
CACHED = ",\n  'lookup.cache.max-rows' = '100', 'lookup.cache.ttl' = '10 min'"

ORDER_ROWS = [
    '{"order_id":"o1","model_id":"a","tokens":10}',
    '{"order_id":"o2","model_id":"b","tokens":2}',
    '{"order_id":"o3","model_id":"z","tokens":1}',
    '{"order_id":"o4","tokens":4}',
    '{"order_id":"o5","model_id":"a","tokens":4}',
    '{"order_id":"o6","model_id":"z","tokens":3}',
    '{"order_id":"o7","model_id":"b","tokens":1}',
]
NO_MODEL = '"provider":null,"amount":null,"cost":null,"max_tokens":null,"released":null,"active":null}'
MODEL_A = '"provider":"openai","amount":%s,"cost":1.250,"max_tokens":100,"released":"2024-01-02 03:04:05.678","active":true}'
MODEL_B = '"provider":"anthropic","amount":%s,"cost":0.100,"max_tokens":10,"released":"2023-12-31 23:59:59.000","active":false}'
MODEL_B2 = '"provider":"mirror","amount":%s,"cost":null,"max_tokens":null,"released":null,"active":null}'

CASES = {
    # LEFT JOIN with the lookup cache: a (o1, o5) and b (o2, o7; two rows each) are found, z (o3,
    # o6) is not and is padded; o4's NULL key is padded without a query (NULL never matches, and
    # the table's NULL-key row is never returned). Six lookups: a, b and z are queried once,
    # o5, o6 and o7 are cache hits (z's miss is cached too).
    "left_join_cached": {
        "sql": ORDERS + MODELS % CACHED + LEFT_JOIN,
        "input": ORDER_ROWS,
        "output": [
            '{"order_id":"o1",' + MODEL_A % "5.0",
            '{"order_id":"o2",' + MODEL_B % "4.0",
            '{"order_id":"o2",' + MODEL_B2 % "6.0",
            '{"order_id":"o3",' + NO_MODEL,
            '{"order_id":"o4",' + NO_MODEL,
            '{"order_id":"o5",' + MODEL_A % "2.0",
            '{"order_id":"o6",' + NO_MODEL,
            '{"order_id":"o7",' + MODEL_B % "2.0",
            '{"order_id":"o7",' + MODEL_B2 % "3.0",
        ],
        "counters": {"operator": "LookupJoin LEFT models", "rows_in": 7, "rows_out": 9, "lookups": 6, "cache_hits": 3,
                     "queries": 3, "cached_keys": 3},
    },
    # INNER JOIN FOR SYSTEM_TIME AS OF a processing-time attribute (Flink's lookup join form)
    # through 'connector' = 'jdbc' with a schema-qualified table, a key computed from
    # the stream (user_id + 1) and another condition checked per match (tier > 0): p1 and p6 find
    # ann, p3 finds cy; p2 finds bob whose tier is 0; p4's id 10 has no row; p5's NULL key makes
    # no query. Without a cache every non-NULL key is a query.
    "inner_join_jdbc_uncached": {
        "sql": """CREATE STREAM clicks (user_id BIGINT, page VARCHAR, proc_time AS PROCTIME())
WITH ('connector' = 'filesystem', 'path' = 'input.jsonl', 'format' = 'json');
CREATE TABLE users (id BIGINT, name VARCHAR, tier INT, PRIMARY KEY (id) NOT ENFORCED)
WITH ('connector' = 'jdbc', 'url' = 'jdbc:postgresql://127.0.0.1:${SQLC_PG_PORT}/sqlc', 'table-name' = 'crm.users',
  'username' = '${SQLC_PG_USER}', 'password' = '${SQLC_PG_PASSWORD}');
SELECT c.page, u.name, u.tier
FROM clicks AS c JOIN users FOR SYSTEM_TIME AS OF c.proc_time AS u ON u.id = c.user_id + 1 AND u.tier > 0;
""",
        "input": ['{"user_id":0,"page":"p1"}', '{"user_id":1,"page":"p2"}', '{"user_id":2,"page":"p3"}',
                  '{"user_id":9,"page":"p4"}', '{"page":"p5"}', '{"user_id":0,"page":"p6"}'],
        "output": ['{"page":"p1","name":"ann","tier":1}', '{"page":"p3","name":"cy","tier":2}',
                   '{"page":"p6","name":"ann","tier":1}'],
        "counters": {"operator": "LookupJoin INNER users", "rows_in": 6, "rows_out": 3, "lookups": 5, "cache_hits": 0,
                     "queries": 5},
    },
}


# --- running ---------------------------------------------------------------------------------

def build(sqlc, work, name, sql):
    d = os.path.join(work, name)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "query.sql"), "w") as f:
        f.write(sql)
    proc = subprocess.run([sqlc, "query.sql", "-o", "job"], cwd=d, capture_output=True, text=True, timeout=300)
    if proc.returncode != 0:
        raise TestError("sqlc failed (exit %d):\n%s" % (proc.returncode, proc.stderr))
    return d


def job_env(server, port=None):
    return dict(os.environ, SQLC_PG_PORT=str(port or server.port), SQLC_PG_USER=USER, SQLC_PG_PASSWORD=PASSWORD)


def read_lines(path):
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return [l for l in f.read().split("\n") if l]


def lookup_counters(stderr, operator):
    for line in stderr.splitlines():
        try:
            record = json.loads(line)
        except ValueError:
            continue
        if record.get("event") == "operator" and record.get("operator") == operator:
            return record
    raise TestError("no EXPLAIN ANALYZE line for %s in:\n%s" % (operator, stderr))


def expect_equal(what, expected, actual):
    if expected != actual:
        raise TestError("%s differs:\nexpected:\n  %s\nactual:\n  %s" % (what, "\n  ".join(map(str, expected)),
                                                                           "\n  ".join(map(str, actual))))


def run_rows_case(sqlc, server, work, name, case):
    d = build(sqlc, work, name, case["sql"])
    with open(os.path.join(d, "input.jsonl"), "w") as f:
        f.write("".join(l + "\n" for l in case["input"]))
    proc = subprocess.run(["./job", "--output", "out.jsonl", "--log-format", "json"], cwd=d, env=job_env(server),
                          capture_output=True, text=True, timeout=120)
    if proc.returncode != 0:
        raise TestError("job failed (exit %d):\n%s" % (proc.returncode, proc.stderr))
    expect_equal("output rows", case["output"], read_lines(os.path.join(d, "out.jsonl")))
    counters = lookup_counters(proc.stderr, case["counters"]["operator"])
    got = {k: counters.get(k) for k in case["counters"]}
    expect_equal("lookup join counters", [case["counters"]], [got])
    if PASSWORD in proc.stderr:
        raise TestError("the job printed the password")


def run_down_at_start(sqlc, server, work):
    """No server listens: the job fails at start, before reading its input, naming the table."""
    d = build(sqlc, work, "down_at_start", ORDERS + MODELS % ",\n  'lookup.max-retries' = '2'" + LEFT_JOIN)
    with open(os.path.join(d, "input.jsonl"), "w") as f:
        f.write("".join(l + "\n" for l in ORDER_ROWS))
    closed = free_port()
    started = time.monotonic()
    proc = subprocess.run(["./job", "--output", "out.jsonl"], cwd=d, env=job_env(server, closed), capture_output=True,
                          text=True, timeout=120)
    elapsed = time.monotonic() - started
    if proc.returncode == 0:
        raise TestError("the job succeeded without a server:\n" + proc.stderr)
    expected = ("job: error: lookup table `models` (PostgreSQL jdbc:postgresql://127.0.0.1:${SQLC_PG_PORT}/sqlc): "
                "cannot connect and 2 retries failed: connection to server at \"127.0.0.1\", port %d failed: "
                "Connection refused" % closed)
    if expected not in proc.stderr:
        raise TestError("expected the message\n  %s\nin stderr:\n%s" % (expected, proc.stderr))
    if PASSWORD in proc.stderr:
        raise TestError("the job printed the password")
    expect_equal("output rows", [], read_lines(os.path.join(d, "out.jsonl")))
    if elapsed < 0.3:  # two retries after 100 ms and 200 ms
        raise TestError("the job gave up after %.2f s, before its retries" % elapsed)


def run_cache_ttl(sqlc, server, work):
    """'lookup.cache.ttl': within the ttl a key is served from the cache (an update of the table is
    not seen yet), after it the key is queried again and the new row is joined."""
    d = build(sqlc, work, "cache_ttl", ORDERS + """CREATE TABLE prices (model_id VARCHAR, price INT)
WITH ('connector' = 'postgres', 'url' = 'jdbc:postgresql://127.0.0.1:${SQLC_PG_PORT}/sqlc', 'table-name' = 'prices',
  'username' = '${SQLC_PG_USER}', 'password' = '${SQLC_PG_PASSWORD}',
  'lookup.cache.max-rows' = '10', 'lookup.cache.ttl' = '2 s');
SELECT o.order_id, p.price FROM orders AS o JOIN prices AS p ON o.model_id = p.model_id;
""")
    job = start_streaming_job(d, server)
    before = server.lookups_logged()
    send(job, '{"order_id":"o1","model_id":"a"}')  # queried: price 1
    wait_for(lambda: server.lookups_logged() > before and server.job_idle(), "the job's first lookup")
    server.psql("UPDATE prices SET price = 2 WHERE model_id = 'a';", DATABASE)
    send(job, '{"order_id":"o2","model_id":"a"}')  # well within 2 s: from the cache, still 1
    wait_for(lambda: server.job_idle(), "the job")
    time.sleep(2.2)
    send(job, '{"order_id":"o3","model_id":"a"}')  # the entry expired: queried again, 2
    job.stdin.close()
    stderr = job.stderr.read()
    code = job.wait(timeout=60)
    server.psql("UPDATE prices SET price = 1 WHERE model_id = 'a';", DATABASE)
    if code != 0:
        raise TestError("the job failed (exit %d):\n%s" % (code, stderr))
    expect_equal("output rows", ['{"order_id":"o1","price":1}', '{"order_id":"o2","price":1}', '{"order_id":"o3","price":2}'],
                 read_lines(os.path.join(d, "out.jsonl")))
    counters = lookup_counters(stderr, "LookupJoin INNER prices")
    expect_equal("lookups, cache hits, queries", [(3, 1, 2)],
                 [(counters.get("lookups"), counters.get("cache_hits"), counters.get("queries"))])


def run_missing_table(sqlc, server, work):
    """The server is up but the table is not there: the job fails at start with the server's reason."""
    d = build(sqlc, work, "missing_table", ORDERS + (MODELS % "").replace("'table-name' = 'models'", "'table-name' = 'no_such_table'")
              + LEFT_JOIN)
    with open(os.path.join(d, "input.jsonl"), "w") as f:
        f.write("".join(l + "\n" for l in ORDER_ROWS))
    proc = subprocess.run(["./job", "--output", "out.jsonl"], cwd=d, env=job_env(server), capture_output=True, text=True,
                          timeout=120)
    expected = ("job: error: lookup table `models` (PostgreSQL jdbc:postgresql://127.0.0.1:${SQLC_PG_PORT}/sqlc): cannot prepare "
                "`SELECT model_id, provider, price, cost, max_tokens, released, active FROM no_such_table WHERE model_id = $1`: "
                "ERROR:  relation \"no_such_table\" does not exist")
    if proc.returncode == 0 or expected not in proc.stderr:
        raise TestError("expected exit 1 and the message\n  %s\nin stderr (exit %d):\n%s" % (expected, proc.returncode, proc.stderr))
    expect_equal("output rows", [], read_lines(os.path.join(d, "out.jsonl")))


def wait_for(predicate, what, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise TestError("timed out waiting for " + what)


def start_streaming_job(d, server):
    """The job reads stdin, so the test decides when each row arrives."""
    return subprocess.Popen(["./job", "--input", "-", "--output", "out.jsonl", "--log-format", "json"], cwd=d,
                            env=job_env(server), stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


def send(job, line):
    job.stdin.write(line + "\n")
    job.stdin.flush()


def run_stopped_mid_run(sqlc, server, work):
    """The server stops while the job runs: a cached key still joins, the next query fails after
    the retries and the job exits non-zero; o3 is never emitted as a NULL-padded row."""
    d = build(sqlc, work, "stopped_mid_run", ORDERS + MODELS % (CACHED + ",\n  'lookup.max-retries' = '2'") + LEFT_JOIN)
    job = start_streaming_job(d, server)
    before = server.lookups_logged()
    send(job, ORDER_ROWS[0])  # o1: a is queried and cached
    # The server logs a lookup when it starts it; once the connection is idle again the answer was sent.
    wait_for(lambda: server.lookups_logged() > before and server.job_idle(), "the job's first lookup")
    server.stop()
    send(job, ORDER_ROWS[4])  # o5: a again, from the cache
    send(job, ORDER_ROWS[2])  # o3: z needs a query: the server is gone
    job.stdin.close()
    stderr = job.stderr.read()
    code = job.wait(timeout=60)
    server.start()
    if code == 0:
        raise TestError("the job succeeded although its lookup failed:\n" + stderr)
    expected = ("lookup table `models` (PostgreSQL jdbc:postgresql://127.0.0.1:${SQLC_PG_PORT}/sqlc): lost the connection "
                "while the job ran and 2 reconnect attempts failed: connection to server at \"127.0.0.1\", port %d failed: "
                "Connection refused" % server.port)
    if expected not in stderr:
        raise TestError("expected the message\n  %s\nin stderr:\n%s" % (expected, stderr))
    expect_equal("output rows", ['{"order_id":"o1",' + MODEL_A % "5.0", '{"order_id":"o5",' + MODEL_A % "2.0"],
                 read_lines(os.path.join(d, "out.jsonl")))


def run_restarted_mid_run(sqlc, server, work):
    """The server restarts while the job retries: the lookup runs again on a new connection and
    the rows are exactly those of an uninterrupted run."""
    d = build(sqlc, work, "restarted_mid_run", ORDERS + MODELS % ",\n  'lookup.max-retries' = '10'" + LEFT_JOIN)
    job = start_streaming_job(d, server)
    before = server.lookups_logged()
    send(job, ORDER_ROWS[0])  # o1: a
    # The server logs a lookup when it starts it; once the connection is idle again the answer was sent.
    wait_for(lambda: server.lookups_logged() > before and server.job_idle(), "the job's first lookup")
    server.stop()
    send(job, ORDER_ROWS[1])  # o2: b, while the server is down: the job retries with backoff
    time.sleep(0.2)
    server.start()
    send(job, ORDER_ROWS[2])  # o3: z, not in the table
    job.stdin.close()
    stderr = job.stderr.read()
    code = job.wait(timeout=60)
    if code != 0:
        raise TestError("the job failed (exit %d) although the server came back:\n%s" % (code, stderr))
    expect_equal("output rows", ['{"order_id":"o1",' + MODEL_A % "5.0", '{"order_id":"o2",' + MODEL_B % "4.0",
                                 '{"order_id":"o2",' + MODEL_B2 % "6.0", '{"order_id":"o3",' + NO_MODEL],
                 read_lines(os.path.join(d, "out.jsonl")))
    counters = lookup_counters(stderr, "LookupJoin LEFT models")
    expect_equal("lookups and reconnects", [(3, 1)], [(counters.get("lookups"), counters.get("reconnects"))])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sqlc", required=True)
    ap.add_argument("--keep", action="store_true", help="keep the temp dir")
    ap.add_argument("cases", nargs="*", help="run only these cases")
    a = ap.parse_args()
    sqlc = os.path.abspath(a.sqlc)
    root = tempfile.mkdtemp(prefix="sqlc-postgres-")
    os.chmod(root, 0o755)  # the server's user must reach pg/
    os.makedirs(os.path.join(root, "pg"))
    server = Server(os.path.join(root, "pg"))
    work = os.path.join(root, "jobs")
    all_cases = [(name, lambda n=name, c=case: run_rows_case(sqlc, server, work, n, c)) for name, case in CASES.items()]
    all_cases += [("cache_ttl", lambda: run_cache_ttl(sqlc, server, work)),
                  ("missing_table", lambda: run_missing_table(sqlc, server, work)),
                  ("server_down_at_start", lambda: run_down_at_start(sqlc, server, work)),
                  ("server_stopped_mid_run", lambda: run_stopped_mid_run(sqlc, server, work)),
                  ("server_restarted_mid_run", lambda: run_restarted_mid_run(sqlc, server, work))]
    failed = 0
    started = False
    try:
        server.init()
        server.start()
        started = True
        server.psql("CREATE DATABASE %s;" % DATABASE)
        with open(os.path.join(HERE, "tables.sql")) as f:
            server.psql(f.read(), DATABASE)
        for name, run in all_cases:
            if a.cases and name not in a.cases:
                continue
            t = time.monotonic()
            try:
                run()
                print("PASS %s (%.1f s)" % (name, time.monotonic() - t))
            except (TestError, subprocess.TimeoutExpired) as e:
                failed += 1
                print("FAIL %s\n%s" % (name, e))
    except TestError as e:
        print("FAIL setup\n%s" % e)
        failed += 1
    finally:
        if started:
            try:
                server.stop()
            except TestError:
                pass
        if a.keep or failed:
            print("work dir: %s" % root)
        else:
            shutil.rmtree(root, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
