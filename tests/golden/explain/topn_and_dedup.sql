-- Top-N with and without its row number, and keep-last deduplication (the spec's FR-ADV-003).
-- This file's plan: the 3 most expensive requests per model, the row number not selected, so
-- the Rank writes -D / +I only for rows entering and leaving the top 3.
CREATE STREAM llm_requests (
  request_id VARCHAR, model_id VARCHAR, timestamp_ms BIGINT, cost DOUBLE,
  event_time AS TO_TIMESTAMP_LTZ(timestamp_ms, 3),
  WATERMARK FOR event_time AS event_time - INTERVAL '30' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'llm_requests.jsonl', 'format' = 'json');

SELECT model_id, request_id, cost
FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY model_id ORDER BY cost DESC) AS rn
  FROM llm_requests
  WHERE cost > 0
)
WHERE rn <= 3;
