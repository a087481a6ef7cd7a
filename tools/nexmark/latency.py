#!/usr/bin/env python3
"""Event-to-result latency through Kafka, and memory per open window and key, for Nexmark queries.

  tools/nexmark/latency.py [--rate 200] [--seconds 30] [q0 q1 q7 q11 ...]    (or bench.py --latency)

For each query: starts the local broker (build/tools/kafka/sqlc_mock_broker), builds the query with
its `bid` stream read from the Kafka topic `bid` (unbounded, earliest offset) and its sink written
to the topic `nexmark_out`, starts the job, then produces the generated bids with kcat at a fixed
rate: the generator's event time advances at --rate events/s and each bid is produced when the
wall clock has advanced as much since the first one (so windows close in real time). A kcat
consumer stamps each result message with its arrival time. Latency of a result row =
  * stateless queries (q0, q1, q2, ...): arrival - the wall time its input bid was produced (found
    by the bid's dateTime, unique at rates up to 1000 events/s);
  * windowed queries: arrival - the wall time the window could first close, i.e. when the first
    bid whose dateTime - 4 s (the watermark) reaches the window's end - 1 ms was produced. The end
    comes from the row (q11: endtime; q7: the end of the window its bid can first join). Rows of
    windows no produced bid closes (those the job fires when it is stopped) are not counted.
Every second the job is sent SIGUSR1 and its counters ("open windows N, state entries M") and its
resident memory are sampled: memory per open window and key = (RSS at the sample with the most
state entries - RSS before the first bid) / those entries. p50/p99 come from all counted rows.
The mock broker keeps about 5 MiB per partition: --rate x --seconds bids of ~250 bytes must fit.
Bids are taken from generated event 50 000 on (by then there are 1000 active people, as in a
long run; earlier, few bidders bid so often that no session closes). The job is started 3 s
before the first bid (it joins its consumer group), and rows of the first
second's input are not counted (warm-up), nor the rows already due when the first result arrives
(the sink's idempotent Kafka producer connects on the job's first row, about 1 s). The default rate, 200 events/s, lets bidders fall
silent for q11's 10-second session gap (at 1000/s every non-hot bidder bids every ~4 s, so no
session closes before the end).
"""

import argparse
import datetime
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run_suite  # noqa: E402
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "kafka"))
import mock_broker  # noqa: E402

ROOT = run_suite.ROOT
WATERMARK_DELAY_MS = 4000  # every examples/nexmark stream: WATERMARK FOR dateTime AS dateTime - 4 s
STATELESS = ("q0", "q1", "q2", "q10", "q14", "q21", "q22")
# The mock broker answers a fetch with no new data only when the fetch's wait ends (librdkafka's
# default 500 ms), so both consumers ask to wait at most 5 ms; the sink sends without lingering.
KAFKA_SOURCE = ("'connector' = 'kafka', 'topic' = '%s', 'properties.bootstrap.servers' = '127.0.0.1:1', "
                "'properties.group.id' = 'nexmark-latency', 'scan.startup.mode' = 'earliest-offset', "
                "'properties.fetch.wait.max.ms' = '5', 'format' = 'json'")
KAFKA_SINK = ("'connector' = 'kafka', 'topic' = 'nexmark_out', "
              "'properties.bootstrap.servers' = '127.0.0.1:1', 'properties.linger.ms' = '0', "
              "'format' = 'json'")
DEFAULT_RATE, DEFAULT_SECONDS = 200, 30
DEFAULT_QUERIES = ("q0", "q1", "q7", "q11")
WARMUP_SECONDS = 1.0
# The generator's first events name few people (bidders are drawn from the people created so far,
# at most the last 1000): from event 50 000 on the bidders are as many as in a long run.
SKIP_EVENTS = 50_000  # rows of the first second's input are not counted
COUNTERS = re.compile(r"open windows (\d+), state entries (\d+)")


def ms_of(text):
    """'YYYY-MM-DD HH:MM:SS.sss' (UTC) -> epoch milliseconds."""
    d = datetime.datetime.strptime(text[:19], "%Y-%m-%d %H:%M:%S").replace(tzinfo=datetime.timezone.utc)
    frac = (text[20:] + "000")[:3] if len(text) > 19 else "000"
    return int(d.timestamp()) * 1000 + int(frac)


