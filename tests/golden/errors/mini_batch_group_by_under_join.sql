-- Mini-batch does not fold a GROUP BY whose changelog feeds a regular join yet: it refuses rather
-- than emit every change.
SET 'table.exec.mini-batch.enabled' = 'true';
SET 'table.exec.mini-batch.allow-latency' = '2 s';
SET 'table.exec.mini-batch.size' = '50000';
CREATE STREAM customers (id INT, name VARCHAR) WITH ('connector' = 'filesystem', 'path' = 'customers.jsonl', 'format' = 'json');
CREATE STREAM orders (cust INT, amount INT) WITH ('connector' = 'filesystem', 'path' = 'orders.jsonl', 'format' = 'json');
SELECT c.name, t.total FROM customers AS c JOIN (SELECT cust, SUM(amount) AS total FROM orders GROUP BY cust) AS t ON c.id = t.cust;
