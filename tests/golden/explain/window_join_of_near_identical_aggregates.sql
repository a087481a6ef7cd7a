-- Window aggregates that look alike but are not the same: not shared (shared_join_aggregate.h).
-- The right one counts only bids under 10: each input computes its own.
CREATE STREAM bid (auction BIGINT, price BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts)
WITH ('connector' = 'filesystem', 'path' = 'bid.jsonl', 'format' = 'json');
SELECT a.auction, a.num, c.num AS cheap, a.window_start
FROM (
  SELECT auction, COUNT(*) AS num, window_start, window_end
  FROM TABLE(TUMBLE(TABLE bid, DESCRIPTOR(ts), INTERVAL '10' SECOND))
  GROUP BY auction, window_start, window_end
) a JOIN (
  SELECT auction, COUNT(*) AS num, window_start, window_end
  FROM TABLE(TUMBLE(TABLE bid, DESCRIPTOR(ts), INTERVAL '10' SECOND))
  WHERE price < 10
  GROUP BY auction, window_start, window_end
) c ON a.auction = c.auction AND a.window_start = c.window_start AND a.window_end = c.window_end;
