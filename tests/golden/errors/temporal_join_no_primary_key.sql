-- A temporal join needs a versioned table: its rows are versions of their PRIMARY KEY.
CREATE STREAM orders (currency STRING, order_time TIMESTAMP(3), WATERMARK FOR order_time AS order_time)
WITH ('connector' = 'filesystem', 'path' = 'orders.jsonl', 'format' = 'json');
CREATE TABLE rates (currency STRING, rate INT, update_time TIMESTAMP(3), WATERMARK FOR update_time AS update_time)
WITH ('connector' = 'filesystem', 'path' = 'rates.jsonl', 'format' = 'json');
SELECT o.currency, r.rate FROM orders AS o JOIN rates FOR SYSTEM_TIME AS OF o.order_time AS r ON o.currency = r.currency;
