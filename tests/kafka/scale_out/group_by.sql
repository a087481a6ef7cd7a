-- Scale-out test job: a GROUP BY without a window (an upsert-kafka changelog per user) over a
-- topic keyed by amount ('key.fields'), so --scale-out repartitions it by user_id.
CREATE STREAM clicks (user_id VARCHAR, ts_ms BIGINT, amount INT)
WITH ('connector' = 'kafka', 'topic' = '${IN_TOPIC}', 'properties.bootstrap.servers' = '127.0.0.1:1',
      'properties.group.id' = '${GROUP}', 'scan.startup.mode' = 'earliest-offset',
      'key.format' = 'json', 'key.fields' = 'amount',
      'properties.session.timeout.ms' = '3000', 'properties.heartbeat.interval.ms' = '300',
      'format' = 'json');
CREATE TABLE user_totals (user_id STRING, n BIGINT, total INT, PRIMARY KEY (user_id) NOT ENFORCED)
WITH ('connector' = 'upsert-kafka', 'topic' = '${OUT_TOPIC}', 'properties.bootstrap.servers' = '127.0.0.1:1',
      'key.format' = 'json', 'value.format' = 'json');
INSERT INTO user_totals
SELECT user_id, COUNT(*), SUM(amount) FROM clicks GROUP BY user_id;
