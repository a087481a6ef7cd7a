-- A window aggregate over an interval join's rows: the join feeds the aggregate, whose
-- watermark lags the join's input watermark by the join's 10-minute bound.
CREATE STREAM requests (request_id VARCHAR, variant VARCHAR, latency_ms DOUBLE, ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '30' SECOND)
WITH ('connector' = 'filesystem', 'path' = 'requests.jsonl', 'format' = 'json');
CREATE STREAM feedback (request_id VARCHAR, rating INT, ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '30' SECOND)
WITH ('connector' = 'filesystem', 'path' = 'feedback.jsonl', 'format' = 'json');
SELECT variant, TUMBLE_START(r.ts, INTERVAL '1' HOUR) AS window_start, COUNT(*) AS requests,
       AVG(latency_ms) AS avg_latency, SUM(CASE WHEN rating >= 4 THEN 1 ELSE 0 END) AS satisfied
FROM requests r
LEFT JOIN feedback f ON r.request_id = f.request_id AND f.ts BETWEEN r.ts AND r.ts + INTERVAL '10' MINUTE
WHERE variant IS NOT NULL
GROUP BY variant, TUMBLE(r.ts, INTERVAL '1' HOUR);
