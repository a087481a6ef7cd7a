-- Nexmark Query 6: average selling price by seller, over each seller's last 10 closed auctions.
-- Flink Nexmark's q6.sql in sqlc's dialect: sources are CREATE STREAMs over the JSON lines of
-- tools/nexmark/generate.py, the blackhole sink is a filesystem table on stdout.
-- Flink itself does not run this one (its OVER window cannot consume retractions). Flink's text
-- reads `rownum` in the WHERE of the SELECT that defines it and `A.id` outside A's subquery; here
-- the ranking is one level down, so the SQL is valid.
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

CREATE TABLE nexmark_q6 (
  seller BIGINT, avg_price BIGINT
) WITH ('connector' = 'filesystem', 'path' = '/dev/stdout', 'format' = 'json');

INSERT INTO nexmark_q6
SELECT
    Q.seller,
    AVG(Q.price) OVER
        (PARTITION BY Q.seller ORDER BY Q.dateTime ROWS BETWEEN 10 PRECEDING AND CURRENT ROW)
FROM (
    SELECT * FROM (
        SELECT J.id, J.seller, J.price, J.dateTime,
               ROW_NUMBER() OVER (PARTITION BY J.id, J.seller ORDER BY J.price DESC) AS rownum
        FROM (SELECT A.id, A.seller, B.price, B.dateTime
              FROM auction AS A, bid AS B
              WHERE A.id = B.auction AND B.dateTime BETWEEN A.dateTime AND A.expires) AS J)
    WHERE rownum <= 1
) AS Q;
