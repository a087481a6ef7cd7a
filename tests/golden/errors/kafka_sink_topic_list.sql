CREATE STREAM clicks (user_id STRING, amount INT)
WITH ('connector' = 'kafka', 'topic' = 'clicks;views', 'properties.bootstrap.servers' = 'localhost:9092', 'format' = 'json');
CREATE TABLE out_rows (user_id STRING, amount INT)
WITH ('connector' = 'kafka', 'topic' = 'out;more', 'properties.bootstrap.servers' = 'localhost:9092', 'format' = 'json');
INSERT INTO out_rows SELECT user_id, amount FROM clicks;
