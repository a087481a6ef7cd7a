CREATE STREAM s (id INT, cat VARCHAR, price INT) WITH ('connector' = 'filesystem', 'path' = 'input.jsonl', 'format' = 'json');
SELECT cat, COUNT(*) AS n, SUM(final) AS total, MIN(final) AS lo, MAX(final) AS hi
FROM (SELECT id, cat, MAX(price) AS final FROM s GROUP BY id, cat) AS q
WHERE final > 0
GROUP BY cat
HAVING COUNT(*) > 1;
