-- 'key.format' = 'raw': the whole message key is user_id; the value is csv without the key's
-- column ('value.fields-include' = 'EXCEPT_KEY'), separated by ';'.
CREATE STREAM clicks (user_id STRING, amount INT, note STRING)
WITH ('connector' = 'kafka', 'topic' = 'clicks', 'properties.bootstrap.servers' = '127.0.0.1:1',
      'scan.startup.mode' = 'earliest-offset', 'scan.bounded.mode' = 'latest-offset',
      'key.format' = 'raw', 'key.fields' = 'user_id', 'value.fields-include' = 'EXCEPT_KEY',
      'format' = 'csv', 'csv.field-delimiter' = ';');
CREATE TABLE out_rows (user_id STRING, amount INT, note STRING)
WITH ('connector' = 'kafka', 'topic' = 'out', 'properties.bootstrap.servers' = '127.0.0.1:1', 'format' = 'json');
INSERT INTO out_rows SELECT user_id, amount * 2, note FROM clicks;
