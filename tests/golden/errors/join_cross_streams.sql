-- A true cross join of two streams (no equality between them in ON or WHERE): not supported yet.
CREATE STREAM s (k VARCHAR, v INT) WITH ('connector' = 'filesystem', 'path' = 's.jsonl', 'format' = 'json');
CREATE STREAM other (k VARCHAR, w INT) WITH ('connector' = 'filesystem', 'path' = 'other.jsonl', 'format' = 'json');
SELECT s.k, o.w FROM s, other AS o;
SELECT s.k, o.w FROM s CROSS JOIN other AS o WHERE s.v > o.w AND s.k <> 'x';
SELECT s.k, o.w FROM s JOIN other AS o ON TRUE;
