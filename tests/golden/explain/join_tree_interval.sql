-- Spec query 20 (adapted: a fixed timestamp for CURRENT_TIMESTAMP): an interval join whose input is another interval join.
CREATE STREAM llm_requests (request_id VARCHAR, model_id VARCHAR, latency_ms INT, event_time TIMESTAMP(3),
  WATERMARK FOR event_time AS event_time - INTERVAL '1' SECOND)
WITH ('connector' = 'filesystem', 'path' = 'llm_requests.jsonl', 'format' = 'json');
CREATE STREAM error_events (request_id VARCHAR, error_code VARCHAR, error_message VARCHAR, event_time TIMESTAMP(3),
  WATERMARK FOR event_time AS event_time - INTERVAL '1' SECOND)
WITH ('connector' = 'filesystem', 'path' = 'error_events.jsonl', 'format' = 'json');
CREATE STREAM user_feedback (request_id VARCHAR, rating INT, event_time TIMESTAMP(3),
  WATERMARK FOR event_time AS event_time - INTERVAL '1' SECOND)
WITH ('connector' = 'filesystem', 'path' = 'user_feedback.jsonl', 'format' = 'json');
SELECT
    req.request_id,
    req.model_id,
    req.latency_ms,
    err.error_code,
    err.error_message,
    fb.rating
FROM llm_requests req
LEFT JOIN error_events err
    ON req.request_id = err.request_id
    AND err.event_time BETWEEN req.event_time AND req.event_time + INTERVAL '5' SECONDS
LEFT JOIN user_feedback fb
    ON req.request_id = fb.request_id
    AND fb.event_time BETWEEN req.event_time AND req.event_time + INTERVAL '10' MINUTES
WHERE req.event_time > TIMESTAMP '2024-01-01 00:00:00';
