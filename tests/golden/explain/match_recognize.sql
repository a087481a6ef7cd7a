CREATE STREAM llm_requests (
  model_id VARCHAR, request_id VARCHAR, latency_ms INT, timestamp_ms BIGINT,
  event_time AS TO_TIMESTAMP_LTZ(timestamp_ms, 3),
  WATERMARK FOR event_time AS event_time
) WITH ('connector' = 'filesystem', 'path' = 'input.jsonl', 'format' = 'json');
SELECT *
FROM llm_requests
MATCH_RECOGNIZE (
    PARTITION BY model_id
    ORDER BY event_time
    MEASURES
        A.request_id as first_request,
        LAST(B.request_id) as last_request,
        COUNT(*) as pattern_count
    PATTERN (A B+ C)
    DEFINE
        A AS A.latency_ms < 100,
        B AS B.latency_ms > 1000,
        C AS C.latency_ms < 100
);
