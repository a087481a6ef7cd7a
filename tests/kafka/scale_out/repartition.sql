-- The repartitioning job the refusal names: reads the events from a topic that is not keyed by
-- user (here one partition) and writes each one keyed by user_id (an 'upsert-kafka' key), so
-- the scaled-out job can read them with 'key.fields' = 'user_id'. Bounded: it ends at the
-- topic's end.
CREATE STREAM clicks (user_id VARCHAR, ts_ms BIGINT, amount INT)
WITH ('connector' = 'kafka', 'topic' = 'clicks_unkeyed', 'properties.bootstrap.servers' = '127.0.0.1:1',
      'scan.startup.mode' = 'earliest-offset', 'scan.bounded.mode' = 'latest-offset', 'format' = 'json');
CREATE TABLE clicks_by_user (user_id STRING, ts_ms BIGINT, amount INT, PRIMARY KEY (user_id) NOT ENFORCED)
WITH ('connector' = 'upsert-kafka', 'topic' = 'clicks_by_user', 'properties.bootstrap.servers' = '127.0.0.1:1',
      'key.format' = 'json', 'value.format' = 'json');
INSERT INTO clicks_by_user SELECT user_id, ts_ms, amount FROM clicks;
