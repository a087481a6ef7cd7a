CREATE STREAM clicks (user_id STRING, tags ARRAY<STRING>)
WITH ('connector' = 'kafka', 'topic' = 'clicks', 'properties.bootstrap.servers' = 'localhost:9092', 'format' = 'json');
CREATE TABLE out_rows (user_id STRING, tags ARRAY<STRING>)
WITH ('connector' = 'kafka', 'topic' = 'out', 'properties.bootstrap.servers' = 'localhost:9092', 'format' = 'csv');
INSERT INTO out_rows SELECT user_id, tags FROM clicks;
