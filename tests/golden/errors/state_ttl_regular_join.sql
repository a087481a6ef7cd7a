-- State TTL expires a regular join's rows on the watermark: an input without one is refused.
SET 'table.exec.state.ttl' = '1 h';
CREATE STREAM a (k INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts) WITH ('connector' = 'filesystem', 'path' = 'a.jsonl', 'format' = 'json');
CREATE STREAM b (k INT, ts TIMESTAMP(3)) WITH ('connector' = 'filesystem', 'path' = 'b.jsonl', 'format' = 'json');
SELECT a.k, b.ts FROM a JOIN b ON a.k = b.k;
