#!/usr/bin/env python3
"""Differential test of window aggregation: for randomised inputs (fixed seeds) with
out-of-order and late events, every window query's rows and late count must equal those of an
independent reference implementation written here (python3 stdlib only).

The reference does not use slices or the runtime's algorithms: it enumerates, per event, every
window that contains the event time and counts the event in those that have not fired yet
(window end > watermark at the event's arrival); an event is late when all of them have fired.
Sessions are kept per key as a plain list of [start, end) intervals merged on overlap.

Usage: differential_windows.py --sqlc PATH [--events N] [--keep]
"""
import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile

BASE_MS = 1700000000000  # 2023-11-14 22:13:20 UTC
DELAY_MS = 3000          # WATERMARK FOR ts AS ts - INTERVAL '3' SECOND
SEEDS = (1, 2, 3)

DDL = """CREATE STREAM s (
  k VARCHAR, m VARCHAR, timestamp_ms BIGINT, v INT,
  ts AS TO_TIMESTAMP_LTZ(timestamp_ms, 3),
  WATERMARK FOR ts AS ts - INTERVAL '3' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'input.jsonl', 'format' = 'json');
"""

AGGREGATES = ("COUNT(*) AS n, SUM(v) AS total, MIN(v) AS lo, MAX(v) AS hi, COUNT(DISTINCT v) AS dv, "
              "SUM(DISTINCT v) AS sdv")

# name -> (FROM ... GROUP BY, window spec for the reference). A spec's optional 5th item is the
# emit strategy: ("changes",) or ("delay", ms).
TVF_QUERY = "SELECT k, window_start, window_end, {aggs}\nFROM TABLE({tvf})\nGROUP BY k, window_start, window_end{emit};\n"
LEGACY_QUERY = ("SELECT k, {fn}_START(ts, {args}) AS window_start, {fn}_END(ts, {args}) AS window_end, {aggs}\n"
                "FROM s\nGROUP BY k, {fn}(ts, {args});\n")
WINDOWS = {
    "tumble": ("TUMBLE(TABLE s, DESCRIPTOR(ts), INTERVAL '10' SECOND)", ("hop", 10000, 10000, 0)),
    "hop_multiple": ("HOP(TABLE s, DESCRIPTOR(ts), INTERVAL '5' SECOND, INTERVAL '15' SECOND)", ("hop", 15000, 5000, 0)),
    "hop_gcd": ("HOP(TABLE s, DESCRIPTOR(ts), INTERVAL '4' SECOND, INTERVAL '10' SECOND, INTERVAL '1' SECOND)",
                ("hop", 10000, 4000, 1000)),
    "cumulate": ("CUMULATE(TABLE s, DESCRIPTOR(ts), INTERVAL '5' SECOND, INTERVAL '20' SECOND, INTERVAL '3' SECOND)",
                 ("cumulate", 20000, 5000, 3000)),
    "session": ("SESSION(TABLE s PARTITION BY k, DESCRIPTOR(ts), INTERVAL '7' SECOND)", ("session", 7000, 0, 0)),
    # Sessions per k (PARTITION BY), rows per (k, m) inside each session.
    "session_partition_subset": ("SESSION(TABLE s PARTITION BY k, DESCRIPTOR(ts), INTERVAL '7' SECOND)",
                                 ("session_by_k", 7000, 0, 0)),
    "legacy_hop": (("HOP", "INTERVAL '5' SECOND, INTERVAL '15' SECOND"), ("hop", 15000, 5000, 0)),
    "legacy_session": (("SESSION", "INTERVAL '7' SECOND"), ("session", 7000, 0, 0)),
    "tumble_emit_changes": ("TUMBLE(TABLE s, DESCRIPTOR(ts), INTERVAL '10' SECOND)", ("hop", 10000, 10000, 0, ("changes",))),
    "tumble_allowed_lateness": ("TUMBLE(TABLE s, DESCRIPTOR(ts), INTERVAL '10' SECOND)",
                                ("hop", 10000, 10000, 0, ("delay", 20000))),
    "hop_emit_changes": ("HOP(TABLE s, DESCRIPTOR(ts), INTERVAL '4' SECOND, INTERVAL '10' SECOND, INTERVAL '1' SECOND)",
                         ("hop", 10000, 4000, 1000, ("changes",))),
    "cumulate_allowed_lateness": ("CUMULATE(TABLE s, DESCRIPTOR(ts), INTERVAL '5' SECOND, INTERVAL '20' SECOND, INTERVAL '3' SECOND)",
                                  ("cumulate", 20000, 5000, 3000, ("delay", 20000))),
}


