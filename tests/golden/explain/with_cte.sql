-- WITH items expanded in place like views; the second renames the first's columns.
CREATE STREAM llm_requests (
  model_id VARCHAR, timestamp_ms BIGINT, latency_ms DOUBLE
) WITH ('connector' = 'filesystem', 'path' = 'input.jsonl', 'format' = 'json');
WITH fast AS (SELECT model_id, latency_ms FROM llm_requests WHERE latency_ms < 500),
     doubled (m, d) AS (SELECT model_id, latency_ms * 2 FROM fast)
SELECT * FROM doubled WHERE m <> 'b';
