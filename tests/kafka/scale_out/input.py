#!/usr/bin/env python3
"""Input and expected rows of the scale-out test, computed here independently of the job.

  input.py produce FIRST LAST   key|value lines for steps FIRST..LAST (one event per user a step)
  input.py to-csv                key|value lines on stdin with the value in csv without the key's
                                column (ts_ms,amount): the key is the user_id ('key.format' = 'raw')
  input.py sentinel             one far-future event per user: closes every window of the test
  input.py expected             the rows of TUMBLE 10 s per user over steps 0..59 (sorted JSON)

User u (1..8) has at step k the event ts = 1700000000000 + k s (+ u ms), amount = u * 100 + k.
"""
import datetime
import json
import sys

BASE = 1700000000000
USERS = [f"user{u}" for u in range(1, 9)]
STEPS = 60


def event(u, k):
    return {"user_id": USERS[u - 1], "ts_ms": BASE + k * 1000 + u, "amount": u * 100 + k}


def fmt(ms):
    return datetime.datetime.fromtimestamp(ms / 1000, datetime.timezone.utc).strftime("%Y-%m-%d %H:%M:%S.") + f"{ms % 1000:03d}"


cmd = sys.argv[1]
if cmd == "produce":
    for k in range(int(sys.argv[2]), int(sys.argv[3]) + 1):
        for u in range(1, 9):
            print(f"{USERS[u - 1]}|{json.dumps(event(u, k), separators=(',', ':'))}")
elif cmd == "to-csv":
    for line in sys.stdin:
        key, value = line.rstrip("\n").split("|", 1)
        e = json.loads(value)
        print(f"{key}|{e['ts_ms']},{e['amount']}")
elif cmd == "sentinel":
    for u in range(1, 9):
        e = {"user_id": USERS[u - 1], "ts_ms": BASE + 1000000, "amount": 0}
        print(f"{USERS[u - 1]}|{json.dumps(e, separators=(',', ':'))}")
elif cmd == "expected":
    windows = {}
    for u in range(1, 9):
        for k in range(STEPS):
            e = event(u, k)
            start = e["ts_ms"] - e["ts_ms"] % 10000
            n, total = windows.get((start, e["user_id"]), (0, 0))
            windows[(start, e["user_id"])] = (n + 1, total + e["amount"])
    rows = [json.dumps({"window_start": fmt(s), "user_id": user, "n": n, "total": t}, separators=(",", ":"))
            for (s, user), (n, t) in windows.items()]
    print("\n".join(sorted(rows)))
