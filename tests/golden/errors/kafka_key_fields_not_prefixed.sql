CREATE STREAM clicks (user_id STRING, region STRING, amount INT)
WITH ('connector' = 'kafka', 'topic' = 'clicks', 'properties.bootstrap.servers' = 'localhost:9092',
      'key.format' = 'json', 'key.fields' = 'user_id;region', 'key.fields-prefix' = 'user_', 'value.fields-include' = 'EXCEPT_KEY');
SELECT user_id, amount FROM clicks;
