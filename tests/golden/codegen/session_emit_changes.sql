-- EMIT CHANGES on SESSION: rows of the sessions an event joins are retracted when bounds change.
CREATE STREAM llm_requests (
  request_id VARCHAR, model_id VARCHAR, user_id VARCHAR, timestamp_ms BIGINT,
  latency_ms DOUBLE, tokens_used INT, cost DOUBLE,
  event_time AS TO_TIMESTAMP_LTZ(timestamp_ms, 3),
  WATERMARK FOR event_time AS event_time - INTERVAL '30' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'llm_requests.jsonl', 'format' = 'json');
SELECT user_id, window_start, window_end, COUNT(*) AS requests, SUM(tokens_used) AS tokens
FROM TABLE(SESSION(TABLE llm_requests PARTITION BY user_id, DESCRIPTOR(event_time), INTERVAL '10' MINUTE))
GROUP BY user_id, window_start, window_end
EMIT CHANGES;
