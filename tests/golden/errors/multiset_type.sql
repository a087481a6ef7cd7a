-- MULTISET (Flink's bag type) is refused with a pointer to the types that read a JSON array.
CREATE STREAM s (id INT, tags MULTISET<STRING>)
WITH ('connector' = 'filesystem', 'path' = 's.jsonl', 'format' = 'json');
SELECT id FROM s;
