-- Spec Query 19 adapted (see tests/e2e/cases/spec_query19_adapted.test): LAG in an OVER chained
-- after a HOP window aggregate, ordered by window_start.
CREATE STREAM llm_requests (
  request_id VARCHAR, model_id VARCHAR, timestamp_ms BIGINT, latency_ms DOUBLE,
  event_time AS TO_TIMESTAMP_LTZ(timestamp_ms, 3),
  WATERMARK FOR event_time AS event_time
) WITH ('connector' = 'filesystem', 'path' = 'llm_requests.jsonl', 'format' = 'json');
SELECT
    model_id,
    window_start,
    window_end,
    avg_latency,
    request_count,
    LAG(avg_latency, 1) OVER (PARTITION BY model_id ORDER BY window_start) as prev_avg_latency,
    CASE
        WHEN avg_latency > LAG(avg_latency, 1) OVER (PARTITION BY model_id ORDER BY window_start) * 1.2
        THEN 'INCREASING'
        WHEN avg_latency < LAG(avg_latency, 1) OVER (PARTITION BY model_id ORDER BY window_start) * 0.8
        THEN 'DECREASING'
        ELSE 'STABLE'
    END as trend
FROM (
    SELECT model_id, window_start, window_end, AVG(latency_ms) as avg_latency, COUNT(*) as request_count
    FROM TABLE(
        HOP(TABLE llm_requests,
            DESCRIPTOR(event_time),
            INTERVAL '1' MINUTE,
            INTERVAL '10' MINUTES)
    )
    GROUP BY model_id, window_start, window_end
);
