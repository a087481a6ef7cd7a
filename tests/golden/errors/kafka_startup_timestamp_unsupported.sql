CREATE STREAM clicks (user_id VARCHAR, amount INT)
WITH ('connector' = 'kafka', 'topic' = 'clicks', 'properties.bootstrap.servers' = 'localhost:9092',
      'scan.startup.mode' = 'timestamp', 'scan.startup.timestamp-millis' = '1700000000000', 'format' = 'json');
SELECT user_id FROM clicks;
