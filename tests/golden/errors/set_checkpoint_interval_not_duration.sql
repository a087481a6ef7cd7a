-- 'execution.checkpointing.interval' takes a duration; a bad one is an error at the SET.
SET 'execution.checkpointing.interval' = 'often';
CREATE STREAM clicks (user_id STRING, ts TIMESTAMP(3))
WITH ('connector' = 'filesystem', 'path' = 'clicks.jsonl', 'format' = 'json');
SELECT user_id FROM clicks;
