CREATE STREAM clicks (user_id VARCHAR, amount INT)
WITH ('connector' = 'kafka', 'topic' = 'clicks', 'properties.bootstrap.servers' = 'localhost:9092', 'format' = 'json');
CREATE TABLE totals (user_id STRING, total INT)
WITH ('connector' = 'upsert-kafka', 'topic' = 'totals', 'properties.bootstrap.servers' = 'localhost:9092',
      'key.format' = 'json', 'value.format' = 'json');
INSERT INTO totals SELECT user_id, SUM(amount) FROM clicks GROUP BY user_id;