def generate(seed, count, max_step_ms):
    """Events in arrival order: mostly increasing time, ~15% up to 8 s out of order, ~3% 30-90 s late."""
    rng = random.Random(seed)
    events, nominal = [], 0
    for _ in range(count):
        nominal += rng.randint(0, max_step_ms)
        t = nominal
        r = rng.random()
        if r < 0.15:
            t -= rng.randint(0, 8000)
        elif r < 0.18:
            t -= rng.randint(30000, 90000)
        v = None if rng.random() < 0.1 else rng.randint(-5, 20)
        events.append({"k": rng.choice("abcd"), "m": rng.choice("xy"), "timestamp_ms": BASE_MS + t, "v": v})
    return events


def floor_div(a, b):
    return a // b  # Python floors, as the SQL window arithmetic does


def windows_of(t, spec):
    """Every [start, end) window of a HOP / CUMULATE spec that contains t."""
    kind, size, step, offset = spec[:4]
    out = []
    if kind == "hop":
        # starts are offset + j * step with start <= t < start + size
        j = floor_div(t - offset, step)
        while offset + j * step + size > t:
            start = offset + j * step
            out.append((start, start + size))
            j -= 1
    else:  # cumulate: windows [ws, ws + i * step) for the ws containing t
        ws = floor_div(t - offset, size) * size + offset
        i = 1
        while i * step <= size:
            if ws + i * step > t:
                out.append((ws, ws + i * step))
            i += 1
    return out


class Acc:
    def __init__(self):
        self.n, self.values = 0, []

    def add(self, v):
        self.n += 1
        if v is not None:
            self.values.append(v)

    def row(self):
        vs = self.values
        return {"n": self.n, "total": sum(vs) if vs else None, "lo": min(vs) if vs else None,
                "hi": max(vs) if vs else None, "dv": len(set(vs)), "sdv": sum(set(vs)) if vs else None}


def changelog_reference(events, spec):
    """TUMBLE / HOP / CUMULATE with EMIT CHANGES or an allowed lateness: rows in emission order
    and the late count. EMIT CHANGES: every change of a (window, key) row at once, windows in end
    order. Lateness d: rows of a window when the watermark passes its end; later changes (an event
    in a window with end + d > watermark) at once. An event is late when all its windows are."""
    emit = spec[4]
    delay = emit[1] if emit[0] == "delay" else 0
    wm = None
    late = 0
    state = {}       # (end, start, key) -> Acc
    fired_to = None  # windows ending at or before this have fired
    out = []

    def row(op, end, start, key, acc):
        r = {"op": op, "k": key, "window_start": fmt(start), "window_end": fmt(end)}
        r.update(acc.row())
        return r

    for e in events:
        t, k = e["timestamp_ms"], e["k"]
        windows = sorted((end, start) for start, end in windows_of(t, spec))
        open_windows = [w for w in windows if wm is None or w[0] + delay > wm]
        if not open_windows:
            late += 1
        for end, start in open_windows:
            immediate = emit[0] == "changes" or (fired_to is not None and end <= fired_to)
            acc = state.get((end, start, k))
            before = acc.row() if acc else None
            if acc is None:
                acc = state[(end, start, k)] = Acc()
            acc.add(e["v"])
            if immediate and before != acc.row():
                if before is not None:
                    out.append(dict(row("-U", end, start, k, Acc()), **before))
                out.append(row("+U" if before is not None else "+I", end, start, k, acc))
        new_wm = t - DELAY_MS
        if wm is None or new_wm > wm:
            wm = new_wm
            if emit[0] == "delay":
                due = sorted(w for w in state if w[0] <= wm and (fired_to is None or w[0] > fired_to))
                out += [row("+I", end, start, key, state[(end, start, key)]) for end, start, key in due]
            for w in [w for w in state if w[0] + delay <= wm]:
                del state[w]
            fired_to = wm
    if emit[0] == "delay":
        due = sorted(w for w in state if fired_to is None or w[0] > fired_to)
        out += [row("+I", end, start, key, state[(end, start, key)]) for end, start, key in due]
    return out, late


