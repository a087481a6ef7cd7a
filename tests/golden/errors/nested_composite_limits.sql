-- Nested composites the reader cannot describe yet: an ARRAY of ARRAY and MAP values that are
-- MAPs (an ARRAY of ROW, MAP values that are ROWs and NOT NULL elements work: e2e nested_composites,
-- not_null_elements).
CREATE STREAM a (id INT, grid ARRAY<ARRAY<INT>>) WITH ('connector' = 'filesystem', 'path' = 'a.jsonl', 'format' = 'json');
CREATE STREAM b (id INT, m MAP<STRING, MAP<STRING, INT>>) WITH ('connector' = 'filesystem', 'path' = 'b.jsonl', 'format' = 'json');
SELECT id FROM a;
