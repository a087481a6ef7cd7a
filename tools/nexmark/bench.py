#!/usr/bin/env python3
"""Nexmark benchmark: every query sqlc compiles, against a hand-written C++ program and DuckDB,
measured in one run on one generated JSON-lines file.

  tools/nexmark/bench.py [--bids 5000000] [--runs 3] [--out bench/results]

For each query of examples/nexmark that sqlc compiles it measures
  * sqlc front end: `sqlc q.sql --emit-cpp` (parse, bind, plan, codegen, format), best of --runs;
  * C++ build: `sqlc q.sql -o job --no-cache` minus the front end, best of --runs (the job
    cache would copy the binary of the first build instead of compiling);
  * the job: best wall time (CPU time with --cpu-time) of --runs runs over bid.jsonl
    (--output /dev/null), events/s = bids read / time, peak RSS from /usr/bin/time; one thread,
    so events/s is per core;
  * the hand-written program (tools/nexmark/handwritten.cpp, for q0, q1, q2, q5, q7): same file,
    same output bytes (checked once on the file; for q5 and q7 the same rows in any order);
  * DuckDB (npm @duckdb/node-api): the reference query of tools/nexmark/reference/ on the same
    file, as COPY (query) TO '/dev/null' (FORMAT JSON), with 1 thread and with all threads;
    time measured inside the node process around the statements (node's start is excluded),
    peak RSS of the whole node process.
Every query runs with Flink's Nexmark configuration (its flink-conf.yaml sets
table.exec.mini-batch.enabled: true, allow-latency: 2 s, size: 50000): the SETs are prepended to
the query (mini_batch_query) when sqlc plans an updating operator with them; the table marks those
queries, and says which ones sqlc refuses mini-batch on (they run without it). --no-flink-config
runs the query files as they are.
With --latency it also measures, for the queries of --latency-queries that compile, p50/p99
event-to-result latency through the local Kafka broker at a fixed input rate and the memory per
open window and key (tools/nexmark/latency.py says how).
It writes bench/results/nexmark.md (the table, ratios, the machine) and nexmark.png (gnuplot).
The events are generated once per (bids, seed, generator version) under build/nexmark/bench/.
"""

import argparse
import datetime
import hashlib
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run_suite  # noqa: E402  (shares the query list, DuckDB install and reference scripts)
import latency  # noqa: E402  (--latency: p50/p99 through Kafka, memory per window and key)

ROOT = run_suite.ROOT
HANDWRITTEN_SOURCE = os.path.join(ROOT, "tools", "nexmark", "handwritten.cpp")
HANDWRITTEN_QUERIES = ("q0", "q1", "q2", "q5", "q7")
# Windowed queries: the job and the baseline may order the rows of one window differently, so
# their outputs are compared as multisets of rows when the bytes differ.
ORDER_FREE_QUERIES = ("q5", "q7")


