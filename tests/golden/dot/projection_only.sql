-- A stateless query: Scan -> Filter -> Project -> Sink, insert-only, no window, no state.
CREATE STREAM llm_requests (
  request_id VARCHAR, model_id VARCHAR, user_id VARCHAR, timestamp_ms BIGINT,
  latency_ms DOUBLE, tokens_used INT, cost DOUBLE,
  event_time AS TO_TIMESTAMP_LTZ(timestamp_ms, 3),
  WATERMARK FOR event_time AS event_time - INTERVAL '30' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'llm_requests.jsonl', 'format' = 'json');

SELECT model_id, event_time, tokens_used * 2 AS double_tokens, cost / tokens_used AS cost_per_token
FROM llm_requests
WHERE cost > 0.01 AND tokens_used IS NOT NULL;
