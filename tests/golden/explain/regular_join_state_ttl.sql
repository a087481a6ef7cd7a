-- A regular join with a state TTL: rows idle for the TTL on the watermark are dropped (no warning).
SET 'table.exec.state.ttl' = '30 min';
CREATE STREAM orders (id VARCHAR, k VARCHAR, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '5' SECOND)
WITH ('connector' = 'filesystem', 'path' = 'orders.jsonl', 'format' = 'json');
CREATE STREAM pays (id VARCHAR, k VARCHAR, ts TIMESTAMP(3), WATERMARK FOR ts AS ts)
WITH ('connector' = 'filesystem', 'path' = 'pays.jsonl', 'format' = 'json');
SELECT o.id AS oid, p.id AS pid FROM orders AS o LEFT JOIN pays AS p ON o.k = p.k;
