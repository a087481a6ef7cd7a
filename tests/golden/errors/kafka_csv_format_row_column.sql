CREATE STREAM clicks (user_id STRING, device ROW<os STRING, version INT>)
WITH ('connector' = 'kafka', 'topic' = 'clicks', 'properties.bootstrap.servers' = 'localhost:9092',
      'scan.startup.mode' = 'earliest-offset', 'format' = 'csv');
SELECT user_id FROM clicks;
