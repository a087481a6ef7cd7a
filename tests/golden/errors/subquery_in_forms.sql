-- IN / EXISTS subqueries that are not semi or anti joins yet.
CREATE STREAM s (k VARCHAR, v INT) WITH ('connector' = 'filesystem', 'path' = 's.jsonl', 'format' = 'json');
CREATE STREAM other (k VARCHAR, w INT) WITH ('connector' = 'filesystem', 'path' = 'other.jsonl', 'format' = 'json');
SELECT s.k FROM s WHERE s.k IN (SELECT o.k FROM other AS o) AND EXISTS (SELECT * FROM other AS p WHERE p.k = s.k);
SELECT s.k FROM s WHERE EXISTS (SELECT * FROM other AS o WHERE o.w > s.v);
SELECT s.k FROM s WHERE s.k IN (SELECT o.k, o.w FROM other AS o);
SELECT g.k FROM (SELECT k FROM s GROUP BY k) AS g WHERE g.k NOT IN (SELECT o.k FROM other AS o);
