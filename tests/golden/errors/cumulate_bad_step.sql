-- CUMULATE needs a size that is a whole number of steps.
CREATE STREAM llm_requests (
  request_id VARCHAR, model_id VARCHAR, user_id VARCHAR, timestamp_ms BIGINT,
  latency_ms DOUBLE, tokens_used INT, cost DOUBLE,
  event_time AS TO_TIMESTAMP_LTZ(timestamp_ms, 3),
  WATERMARK FOR event_time AS event_time - INTERVAL '30' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'llm_requests.jsonl', 'format' = 'json');

SELECT window_start, COUNT(*) FROM TABLE(CUMULATE(TABLE llm_requests, DESCRIPTOR(event_time), INTERVAL '7' MINUTE, INTERVAL '1' HOUR))
GROUP BY window_start;
