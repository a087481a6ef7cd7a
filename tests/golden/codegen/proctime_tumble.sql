-- A processing-time TUMBLE: rows are placed by the clock, and the clock is the watermark.
CREATE STREAM llm_requests (
  request_id VARCHAR, model_id VARCHAR, user_id VARCHAR, timestamp_ms BIGINT,
  latency_ms DOUBLE, tokens_used INT, cost DOUBLE,
  pt AS PROCTIME()
) WITH ('connector' = 'filesystem', 'path' = 'llm_requests.jsonl', 'format' = 'json');
SELECT model_id, window_start, COUNT(*) AS requests
FROM TABLE(TUMBLE(TABLE llm_requests, DESCRIPTOR(pt), INTERVAL '1' MINUTE))
GROUP BY model_id, window_start, window_end;
