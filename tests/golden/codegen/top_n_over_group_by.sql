CREATE STREAM s (cat VARCHAR, id INT, amount INT) WITH ('connector' = 'filesystem', 'path' = 'input.jsonl', 'format' = 'json');
SELECT cat, id, total, rn FROM (
  SELECT cat, id, total, ROW_NUMBER() OVER (PARTITION BY cat ORDER BY total DESC) AS rn
  FROM (SELECT cat, id, SUM(amount) AS total FROM s GROUP BY cat, id)
) WHERE rn <= 2;
