-- Spec section 4, Query 8, verbatim after the shared DDL.
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
    event_time,
    latency_ms,
    AVG(latency_ms) OVER (
        PARTITION BY model_id
        ORDER BY event_time
        ROWS BETWEEN 99 PRECEDING AND CURRENT ROW
    ) as moving_avg_100,
    AVG(latency_ms) OVER (
        PARTITION BY model_id
        ORDER BY event_time
        RANGE BETWEEN INTERVAL '5' MINUTES PRECEDING AND CURRENT ROW
    ) as time_based_avg
FROM llm_requests;
