-- Window aggregates over the same rows with the same keys and window, but one counts and the
-- other sums: not shared (shared_join_aggregate.h); each input computes its own.
CREATE STREAM bid (auction BIGINT, price BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts)
WITH ('connector' = 'filesystem', 'path' = 'bid.jsonl', 'format' = 'json');
SELECT a.auction, a.num, s.num AS total, a.window_start
FROM (
  SELECT auction, COUNT(*) AS num, window_start, window_end
  FROM TABLE(TUMBLE(TABLE bid, DESCRIPTOR(ts), INTERVAL '10' SECOND))
  GROUP BY auction, window_start, window_end
) a JOIN (
  SELECT auction, SUM(price) AS num, window_start, window_end
  FROM TABLE(TUMBLE(TABLE bid, DESCRIPTOR(ts), INTERVAL '10' SECOND))
  GROUP BY auction, window_start, window_end
) s ON a.auction = s.auction AND a.window_start = s.window_start AND a.window_end = s.window_end;
