CREATE STREAM clicks (user_id VARCHAR, amount INT)
WITH ('connector' = 'kafka', 'topic' = 'clicks', 'properties.bootstrap.servers' = 'localhost:9092',
      'scan.startup.mode' = 'timestamp', 'format' = 'json');
SELECT user_id FROM clicks;
