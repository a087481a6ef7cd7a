CREATE STREAM orders (id VARCHAR, k INT, amt INT) WITH ('connector' = 'filesystem', 'path' = 'orders.jsonl', 'format' = 'json');
CREATE STREAM pays (id VARCHAR, k INT) WITH ('connector' = 'filesystem', 'path' = 'pays.jsonl', 'format' = 'json');
SELECT o.id AS oid, p.id AS pid FROM orders AS o, pays AS p WHERE o.k = p.k AND o.amt > 10;