def reference(events, spec):
    """Rows (ordered by window end, then key) and the late count."""
    if len(spec) > 4:
        return changelog_reference(events, spec)
    wm = None
    late = 0
    fired_rows = []
    if spec[0] in ("session", "session_by_k"):
        gap = spec[1]
        by_m = spec[0] == "session_by_k"
        open_sessions = {}  # key -> list of [start, end, Acc]
        for e in events:
            t = e["timestamp_ms"]
            k = e["k"]
            sessions = open_sessions.setdefault(k, [])
            touching = [s for s in sessions if s[0] <= t + gap and s[1] >= t]
            if not touching and wm is not None and t + gap <= wm:
                late += 1
            else:
                start, end, accs = t, t + gap, {}  # accs: m (or None) -> Acc
                for s in touching:
                    start, end = min(start, s[0]), max(end, s[1])
                    for m, a in s[2].items():
                        acc = accs.setdefault(m, Acc())
                        acc.n += a.n
                        acc.values += a.values
                    sessions.remove(s)
                accs.setdefault(e["m"] if by_m else None, Acc()).add(e["v"])
                sessions.append([start, end, accs])
            new_wm = t - DELAY_MS
            if wm is None or new_wm > wm:
                wm = new_wm
                for key, ss in open_sessions.items():
                    for s in [s for s in ss if s[1] <= wm]:
                        for m, acc in s[2].items():
                            fired_rows.append((s[1], key, m, s[0], acc))
                        ss.remove(s)
        for key, ss in open_sessions.items():
            for s in ss:
                for m, acc in s[2].items():
                    fired_rows.append((s[1], key, m, s[0], acc))
    else:
        state = {}  # (start, end, key) -> Acc
        for e in events:
            t = e["timestamp_ms"]
            open_windows = [w for w in windows_of(t, spec) if wm is None or w[1] > wm]
            if not open_windows:
                late += 1
            for w in open_windows:
                state.setdefault((w[0], w[1], e["k"]), Acc()).add(e["v"])
            new_wm = t - DELAY_MS
            if wm is None or new_wm > wm:
                wm = new_wm
        for (start, end, key), acc in state.items():
            fired_rows.append((end, key, None, start, acc))
    fired_rows.sort(key=lambda r: (r[0], r[1], r[2] or ""))
    rows = []
    for end, key, m, start, acc in fired_rows:
        row = {"k": key}
        if m is not None:
            row["m"] = m
        row.update({"window_start": fmt(start), "window_end": fmt(end)})
        row.update(acc.row())
        rows.append(row)
    return rows, late


def fmt(ms):
    import datetime
    d = datetime.datetime.fromtimestamp(ms // 1000, tz=datetime.timezone.utc)
    return d.strftime("%Y-%m-%d %H:%M:%S") + ".%03d" % (ms % 1000)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sqlc", required=True)
    ap.add_argument("--events", type=int, default=3000)
    ap.add_argument("--keep", action="store_true")
    args = ap.parse_args()
    sqlc = os.path.abspath(args.sqlc)
    work = tempfile.mkdtemp(prefix="sqlc-differential-")
    failures = 0
    for name, (tvf, spec) in WINDOWS.items():
        if isinstance(tvf, tuple):
            sql = DDL + LEGACY_QUERY.format(fn=tvf[0], args=tvf[1], aggs=AGGREGATES)
        else:
            emit = ""
            if len(spec) > 4:
                emit = "\nEMIT CHANGES" if spec[4][0] == "changes" else "\nEMIT AFTER WATERMARK WITH DELAY INTERVAL '%d' SECOND" % (
                    spec[4][1] // 1000)
            sql = DDL + TVF_QUERY.format(aggs=AGGREGATES, tvf=tvf, emit=emit)
            if spec[0] == "session_by_k":
                sql = sql.replace("SELECT k,", "SELECT k, m,").replace("GROUP BY k,", "GROUP BY k, m,")
        d = os.path.join(work, name)
        os.makedirs(d)
        with open(os.path.join(d, "query.sql"), "w") as f:
            f.write(sql)
        p = subprocess.run([sqlc, "query.sql", "-o", "job"], cwd=d, capture_output=True, text=True)
        if p.returncode != 0:
            print("FAIL %s: sqlc failed\n%s" % (name, p.stderr))
            failures += 1
            continue
        for seed in SEEDS:
            # Sessions need pauses longer than the gap: sparser events for them.
            events = generate(seed, args.events, 6000 if spec[0].startswith("session") else 400)
            with open(os.path.join(d, "input.jsonl"), "w") as f:
                for e in events:
                    f.write(json.dumps(e, separators=(",", ":")) + "\n")
            p = subprocess.run(["./job", "--input", "input.jsonl", "--output", "out.jsonl", "--dead-letter", "dead.jsonl"],
                               cwd=d, capture_output=True, text=True)
            if p.returncode != 0:
                print("FAIL %s seed %d: job failed\n%s" % (name, seed, p.stderr))
                failures += 1
                continue
            with open(os.path.join(d, "out.jsonl")) as f:
                actual = [json.loads(line) for line in f if line.strip()]
            expected, late = reference(events, spec)
            summary = p.stderr.strip().splitlines()[-1]
            actual_late = int(summary.split(" late")[0].rsplit(" ", 1)[1])
            if actual != expected or actual_late != late:
                failures += 1
                print("FAIL %s seed %d: %d rows (expected %d), %d late (expected %d)" %
                      (name, seed, len(actual), len(expected), actual_late, late))
                for i, (a, b) in enumerate(zip(actual, expected)):
                    if a != b:
                        print("  first difference at row %d:\n    actual   %s\n    expected %s" % (i + 1, a, b))
                        break
            else:
                print("PASS %s seed %d: %d rows, %d late" % (name, seed, len(actual), late))
    if args.keep or failures:
        print("work dir: %s" % work)
    else:
        shutil.rmtree(work)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
