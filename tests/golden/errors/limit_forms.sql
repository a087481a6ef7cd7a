-- LIMIT over an updating result, and OFFSET on a stream.
CREATE STREAM s (id VARCHAR, v INT) WITH ('connector' = 'filesystem', 'path' = 'input.jsonl', 'format' = 'json');
SELECT id, COUNT(*) AS n FROM s GROUP BY id LIMIT 3;
SELECT id FROM s LIMIT 3 OFFSET 1;
