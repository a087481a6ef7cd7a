-- A ROW_NUMBER() ranked by anything but the event time needs `WHERE rn <= N` on its result (a
-- Top-N); without one it is not supported yet: a diagnostic, not a crash.
CREATE STREAM llm_requests (
  request_id VARCHAR, model_id VARCHAR, user_id VARCHAR, timestamp_ms BIGINT,
  latency_ms DOUBLE, tokens_used INT, cost DOUBLE,
  event_time AS TO_TIMESTAMP_LTZ(timestamp_ms, 3),
  WATERMARK FOR event_time AS event_time - INTERVAL '30' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'llm_requests.jsonl', 'format' = 'json');

SELECT model_id, latency_ms,
       ROW_NUMBER() OVER (PARTITION BY model_id ORDER BY latency_ms DESC) AS rn
FROM llm_requests;
