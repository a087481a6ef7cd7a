-- A view whose definition fails is reported once, at its definition; the query that uses it
-- adds no "unknown view" error of its own.
CREATE STREAM s (k VARCHAR, v INT) WITH ('connector' = 'filesystem', 'path' = 's.jsonl', 'format' = 'json');
CREATE VIEW broken AS SELECT k, missing_column FROM s;
SELECT k FROM broken;