def mini_batch_query(sqlc, q, bench_dir):
    """(the query file to run, what mini-batch did): the query with Flink's Nexmark SETs
    (run_suite.FLINK_NEXMARK_SETS) when sqlc plans mini-batch on one of its operators ("on"); the
    query file as it is when no operator takes it ("") or when sqlc refuses it (the refusal)."""
    path = run_suite.with_flink_config(q, bench_dir)
    proc = subprocess.run([sqlc, "explain", path], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    if proc.returncode != 0:
        errors = [l for l in proc.stderr.splitlines() if "error[" in l]
        return run_suite.query_path(q), re.sub(r".*error\[\w+\]: ", "", errors[0]) if errors else "refused"
    if "mini-batch=" not in proc.stdout:
        return run_suite.query_path(q), ""
    return path, "on"


def log(msg):
    print("bench: " + msg, file=sys.stderr, flush=True)


# --cpu-time: throughput from CPU seconds (user + system) instead of wall seconds, for a machine
# that other programs load (a program's wall time then counts the time it waits for a core).
USE_CPU_TIME = False


def duckdb_timed(cmd, cwd):
    """timed() for a DuckDB run: DuckDB locks the file it COPYs to, /dev/null too, so another
    benchmark's DuckDB on the same machine makes it fail at once; it waits and tries again."""
    for _ in range(300):
        try:
            return timed(cmd, cwd)
        except RuntimeError as e:
            if "Could not set lock" not in str(e):
                raise
            time.sleep(1)
    return timed(cmd, cwd)


def timed(cmd, cwd=None):
    """Runs cmd under /usr/bin/time: (seconds, peak RSS in MiB, cmd's stderr). The seconds are
    the wall time measured here (finer than time's 10 ms), or with --cpu-time the user + system
    seconds of the finished children (getrusage, in microseconds); the peak RSS is time's "%M"
    (as `time -v`)."""
    with tempfile.NamedTemporaryFile(mode="r") as rss_file, tempfile.TemporaryFile(mode="w+") as err:
        start = time.perf_counter()
        usage_before = resource.getrusage(resource.RUSAGE_CHILDREN)
        proc = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", rss_file.name] + cmd, cwd=cwd,
                              stdout=subprocess.DEVNULL, stderr=err)
        wall = time.perf_counter() - start
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = usage.ru_utime - usage_before.ru_utime + usage.ru_stime - usage_before.ru_stime
        err.seek(0)
        text = err.read()
        rss_kb = rss_file.read().strip().splitlines()
    if proc.returncode != 0:
        raise RuntimeError("%s failed: %s" % (cmd[0], text.strip()[-2000:]))
    return (cpu if USE_CPU_TIME else wall), int(rss_kb[-1]) / 1024.0, text


def duckdb_timed(cmd, cwd):
    """timed() for DuckDB, which locks its COPY's output file: while another DuckDB on this machine
    writes to /dev/null too (another engineer's run), it waits and tries again (a minute at most)."""
    for attempt in range(60):
        try:
            return timed(cmd, cwd=cwd)
        except RuntimeError as e:
            if "Could not set lock" not in str(e) or attempt == 59:
                raise
            time.sleep(1)


def best_wall(cmd, runs, cwd=None):
    """Best time (wall, or CPU with --cpu-time) and the largest peak RSS over `runs` runs (after
    one warm-up run)."""
    timed(cmd, cwd)
    results = [timed(cmd, cwd) for _ in range(runs)]
    return min(r[0] for r in results), max(r[1] for r in results), results[-1][2]


def best_of(fn, runs):
    return min(fn() for _ in range(runs))


def ensure_data(bids, seed, bench_dir):
    epochs, rest = divmod(bids, 46)  # every 50 events: 1 person, 3 auctions, then 46 bids
    events = epochs * 50 + (rest + 4 if rest else 0)
    stamp_text = "%d %d %s" % (events, seed, sha1(run_suite.GENERATOR))
    work = os.path.join(bench_dir, "events_%d" % bids)
    data = os.path.join(work, run_suite.DATA_SUBDIR)
    stamp = os.path.join(work, "stamp")
    if os.path.exists(stamp) and open(stamp).read() == stamp_text:
        log("using cached events in %s" % data)
    else:
        shutil.rmtree(work, ignore_errors=True)
        os.makedirs(work)
        log("generating %d events (%d bids) into %s ..." % (events, bids, data))
        start = time.perf_counter()
        run_suite.generate(events, work, seed)
        log("generated in %.1f s" % (time.perf_counter() - start))
        with open(stamp, "w") as f:
            f.write(stamp_text)
    return work, data


def sha1(path):
    with open(path, "rb") as f:
        return hashlib.sha1(f.read()).hexdigest()


def count_lines(path):
    with open(path, "rb") as f:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: f.read(1 << 24), b""))


def build_handwritten(bench_dir):
    exe = os.path.join(bench_dir, "nexmark_handwritten")
    if not os.path.exists(exe) or os.path.getmtime(exe) < os.path.getmtime(HANDWRITTEN_SOURCE):
        log("building the hand-written baseline")
        subprocess.run(["c++", "-std=c++20", "-O2", "-DNDEBUG", "-o", exe, HANDWRITTEN_SOURCE,
                        "-lsimdjson"], check=True)
    return exe


