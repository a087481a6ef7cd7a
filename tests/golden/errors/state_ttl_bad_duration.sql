SET 'table.exec.state.ttl' = 'forever';
CREATE STREAM clicks (user_id STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts) WITH ('connector' = 'filesystem', 'path' = 'c.jsonl', 'format' = 'json');
SELECT user_id, COUNT(*) FROM clicks GROUP BY user_id;
