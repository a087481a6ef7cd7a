-- Statistical and value aggregates with FILTER: the state types and the guarded updates.
CREATE STREAM llm_requests (
  request_id VARCHAR, model_id VARCHAR, user_id VARCHAR, timestamp_ms BIGINT,
  latency_ms DOUBLE, tokens_used INT, cost DOUBLE,
  event_time AS TO_TIMESTAMP_LTZ(timestamp_ms, 3),
  WATERMARK FOR event_time AS event_time - INTERVAL '30' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'llm_requests.jsonl', 'format' = 'json');
SELECT model_id, window_start, COUNT(DISTINCT user_id) AS users, STDDEV_POP(latency_ms) AS latency_stddev,
  VAR_SAMP(tokens_used) AS tokens_var, CORR(tokens_used, cost) AS tokens_cost_corr, LISTAGG(user_id, ';') AS user_list,
  FIRST_VALUE(request_id) AS first_request, COUNT(*) FILTER (WHERE latency_ms > 1000) AS slow,
  APPROX_COUNT_DISTINCT(user_id) AS approx_users, APPROX_PERCENTILE(latency_ms, 0.99) AS approx_p99
FROM TABLE(TUMBLE(TABLE llm_requests, DESCRIPTOR(event_time), INTERVAL '1' MINUTE))
GROUP BY model_id, window_start;
