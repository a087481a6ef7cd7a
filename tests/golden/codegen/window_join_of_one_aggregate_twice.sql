-- A view used twice: a window self-join of one TUMBLE aggregate. Both inputs compute the same
-- aggregate over the same rows: the pipeline computes it once and feeds both sides of the join
-- (shared_join_aggregate.h). Column pruning leaves the two projections above it different columns.
CREATE STREAM bid (auction BIGINT, price BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts)
WITH ('connector' = 'filesystem', 'path' = 'bid.jsonl', 'format' = 'json');
CREATE VIEW counts AS
  SELECT auction, COUNT(*) AS num, SUM(price) AS total, window_start, window_end
  FROM TABLE(TUMBLE(TABLE bid, DESCRIPTOR(ts), INTERVAL '10' SECOND))
  GROUP BY auction, window_start, window_end;
SELECT a.auction, b.auction AS other, a.num, b.total AS other_total, a.window_start
FROM counts a JOIN counts b
  ON a.window_start = b.window_start AND a.window_end = b.window_end AND a.num = b.num AND a.auction < b.auction;
