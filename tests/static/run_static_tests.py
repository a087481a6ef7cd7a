#!/usr/bin/env python3
"""Tests of statically linked jobs (sqlc --static) and of sqlc --container.

Usage: run_static_tests.py --sqlc PATH --repo DIR [--broker PATH] [--only NAME]

Each `test_NAME` function is one test (ctest registers them as static.NAME). They run sqlc in a
fresh temp dir with its own job cache, on the CLI tests' context and runner
(tests/cli/run_cli_tests.py). All but test_refusals need the archives that tools/static_deps.sh
makes (ctest runs it first, as the fixture static.deps). python3 stdlib only.
Prints `N passed, N failed`; exit 1 when any failed.
"""
import argparse
import os
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "cli"))
import run_cli_tests as cli  # noqa: E402
from run_cli_tests import check  # noqa: E402
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools", "kafka"))
import mock_broker  # noqa: E402

SQL = """CREATE STREAM clicks (
  user_id STRING, url STRING, ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'clicks.jsonl', 'format' = 'json');
SELECT user_id, window_start, COUNT(*) AS clicks, MAX(REGEXP_EXTRACT(url, '/([a-z]+)', 1)) AS page
FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '1' MINUTE))
GROUP BY user_id, window_start, window_end;
"""

# Over the CLI tests' clicks.jsonl, counted by hand: minute 10:00 has a twice (/x, /z: max page z) and b once (/y); minute 10:01
# has a once (/x). The regex makes the job link RE2 too.
ROWS = [
    '{"user_id":"a","window_start":"2024-01-01 10:00:00.000","clicks":2,"page":"z"}',
    '{"user_id":"b","window_start":"2024-01-01 10:00:00.000","clicks":1,"page":"y"}',
    '{"user_id":"a","window_start":"2024-01-01 10:01:00.000","clicks":1,"page":"x"}',
]

# A Kafka job: JSON in, one row per message out (the broker address comes from the flag).
KAFKA_SQL = """CREATE STREAM clicks (user_id VARCHAR, amount INT)
WITH ('connector' = 'kafka', 'topic' = 'clicks', 'properties.bootstrap.servers' = '127.0.0.1:1',
      'properties.group.id' = 'sqlc-static', 'scan.startup.mode' = 'earliest-offset',
      'scan.bounded.mode' = 'latest-offset', 'format' = 'json');
CREATE TABLE doubled (user_id VARCHAR, twice INT)
WITH ('connector' = 'kafka', 'topic' = 'doubled', 'properties.bootstrap.servers' = '127.0.0.1:1', 'format' = 'json');
INSERT INTO doubled SELECT user_id, amount * 2 FROM clicks WHERE amount > 1;
"""
KAFKA_INPUT = '{"user_id":"a","amount":5}\n{"user_id":"b","amount":1}\n{"user_id":"c","amount":7}\n'
KAFKA_ROWS = ['{"user_id":"a","twice":10}', '{"user_id":"c","twice":14}']  # b's amount 1 is filtered out


class Ctx(cli.Ctx):
    """The CLI tests' context (temp dir, private job cache, clicks.jsonl) with this q.sql."""

    def __init__(self, sqlc, repo, broker, tmp):
        super().__init__(sqlc, repo, tmp)
        self.broker = broker
        self.write("q.sql", SQL)

    def job(self, *cmd, **kw):
        return self.run(cmd=list(cmd), **kw)


def check_static(c, binary):
    f = c.job("file", "-L", binary).stdout
    check("statically linked" in f, "file does not say statically linked: " + f)
    ldd = c.job("ldd", binary, rc=None)
    said = ldd.stdout + ldd.stderr
    check("not a dynamic executable" in said, "ldd does not say 'not a dynamic executable': " + said)


def rows(stdout):
    return [l for l in stdout.splitlines() if l]


def test_file_job(c):
    """--static: file and ldd see a static binary; it gives the rows counted by hand."""
    c.run("q.sql", "-o", "job_static", "--static")
    check_static(c, os.path.join(c.tmp, "job_static"))
    got = rows(c.job("./job_static", "--quiet").stdout)
    check(got == ROWS, "static job rows:\n%s" % "\n".join(got))
    # The dynamic build of the same SQL is another binary (another cache entry), with a dynamic link.
    c.run("q.sql", "-o", "job_dynamic")
    check("dynamically linked" in c.job("file", "-L", "job_dynamic").stdout, "the default build is dynamic")


