CREATE STREAM orders (id INT, cust INT, proc AS PROCTIME()) WITH ('connector' = 'filesystem', 'path' = 'orders.csv', 'format' = 'csv');
CREATE TABLE customers (cust INT, name STRING) WITH ('connector' = 'filesystem', 'path' = 'customers.csv', 'format' = 'csv');
SELECT o.id, c.name FROM orders AS o JOIN customers FOR SYSTEM_TIME AS OF o.proc AS c ON o.cust = c.cust;
