-- A true cross join of two streams (no equality between them in ON or WHERE, FROM a, b, CROSS
-- JOIN, ON TRUE) is a regular join without a key, with the warning that its state grows without
-- bound. An outer join needs an equality or a time bound on both sides: refused (and keeps this
-- file from compiling; warnings alone do not fail a build).
CREATE STREAM s (k VARCHAR, v INT) WITH ('connector' = 'filesystem', 'path' = 's.jsonl', 'format' = 'json');
CREATE STREAM other (k VARCHAR, w INT) WITH ('connector' = 'filesystem', 'path' = 'other.jsonl', 'format' = 'json');
CREATE TABLE pairs (k VARCHAR, w INT) WITH ('connector' = 'filesystem', 'path' = 'pairs.jsonl', 'format' = 'json');
CREATE TABLE padded (k VARCHAR, w INT) WITH ('connector' = 'filesystem', 'path' = 'padded.jsonl', 'format' = 'json');
INSERT INTO pairs SELECT s.k, o.w FROM s CROSS JOIN other AS o WHERE s.v > o.w AND s.k <> 'x';
INSERT INTO padded SELECT s.k, o.w FROM s LEFT JOIN other AS o ON s.v > o.w;
