CREATE STREAM clicks (user_id STRING, amount INT)
WITH ('connector' = 'filesystem', 'path' = 'clicks.jsonl', 'format' = 'json');
CREATE TABLE out_rows (user_id STRING, amount INT)
WITH ('connector' = 'filesystem', 'path' = 'out.csv', 'format' = 'csv');
INSERT INTO out_rows SELECT user_id, amount FROM clicks;
