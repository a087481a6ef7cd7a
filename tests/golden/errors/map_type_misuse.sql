-- MAP values: a key of the wrong type, comparing whole MAPs, a function, CAST and an aggregate of
-- a MAP, GROUP BY a MAP, CARDINALITY of NULL, MAP key and value types that are not supported yet
-- (ROW values and NOT NULL keys or values work),
-- and constructors without items, with an odd count, without a common type or only NULLs.
CREATE STREAM events (id INT, name STRING, attrs MAP<STRING, INT>, counts MAP<BIGINT, DOUBLE>)
WITH ('connector' = 'filesystem', 'path' = 'in.jsonl', 'format' = 'json');
SELECT attrs[1] AS a, counts['x'] AS b, attrs = attrs AS c, UPPER(attrs) AS d, CAST(attrs AS STRING) AS e FROM events;
SELECT attrs, COUNT(*) AS n FROM events GROUP BY attrs;
SELECT MAX(counts) AS m, COUNT(counts) AS n FROM events;
SELECT CARDINALITY(NULL) AS o, MAP_KEYS(attrs)[1] AS p FROM events;
SELECT ARRAY[] AS a, MAP['k'] AS b, ARRAY[1, 'x'] AS c, ARRAY[NULL] AS d, MAP[1.5, 2] AS e, MAP['a', NULL, 'b', NULL] AS f FROM events;
CREATE STREAM nested (a MAP<DOUBLE, INT>, b MAP<STRING, ROW<x INT>>, c MAP<STRING, ARRAY<INT>>, d MAP<STRING NOT NULL, INT>)
WITH ('connector' = 'filesystem', 'path' = 'in.jsonl', 'format' = 'json');
