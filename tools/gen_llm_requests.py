#!/usr/bin/env python3
"""Deterministic generator of LLM request events as JSON lines (python3 stdlib only).

Every line is one record of the `llm_requests` stream:
  {"request_id":"req_…","model_id":"gpt-4o","user_id":"u01234","timestamp_ms":1700000000000,
   "latency_ms":812.4,"tokens_used":1534,"cost":0.00767}

Time model
  Events are spread evenly over --duration-s seconds starting at --start-ms (nominal times never
  decrease). Then:
  * with probability --disorder-fraction an event's timestamp is moved back by up to
    --disorder-ms (default 20 s, below the 30 s watermark delay of the examples), so it arrives
    out of order but is never late;
  * with probability --late-fraction an event's timestamp is moved back by 120..600 s, beyond the
    30 s watermark delay AND beyond a whole 1-minute window, so it is late for any TUMBLE window
    of 1 minute or less (for 1-hour windows it may still land in an open window). No late events
    are produced during the first 10 minutes.
  * --malformed N extra lines that are not valid records (truncated JSON, a string where a DOUBLE
    is expected, plain text) are inserted at seed-determined positions. --events counts the good
    records only, so the file has N + malformed non-blank lines.

The same arguments (including --seed) always give byte-identical output.
Speed: about 1 µs of Python per event is spent on formatting; 10M events take roughly
half a minute on one core (see tools/bench/run_q1.sh, which caches the file).
"""
import argparse
import bisect
import math
import random
import sys

# model id, relative traffic weight, median latency ms, latency sigma (lognormal), median tokens,
# USD per 1k tokens
MODELS = [
    ("gpt-4o",            30, 900.0, 0.45, 900, 0.0050),
    ("gpt-4o-mini",       25, 350.0, 0.40, 600, 0.00015),
    ("claude-3-5-sonnet", 20, 1100.0, 0.50, 1100, 0.0030),
    ("claude-3-opus",     10, 2400.0, 0.55, 1300, 0.0150),
    ("llama-3.1-70b",     15, 600.0, 0.60, 700, 0.0009),
]

CHUNK = 1 << 16  # lines per write


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--events", type=int, default=3000, help="number of good records (default 3000)")
    p.add_argument("--seed", type=int, default=42, help="random seed (default 42)")
    p.add_argument("--out", default="-", help="output path, '-' for stdout (default)")
    p.add_argument("--start-ms", type=int, default=1700000000000,
                   help="first nominal timestamp, ms since epoch (default 1700000000000 = 2023-11-14 22:13:20 UTC)")
    p.add_argument("--duration-s", type=float, default=3 * 3600.0,
                   help="time span the events cover, seconds (default 10800 = 3 hours)")
    p.add_argument("--disorder-fraction", type=float, default=0.10,
                   help="fraction of events moved back in time within --disorder-ms (default 0.10)")
    p.add_argument("--disorder-ms", type=int, default=20000,
                   help="max backwards shift of out-of-order events, ms (default 20000)")
    p.add_argument("--late-fraction", type=float, default=0.0,
                   help="fraction of events moved back 120..600 s, i.e. late (default 0)")
    p.add_argument("--malformed", type=int, default=0, help="number of malformed lines to insert (default 0)")
    p.add_argument("--users", type=int, default=2000, help="number of distinct user ids (default 2000)")
    return p.parse_args(argv)


def malformed_line(k, rng, ts):
    kind = k % 3
    if kind == 0:  # truncated JSON
        return '{"request_id":"req_%016x","model_id":"gpt-4o","timestamp_ms":%d,"laten' % (rng.getrandbits(64), ts)
    if kind == 1:  # wrong type for a DOUBLE column
        return ('{"request_id":"req_%016x","model_id":"gpt-4o-mini","user_id":"u00042","timestamp_ms":%d,'
                '"latency_ms":"abc","tokens_used":120,"cost":0.000018}' % (rng.getrandbits(64), ts))
    return "this is not json"


def generate(a, out):
    n = a.events
    rng = random.Random(a.seed)
    mrng = random.Random(a.seed ^ 0x5EED)
    malformed_at = sorted(mrng.sample(range(n + 1), min(a.malformed, n + 1))) if a.malformed > 0 else []
    # several malformed lines may share one position: sample without replacement avoids that
    mal_set = {}
    for k, pos in enumerate(malformed_at):
        mal_set[pos] = k

    total_w = float(sum(m[1] for m in MODELS))
    cum = []
    acc = 0.0
    for m in MODELS:
        acc += m[1] / total_w
        cum.append(acc)
    cum[-1] = 1.0
    names = [m[0] for m in MODELS]
    lat_mu = [math.log(m[2]) for m in MODELS]
    lat_sigma = [m[3] for m in MODELS]
    tok_mu = [math.log(m[4]) for m in MODELS]
    price = [m[5] / 1000.0 for m in MODELS]
    nmodels = len(MODELS)
    # pre-rendered line prefixes per model (model_id is constant per model)
    prefix_model = ['","model_id":"%s","user_id":"u%%05d","timestamp_ms":' % nm for nm in names]

    start = a.start_ms
    span_ms = int(a.duration_s * 1000)
    step = span_ms / n if n else 0.0
    dis_frac = a.disorder_fraction
    dis_ms = a.disorder_ms
    late_frac = a.late_fraction
    late_after = start + 600_000
    users = a.users

    r = rng.random
    gauss = rng.gauss
    bits = rng.getrandbits
    bis = bisect.bisect_left
    exp = math.exp

    buf = []
    write = out.write
    for i in range(n):
        if i in mal_set:
            buf.append(malformed_line(mal_set[i], mrng, start + int(i * step)))
        ts = start + int(i * step)
        u = r()
        if u < dis_frac:
            ts -= int(r() * dis_ms)
        elif u < dis_frac + late_frac and ts >= late_after:
            ts -= 120_000 + int(r() * 480_000)
        mi = bis(cum, r())
        if mi >= nmodels:
            mi = nmodels - 1
        lat = exp(lat_mu[mi] + lat_sigma[mi] * gauss(0.0, 1.0))
        tok = int(exp(tok_mu[mi] + 0.7 * gauss(0.0, 1.0))) + 1
        buf.append(
            '{"request_id":"req_%016x' % bits(64)
            + (prefix_model[mi] % int(r() * users))
            + '%d,"latency_ms":%.1f,"tokens_used":%d,"cost":%.6f}' % (ts, lat, tok, tok * price[mi])
        )
        if len(buf) >= CHUNK:
            buf.append("")
            write("\n".join(buf))
            buf = []
    if n in mal_set:
        buf.append(malformed_line(mal_set[n], mrng, start + span_ms))
    if buf:
        buf.append("")
        write("\n".join(buf))


def main(argv=None):
    a = parse_args(sys.argv[1:] if argv is None else argv)
    if a.events < 0 or a.malformed < 0 or a.users < 1:
        sys.exit("gen_llm_requests: --events/--malformed must be >= 0 and --users >= 1")
    if a.out == "-":
        generate(a, sys.stdout)
        sys.stdout.flush()
    else:
        with open(a.out, "w", encoding="utf-8", newline="\n", buffering=1 << 22) as f:
            generate(a, f)


if __name__ == "__main__":
    main()
