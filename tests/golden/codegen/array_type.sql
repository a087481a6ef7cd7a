-- ARRAY columns: a Nullable<sqlc::ArrayRef<T>> member per column, FieldType::Array with the
-- element type in the reader's field table, sqlc::op::array_element for `arr[i]`,
-- sqlc::op::cardinality, and sqlc::write_array with the element writer for output.
CREATE STREAM events (
  id INT,
  tags ARRAY<STRING>,
  prices ARRAY<DECIMAL(10, 2)>
) WITH ('connector' = 'filesystem', 'path' = 'in.jsonl', 'format' = 'json');
SELECT id, tags[id] AS tag, prices[1] AS first_price, CARDINALITY(tags) AS n, prices
FROM events
WHERE CARDINALITY(tags) > 0;
