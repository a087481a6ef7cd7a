CREATE STREAM clicks (user_id VARCHAR, amount INT)
WITH ('connector' = 'kafka', 'topic' = 'clicks', 'properties.bootstrap.servers' = 'localhost:9092',
      'scan.startup.mode' = 'specific-offsets', 'scan.startup.specific-offsets' = 'partition:0,offset:42', 'format' = 'json');
SELECT user_id FROM clicks;
