-- CUMULATE: running totals per hour, every 10 minutes, with a 5-minute offset.
CREATE STREAM llm_requests (
  request_id VARCHAR, model_id VARCHAR, user_id VARCHAR, timestamp_ms BIGINT,
  latency_ms DOUBLE, tokens_used INT, cost DOUBLE,
  event_time AS TO_TIMESTAMP_LTZ(timestamp_ms, 3),
  WATERMARK FOR event_time AS event_time - INTERVAL '30' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'llm_requests.jsonl', 'format' = 'json');

SELECT window_start, window_end, SUM(cost) AS spent
FROM TABLE(CUMULATE(TABLE llm_requests, DESCRIPTOR(event_time), INTERVAL '10' MINUTE, INTERVAL '1' HOUR, INTERVAL '5' MINUTE))
GROUP BY window_start, window_end;
