-- Spec section 4, Query 17, verbatim after the shared DDL, plus a SELECT from its view.
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

CREATE VIEW enriched_requests AS
SELECT
    r.request_id,
    r.model_id,
    r.latency_ms,
    r.tokens_used,
    r.cost,
    c.max_tokens,
    c.temperature,
    c.cost_per_token,
    CASE
        WHEN r.latency_ms < 500 THEN 'fast'
        WHEN r.latency_ms < 2000 THEN 'normal'
        ELSE 'slow'
    END as latency_category,
    CASE
        WHEN r.cost > c.cost_per_token * c.max_tokens * 0.8 THEN 'high'
        WHEN r.cost < c.cost_per_token * c.max_tokens * 0.2 THEN 'low'
        ELSE 'medium'
    END as cost_category
FROM llm_requests r
LEFT JOIN model_configs c ON r.model_id = c.model_id;
SELECT * FROM enriched_requests;
