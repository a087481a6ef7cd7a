CREATE STREAM s (id INT, cat VARCHAR, price INT) WITH ('connector' = 'filesystem', 'path' = 'input.jsonl', 'format' = 'json');
SELECT cat, COUNT(DISTINCT final) AS n
FROM (SELECT id, cat, MAX(price) AS final FROM s GROUP BY id, cat) AS q
GROUP BY cat;
