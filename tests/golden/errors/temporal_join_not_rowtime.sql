-- FOR SYSTEM_TIME AS OF a versioned table takes the stream's event-time attribute, not any timestamp.
CREATE STREAM orders (currency STRING, created TIMESTAMP(3), order_time TIMESTAMP(3), WATERMARK FOR order_time AS order_time)
WITH ('connector' = 'filesystem', 'path' = 'orders.jsonl', 'format' = 'json');
CREATE TABLE rates (currency STRING, rate INT, update_time TIMESTAMP(3), WATERMARK FOR update_time AS update_time,
  PRIMARY KEY (currency) NOT ENFORCED)
WITH ('connector' = 'filesystem', 'path' = 'rates.jsonl', 'format' = 'json');
SELECT o.currency, r.rate FROM orders AS o JOIN rates FOR SYSTEM_TIME AS OF o.created AS r ON o.currency = r.currency;