def machine_description():
    lines = []
    lscpu = subprocess.run(["lscpu"], stdout=subprocess.PIPE, text=True).stdout
    wanted = ("Architecture", "Model name", "CPU(s)", "Thread(s) per core", "Core(s) per socket",
              "Socket(s)", "CPU max MHz", "L1d cache", "L2 cache", "L3 cache", "Hypervisor vendor")
    for line in lscpu.splitlines():
        key = line.split(":", 1)[0].strip()
        if key in wanted:
            lines.append("%s: %s" % (key, line.split(":", 1)[1].strip()))
    with open("/proc/meminfo") as f:
        mem_kb = int(f.readline().split()[1])
    lines.append("Memory: %.1f GiB" % (mem_kb / 1024 / 1024))
    lines.append("Kernel: %s %s" % (platform.system(), platform.release()))
    cxx = subprocess.run(["c++", "--version"], stdout=subprocess.PIPE, text=True).stdout.splitlines()[0]
    lines.append("C++ compiler (jobs and baseline, -O2): %s" % cxx)
    return lines


def duckdb_version(duckdb_dir):
    pkg = os.path.join(duckdb_dir, "node_modules", "@duckdb", "node-api", "package.json")
    m = re.search(r'"version":\s*"([^"]+)"', open(pkg).read())
    return m.group(1) if m else "?"


