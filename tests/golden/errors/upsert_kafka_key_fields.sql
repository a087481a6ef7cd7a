CREATE STREAM clicks (user_id STRING, amount INT)
WITH ('connector' = 'kafka', 'topic' = 'clicks', 'properties.bootstrap.servers' = 'localhost:9092', 'format' = 'json');
CREATE TABLE totals (user_id STRING, total INT, PRIMARY KEY (user_id) NOT ENFORCED)
WITH ('connector' = 'upsert-kafka', 'topic' = 'totals', 'properties.bootstrap.servers' = 'localhost:9092',
      'key.format' = 'json', 'key.fields' = 'user_id', 'value.format' = 'json');
INSERT INTO totals SELECT user_id, SUM(amount) FROM clicks GROUP BY user_id;
