#!/usr/bin/env python3
"""Nexmark event generator: person, auction and bid events as JSON lines, one file per table.

Follows the published Nexmark generator (nexmark/nexmark, nexmark-flink GeneratorConfig and the
Person/Auction/Bid generators) in its shape, written anew here:

  * event n (0-based) is a person when n % 50 == 0, an auction when n % 50 in 1..3, else a bid
    (1 : 3 : 46 per 50 events);
  * event time = base time + n * inter-event delay, the delay being 1e6 / rate microseconds
    (default rate 10 000 events/s, so events come in time order and none is late);
  * person and auction ids start at 1000 and grow with the event number, categories are 10..14;
  * sellers and bidders refer to one of the last 1000 people (plus 10 not created yet), bids to
    one of the last 100 auctions (plus 10); 'hot' ratios as in the published defaults: 3 of 4
    auctions have a hot seller, 1 of 2 bids goes to a hot auction, 3 of 4 bids come from a hot
    bidder, 1 of 2 bids comes from one of four hot channels;
  * an auction expires on average when the next 100 auctions have been created;
  * prices are 10^(6u) * 100 rounded, u uniform in [0, 1);
  * `extra` pads each event to its average size (person 200, auction 500, bid 100 bytes).

Everything is drawn from one random.Random(seed), so a seed and an event count give the same
files byte for byte. Timestamps are written as 'YYYY-MM-DD HH:MM:SS.sss' (UTC), the text form
sqlc's reader parses into TIMESTAMP(3).

Usage: generate.py --events N --out-dir DIR [--seed S] [--rate R] [--base-time 'YYYY-MM-DD HH:MM:SS']
                   [--side-input]
"""

import argparse
import datetime
import os
import random
import sys

FIRST_PERSON_ID = 1000
FIRST_AUCTION_ID = 1000
FIRST_CATEGORY_ID = 10
NUM_CATEGORIES = 5

PERSON_PROPORTION = 1
AUCTION_PROPORTION = 3
BID_PROPORTION = 46
TOTAL_PROPORTION = PERSON_PROPORTION + AUCTION_PROPORTION + BID_PROPORTION

NUM_ACTIVE_PEOPLE = 1000
NUM_IN_FLIGHT_AUCTIONS = 100
PERSON_ID_LEAD = 10  # ids of people not created yet that a reference may name
AUCTION_ID_LEAD = 10

# "1 in ratio" events are not hot: P(hot) = 1 - 1/ratio.
HOT_AUCTION_RATIO = 2
HOT_SELLERS_RATIO = 4
HOT_BIDDERS_RATIO = 4
HOT_CHANNELS_RATIO = 2
HOT_BATCH = 100  # hot ids are the first of each batch of 100 recent people/auctions
NUM_CHANNELS = 10_000
HOT_CHANNELS = ("Google", "Facebook", "Baidu", "Apple")

AVG_PERSON_BYTES = 200
AVG_AUCTION_BYTES = 500
AVG_BID_BYTES = 100

US_STATES = ("AZ", "CA", "ID", "OR", "WA", "WY")
US_CITIES = ("Phoenix", "Los Angeles", "San Francisco", "Boise", "Portland", "Bend", "Redmond",
             "Seattle", "Kent", "Cheyenne")
FIRST_NAMES = ("Peter", "Paul", "Luke", "John", "Saul", "Vicky", "Kate", "Julie", "Sarah",
               "Deiter", "Walter")
LAST_NAMES = ("Shultz", "Abrams", "Spencer", "White", "Bartels", "Walton", "Smith", "Jones",
              "Noris")

SIDE_INPUT_KEYS = 10_000  # query 13 joins on MOD(auction, 10000)

LETTERS = "abcdefghijklmnopqrstuvwxyz"
POOL_SIZE = 1 << 16  # random letters that `extra` strings are sliced from (fast, deterministic)


def last_person_id(n):
    """Base-0 id of the newest person at event n (the one being created if n is a person)."""
    epoch, offset = divmod(n, TOTAL_PROPORTION)
    if offset >= PERSON_PROPORTION:
        offset = PERSON_PROPORTION - 1
    return epoch * PERSON_PROPORTION + offset


def last_auction_id(n):
    """Base-0 id of the newest auction at event n (the one being created if n is an auction)."""
    epoch, offset = divmod(n, TOTAL_PROPORTION)
    if offset < PERSON_PROPORTION:
        epoch -= 1
        offset = AUCTION_PROPORTION - 1
    elif offset >= PERSON_PROPORTION + AUCTION_PROPORTION:
        offset = AUCTION_PROPORTION - 1
    else:
        offset -= PERSON_PROPORTION
    return epoch * AUCTION_PROPORTION + offset


