-- 'topic' as a list: the source reads both topics (3 partitions in all), each partition with its
-- own watermark, and commits its offsets per topic and partition to the group: the second run
-- (produce2.sh) reads only what came after the first.
CREATE STREAM clicks (
  user_id VARCHAR, ts_ms BIGINT, amount INT,
  ts AS TO_TIMESTAMP_LTZ(ts_ms, 3),
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH ('connector' = 'kafka', 'topic' = 'clicks_a; clicks_b', 'properties.bootstrap.servers' = '127.0.0.1:1',
        'properties.group.id' = 'topic-list', 'properties.auto.offset.reset' = 'earliest',
        'scan.startup.mode' = 'group-offsets', 'scan.bounded.mode' = 'latest-offset', 'format' = 'json');
CREATE TABLE totals (window_start TIMESTAMP(3), user_id STRING, n BIGINT, total INT)
WITH ('connector' = 'kafka', 'topic' = 'totals', 'properties.bootstrap.servers' = '127.0.0.1:1', 'format' = 'json');
INSERT INTO totals
SELECT window_start, user_id, COUNT(*), SUM(amount)
FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY window_start, window_end, user_id;