def fmt_rate(events, seconds):
    return "%.2f M" % (events / seconds / 1e6) if seconds else "n/a"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bids", type=int, default=5_000_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--sqlc", default=os.path.join(ROOT, "build", "compiler", "sqlc"))
    ap.add_argument("--out", default=os.path.join(ROOT, "bench", "results"))
    ap.add_argument("--bench-dir", default=os.path.join(ROOT, "build", "nexmark", "bench"))
    ap.add_argument("--duckdb-dir", default=os.path.join(ROOT, "build", "nexmark", "duckdb"))
    ap.add_argument("--latency", action="store_true",
                    help="also measure latency through Kafka (tools/nexmark/latency.py)")
    ap.add_argument("--latency-queries", nargs="+", default=list(latency.DEFAULT_QUERIES))
    ap.add_argument("--latency-rate", type=int, default=latency.DEFAULT_RATE,
                    help="input events per second (event time and wall clock)")
    ap.add_argument("--latency-seconds", type=float, default=latency.DEFAULT_SECONDS)
    ap.add_argument("--cpu-time", action="store_true",
                    help="events/s from CPU seconds (user + system), not wall seconds: for a loaded machine")
    ap.add_argument("--no-flink-config", action="store_true",
                    help="run the query files as they are, without Flink's Nexmark mini-batch SETs")
    ap.add_argument("queries", nargs="*", help="only these (q0 q1 ...)")
    args = ap.parse_args()
    global USE_CPU_TIME
    USE_CPU_TIME = args.cpu_time
    args.load_at_start = load_average()
    sqlc = os.path.abspath(args.sqlc)
    bench_dir = os.path.abspath(args.bench_dir)
    duckdb_dir = os.path.abspath(args.duckdb_dir)
    os.makedirs(bench_dir, exist_ok=True)
    os.makedirs(args.out, exist_ok=True)

    queries = run_suite.list_queries(set(args.queries) if args.queries else None)
    compiled = {q: run_suite.compile_front_end(sqlc, q) for q in queries}
    compiling = [q for q in queries if compiled[q].status == "compiles"]
    refused = [q for q in queries if compiled[q].status != "compiles"]
    log("queries that compile: %s" % " ".join(compiling))
    run_suite.ensure_duckdb(duckdb_dir)
    work, data = ensure_data(args.bids, args.seed, bench_dir)
    bid_file = os.path.join(data, "bid.jsonl")
    bids = count_lines(bid_file)
    size_mb = os.path.getsize(bid_file) / 1e6
    handwritten = build_handwritten(bench_dir)
    log("the ceiling: wc -l over the file")
    wc_s, _, _ = best_wall(["wc", "-l", bid_file], args.runs)

    rows = []
    # The queries sqlc compiles, and those it refuses that have a hand-written program: those
    # are measured too (the job's columns n/a), so the baseline's numbers are there to compare
    # with as soon as sqlc compiles them.
    measured = [q for q in queries if q in compiling or q in HANDWRITTEN_QUERIES]
    for q in measured:
        job = os.path.join(bench_dir, q + "_job")
        front = full = job_s = job_rss = None
        mini_batch = ""
        if q in compiling:
            log("%s: sqlc front end and C++ build" % q)
            query = run_suite.query_path(q)
            if not args.no_flink_config:
                query, mini_batch = mini_batch_query(sqlc, q, bench_dir)
            # timed(): wall seconds, or with --cpu-time those of sqlc and the c++ it runs.
            front = best_of(lambda: timed([sqlc, query, "--emit-cpp"], cwd=ROOT)[0], args.runs)
            full = best_of(lambda: timed([sqlc, query, "-o", job, "--no-cache"], cwd=ROOT)[0], args.runs)
            log("%s: job" % q)
            # Run where the generated data is, so every source's relative 'path' (bid, auction,
            # person) names its file: jobs that join several streams read them all.
            job_s, job_rss, _ = best_wall([job, "--output", "/dev/null", "--dead-letter", "/dev/null", "--quiet"],
                                          args.runs, cwd=work)
        hand_s = hand_rss = None
        same = "n/a"
        if q in HANDWRITTEN_QUERIES:
            log("%s: hand-written" % q)
            hand_s, hand_rss, _ = best_wall([handwritten, q, bid_file, "/dev/null"], args.runs)
        if q in HANDWRITTEN_QUERIES and job_s is not None:
            job_out, hand_out = os.path.join(bench_dir, q + ".job.jsonl"), os.path.join(bench_dir, q + ".hand.jsonl")
            subprocess.run([job, "--output", job_out, "--quiet"], cwd=work, check=True)
            subprocess.run([handwritten, q, bid_file, hand_out], check=True)
            same = "yes" if subprocess.run(["cmp", "-s", job_out, hand_out]).returncode == 0 else "NO"
            if same == "NO" and q in ORDER_FREE_QUERIES:
                with open(job_out) as j, open(hand_out) as h:
                    if run_suite.compare_rows(j.read().splitlines(), h.read().splitlines()) is None:
                        same = "same rows"
            os.remove(job_out)
            os.remove(hand_out)
        duck = {1: (None, None), os.cpu_count(): (None, None)}
        try:
            script = run_suite.reference_script(q, os.path.join(bench_dir, q + "_duckdb.sql"), copy_to="/dev/null")
        except run_suite.NoReference:
            script = None  # no batch form (processing time): DuckDB n/a
            log("%s: no DuckDB reference" % q)
        for threads in (1, os.cpu_count()) if script else ():
            log("%s: DuckDB, %d thread(s)" % (q, threads))
            samples = []
            for i in range(args.runs + 1):  # the first is a warm-up
                _, rss, err = duckdb_timed(["node", run_suite.DUCKDB_RUN, duckdb_dir, script, "--no-rows",
                                            "--threads", str(threads)], cwd=data)
                ms = float(re.search(r"duckdb_cpu_ms=([\d.]+)" if USE_CPU_TIME else r"duckdb_ms=([\d.]+)", err).group(1))
                if i:
                    samples.append((ms / 1000.0, rss))
            duck[threads] = (min(s[0] for s in samples), max(s[1] for s in samples))
        rows.append(dict(q=q, mini_batch=mini_batch, front=front, build=max(full - front, 0.0) if full is not None else None, job=job_s, job_rss=job_rss,
                         hand=hand_s, hand_rss=hand_rss, same=same, duck1=duck[1], duckn=duck[os.cpu_count()]))

    lat = None
    if args.latency:
        lat_queries = [q for q in args.latency_queries if q in compiling]
        log("latency through Kafka: %s" % " ".join(lat_queries))
        lat = latency.run(lat_queries, sqlc, args.latency_rate, args.latency_seconds,
                          os.path.join(bench_dir, "latency"), seed=args.seed)
    write_report(args, rows, refused, compiled, bids, size_mb, duckdb_dir, wc_s, lat)


