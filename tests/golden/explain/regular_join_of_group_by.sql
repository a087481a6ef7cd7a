-- A LEFT regular join whose right input is a GROUP BY's changelog: the GROUP BY runs on the orders
-- input before the join (its changelog feeds the join); the join's result is a changelog.
CREATE STREAM customers (id INT, name VARCHAR) WITH ('connector' = 'filesystem', 'path' = 'customers.jsonl', 'format' = 'json');
CREATE STREAM orders (cust INT, amt INT) WITH ('connector' = 'filesystem', 'path' = 'orders.jsonl', 'format' = 'json');
SELECT c.name, t.total FROM customers AS c LEFT JOIN (SELECT cust, SUM(amt) AS total FROM orders GROUP BY cust) AS t ON c.id = t.cust;
