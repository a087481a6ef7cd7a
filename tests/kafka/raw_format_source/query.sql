CREATE STREAM logs (line STRING)
WITH ('connector' = 'kafka', 'topic' = 'logs', 'properties.bootstrap.servers' = '127.0.0.1:1',
      'scan.startup.mode' = 'earliest-offset', 'scan.bounded.mode' = 'latest-offset', 'format' = 'raw');
CREATE TABLE out_rows (line STRING, n INT)
WITH ('connector' = 'kafka', 'topic' = 'out', 'properties.bootstrap.servers' = '127.0.0.1:1', 'format' = 'json');
INSERT INTO out_rows SELECT line, CHAR_LENGTH(line) FROM logs WHERE line NOT LIKE 'POST%';