def latency_section(args, lat):
    """The markdown of the --latency measurements."""
    lines = ["## Latency through Kafka", "",
             "`tools/nexmark/latency.py`: %d events/s (event time advances with the wall clock) for "
             "%g s, bids produced with kcat to the local broker (`sqlc_mock_broker`), the job reading "
             "and writing Kafka topics, a kcat consumer stamping result arrivals. Latency = arrival - "
             "production of the input bid (stateless queries) or of the first bid whose watermark "
             "closes the row's window (windowed queries); not counted: the first second (warm-up) and the "
             "rows already due when the first result arrives (the sink's Kafka producer connects on "
             "the first row). Memory per "
             "open window and key = (peak RSS - RSS before input) / the job's state entries at that "
             "sample (SIGUSR1 counters, sampled every second)." % (args.latency_rate, args.latency_seconds), "",
             "| query | rows counted | p50 (ms) | p99 (ms) | peak open windows | peak state entries "
             "| KiB per open window and key |", "|---|---:|---:|---:|---:|---:|---:|"]
    for q, r in lat.items():
        if "error" in r:
            lines.append("| %s | not measured: %s | | | | | |" % (q, r["error"]))
            continue
        ms = lambda v: "%.1f" % v if v is not None else "n/a"  # noqa: E731
        lines.append("| %s | %d | %s | %s | %s | %s | %s |" % (
            q, r["rows"], ms(r["p50"]), ms(r["p99"]), r.get("windows", "n/a"), r.get("entries", "n/a"),
            "%.2f" % r["kib_per_entry"] if "kib_per_entry" in r else "n/a"))
    return lines + [""]


def load_average():
    return "%.2f %.2f %.2f" % os.getloadavg()


