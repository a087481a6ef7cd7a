-- Nested composites the reader cannot describe yet: an ARRAY of ARRAY, MAP values that are MAPs,
-- and NOT NULL fields inside the ROW elements of an ARRAY (only columns and ROW columns' fields
-- are checked).
CREATE STREAM a (id INT, grid ARRAY<ARRAY<INT>>) WITH ('connector' = 'filesystem', 'path' = 'a.jsonl', 'format' = 'json');
CREATE STREAM b (id INT, m MAP<STRING, MAP<STRING, INT>>) WITH ('connector' = 'filesystem', 'path' = 'b.jsonl', 'format' = 'json');
CREATE STREAM c (id INT, items ARRAY<ROW<sku STRING NOT NULL>>) WITH ('connector' = 'filesystem', 'path' = 'c.jsonl', 'format' = 'json');
SELECT id FROM a;
