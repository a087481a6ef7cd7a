CREATE STREAM orders (id VARCHAR, k INT) WITH ('connector' = 'filesystem', 'path' = 'orders.jsonl', 'format' = 'json');
CREATE STREAM pays (k BIGINT, ok BOOLEAN) WITH ('connector' = 'filesystem', 'path' = 'pays.jsonl', 'format' = 'json');
SELECT o.id FROM orders AS o WHERE o.k IN (SELECT p.k FROM pays AS p WHERE p.ok) AND o.id <> 'o9';
