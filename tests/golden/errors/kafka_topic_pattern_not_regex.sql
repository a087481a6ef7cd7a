CREATE STREAM clicks (user_id STRING, amount INT)
WITH ('connector' = 'kafka', 'topic-pattern' = 'clicks-(.*', 'properties.bootstrap.servers' = 'localhost:9092', 'format' = 'json');
SELECT user_id, amount FROM clicks;
