-- Allowed lateness on sessions kept per a part of the GROUP BY keys is not planned yet.
CREATE STREAM llm_requests (
  request_id VARCHAR, model_id VARCHAR, user_id VARCHAR, timestamp_ms BIGINT,
  latency_ms DOUBLE, tokens_used INT, cost DOUBLE,
  event_time AS TO_TIMESTAMP_LTZ(timestamp_ms, 3),
  WATERMARK FOR event_time AS event_time - INTERVAL '30' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'llm_requests.jsonl', 'format' = 'json');
SELECT model_id, user_id, window_start, COUNT(*) AS requests
FROM TABLE(SESSION(TABLE llm_requests PARTITION BY model_id, DESCRIPTOR(event_time), INTERVAL '1' MINUTE))
GROUP BY model_id, user_id, window_start
EMIT AFTER WATERMARK WITH DELAY INTERVAL '2' MINUTE;
