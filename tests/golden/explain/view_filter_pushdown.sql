-- A view is expanded in place; the outer WHERE moves through its projection (the projected
-- expression is substituted) and lands right above the scan, next to the view's own filter.
CREATE STREAM llm_requests (
  request_id VARCHAR, model_id VARCHAR, timestamp_ms BIGINT,
  latency_ms DOUBLE, tokens_used INT, cost DOUBLE
) WITH ('connector' = 'filesystem', 'path' = 'llm_requests.jsonl', 'format' = 'json');

CREATE VIEW expensive AS
SELECT model_id, cost * 1000 AS milli_cost, tokens_used
FROM llm_requests
WHERE cost > 0.01;

SELECT model_id, milli_cost FROM expensive WHERE milli_cost > 50 AND tokens_used > 100;
