-- A source's own 'scan.watermark.idle-timeout' (2 s) wins over the job's SET 'table.exec.source.idle-timeout' (5 s).
SET 'table.exec.source.idle-timeout' = '5 s';
CREATE STREAM clicks (
  user_id VARCHAR, ts_ms BIGINT, amount INT,
  ts AS TO_TIMESTAMP_LTZ(ts_ms, 3),
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH ('connector' = 'kafka', 'topic' = 'clicks', 'properties.bootstrap.servers' = '127.0.0.1:1',
        'properties.group.id' = 'sqlc-test', 'scan.startup.mode' = 'earliest-offset',
        'scan.bounded.mode' = 'latest-offset', 'format' = 'json',
        'scan.watermark.idle-timeout' = '2 s');
CREATE TABLE totals (window_start TIMESTAMP(3), user_id STRING, n BIGINT, total INT)
WITH ('connector' = 'kafka', 'topic' = 'totals', 'properties.bootstrap.servers' = '127.0.0.1:1', 'format' = 'json');
INSERT INTO totals
SELECT window_start, user_id, COUNT(*), SUM(amount)
FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY window_start, window_end, user_id;
