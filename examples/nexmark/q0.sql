-- Nexmark Query 0: pass through. Measures the cost of reading and writing bids.
-- Flink Nexmark's q0.sql in sqlc's dialect: sources are CREATE STREAMs over the JSON lines of
-- tools/nexmark/generate.py, the blackhole sink is a filesystem table on stdout.
CREATE STREAM bid (
  auction BIGINT, bidder BIGINT, price BIGINT, channel VARCHAR, url VARCHAR,
  dateTime TIMESTAMP(3), extra VARCHAR,
  WATERMARK FOR dateTime AS dateTime - INTERVAL '4' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'examples/nexmark/data/bid.jsonl', 'format' = 'json');

CREATE TABLE nexmark_q0 (
  auction BIGINT, bidder BIGINT, price BIGINT, dateTime TIMESTAMP(3), extra VARCHAR
) WITH ('connector' = 'filesystem', 'path' = '/dev/stdout', 'format' = 'json');

INSERT INTO nexmark_q0
SELECT auction, bidder, price, dateTime, extra FROM bid;