def test_example_same_rows(c):
    """The monitoring example's query: static and dynamic jobs give the same rows on its data."""
    sql = os.path.join("examples", "monitoring", "q1_requests_per_minute.sql")
    out = {}
    for kind, flags in (("static", ["--static"]), ("dynamic", [])):
        binary = os.path.join(c.tmp, "q1_" + kind)
        c.run(sql, "-o", binary, *flags, cwd=c.repo)
        out[kind] = c.job(binary, "--quiet", cwd=c.repo).stdout
    check_static(c, os.path.join(c.tmp, "q1_static"))
    check(len(rows(out["dynamic"])) > 10, "the example gave too few rows: %r" % out["dynamic"][:200])
    check(out["static"] == out["dynamic"], "static and dynamic rows differ")


def test_container(c):
    """--container DIR: DIR/q (static) and DIR/Dockerfile, byte for byte the golden one."""
    p = c.run("q.sql", "--container", "image")
    check(p.stdout.splitlines() == ["image/Dockerfile", "image/q"], p.stdout)
    check(sorted(os.listdir(os.path.join(c.tmp, "image"))) == ["Dockerfile", "q"], str(os.listdir(os.path.join(c.tmp, "image"))))
    check_static(c, os.path.join(c.tmp, "image", "q"))
    # The golden file holds every byte sqlc writes but the job's own --help (whose flags belong
    # to the runtime): that block must be the job's help, each line commented.
    with open(os.path.join(c.repo, "tests", "static", "expected.Dockerfile")) as f:
        expected = f.read()
    help_lines = c.job(os.path.join(c.tmp, "image", "q"), "--help").stdout.splitlines()
    commented = "".join("#   " + l.rstrip() + "\n" if l.strip() else "#\n" for l in help_lines)
    expected = expected.replace("<q --help, commented>\n", commented)
    got = c.read("image/Dockerfile")
    check(got == expected, "Dockerfile differs from tests/static/expected.Dockerfile:\n" + got)
    # Deterministic: the same SQL again gives the same bytes.
    c.run("q.sql", "--container", "image2")
    check(c.read("image2/Dockerfile") == got, "a second --container wrote other bytes")


def test_container_tls(c):
    """A job whose Kafka source uses TLS gets the CA bundle in its image, and nothing else does."""
    c.write("tls.sql", KAFKA_SQL.replace("'format' = 'json');\nCREATE TABLE",
                                          "'format' = 'json', 'properties.security.protocol' = 'SASL_SSL');\nCREATE TABLE", 1))
    c.run("tls.sql", "--container", "tls_image")
    files = sorted(os.listdir(os.path.join(c.tmp, "tls_image")))
    check(files == ["Dockerfile", "ca-certificates.crt", "tls"], str(files))
    d = c.read("tls_image/Dockerfile")
    check("COPY ca-certificates.crt /etc/ssl/certs/ca-certificates.crt\n" in d and "ENV SSL_CERT_FILE=" in d, d)


def chroot_works(c):
    root = os.path.join(c.tmp, "probe_root")
    os.makedirs(root, exist_ok=True)
    return subprocess.run(["chroot", root, "/nonexistent"], capture_output=True, text=True).stderr.find("Operation not permitted") < 0


def test_empty_root(c):
    """The static job runs where there is nothing but itself and its input (chroot into a
    directory holding only those two files): what FROM scratch gives it."""
    if not chroot_works(c):
        print("chroot is not permitted here: the empty-root run is left out")
        return
    c.run("q.sql", "-o", "job_static", "--static")
    root = os.path.join(c.tmp, "root")
    os.makedirs(root)
    shutil.copy(os.path.join(c.tmp, "job_static"), os.path.join(root, "job"))
    shutil.copy(os.path.join(c.tmp, "clicks.jsonl"), os.path.join(root, "clicks.jsonl"))
    got = rows(c.job("chroot", root, "/job", "--quiet", "--input", "/clicks.jsonl").stdout)
    check(got == ROWS, "rows in the empty root:\n%s" % "\n".join(got))


