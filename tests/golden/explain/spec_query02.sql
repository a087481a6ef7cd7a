-- Spec section 4, Query 2, verbatim after the shared DDL.
CREATE STREAM llm_requests (
  request_id VARCHAR, model_id VARCHAR, user_id VARCHAR, region VARCHAR, experiment_id VARCHAR,
  variant VARCHAR, error_code VARCHAR, prompt_text VARCHAR, timestamp_ms BIGINT,
  latency_ms DOUBLE, tokens_used INT, cost DOUBLE,
  event_time AS TO_TIMESTAMP_LTZ(timestamp_ms, 3),
  WATERMARK FOR event_time AS event_time - INTERVAL '30' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'llm_requests.jsonl', 'format' = 'json');
CREATE STREAM user_feedback (
  request_id VARCHAR, rating INT, feedback_text VARCHAR, timestamp_ms BIGINT,
  event_time AS TO_TIMESTAMP_LTZ(timestamp_ms, 3),
  WATERMARK FOR event_time AS event_time - INTERVAL '30' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'user_feedback.jsonl', 'format' = 'json');
CREATE STREAM error_events (
  request_id VARCHAR, error_code VARCHAR, error_message VARCHAR, timestamp_ms BIGINT,
  event_time AS TO_TIMESTAMP_LTZ(timestamp_ms, 3),
  WATERMARK FOR event_time AS event_time - INTERVAL '30' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'error_events.jsonl', 'format' = 'json');
CREATE TABLE model_configs (
  model_id VARCHAR, max_tokens INT, temperature DOUBLE, cost_per_token DOUBLE, max_qps DOUBLE
) WITH ('connector' = 'filesystem', 'path' = 'model_configs.jsonl', 'format' = 'json');

SELECT
    model_id,
    window_start,
    AVG(latency_ms) as avg_latency,
    PERCENTILE_CONT(0.50) WITHIN GROUP (ORDER BY latency_ms) as p50_latency,
    PERCENTILE_CONT(0.95) WITHIN GROUP (ORDER BY latency_ms) as p95_latency,
    PERCENTILE_CONT(0.99) WITHIN GROUP (ORDER BY latency_ms) as p99_latency,
    MAX(latency_ms) as max_latency
FROM TABLE(
    TUMBLE(TABLE llm_requests, DESCRIPTOR(event_time), INTERVAL '5' MINUTES)
)
GROUP BY model_id, window_start
EMIT AFTER WATERMARK;
