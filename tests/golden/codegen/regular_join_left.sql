CREATE STREAM orders (id VARCHAR, k INT) WITH ('connector' = 'filesystem', 'path' = 'orders.jsonl', 'format' = 'json');
CREATE STREAM pays (id VARCHAR, k INT) WITH ('connector' = 'filesystem', 'path' = 'pays.jsonl', 'format' = 'json');
SELECT o.id AS oid, p.id AS pid FROM orders AS o LEFT JOIN pays AS p ON o.k = p.k;
