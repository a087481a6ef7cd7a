-- Query 1 (spec 4.1): request rate by model, 1-minute tumbling windows on event time.
CREATE STREAM llm_requests (
  request_id VARCHAR, model_id VARCHAR, user_id VARCHAR, timestamp_ms BIGINT,
  latency_ms DOUBLE, tokens_used INT, cost DOUBLE,
  event_time AS TO_TIMESTAMP_LTZ(timestamp_ms, 3),
  WATERMARK FOR event_time AS event_time - INTERVAL '30' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'examples/monitoring/llm_requests.jsonl', 'format' = 'json');

SELECT
    model_id,
    window_start,
    window_end,
    COUNT(*) as request_count,
    COUNT(*) / 60.0 as requests_per_second
FROM TABLE(
    TUMBLE(TABLE llm_requests, DESCRIPTOR(event_time), INTERVAL '1' MINUTE)
)
GROUP BY model_id, window_start, window_end;
-- The spec's trailing EMIT CHANGES is left out: windowed EMIT CHANGES is a later issue.
