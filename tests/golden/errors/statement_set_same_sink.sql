-- Two statements of a statement set writing one table would write one file twice.
CREATE STREAM events (id INT, kind STRING) WITH ('connector' = 'filesystem', 'path' = 'e.jsonl', 'format' = 'json');
CREATE TABLE errors (id INT) WITH ('connector' = 'filesystem', 'path' = 'errors.jsonl', 'format' = 'json');
EXECUTE STATEMENT SET BEGIN
INSERT INTO errors SELECT id FROM events WHERE kind = 'err';
INSERT INTO errors SELECT id FROM events WHERE kind = 'fatal';
END;
