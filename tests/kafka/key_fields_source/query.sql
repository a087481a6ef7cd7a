-- 'key.format' = 'json', 'key.fields' with a 'key.fields-prefix' and 'value.fields-include' =
-- 'EXCEPT_KEY': k_user and k_region come from the message key (whose fields are user and region),
-- amount from the value; the value's own "k_user" field is not read.
CREATE STREAM clicks (k_user STRING, k_region STRING, amount INT)
WITH ('connector' = 'kafka', 'topic' = 'clicks', 'properties.bootstrap.servers' = '127.0.0.1:1',
      'scan.startup.mode' = 'earliest-offset', 'scan.bounded.mode' = 'latest-offset',
      'key.format' = 'json', 'key.fields' = 'k_user;k_region', 'key.fields-prefix' = 'k_',
      'value.format' = 'json', 'value.fields-include' = 'EXCEPT_KEY');
CREATE TABLE out_rows (user_id STRING, region STRING, amount INT)
WITH ('connector' = 'kafka', 'topic' = 'out', 'properties.bootstrap.servers' = '127.0.0.1:1', 'format' = 'json');
INSERT INTO out_rows SELECT k_user, k_region, amount FROM clicks;
