-- 'format' = 'raw' on a Kafka sink: the one STRING column is the whole message value, as it is.
CREATE STREAM clicks (user_id STRING, amount INT)
WITH ('connector' = 'kafka', 'topic' = 'clicks', 'properties.bootstrap.servers' = '127.0.0.1:1',
      'scan.startup.mode' = 'earliest-offset', 'scan.bounded.mode' = 'latest-offset', 'format' = 'json');
CREATE TABLE lines (line STRING)
WITH ('connector' = 'kafka', 'topic' = 'lines', 'properties.bootstrap.servers' = '127.0.0.1:1', 'format' = 'raw');
INSERT INTO lines SELECT user_id || ' spent "' || CAST(amount AS STRING) || '", 100%' FROM clicks;
