-- CUBE over a HOP window: every subset of (model_id, region), each with window_start.
CREATE STREAM llm_requests (
  request_id VARCHAR, model_id VARCHAR, user_id VARCHAR, region VARCHAR, timestamp_ms BIGINT,
  latency_ms DOUBLE, tokens_used INT, cost DOUBLE,
  event_time AS TO_TIMESTAMP_LTZ(timestamp_ms, 3),
  WATERMARK FOR event_time AS event_time - INTERVAL '30' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'llm_requests.jsonl', 'format' = 'json');
SELECT model_id, region, window_start, GROUPING(model_id, region) AS level, SUM(cost) AS spent
FROM TABLE(HOP(TABLE llm_requests, DESCRIPTOR(event_time), INTERVAL '5' MINUTE, INTERVAL '15' MINUTE))
GROUP BY window_start, window_end, CUBE(model_id, region);
