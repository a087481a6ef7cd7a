-- Scale-out over the topics a 'topic-pattern' matches (clicks_even and clicks_odd, co-partitioned:
-- both keyed by user_id, 4 partitions; not clicks_other): read as the list of the matched topics, the task of partition p reads
-- partition p of each. A per-row query, so the rows do not depend on how they interleave.
CREATE STREAM clicks (user_id VARCHAR, ts_ms BIGINT, amount INT)
WITH ('connector' = 'kafka', 'topic-pattern' = 'clicks_(even|odd)', 'properties.bootstrap.servers' = '127.0.0.1:1',
      'properties.group.id' = '${GROUP}', 'scan.startup.mode' = 'earliest-offset',
      'properties.session.timeout.ms' = '3000', 'properties.heartbeat.interval.ms' = '300',
      'format' = 'json');
CREATE TABLE copies (user_id STRING, ts_ms BIGINT, amount INT)
WITH ('connector' = 'kafka', 'topic' = '${OUT_TOPIC}', 'properties.bootstrap.servers' = '127.0.0.1:1', 'format' = 'json');
INSERT INTO copies SELECT user_id, ts_ms, amount FROM clicks;