class Broker:
    def __init__(self, c, topics):
        self.c = c
        self.proc, self.address = mock_broker.start(c.broker, os.path.join(c.tmp, "broker.address"), topics,
                                                    stderr=subprocess.DEVNULL)

    def produce(self, topic, text):
        subprocess.run(["kcat", "-P", "-b", self.address, "-t", topic, "-p", "0"], input=text, text=True, check=True, timeout=60)

    def consume(self, topic):
        p = subprocess.run(["kcat", "-C", "-b", self.address, "-t", topic, "-o", "beginning", "-e", "-q"],
                           capture_output=True, text=True, check=True, timeout=60)
        return rows(p.stdout)

    def stop(self):
        self.proc.kill()
        self.proc.wait()


def test_kafka_job(c):
    """A static Kafka job against the local broker (tools/kafka) at 127.0.0.1: the rows counted by
    hand; then the same job in an empty root (chroot), reaching the broker by its numeric address,
    and by the name localhost once the root has an /etc/hosts."""
    check(c.broker, "--broker is needed")
    c.write("k.sql", KAFKA_SQL)
    c.run("k.sql", "-o", "kjob", "--static")
    check_static(c, os.path.join(c.tmp, "kjob"))
    broker = Broker(c, ["clicks:1", "doubled:1"])
    try:
        check(broker.address.startswith("127.0.0.1:"), broker.address)
        broker.produce("clicks", KAFKA_INPUT)
        c.job("./kjob", "--quiet", "--bootstrap-servers", broker.address)
        got = broker.consume("doubled")
        check(got == KAFKA_ROWS, "output topic:\n%s" % "\n".join(got))
        if not chroot_works(c):
            print("chroot is not permitted here: the empty-root Kafka run is left out")
            return
        root = os.path.join(c.tmp, "kroot")
        os.makedirs(root)
        shutil.copy(os.path.join(c.tmp, "kjob"), os.path.join(root, "kjob"))
        c.job("chroot", root, "/kjob", "--quiet", "--bootstrap-servers", broker.address)
        got = broker.consume("doubled")
        # 'earliest-offset' reads the topic from its start again: the same rows a second time.
        check(got == KAFKA_ROWS * 2, "output topic after the empty-root run:\n%s" % "\n".join(got))
        # A host name resolves through /etc/hosts alone (glibc's files and dns lookups are built
        # into libc: no NSS module is loaded), as in a container where docker writes /etc/hosts.
        os.makedirs(os.path.join(root, "etc"))
        c.write("kroot/etc/hosts", "127.0.0.1 localhost\n")
        c.job("chroot", root, "/kjob", "--quiet", "--bootstrap-servers", "localhost:" + broker.address.split(":")[1])
        got = broker.consume("doubled")
        check(got == KAFKA_ROWS * 3, "output topic after the run by host name:\n%s" % "\n".join(got))
    finally:
        broker.stop()


def test_refusals(c):
    """Without the static archives --static says which command makes them; a PostgreSQL lookup
    job is refused statically."""
    p = c.run("q.sql", "--static", rc=3, env={"SQLC_STATIC_DEPS_DIR": os.path.join(c.tmp, "none")})
    check("bash tools/static_deps.sh" in p.stderr and "static libraries are missing" in p.stderr, p.stderr)
    check(not os.path.exists(os.path.join(c.tmp, "q")), "no job is written")
    shutil.copy(os.path.join(c.repo, "tests", "golden", "codegen", "lookup_join_postgres.sql"), os.path.join(c.tmp, "pg.sql"))
    p = c.run("pg.sql", "--static", rc=3)
    check("not supported yet: a statically linked job with a PostgreSQL lookup table" in p.stderr, p.stderr)
    p = c.run("q.sql", "--container", rc=2)
    check("--container needs a directory" in p.stderr, p.stderr)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sqlc", required=True)
    ap.add_argument("--repo", required=True)
    ap.add_argument("--broker")
    ap.add_argument("--only")
    a = ap.parse_args()
    tests = [(n[5:], f) for n, f in sorted(globals().items()) if n.startswith("test_") and callable(f)]
    broker = a.broker and os.path.abspath(a.broker)
    return cli.run_tests(tests, a.only, "static", lambda tmp: Ctx(os.path.abspath(a.sqlc), os.path.abspath(a.repo), broker, tmp))


if __name__ == "__main__":
    sys.exit(main())
