-- Spec section 4, Query 15, verbatim after the shared DDL.
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
    AVG(CAST(rating AS DOUBLE)) as avg_rating,
    CORR(latency_ms, CAST(rating AS DOUBLE)) as latency_rating_correlation
FROM llm_requests r
JOIN user_feedback f ON r.request_id = f.request_id
GROUP BY model_id, TUMBLE(r.event_time, INTERVAL '1' HOUR');
