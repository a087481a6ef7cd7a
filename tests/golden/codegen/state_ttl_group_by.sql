-- A GROUP BY without a window with a state TTL: idle keys are dropped on the watermark.
SET 'table.exec.state.ttl' = '10 s';
CREATE STREAM clicks (user_id STRING, url STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '2' SECOND)
WITH ('connector' = 'filesystem', 'path' = 'clicks.jsonl', 'format' = 'json');
SELECT user_id, COUNT(*) AS clicks FROM clicks GROUP BY user_id;
