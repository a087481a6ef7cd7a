-- Only the options the job implements can be SET; others are refused, not ignored.
SET 'table.optimizer.agg-phase-strategy' = 'TWO_PHASE';
CREATE STREAM clicks (user_id STRING, ts TIMESTAMP(3))
WITH ('connector' = 'filesystem', 'path' = 'clicks.jsonl', 'format' = 'json');
SELECT user_id FROM clicks;