def window_end_of(q, row):
    """The end (epoch ms) of the window a result row comes from, None for stateless queries.
    Raises KeyError for a windowed query whose rows do not say their window."""
    if q in STATELESS:
        return None
    if q == "q11":
        return ms_of(row["endtime"])
    if q == "q7":  # a bid at exactly a window's end joins that window (BETWEEN ... AND end)
        t = ms_of(row["dateTime"])
        return t if t % 10000 == 0 else (t // 10000 + 1) * 10000
    raise KeyError(q)


def kafka_query(q, path):
    """Query q with its streams read from Kafka topics and its sink written to one."""
    with open(run_suite.query_path(q)) as f:
        text = f.read()
    text = re.sub(r"'connector' = 'filesystem', 'path' = 'examples/nexmark/data/(\w+)\.jsonl', "
                  r"'format' = 'json'", lambda m: KAFKA_SOURCE % m.group(1), text)
    text = text.replace("'connector' = 'filesystem', 'path' = '/dev/stdout', 'format' = 'json'", KAFKA_SINK)
    with open(path, "w") as f:
        f.write(text)


def rss_kib(pid):
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def percentile(sorted_values, p):
    if not sorted_values:
        return None
    i = min(len(sorted_values) - 1, max(0, int(round(p / 100.0 * len(sorted_values) + 0.5)) - 1))
    return sorted_values[i]


def measure(q, sqlc, broker_exe, bids, work_dir, rate):
    """Runs query q against a fresh broker with `bids` (the generated lines) produced at `rate`."""
    os.makedirs(work_dir, exist_ok=True)
    query = os.path.join(work_dir, q + "_kafka.sql")
    job = os.path.join(work_dir, q + "_kafka_job")
    kafka_query(q, query)
    subprocess.run([sqlc, query, "-o", job], check=True, stdout=subprocess.DEVNULL)
    address_file = os.path.join(work_dir, "broker.address")
    if os.path.exists(address_file):
        os.remove(address_file)
    procs = []
    try:
        broker, address = mock_broker.start(broker_exe, address_file, ["bid:1", "person:1", "auction:1", "nexmark_out:1"])
        procs.append(broker)
        consumer = subprocess.Popen(["kcat", "-C", "-b", address, "-t", "nexmark_out", "-o", "beginning", "-u",
                                     "-q", "-f", "%s\n", "-X", "fetch.wait.max.ms=5"],
                                    stdout=subprocess.PIPE, text=True)
        procs.append(consumer)
        arrivals = []

        def consume():
            for line in consumer.stdout:
                arrivals.append((time.time(), line))
        reader = threading.Thread(target=consume, daemon=True)
        reader.start()
        err_path = os.path.join(work_dir, q + "_kafka.stderr")
        err = open(err_path, "w")
        jobp = subprocess.Popen([job, "--bootstrap-servers", address, "--dead-letter",
                                 os.path.join(work_dir, q + "_kafka.dead.jsonl")],
                                stdout=subprocess.DEVNULL, stderr=err)
        procs.append(jobp)
        producer = subprocess.Popen(["kcat", "-P", "-b", address, "-t", "bid", "-p", "0", "-X", "linger.ms=0"],
                                    stdin=subprocess.PIPE, text=True)
        procs.append(producer)
        time.sleep(3.0)  # the job joins its consumer group (about 2 s on the mock broker)
        base_rss = rss_kib(jobp.pid)
        samples = []  # (rss KiB, open windows, state entries)
        produced = []  # (event ms, wall time)
        first_ms = ms_of(bids[0][bids[0].index('"dateTime":"') + 12:][:23])
        start = time.time()
        next_sample = start + 1.0
        for line in bids:
            t = ms_of(line[line.index('"dateTime":"') + 12:][:23])
            due = start + (t - first_ms) / 1000.0
            now = time.time()
            if due > now:
                producer.stdin.flush()
                time.sleep(due - now)
            producer.stdin.write(line)
            produced.append((t, time.time()))
            if time.time() >= next_sample:
                producer.stdin.flush()
                next_sample += 1.0
                samples.append(sample(jobp, err_path))
        producer.stdin.close()
        producer.wait()
        time.sleep(2.0)  # the last closable windows fire
        samples.append(sample(jobp, err_path))
        jobp.send_signal(signal.SIGTERM)
        jobp.wait(timeout=30)
        err.close()
        time.sleep(0.5)
    finally:
        for p in reversed(procs):
            if p.poll() is None:
                p.terminate()
                try:
                    p.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    p.kill()
    return latencies(q, produced, arrivals, start + WARMUP_SECONDS), memory(base_rss, samples)


def sample(jobp, err_path):
    """Asks the job for its counters (SIGUSR1) and reads them back with its RSS."""
    jobp.send_signal(signal.SIGUSR1)
    time.sleep(0.05)
    rss = rss_kib(jobp.pid)
    with open(err_path) as f:
        found = COUNTERS.findall(f.read())
    windows, entries = (int(found[-1][0]), int(found[-1][1])) if found else (0, 0)
    return rss, windows, entries


def latencies(q, produced, arrivals, counted_from):
    """Sorted latencies (ms) of the rows that count (see the module's doc): those whose input
    was produced (or whose window could close) at or after the wall time counted_from."""
    by_time = {}
    for t, wall in produced:
        by_time.setdefault(t, wall)
    times = [t for t, _ in produced]
    out = []
    # The sink's idempotent producer connects when the job writes its first row (about 1 s on the
    # mock broker): rows already due before the first result arrived measure that, not the job.
    if arrivals:
        counted_from = max(counted_from, arrivals[0][0])
    for wall, line in arrivals:
        row = json.loads(line)
        end = window_end_of(q, row)
        if end is None:
            sent = by_time.get(ms_of(row["dateTime"]))
        else:  # the first bid whose watermark reaches end - 1
            need = end - 1 + WATERMARK_DELAY_MS
            lo, hi = 0, len(times)
            while lo < hi:
                mid = (lo + hi) // 2
                if times[mid] < need:
                    lo = mid + 1
                else:
                    hi = mid
            sent = produced[lo][1] if lo < len(produced) else None
        if sent is not None and sent >= counted_from:
            out.append((wall - sent) * 1000.0)
    return sorted(out)


def memory(base_rss, samples):
    """(KiB per state entry, peak open windows, peak state entries) or None without state."""
    best = max(samples, key=lambda s: s[2], default=None)
    if not best or not best[2] or base_rss is None or best[0] is None:
        return None
    return (best[0] - base_rss) / best[2], max(s[1] for s in samples), best[2]


def run(queries, sqlc, rate, seconds, work_dir, seed=1):
    """Measures each query; returns {q: dict(p50, p99, rows, kib_per_entry, windows, entries) or error}."""
    broker_exe = os.path.join(ROOT, "build", "tools", "kafka", "sqlc_mock_broker")
    events = int(rate * seconds)
    data = run_suite.generate(SKIP_EVENTS + events, work_dir, seed=seed, rate=rate)
    with open(os.path.join(data, "bid.jsonl")) as f:
        bids = f.readlines()[SKIP_EVENTS * 46 // 50:]
    results = {}
    for q in queries:
        if q not in STATELESS and q not in ("q7", "q11"):
            results[q] = dict(error="its rows do not name their window")
            continue
        with open(run_suite.query_path(q)) as f:
            if re.search(r"data/(person|auction)\.jsonl", f.read()):
                results[q] = dict(error="it reads person or auction events; only bids are produced")
                continue
        print("latency: %s through Kafka, %d bids at %d events/s" % (q, len(bids), rate), file=sys.stderr)
        lat, mem = measure(q, sqlc, broker_exe, bids, os.path.join(work_dir, q), rate)
        r = dict(rows=len(lat), p50=percentile(lat, 50), p99=percentile(lat, 99))
        if mem:
            r.update(kib_per_entry=mem[0], windows=mem[1], entries=mem[2])
        results[q] = r
    return results


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sqlc", default=os.path.join(ROOT, "build", "compiler", "sqlc"))
    ap.add_argument("--rate", type=int, default=DEFAULT_RATE, help="events per second (event time and wall)")
    ap.add_argument("--seconds", type=float, default=DEFAULT_SECONDS)
    ap.add_argument("--work-dir", default=os.path.join(ROOT, "build", "nexmark", "latency"))
    ap.add_argument("queries", nargs="*", default=list(DEFAULT_QUERIES))
    args = ap.parse_args()
    compiling = [q for q in args.queries
                 if run_suite.compile_front_end(os.path.abspath(args.sqlc), q).status == "compiles"]
    results = run(compiling, os.path.abspath(args.sqlc), args.rate, args.seconds, os.path.abspath(args.work_dir))
    for q, r in results.items():
        print(q, r)


if __name__ == "__main__":
    main()
