-- Only a GROUP BY without a window may be an updating input of a regular join: a Top-N is refused.
CREATE STREAM customers (id INT, name VARCHAR) WITH ('connector' = 'filesystem', 'path' = 'customers.jsonl', 'format' = 'json');
CREATE STREAM orders (cust INT, amt INT) WITH ('connector' = 'filesystem', 'path' = 'orders.jsonl', 'format' = 'json');
SELECT c.name, t.amt FROM customers AS c JOIN (
  SELECT cust, amt FROM (SELECT cust, amt, ROW_NUMBER() OVER (PARTITION BY cust ORDER BY amt DESC) AS rn FROM orders) WHERE rn = 1
) AS t ON c.id = t.cust;
