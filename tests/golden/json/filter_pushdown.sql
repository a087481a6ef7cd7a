-- A WHERE on the window TVF's output that only uses source columns: it can be pushed below the
-- window assignment to the scan; the plan after rewrites should show the Filter under WindowTVF.
CREATE STREAM llm_requests (
  request_id VARCHAR, model_id VARCHAR, user_id VARCHAR, timestamp_ms BIGINT,
  latency_ms DOUBLE, tokens_used INT, cost DOUBLE,
  event_time AS TO_TIMESTAMP_LTZ(timestamp_ms, 3),
  WATERMARK FOR event_time AS event_time - INTERVAL '30' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'llm_requests.jsonl', 'format' = 'json');

SELECT model_id, window_start, COUNT(*) AS slow_requests
FROM TABLE(TUMBLE(TABLE llm_requests, DESCRIPTOR(event_time), INTERVAL '1' MINUTE))
WHERE latency_ms > 1000 AND model_id <> 'gpt-4o-mini'
GROUP BY model_id, window_start, window_end;
