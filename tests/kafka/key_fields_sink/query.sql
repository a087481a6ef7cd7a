-- A 'kafka' sink whose message key is built from 'key.fields' ('key.format' = 'json', names
-- without 'key.fields-prefix'), so a downstream consumer partitions by them; the value holds
-- the other columns ('value.fields-include' = 'EXCEPT_KEY').
CREATE STREAM clicks (user_id STRING, day INT, amount INT)
WITH ('connector' = 'kafka', 'topic' = 'clicks', 'properties.bootstrap.servers' = '127.0.0.1:1',
      'scan.startup.mode' = 'earliest-offset', 'scan.bounded.mode' = 'latest-offset', 'format' = 'json');
CREATE TABLE keyed (k_user STRING, k_day INT, amount INT)
WITH ('connector' = 'kafka', 'topic' = 'keyed', 'properties.bootstrap.servers' = '127.0.0.1:1',
      'key.format' = 'json', 'key.fields' = 'k_user;k_day', 'key.fields-prefix' = 'k_',
      'value.format' = 'json', 'value.fields-include' = 'EXCEPT_KEY');
INSERT INTO keyed SELECT user_id, day, amount FROM clicks;
