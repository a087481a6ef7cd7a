CREATE STREAM clicks (user_id STRING, region STRING, amount INT)
WITH ('connector' = 'kafka', 'topic' = 'clicks', 'properties.bootstrap.servers' = 'localhost:9092',
      'key.format' = 'raw', 'key.fields' = 'user_id;region');
SELECT user_id, amount FROM clicks;