def write_report(args, rows, refused, compiled, bids, size_mb, duckdb_dir, wc_s, lat=None):
    out_md = os.path.join(args.out, "nexmark.md")
    ncpu = os.cpu_count()
    lines = ["# Nexmark: sqlc-generated jobs vs hand-written C++ vs DuckDB", "",
             "Generated by `tools/nexmark/bench.py` on %s. Input: %s bids (%.0f MB of JSON lines, "
             "`tools/nexmark/generate.py --seed %d`); every program reads the same file and writes "
             "JSON lines to /dev/null. Times are the best of %d runs; events/s = bids / %s "
             "(one core unless said). Peak memory is the maximum resident set size "
             "(`/usr/bin/time`; DuckDB's includes node). Load average when the run started: %s, "
             "when it ended: %s (%d CPUs); other programs shared the machine, so take single "
             "ratios with a grain of salt."
             % (datetime.date.today().isoformat(), format(bids, ","), size_mb, args.seed, args.runs,
                "CPU time (user + system; `--cpu-time`, for a loaded machine; DuckDB's is node's "
                "CPU time around the statements, all threads)" if args.cpu_time else "wall time",
                args.load_at_start, load_average(), ncpu), "",
             "| query | sqlc front end (ms) | C++ build (s) | job events/s | job peak MB "
             "| hand-written events/s | job / hand-written | same output | DuckDB 1 thread events/s "
             "| job / DuckDB 1 thread | DuckDB %d threads events/s | DuckDB peak MB |" % ncpu,
             "|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|"]
    for r in rows:
        job = r["job"]  # None: sqlc refuses the query (a hand-written program is measured alone)
        name = r["q"] + (" (mini-batch)" if r["mini_batch"] == "on" else "")
        hand_rate = fmt_rate(bids, r["hand"]) if r["hand"] else "n/a"
        hand_ratio = "%.2f" % (r["hand"] / job) if r["hand"] and job else "n/a"
        lines.append("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
            name, "%.1f" % (r["front"] * 1000) if job else "n/a", "%.2f" % r["build"] if job else "n/a",
            fmt_rate(bids, job), "%.0f" % r["job_rss"] if job else "n/a", hand_rate,
            hand_ratio, r["same"], fmt_rate(bids, r["duck1"][0]),
            "%.2f" % (r["duck1"][0] / job) if job and r["duck1"][0] else "n/a", fmt_rate(bids, r["duckn"][0]),
            "%.0f" % max(r["duck1"][1], r["duckn"][1]) if r["duck1"][1] else "n/a"))
    lines += ["", "Ratios are throughput ratios (> 1: the sqlc job is faster). DuckDB %s (npm "
              "@duckdb/node-api), running the batch form of each query "
              "(`tools/nexmark/reference/qN.sql`) as `COPY (...) TO '/dev/null' (FORMAT JSON)`; "
              "its time is measured around the statements inside node." % duckdb_version(duckdb_dir), "",
              "A ceiling for any program that reads this file line by line: `wc -l` takes %.3f s "
              "(%s lines/s, %.1f GB/s from the page cache)." % (wc_s, fmt_rate(bids, wc_s), size_mb / 1e3 / wc_s), ""]
    if args.no_flink_config:
        lines += ["The query files ran as they are (`--no-flink-config`): no mini-batch.", ""]
    else:
        lines += ["As Flink's Nexmark runs them (its flink-conf.yaml), the queries ran with `SET "
                  "'table.exec.mini-batch.enabled' = 'true'`, allow-latency 2 s, size 50000; \"(mini-batch)\" "
                  "marks those where sqlc folds an updating operator's changes per batch (the others "
                  "have no updating operator, and the SETs change nothing)."]
        not_batched = ["- %s: %s (measured without mini-batch)" % (r["q"], r["mini_batch"]) for r in rows
                       if r["mini_batch"] not in ("", "on")]
        lines += ["", "sqlc refuses mini-batch on:", ""] + not_batched if not_batched else []
        lines.append("")
    if refused:
        lines += ["The job is not measured (sqlc refuses these queries today):", ""]
        lines += ["- %s: %s%s" % (q, compiled[q].message,
                                  " (the hand-written program and DuckDB are in the table; the job is n/a until sqlc compiles it)"
                                  if q in HANDWRITTEN_QUERIES else "") for q in refused]
        lines.append("")
    if lat is not None:
        lines += latency_section(args, lat)
    lines += ["## Machine", "", "```"] + machine_description() + ["```", ""]
    with open(out_md, "w") as f:
        f.write("\n".join(lines))
    log("wrote %s" % out_md)
    write_chart(args.out, rows, bids, ncpu)


def write_chart(out_dir, rows, bids, ncpu):
    if shutil.which("gnuplot") is None:
        log("gnuplot not found (tools/setup.sh installs gnuplot-nox): no chart")
        return
    dat = os.path.join(out_dir, "nexmark.dat")
    with open(dat, "w") as f:
        f.write("# query job hand-written duckdb-1-thread duckdb-%d-threads (M events/s)\n" % ncpu)
        for r in rows:
            rate = lambda s: bids / s / 1e6 if s else 0.0  # noqa: E731
            f.write("%s %.3f %.3f %.3f %.3f\n" % (r["q"], rate(r["job"]), rate(r["hand"]),
                                                  rate(r["duck1"][0]), rate(r["duckn"][0])))
    png = os.path.join(out_dir, "nexmark.png")
    script = """
set terminal pngcairo size 900,540 noenhanced font ",11"
set output '%s'
set title 'Nexmark on %s bids (JSON lines): throughput, higher is better'
set ylabel 'million events per second'
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.85 border -1
set boxwidth 0.9
set key outside below horizontal
set grid ytics
set yrange [0:*]
plot '%s' using 2:xtic(1) title 'sqlc job (1 core)', \\
     '' using 3 title 'hand-written C++ (1 core)', \\
     '' using 4 title 'DuckDB (1 thread)', \\
     '' using 5 title 'DuckDB (%d threads)'
""" % (png, format(bids, ","), dat, ncpu)
    proc = subprocess.run(["gnuplot"], input=script, text=True, stderr=subprocess.PIPE)
    if proc.returncode != 0:
        log("gnuplot failed: " + proc.stderr.strip())
        return
    os.remove(dat)
    log("wrote %s" % png)


if __name__ == "__main__":
    main()
