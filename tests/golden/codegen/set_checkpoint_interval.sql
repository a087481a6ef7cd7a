-- SET 'execution.checkpointing.interval' becomes the job's default checkpoint interval
-- (kJobInfo's last field, 10 s); --state-dir turns checkpoints on, --checkpoint-interval overrides.
SET 'execution.checkpointing.interval' = '10 s';
CREATE STREAM clicks (
  user_id STRING, url STRING, ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'clicks.jsonl', 'format' = 'json');
SELECT user_id, window_start, COUNT(*) AS clicks
FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '1' MINUTE))
GROUP BY user_id, window_start, window_end;
