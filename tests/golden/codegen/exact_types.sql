-- Lowering of the exact and temporal types: DECIMAL values as int64 with the scale in the call
-- (rescale before +, exact * and / with the result's scale, write_decimal<scale>), DATE and TIME as
-- int32, NOT NULL columns read as plain values (the reader enforces them), a year-month INTERVAL
-- as TIMESTAMPADD.
CREATE STREAM orders (id BIGINT NOT NULL, price DECIMAL(10, 2), qty INT, day DATE, at TIME(3), ms BIGINT,
  ts AS TO_TIMESTAMP_LTZ(ms, 3))
WITH ('connector' = 'filesystem', 'path' = 'orders.jsonl', 'format' = 'json');
SELECT id + 1 AS next_id, price + 0.5 AS plus_half, price * qty AS total, price / 3 AS third,
       ROUND(price, 1) AS rounded, CAST(day AS TIMESTAMP(3)) AS midnight, HOUR(at) AS h,
       ts + INTERVAL '1' MONTH AS next_month
FROM orders
WHERE day >= DATE '2024-01-01';
