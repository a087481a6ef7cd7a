-- Nexmark Query 4: average price for a category. Average winning bid of the auctions of each category.
-- Flink Nexmark's q4.sql in sqlc's dialect: sources are CREATE STREAMs over the JSON lines of
-- tools/nexmark/generate.py, the blackhole sink is a filesystem table on stdout.
CREATE STREAM auction (
  id BIGINT, itemName VARCHAR, description VARCHAR, initialBid BIGINT, reserve BIGINT,
  dateTime TIMESTAMP(3), expires TIMESTAMP(3), seller BIGINT, category BIGINT, extra VARCHAR,
  WATERMARK FOR dateTime AS dateTime - INTERVAL '4' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'examples/nexmark/data/auction.jsonl', 'format' = 'json');
CREATE STREAM bid (
  auction BIGINT, bidder BIGINT, price BIGINT, channel VARCHAR, url VARCHAR,
  dateTime TIMESTAMP(3), extra VARCHAR,
  WATERMARK FOR dateTime AS dateTime - INTERVAL '4' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'examples/nexmark/data/bid.jsonl', 'format' = 'json');

CREATE TABLE nexmark_q4 (
  id BIGINT, final BIGINT
) WITH ('connector' = 'filesystem', 'path' = '/dev/stdout', 'format' = 'json');

INSERT INTO nexmark_q4
SELECT
    Q.category,
    AVG(Q.final)
FROM (
    SELECT MAX(B.price) AS final, A.category
    FROM auction A, bid B
    WHERE A.id = B.auction AND B.dateTime BETWEEN A.dateTime AND A.expires
    GROUP BY A.id, A.category
) Q
GROUP BY Q.category;
