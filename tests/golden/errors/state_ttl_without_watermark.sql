-- sqlc measures idle state on the watermark: a GROUP BY with a TTL over a stream without one is refused.
SET 'table.exec.state.ttl' = '10 min';
CREATE STREAM clicks (user_id STRING) WITH ('connector' = 'filesystem', 'path' = 'c.jsonl', 'format' = 'json');
SELECT user_id, COUNT(*) FROM clicks GROUP BY user_id;
