-- ROW columns: a struct per ROW type named from its source and column (nested ones first),
-- a field table per struct for the JSON reader, write_json() per struct for output, and
-- sqlc::op::field for `a.b.c` (NULL when a row on the way is NULL).
CREATE STREAM orders (
  id INT,
  customer ROW<name STRING, address ROW<city STRING, zip INT>>,
  amount DOUBLE
) WITH ('connector' = 'filesystem', 'path' = 'in.jsonl', 'format' = 'json');
SELECT id, customer.name AS name, orders.customer.address.city AS city, customer.address.zip + 1 AS next_zip,
       customer.address AS address, customer
FROM orders
WHERE customer.address.city IS NOT NULL OR id > 2;
