CREATE STREAM clicks (user_id VARCHAR, amount INT, ts TIMESTAMP(3))
WITH ('connector' = 'kafka', 'topic' = 'clicks', 'properties.bootstrap.servers' = '127.0.0.1:1',
      'scan.startup.mode' = 'earliest-offset', 'scan.bounded.mode' = 'latest-offset', 'format' = 'csv');
CREATE TABLE out_rows (user_id STRING, amount INT, ts TIMESTAMP(3))
WITH ('connector' = 'kafka', 'topic' = 'out', 'properties.bootstrap.servers' = '127.0.0.1:1', 'format' = 'json');
INSERT INTO out_rows SELECT user_id, amount, ts FROM clicks;
