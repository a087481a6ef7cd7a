-- CROSS JOIN UNNEST(arr) (one row per element) is not supported yet: the refusal names UNNEST,
-- not the CROSS JOIN around it (a CROSS JOIN of two streams works).
CREATE STREAM s (id INT, tags ARRAY<STRING>) WITH ('connector' = 'filesystem', 'path' = 's.jsonl', 'format' = 'json');
SELECT id, t.x FROM s CROSS JOIN UNNEST(tags) AS t(x);
