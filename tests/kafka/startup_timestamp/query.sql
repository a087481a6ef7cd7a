CREATE STREAM clicks (user_id VARCHAR, amount INT)
WITH ('connector' = 'kafka', 'topic' = 'clicks', 'properties.bootstrap.servers' = '127.0.0.1:1',
      'scan.startup.mode' = 'timestamp', 'scan.startup.timestamp-millis' = '${START}',
      'scan.bounded.mode' = 'latest-offset', 'format' = 'json');
CREATE TABLE out_rows (user_id STRING, amount INT)
WITH ('connector' = 'kafka', 'topic' = 'out', 'properties.bootstrap.servers' = '127.0.0.1:1', 'format' = 'json');
INSERT INTO out_rows SELECT user_id, amount FROM clicks;