class Generator:
    def __init__(self, seed, rate, base_ms):
        self.rng = random.Random(seed)
        self.delay_us = 1_000_000 / rate
        self.base_ms = base_ms
        self.pool = "".join(self.rng.choice(LETTERS) for _ in range(POOL_SIZE))
        self._second = None
        self._second_text = ""
        # Channel names and URLs of the 10 000 non-hot channels, derived from the channel number.
        self.hot_urls = [self.base_url() for _ in HOT_CHANNELS]
        self.channel_urls = {}

    # ---- value helpers ----------------------------------------------------------------------
    def timestamp_ms(self, n):
        return self.base_ms + int(n * self.delay_us) // 1000

    def format_ms(self, ms):
        second, milli = divmod(ms, 1000)
        if second != self._second:
            self._second = second
            self._second_text = datetime.datetime.fromtimestamp(
                second, datetime.timezone.utc).strftime("%Y-%m-%d %H:%M:%S")
        return "%s.%03d" % (self._second_text, milli)

    def price(self):
        return round(10.0 ** (self.rng.random() * 6.0) * 100.0)

    def text(self, max_len):
        """Letters with the odd space, 3..max_len-1 long, trimmed (like Nexmark's nextString)."""
        rng = self.rng
        n = 3 + rng.randrange(max_len - 3)
        chars = [" " if rng.randrange(13) == 0 else LETTERS[rng.randrange(26)] for _ in range(n)]
        return "".join(chars).strip()

    def extra(self, current_size, average_size):
        """Padding so that current_size + len(extra) is average_size on average (+-20 %)."""
        if current_size > average_size:
            return ""
        want = average_size - current_size
        delta = round(want * 0.2)
        size = want - delta + (self.rng.randrange(2 * delta) if delta else 0)
        start = self.rng.randrange(POOL_SIZE - size)
        return self.pool[start:start + size]

    def person_ref(self, n):
        """A random recent person (base 0), possibly one not created yet."""
        people = last_person_id(n) + 1
        active = min(people, NUM_ACTIVE_PEOPLE)
        return people - active + self.rng.randrange(active + PERSON_ID_LEAD)

    def auction_ref(self, n):
        """A random auction likely still open (base 0), possibly one not created yet."""
        newest = last_auction_id(n)
        oldest = max(newest - NUM_IN_FLIGHT_AUCTIONS, 0)
        return oldest + self.rng.randrange(newest - oldest + 1 + AUCTION_ID_LEAD)

    def base_url(self):
        parts = ["".join(c if c != " " else "_" for c in self.text(5)) for _ in range(3)]
        return "https://www.nexmark.com/%s/%s/%s/item.htm?query=1" % tuple(parts)

    def channel(self):
        if self.rng.randrange(HOT_CHANNELS_RATIO) > 0:
            i = self.rng.randrange(len(HOT_CHANNELS))
            return HOT_CHANNELS[i], self.hot_urls[i]
        number = self.rng.randrange(NUM_CHANNELS)
        url = self.channel_urls.get(number)
        if url is None:
            url = self.base_url()
            if self.rng.randrange(10) > 0:  # 9 in 10 channel URLs name their channel
                url += "&channel_id=%d" % bit_reversed(number)
            self.channel_urls[number] = url
        return "channel-%d" % number, url

    # ---- events -----------------------------------------------------------------------------
    def person(self, n, ms):
        rng = self.rng
        pid = last_person_id(n) + FIRST_PERSON_ID
        name = FIRST_NAMES[rng.randrange(len(FIRST_NAMES))] + " " + LAST_NAMES[rng.randrange(len(LAST_NAMES))]
        email = self.text(7) + "@" + self.text(5) + ".com"
        card = " ".join("%04d" % rng.randrange(10000) for _ in range(4))
        city = US_CITIES[rng.randrange(len(US_CITIES))]
        state = US_STATES[rng.randrange(len(US_STATES))]
        size = 8 + len(name) + len(email) + len(card) + len(city) + len(state)
        extra = self.extra(size, AVG_PERSON_BYTES)
        return ('{"id":%d,"name":"%s","emailAddress":"%s","creditCard":"%s","city":"%s","state":"%s",'
                '"dateTime":"%s","extra":"%s"}\n'
                % (pid, name, email, card, city, state, self.format_ms(ms), extra))

    def auction(self, n, ms):
        rng = self.rng
        aid = last_auction_id(n) + FIRST_AUCTION_ID
        if rng.randrange(HOT_SELLERS_RATIO) > 0:
            seller = (last_person_id(n) // HOT_BATCH) * HOT_BATCH
        else:
            seller = self.person_ref(n)
        seller += FIRST_PERSON_ID
        category = FIRST_CATEGORY_ID + rng.randrange(NUM_CATEGORIES)
        initial_bid = self.price()
        # Auctions last until about NUM_IN_FLIGHT_AUCTIONS more have been created (on average).
        events_ahead = NUM_IN_FLIGHT_AUCTIONS * TOTAL_PROPORTION // AUCTION_PROPORTION
        horizon_ms = self.timestamp_ms(n + events_ahead) - ms
        expires = ms + 1 + rng.randrange(max(horizon_ms * 2, 1))
        item_name = self.text(20)
        description = self.text(100)
        reserve = initial_bid + self.price()
        size = 8 + len(item_name) + len(description) + 8 + 8 + 8 + 8 + 8
        extra = self.extra(size, AVG_AUCTION_BYTES)
        return ('{"id":%d,"itemName":"%s","description":"%s","initialBid":%d,"reserve":%d,'
                '"dateTime":"%s","expires":"%s","seller":%d,"category":%d,"extra":"%s"}\n'
                % (aid, item_name, description, initial_bid, reserve, self.format_ms(ms),
                   self.format_ms(expires), seller, category, extra))

    def bid(self, n, ms):
        rng = self.rng
        if rng.randrange(HOT_AUCTION_RATIO) > 0:
            auction = (last_auction_id(n) // HOT_BATCH) * HOT_BATCH
        else:
            auction = self.auction_ref(n)
        auction += FIRST_AUCTION_ID
        if rng.randrange(HOT_BIDDERS_RATIO) > 0:
            # the second person of a batch, so hot bidders are not hot sellers
            bidder = (last_person_id(n) // HOT_BATCH) * HOT_BATCH + 1
        else:
            bidder = self.person_ref(n)
        bidder += FIRST_PERSON_ID
        price = self.price()
        channel, url = self.channel()
        extra = self.extra(8 + 8 + 8 + 8, AVG_BID_BYTES)
        return ('{"auction":%d,"bidder":%d,"price":%d,"channel":"%s","url":"%s","dateTime":"%s",'
                '"extra":"%s"}\n'
                % (auction, bidder, price, channel, url, self.format_ms(ms), extra))


def bit_reversed(number):
    """|Integer.reverse(number)| of a 32-bit int: a channel id that does not look like its number."""
    r = int("{:032b}".format(number)[::-1], 2)
    if r >= 1 << 31:
        r = (1 << 32) - r
    return r


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--events", type=int, required=True, help="total events (all three tables)")
    ap.add_argument("--out-dir", required=True, help="writes person.jsonl, auction.jsonl, bid.jsonl")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--rate", type=int, default=10_000, help="events per second of event time")
    ap.add_argument("--base-time", default="2015-07-15 00:00:00",
                    help="event time of the first event (UTC)")
    ap.add_argument("--side-input", action="store_true",
                    help="also write side_input.jsonl (key 0..9999 -> value), the bounded table of query 13")
    args = ap.parse_args()

    base = datetime.datetime.strptime(args.base_time, "%Y-%m-%d %H:%M:%S")
    base_ms = int(base.replace(tzinfo=datetime.timezone.utc).timestamp()) * 1000
    gen = Generator(args.seed, args.rate, base_ms)
    os.makedirs(args.out_dir, exist_ok=True)
    files = {name: open(os.path.join(args.out_dir, name + ".jsonl"), "w", buffering=1 << 20)
             for name in ("person", "auction", "bid")}
    person_w, auction_w, bid_w = (files[k].write for k in ("person", "auction", "bid"))
    counts = [0, 0, 0]
    for n in range(args.events):
        ms = gen.timestamp_ms(n)
        kind = n % TOTAL_PROPORTION
        if kind < PERSON_PROPORTION:
            person_w(gen.person(n, ms))
            counts[0] += 1
        elif kind < PERSON_PROPORTION + AUCTION_PROPORTION:
            auction_w(gen.auction(n, ms))
            counts[1] += 1
        else:
            bid_w(gen.bid(n, ms))
            counts[2] += 1
    for f in files.values():
        f.close()
    if args.side_input:
        with open(os.path.join(args.out_dir, "side_input.jsonl"), "w") as f:
            f.writelines('{"key":%d,"value":"%d"}\n' % (k, k) for k in range(SIDE_INPUT_KEYS))
    print("nexmark: %d events: %d persons, %d auctions, %d bids in %s"
          % (args.events, counts[0], counts[1], counts[2], args.out_dir), file=sys.stderr)


if __name__ == "__main__":
    main()
