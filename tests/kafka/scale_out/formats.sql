-- Scale-out over a topic whose key is the user_id ('key.format' = 'raw') and whose value is csv
-- without it ('value.fields-include' = 'EXCEPT_KEY'): job.sql's query on another encoding.
CREATE STREAM clicks (
  user_id VARCHAR, ts_ms BIGINT, amount INT,
  ts AS TO_TIMESTAMP_LTZ(ts_ms, 3),
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH ('connector' = 'kafka', 'topic' = '${IN_TOPIC}', 'properties.bootstrap.servers' = '127.0.0.1:1',
        'properties.group.id' = '${GROUP}', 'scan.startup.mode' = 'earliest-offset',
        'key.format' = 'raw', 'key.fields' = 'user_id', 'value.fields-include' = 'EXCEPT_KEY',
        'properties.session.timeout.ms' = '3000', 'properties.heartbeat.interval.ms' = '300',
        'value.format' = 'csv');
CREATE TABLE totals (window_start TIMESTAMP(3), user_id STRING, n BIGINT, total INT)
WITH ('connector' = 'kafka', 'topic' = '${OUT_TOPIC}', 'properties.bootstrap.servers' = '127.0.0.1:1', 'format' = 'json');
INSERT INTO totals
SELECT window_start, user_id, COUNT(*), SUM(amount)
FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY window_start, window_end, user_id;
