CREATE STREAM clicks (
  user_id VARCHAR, amount INT,
  pt AS PROCTIME()
) WITH ('connector' = 'kafka', 'topic' = 'clicks', 'properties.bootstrap.servers' = '127.0.0.1:1',
        'properties.group.id' = 'sqlc-test', 'scan.startup.mode' = 'earliest-offset', 'format' = 'json');
CREATE TABLE totals (user_id STRING, n BIGINT, total INT)
WITH ('connector' = 'kafka', 'topic' = 'totals', 'properties.bootstrap.servers' = '127.0.0.1:1', 'format' = 'json');
INSERT INTO totals
SELECT user_id, COUNT(*), SUM(amount)
FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(pt), INTERVAL '1' SECOND))
GROUP BY window_start, window_end, user_id;
