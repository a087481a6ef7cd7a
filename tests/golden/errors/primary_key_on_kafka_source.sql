-- PRIMARY KEY is only understood on an upsert-kafka sink (its message key).
CREATE STREAM clicks (user_id VARCHAR, amount INT, PRIMARY KEY (user_id) NOT ENFORCED)
WITH ('connector' = 'kafka', 'topic' = 'clicks', 'properties.bootstrap.servers' = 'localhost:9092', 'format' = 'json');
SELECT user_id FROM clicks;
