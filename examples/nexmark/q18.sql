-- Nexmark Query 18: find last bid. The latest bid of each bidder on each auction (deduplication).
-- Flink Nexmark's q18.sql in sqlc's dialect: sources are CREATE STREAMs over the JSON lines of
-- tools/nexmark/generate.py, the blackhole sink is a filesystem table on stdout.
CREATE STREAM bid (
  auction BIGINT, bidder BIGINT, price BIGINT, channel VARCHAR, url VARCHAR,
  dateTime TIMESTAMP(3), extra VARCHAR,
  WATERMARK FOR dateTime AS dateTime - INTERVAL '4' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'examples/nexmark/data/bid.jsonl', 'format' = 'json');

CREATE TABLE nexmark_q18 (
  auction BIGINT, bidder BIGINT, price BIGINT, channel VARCHAR, url VARCHAR,
  dateTime TIMESTAMP(3), extra VARCHAR
) WITH ('connector' = 'filesystem', 'path' = '/dev/stdout', 'format' = 'json');

INSERT INTO nexmark_q18
SELECT auction, bidder, price, channel, url, dateTime, extra
FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY bidder, auction ORDER BY dateTime DESC) AS rank_number
      FROM bid)
WHERE rank_number <= 1;
