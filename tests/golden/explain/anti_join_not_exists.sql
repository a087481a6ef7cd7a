CREATE STREAM orders (id VARCHAR, k INT, amt INT) WITH ('connector' = 'filesystem', 'path' = 'orders.jsonl', 'format' = 'json');
CREATE STREAM pays (k INT, amt INT) WITH ('connector' = 'filesystem', 'path' = 'pays.jsonl', 'format' = 'json');
SELECT o.id FROM orders AS o WHERE NOT EXISTS (SELECT * FROM pays AS p WHERE p.k = o.k AND p.amt >= o.amt);
