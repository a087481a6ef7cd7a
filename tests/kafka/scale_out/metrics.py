#!/usr/bin/env python3
"""Per-task metrics with --scale-out: two instances of job.sql (TUMBLE 10 s per user) in one
group over a 4-partition topic, each with --metrics-port. After steps 0..14 of input.py (8 users,
120 events) every partition task has fired the window [0 s, 10 s) of its users and holds the
window [10 s, 20 s) open, one (window, user) state per user: the instances' sqlc_state_entries
(and sqlc_operator_state_entries) sum to 8 and each is nonzero; after a checkpoint the state
bytes gauge is nonzero; and the EXPLAIN ANALYZE reports at exit count the window aggregate's
120 rows in and 8 rows out, summed over the instances. Before per-task metrics the tasks' rows
and state were not counted (0 everywhere but events in and rows out).

Usage: metrics.py SQLC MOCK_BROKER
"""
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "../tools", "kafka"))
import mock_broker  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def gauge(body, name):
    """The value of the metric line starting with `name` (with its labels), or None."""
    for line in body.splitlines():
        if line.startswith(name + "{"):
            return int(float(line.rsplit(" ", 1)[1]))
    return None


def scrape(port):
    try:
        return urllib.request.urlopen("http://127.0.0.1:%d/metrics" % port, timeout=5).read().decode()
    except OSError:
        return ""


def main():
    sqlc, broker = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    tmp = tempfile.mkdtemp(prefix="sqlc-scale-out-metrics-")
    procs = []
    try:
        proc, address = mock_broker.start(broker, os.path.join(tmp, "address"), ["clicks_m:4", "out_m:1"])
        procs.append(proc)
        shutil.copy(os.path.join(HERE, "job.sql"), tmp)
        subprocess.run([sqlc, "job.sql", "-o", "job"], cwd=tmp, check=True, stdout=subprocess.DEVNULL,
                       env=dict(os.environ, SQLC_CACHE_DIR=os.path.join(tmp, "cache")))
        env = dict(os.environ, GROUP="metrics", IN_TOPIC="clicks_m", OUT_TOPIC="out_m")
        ports, instances = [free_port(), free_port()], []
        for i, port in enumerate(ports):
            err = open(os.path.join(tmp, "instance_%d.stderr" % i), "w+")
            p = subprocess.Popen(["./job", "--bootstrap-servers", address, "--state-dir", "state", "--checkpoint-interval", "200ms",
                                  "--scale-out", "--metrics-port", str(port)], cwd=tmp, env=env, stderr=err)
            procs.append(p)
            instances.append((p, err))
            deadline = time.time() + 30
            while "assigned" not in open(err.name).read():
                assert time.time() < deadline, "instance %d was given no partition" % i
                time.sleep(0.1)
        time.sleep(1)  # the first instance gives half its partitions to the second
        produce = subprocess.run([sys.executable, os.path.join(HERE, "input.py"), "produce", "0", "14"], check=True,
                                 stdout=subprocess.PIPE).stdout
        subprocess.run(["kcat", "-P", "-b", address, "-t", "clicks_m", "-K", "|"], input=produce, check=True)

        deadline, bodies = time.time() + 30, []
        while time.time() < deadline:
            bodies = [scrape(port) for port in ports]
            entries = [gauge(b, "sqlc_state_entries") or 0 for b in bodies]
            events = [gauge(b, "sqlc_events_in_total") or 0 for b in bodies]
            state_bytes = [gauge(b, "sqlc_operator_state_bytes") or 0 for b in bodies]
            if sum(events) == 120 and sum(entries) == 8 and all(n > 0 for n in state_bytes):
                break
            time.sleep(0.1)
        report = "\n".join("== instance %d\n%s" % (i, b) for i, b in enumerate(bodies))
        entries = [gauge(b, "sqlc_state_entries") for b in bodies]
        operator_entries = [gauge(b, "sqlc_operator_state_entries") for b in bodies]
        state_bytes = [gauge(b, "sqlc_operator_state_bytes") for b in bodies]
        events = [gauge(b, "sqlc_events_in_total") for b in bodies]
        assert sum(e or 0 for e in events) == 120, "events in: %s\n%s" % (events, report)
        assert sum(e or 0 for e in entries) == 8 and all(entries), "sqlc_state_entries %s, expected 8 in all, each nonzero\n%s" % (
            entries, report)
        assert operator_entries == entries, "sqlc_operator_state_entries %s differ from sqlc_state_entries %s\n%s" % (
            operator_entries, entries, report)
        assert all(b and b > 0 for b in state_bytes), "sqlc_operator_state_bytes %s\n%s" % (state_bytes, report)

        rows_in, rows_out = 0, 0
        for p, err in instances:
            p.send_signal(signal.SIGTERM)
            assert p.wait(timeout=60) == 0, "an instance failed at SIGTERM"
            text = open(err.name).read()
            line = [l for l in text.splitlines() if l.strip().startswith("WindowAggregate")]
            assert line, "no window aggregate line in the EXPLAIN ANALYZE report:\n" + text
            m = re.search(r"rows in ([0-9,]+), rows out ([0-9,]+)", line[0])
            assert m, line[0]
            rows_in += int(m.group(1).replace(",", ""))
            rows_out += int(m.group(2).replace(",", ""))
        assert (rows_in, rows_out) == (120, 8), "EXPLAIN ANALYZE: the window aggregate's rows in/out summed over the instances are %d/%d, " \
                                                "expected 120/8" % (rows_in, rows_out)
        print("scale_out metrics: state entries %s (sum 8), state bytes %s, window aggregate rows in/out 120/8 over two instances" % (
            entries, state_bytes))
        return 0
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
                p.wait()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
