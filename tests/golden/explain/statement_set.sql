-- A statement set: two INSERT INTO over one source, one job that reads orders once.
CREATE STREAM orders (
  order_id INT, customer STRING, amount INT, ts BIGINT,
  order_time AS TO_TIMESTAMP_LTZ(ts, 3),
  WATERMARK FOR order_time AS order_time - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'orders.jsonl', 'format' = 'json');
CREATE TABLE big_orders (order_id INT, amount INT)
WITH ('connector' = 'filesystem', 'path' = 'big.jsonl', 'format' = 'json');
CREATE TABLE per_minute (minute_start TIMESTAMP(3), orders BIGINT, total INT)
WITH ('connector' = 'filesystem', 'path' = 'minutes.jsonl', 'format' = 'json');
EXECUTE STATEMENT SET BEGIN
INSERT INTO big_orders SELECT order_id, amount FROM orders WHERE amount > 100;
INSERT INTO per_minute
SELECT window_start, COUNT(*), SUM(amount)
FROM TABLE(TUMBLE(TABLE orders, DESCRIPTOR(order_time), INTERVAL '1' MINUTE))
GROUP BY window_start, window_end;
END;
