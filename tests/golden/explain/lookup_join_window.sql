-- INNER lookup join (FOR SYSTEM_TIME AS OF, PRIMARY KEY table, a non-equi condition) under a TUMBLE aggregate.
CREATE STREAM llm_requests (
  request_id VARCHAR, model_id VARCHAR, timestamp_ms BIGINT, tokens_used INT,
  event_time AS TO_TIMESTAMP_LTZ(timestamp_ms, 3),
  WATERMARK FOR event_time AS event_time - INTERVAL '5' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'input.jsonl', 'format' = 'json');
CREATE TABLE model_catalog (
  model_id VARCHAR, provider VARCHAR, max_tokens INT,
  PRIMARY KEY (model_id) NOT ENFORCED
) WITH ('connector' = 'filesystem', 'path' = 'models.jsonl', 'format' = 'json');
SELECT c.provider, window_start, COUNT(*) AS n, SUM(r.tokens_used) AS tokens
FROM TABLE(TUMBLE(TABLE llm_requests, DESCRIPTOR(event_time), INTERVAL '1' MINUTE)) AS r
JOIN model_catalog FOR SYSTEM_TIME AS OF r.event_time AS c
  ON r.model_id = c.model_id AND r.tokens_used <= c.max_tokens
GROUP BY c.provider, window_start, window_end;
