-- UNION (without ALL) below a UNION ALL, INTERSECT and EXCEPT: not supported yet.
CREATE STREAM a (k INT) WITH ('connector' = 'filesystem', 'path' = 'a.jsonl', 'format' = 'json');
CREATE STREAM b (k INT) WITH ('connector' = 'filesystem', 'path' = 'b.jsonl', 'format' = 'json');
SELECT k FROM a UNION ALL (SELECT k FROM b UNION SELECT k FROM a);
SELECT k FROM a INTERSECT SELECT k FROM b;
SELECT k FROM a EXCEPT SELECT k FROM b;
