-- 'format' = 'csv' on a Kafka sink (Flink's csv format): fields in column order, quoted only
-- when they hold the delimiter, a quote or a line break; NULL is an empty field. The key is csv
-- too ('key.format' = 'csv', 'key.fields' = 'user_id'); the value keeps every column (ALL).
CREATE STREAM clicks (user_id STRING, amount DECIMAL(10, 2), note STRING, ts TIMESTAMP(3))
WITH ('connector' = 'kafka', 'topic' = 'clicks', 'properties.bootstrap.servers' = '127.0.0.1:1',
      'scan.startup.mode' = 'earliest-offset', 'scan.bounded.mode' = 'latest-offset', 'format' = 'json');
CREATE TABLE out_rows (user_id STRING, amount DECIMAL(10, 2), note STRING, ts TIMESTAMP(3), ok BOOLEAN)
WITH ('connector' = 'kafka', 'topic' = 'out', 'properties.bootstrap.servers' = '127.0.0.1:1',
      'key.format' = 'csv', 'key.fields' = 'user_id', 'format' = 'csv');
INSERT INTO out_rows SELECT user_id, amount, note, ts, amount > 10 FROM clicks;
