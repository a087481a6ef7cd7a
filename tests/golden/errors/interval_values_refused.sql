-- INTERVAL misuse Flink refuses (subtracting two times, INTERVAL * INTERVAL, a number divided by an
-- INTERVAL, mixing the two kinds), and what sqlc refuses for now: a non-integer factor, CASTs but to STRING.
CREATE STREAM events (id INT, ts TIMESTAMP(3), iv INTERVAL DAY TO SECOND, ym INTERVAL YEAR TO MONTH)
WITH ('connector' = 'filesystem', 'path' = 'in.jsonl', 'format' = 'json');
SELECT ts - ts AS a, iv * 1.5 AS b, iv * iv AS c, 2 / iv AS d, iv + ym AS e, iv = ym AS f FROM events;
SELECT CAST(iv AS BIGINT) AS g, CAST(id AS INTERVAL DAY) AS h, CAST('1' AS INTERVAL DAY) AS i FROM events;
