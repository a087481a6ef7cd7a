-- DISTINCT in the two-argument aggregates (CORR, COVAR_*) is not supported yet.
CREATE STREAM llm_requests (
  request_id VARCHAR, model_id VARCHAR, user_id VARCHAR, timestamp_ms BIGINT,
  latency_ms DOUBLE, tokens_used INT, cost DOUBLE,
  event_time AS TO_TIMESTAMP_LTZ(timestamp_ms, 3),
  WATERMARK FOR event_time AS event_time - INTERVAL '30' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'llm_requests.jsonl', 'format' = 'json');
SELECT window_start, CORR(DISTINCT tokens_used, cost)
FROM TABLE(TUMBLE(TABLE llm_requests, DESCRIPTOR(event_time), INTERVAL '1' MINUTE))
GROUP BY window_start;
