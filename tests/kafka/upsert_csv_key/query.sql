-- An 'upsert-kafka' sink with 'key.format' = 'csv': the key is the PRIMARY KEY's columns as a
-- csv record; 'value.fields-include' = 'EXCEPT_KEY' leaves them out of the JSON value.
CREATE STREAM clicks (user_id VARCHAR, day INT, amount INT)
WITH ('connector' = 'kafka', 'topic' = 'clicks', 'properties.bootstrap.servers' = '127.0.0.1:1',
      'scan.startup.mode' = 'earliest-offset', 'scan.bounded.mode' = 'latest-offset', 'format' = 'json');
CREATE TABLE totals (user_id STRING, day INT, total INT, PRIMARY KEY (user_id, day) NOT ENFORCED)
WITH ('connector' = 'upsert-kafka', 'topic' = 'totals', 'properties.bootstrap.servers' = '127.0.0.1:1',
      'key.format' = 'csv', 'value.format' = 'json', 'value.fields-include' = 'EXCEPT_KEY');
INSERT INTO totals SELECT user_id, day, SUM(amount) FROM clicks GROUP BY user_id, day;
