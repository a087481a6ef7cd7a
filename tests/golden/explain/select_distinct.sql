-- SELECT DISTINCT: a group aggregate keyed by every selected column, without aggregates.
CREATE STREAM llm_requests (model_id VARCHAR, region VARCHAR, latency_ms DOUBLE)
WITH ('connector' = 'filesystem', 'path' = 'llm_requests.jsonl', 'format' = 'json');

SELECT DISTINCT model_id, region FROM llm_requests WHERE latency_ms > 1000;
