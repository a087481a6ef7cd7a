CREATE STREAM auction (id BIGINT, seller VARCHAR, ts TIMESTAMP(3), WATERMARK FOR ts AS ts) WITH ('connector' = 'filesystem', 'path' = 'auction.jsonl', 'format' = 'json');
CREATE STREAM bid (auction BIGINT, price INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts) WITH ('connector' = 'filesystem', 'path' = 'bid.jsonl', 'format' = 'json');
SELECT id, seller, price
FROM (
  SELECT a.id, a.seller, b.price, ROW_NUMBER() OVER (PARTITION BY a.id ORDER BY b.price DESC, b.ts ASC) AS rn
  FROM auction a, bid b
  WHERE a.id = b.auction AND b.ts BETWEEN a.ts AND a.ts + INTERVAL '10' SECOND
)
WHERE rn <= 1;
