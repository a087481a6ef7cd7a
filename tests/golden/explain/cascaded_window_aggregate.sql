-- A cascaded window aggregate at the top of the query: per 10 s window, the largest per-auction
-- count of the inner window aggregate's rows, fed when it fires.
CREATE STREAM bid (auction BIGINT, price BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts)
WITH ('connector' = 'filesystem', 'path' = 'bid.jsonl', 'format' = 'json');
SELECT MAX(num) AS maxn, starttime
FROM (
  SELECT auction, COUNT(*) AS num, window_start AS starttime, window_end AS endtime
  FROM TABLE(TUMBLE(TABLE bid, DESCRIPTOR(ts), INTERVAL '10' SECOND))
  GROUP BY auction, window_start, window_end
) GROUP BY starttime, endtime;
