-- A job of several queries writes each to a table of its own: a bare SELECT (stdout) beside an
-- INSERT INTO is refused.
CREATE STREAM events (id INT, kind STRING) WITH ('connector' = 'filesystem', 'path' = 'e.jsonl', 'format' = 'json');
CREATE TABLE errors (id INT) WITH ('connector' = 'filesystem', 'path' = 'errors.jsonl', 'format' = 'json');
INSERT INTO errors SELECT id FROM events WHERE kind = 'err';
SELECT id FROM events;
