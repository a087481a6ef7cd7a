-- Spec Query 8 (OVER windows, not supported yet): must be a diagnostic, not a crash.
-- (INTERVAL '5' MINUTE instead of the spec's MINUTES so the parse itself is not the issue.)
CREATE STREAM llm_requests (
  request_id VARCHAR, model_id VARCHAR, user_id VARCHAR, timestamp_ms BIGINT,
  latency_ms DOUBLE, tokens_used INT, cost DOUBLE,
  event_time AS TO_TIMESTAMP_LTZ(timestamp_ms, 3),
  WATERMARK FOR event_time AS event_time - INTERVAL '30' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'llm_requests.jsonl', 'format' = 'json');

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
        RANGE BETWEEN INTERVAL '5' MINUTE PRECEDING AND CURRENT ROW
    ) as time_based_avg
FROM llm_requests;
