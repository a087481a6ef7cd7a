CREATE STREAM clicks (user_id VARCHAR, amount INT)
WITH ('connector' = 'kafka', 'properties.bootstrap.servers' = 'localhost:9092', 'format' = 'json');
SELECT user_id FROM clicks;
