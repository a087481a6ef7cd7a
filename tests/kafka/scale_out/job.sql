-- Scale-out test job: TUMBLE 10 s per user over a 4-partition topic keyed by user_id
-- ('key.fields' declares it, so --scale-out checks it against the GROUP BY). The topics and the
-- group come from the environment, so each run of the test has its own.
CREATE STREAM clicks (
  user_id VARCHAR, ts_ms BIGINT, amount INT,
  ts AS TO_TIMESTAMP_LTZ(ts_ms, 3),
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH ('connector' = 'kafka', 'topic' = '${IN_TOPIC}', 'properties.bootstrap.servers' = '127.0.0.1:1',
        'properties.group.id' = '${GROUP}', 'scan.startup.mode' = 'earliest-offset',
        'key.format' = 'json', 'key.fields' = 'user_id',
        'properties.session.timeout.ms' = '3000', 'properties.heartbeat.interval.ms' = '300',
        'format' = 'json');
CREATE TABLE totals (window_start TIMESTAMP(3), user_id STRING, n BIGINT, total INT)
WITH ('connector' = 'kafka', 'topic' = '${OUT_TOPIC}', 'properties.bootstrap.servers' = '127.0.0.1:1', 'format' = 'json');
INSERT INTO totals
SELECT window_start, user_id, COUNT(*), SUM(amount)
FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY window_start, window_end, user_id;
