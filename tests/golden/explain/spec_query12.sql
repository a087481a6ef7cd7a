-- Spec section 4, Query 12, verbatim after the shared DDL.
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

WITH current_load AS (
    SELECT
        model_id,
        COUNT(*) / 60.0 as current_qps
    FROM TABLE(
        TUMBLE(TABLE llm_requests, DESCRIPTOR(event_time), INTERVAL '1' MINUTE)
    )
    GROUP BY model_id, window_start
)
SELECT
    cl.model_id,
    cl.current_qps,
    mc.max_qps,
    (cl.current_qps / mc.max_qps) * 100.0 as capacity_pct
FROM current_load cl
JOIN model_configs mc
ON cl.model_id = mc.model_id
WHERE (cl.current_qps / mc.max_qps) > 0.8;  -- Alert at 80% capacity
