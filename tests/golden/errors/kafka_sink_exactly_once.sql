-- Exactly-once Kafka sinks are refused until their restart path can be crash-tested.
CREATE STREAM clicks (user_id STRING, ts TIMESTAMP(3))
WITH ('connector' = 'filesystem', 'path' = 'clicks.jsonl', 'format' = 'json');
CREATE TABLE out_topic (user_id STRING)
WITH ('connector' = 'kafka', 'topic' = 'out', 'properties.bootstrap.servers' = 'localhost:9092', 'format' = 'json',
      'sink.delivery-guarantee' = 'exactly-once', 'sink.transactional-id-prefix' = 'clicks');
INSERT INTO out_topic SELECT user_id FROM clicks;
