-- ROW values: a misspelt field (the fields are listed in the type), a field of a value that is not a ROW,
-- comparing whole ROWs, a function of a ROW, GROUP BY a ROW (its fields can be grouped), and
-- a first part that names neither a table nor a column.
CREATE STREAM orders (id INT, customer ROW<name STRING, city STRING>)
WITH ('connector' = 'filesystem', 'path' = 'in.jsonl', 'format' = 'json');
SELECT customer.nmae AS a, id.x AS b, customer = customer AS c, UPPER(customer) AS d FROM orders;
SELECT customer, COUNT(*) AS n FROM orders GROUP BY customer;
SELECT custmer.name AS a, nope.customer.name AS b FROM orders;
