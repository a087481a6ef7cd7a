#!/usr/bin/env python3
"""Checks tools/nexmark/generate.py against the Nexmark generator's published rules:
deterministic from the seed, 1 person : 3 auctions : 46 bids per 50 events, ids from 1000,
categories 10..14, event time = base + n / rate, references to existing (or just-ahead) people
and auctions, hot auctions / bidders / sellers and channels in their proportions."""
import collections
import datetime
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
GENERATOR = os.path.join(ROOT, "tools", "nexmark", "generate.py")
EVENTS = 10_000


def generate(out_dir, seed):
    subprocess.run([sys.executable, GENERATOR, "--events", str(EVENTS), "--out-dir", out_dir,
                    "--seed", str(seed), "--rate", "1000"], check=True, stderr=subprocess.DEVNULL)
    return {t: open(os.path.join(out_dir, t + ".jsonl")).read() for t in ("person", "auction", "bid")}


def millis(text):
    t = datetime.datetime.strptime(text, "%Y-%m-%d %H:%M:%S.%f").replace(tzinfo=datetime.timezone.utc)
    return round(t.timestamp() * 1000)


def main():
    failures = []

    def check(ok, what):
        if not ok:
            failures.append(what)

    with tempfile.TemporaryDirectory() as tmp:
        a = generate(os.path.join(tmp, "a"), 7)
        b = generate(os.path.join(tmp, "b"), 7)
        c = generate(os.path.join(tmp, "c"), 8)
    check(a == b, "the same seed gives the same files")
    check(a["bid"] != c["bid"], "another seed gives other bids")

    persons = [json.loads(l) for l in a["person"].splitlines()]
    auctions = [json.loads(l) for l in a["auction"].splitlines()]
    bids = [json.loads(l) for l in a["bid"].splitlines()]
    check((len(persons), len(auctions), len(bids)) == (200, 600, 9200), "1 : 3 : 46 per 50 events")
    check(list(persons[0]) == ["id", "name", "emailAddress", "creditCard", "city", "state", "dateTime", "extra"],
          "person columns")
    check(list(auctions[0]) == ["id", "itemName", "description", "initialBid", "reserve", "dateTime",
                                "expires", "seller", "category", "extra"], "auction columns")
    check(list(bids[0]) == ["auction", "bidder", "price", "channel", "url", "dateTime", "extra"], "bid columns")
    check([p["id"] for p in persons] == list(range(1000, 1200)), "person ids 1000, 1001, ...")
    check([x["id"] for x in auctions] == list(range(1000, 1600)), "auction ids 1000, 1001, ...")
    check({x["category"] for x in auctions} == set(range(10, 15)), "categories 10..14")
    check(all(x["reserve"] >= x["initialBid"] > 0 for x in auctions), "reserve >= initial bid > 0")
    check(all(x["expires"] > x["dateTime"] for x in auctions), "auctions expire after they open")

    base = millis("2015-07-15 00:00:00.000")
    # event n has time base + n ms at 1000 events/s; person k is event 50 k, bids are 4..49 of 50
    check(all(millis(p["dateTime"]) == base + 50 * i for i, p in enumerate(persons)), "person times")
    bid_events = [n for n in range(EVENTS) if n % 50 >= 4]
    check(all(millis(x["dateTime"]) == base + n for x, n in zip(bids, bid_events)), "bid times, in order")

    ok_refs = True
    for x, n in zip(bids, bid_events):
        last_person = 1000 + n // 50
        last_auction = 1000 + (n // 50) * 3 + 2
        ok_refs &= 1000 <= x["bidder"] <= last_person + 10 and 1000 <= x["auction"] <= last_auction + 10
    check(ok_refs, "bids name people and auctions that exist, or are at most 10 ahead")
    hot_auction = sum(1 for x in bids if (x["auction"] - 1000) % 100 == 0) / len(bids)
    check(0.45 < hot_auction < 0.6, "about half the bids go to hot auctions (%.2f)" % hot_auction)
    hot_bidder = sum(1 for x in bids if (x["bidder"] - 1000) % 100 == 1) / len(bids)
    check(0.7 < hot_bidder < 0.8, "about 3 in 4 bids come from hot bidders (%.2f)" % hot_bidder)
    hot_seller = sum(1 for x in auctions if (x["seller"] - 1000) % 100 == 0) / len(auctions)
    check(0.7 < hot_seller < 0.82, "about 3 in 4 auctions have hot sellers (%.2f)" % hot_seller)
    channels = collections.Counter(x["channel"] for x in bids)
    hot_channels = sum(channels[c] for c in ("Google", "Facebook", "Baidu", "Apple")) / len(bids)
    check(0.45 < hot_channels < 0.55, "about half the bids come from the 4 hot channels (%.2f)" % hot_channels)
    size = sum(len(l) for l in a["bid"].splitlines()) / len(bids)
    check(150 < size < 300, "bid lines have a plausible size (%.0f bytes)" % size)

    for f in failures:
        print("FAIL: " + f)
    print("generator: %d checks failed" % len(failures) if failures else "generator: all checks pass")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
