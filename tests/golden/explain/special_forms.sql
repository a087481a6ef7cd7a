-- The keyword forms become the registry's positional calls: TRIM(LEADING c FROM s) is
-- LTRIM(s, c), POSITION(a IN b) is POSITION(a, b), FLOOR(ts TO HOUR) is FLOOR(HOUR, ts);
-- ts + a year-month interval is TIMESTAMPADD(MONTH, n, ts) (a column's months are cast);
-- day-time literals with TO are milliseconds; TRY_CAST and CAST keep their names' semantics.
CREATE STREAM t (s STRING, ts TIMESTAMP(3), d DATE)
WITH ('connector' = 'filesystem', 'path' = 'in.jsonl', 'format' = 'json');
SELECT TRIM(LEADING 'x' FROM s) AS a, TRIM(BOTH FROM s) AS b, POSITION('l' IN s) AS c,
       SUBSTRING(s FROM 2 FOR 3) AS e, OVERLAY(s PLACING 'Z' FROM 2) AS f,
       FLOOR(ts TO HOUR) AS g, CEILING(ts TO DAY) AS h,
       ts - INTERVAL '1-6' YEAR TO MONTH AS i, d + INTERVAL '2' YEAR AS j,
       ts + INTERVAL '2 12' DAY TO HOUR AS k, INTERVAL '1:30' MINUTE TO SECOND AS l
FROM t
WHERE TRY_CAST(s AS INT) > 0 OR CAST(s AS DOUBLE) < 0;
