-- Spec Query 4: cost per model per 1-hour tumbling window, grouped by window_start only.
CREATE STREAM llm_requests (
  request_id VARCHAR, model_id VARCHAR, user_id VARCHAR, timestamp_ms BIGINT,
  latency_ms DOUBLE, tokens_used INT, cost DOUBLE,
  event_time AS TO_TIMESTAMP_LTZ(timestamp_ms, 3),
  WATERMARK FOR event_time AS event_time - INTERVAL '30' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'llm_requests.jsonl', 'format' = 'json');

SELECT
    model_id,
    window_start,
    SUM(cost) as total_cost,
    SUM(tokens_used) as total_tokens,
    AVG(cost) as avg_cost_per_request
FROM TABLE(
    TUMBLE(TABLE llm_requests, DESCRIPTOR(event_time), INTERVAL '1' HOUR)
)
GROUP BY model_id, window_start
EMIT AFTER WATERMARK;
