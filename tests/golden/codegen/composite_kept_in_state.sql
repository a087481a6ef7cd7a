-- ARRAY, MAP and ROW columns (an ARRAY of ROW among them) kept by deduplication: the kept row
-- holds sqlc::Kept deep copies (runtime kept_value.h), filled by set_key and read back through
-- sqlc::agg::view for expressions and the JSON writers.
CREATE STREAM orders (
  id INT, items ARRAY<ROW<sku STRING, qty INT>>, attrs MAP<STRING, INT>, customer ROW<name STRING>,
  ts TIMESTAMP(3), WATERMARK FOR ts AS ts
) WITH ('connector' = 'filesystem', 'path' = 'orders.jsonl', 'format' = 'json');
SELECT id, items[1].sku AS first_sku, items, attrs['a'] AS a, customer.name AS name
FROM (SELECT id, items, attrs, customer, ROW_NUMBER() OVER (PARTITION BY id ORDER BY ts DESC) AS rn FROM orders)
WHERE rn = 1;
