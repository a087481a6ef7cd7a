CREATE STREAM orders (order_id VARCHAR, user_id VARCHAR, amount INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '2' SECOND)
WITH ('connector' = 'filesystem', 'path' = 'orders.jsonl', 'format' = 'json');
CREATE STREAM payments (order_id VARCHAR, method VARCHAR, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '2' SECOND)
WITH ('connector' = 'filesystem', 'path' = 'payments.jsonl', 'format' = 'json');
SELECT o.order_id, o.amount, p.method, o.ts AS order_ts, p.ts AS paid_ts
FROM orders AS o FULL JOIN payments AS p
  ON o.order_id = p.order_id AND p.ts BETWEEN o.ts AND o.ts + INTERVAL '10' SECOND;
