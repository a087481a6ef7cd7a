-- A query with several inputs (here UNION ALL) does not share a statement set's sources yet.
CREATE STREAM a (id INT) WITH ('connector' = 'filesystem', 'path' = 'a.jsonl', 'format' = 'json');
CREATE STREAM b (id INT) WITH ('connector' = 'filesystem', 'path' = 'b.jsonl', 'format' = 'json');
CREATE TABLE ids (id INT) WITH ('connector' = 'filesystem', 'path' = 'ids.jsonl', 'format' = 'json');
CREATE TABLE a_ids (id INT) WITH ('connector' = 'filesystem', 'path' = 'a_ids.jsonl', 'format' = 'json');
BEGIN STATEMENT SET;
INSERT INTO a_ids SELECT id FROM a;
INSERT INTO ids SELECT id FROM a UNION ALL SELECT id FROM b;
END;
