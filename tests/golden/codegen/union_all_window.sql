CREATE STREAM clicks (user_id VARCHAR, ts TIMESTAMP(3), n INT, WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
WITH ('connector' = 'filesystem', 'path' = 'clicks.jsonl', 'format' = 'json');
CREATE STREAM views (user_id VARCHAR, ts TIMESTAMP(3), n BIGINT, WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
WITH ('connector' = 'filesystem', 'path' = 'views.jsonl', 'format' = 'json');
WITH events AS (
  SELECT user_id, ts, n FROM clicks
  UNION ALL
  SELECT user_id, ts, n FROM views
)
SELECT window_start, user_id, COUNT(*) AS c, SUM(n) AS total
FROM TABLE(TUMBLE(TABLE events, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY window_start, window_end, user_id;
