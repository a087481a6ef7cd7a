-- A GROUP BY that feeds a regular join keeps retractable aggregates: LISTAGG is refused there.
CREATE STREAM customers (id INT, name VARCHAR) WITH ('connector' = 'filesystem', 'path' = 'customers.jsonl', 'format' = 'json');
CREATE STREAM orders (cust INT, item VARCHAR) WITH ('connector' = 'filesystem', 'path' = 'orders.jsonl', 'format' = 'json');
SELECT c.name, t.items FROM customers AS c JOIN (SELECT cust, LISTAGG(item) AS items FROM orders GROUP BY cust) AS t ON c.id = t.cust;
