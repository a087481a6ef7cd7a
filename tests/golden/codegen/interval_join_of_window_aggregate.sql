-- Nexmark q7's shape: an interval join of a stream with a window aggregate of itself, whose rows are
-- timed at their window_end; the WHERE's time bound moves into the INNER join, as in Flink.
CREATE STREAM bid (auction BIGINT, price BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
WITH ('connector' = 'filesystem', 'path' = 'bid.jsonl', 'format' = 'json');
SELECT B.auction, B.price, B.ts
FROM bid B
JOIN (
  SELECT MAX(price) AS maxprice, window_end AS dateTime
  FROM TABLE(TUMBLE(TABLE bid, DESCRIPTOR(ts), INTERVAL '10' SECOND))
  GROUP BY window_start, window_end
) B1
ON B.price = B1.maxprice
WHERE B.ts BETWEEN B1.dateTime - INTERVAL '10' SECOND AND B1.dateTime;
