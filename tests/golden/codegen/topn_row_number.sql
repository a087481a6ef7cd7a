-- Top-N with its row number: the 2 cheapest requests per model; a row entering the top 2
-- renumbers the rows after it (-U / +U per number).
CREATE STREAM llm_requests (
  request_id VARCHAR, model_id VARCHAR, timestamp_ms BIGINT, cost DOUBLE
) WITH ('connector' = 'filesystem', 'path' = 'llm_requests.jsonl', 'format' = 'json');

SELECT model_id, request_id, cost, rn
FROM (
  SELECT model_id, request_id, cost, ROW_NUMBER() OVER (PARTITION BY model_id ORDER BY cost, request_id DESC) AS rn
  FROM llm_requests
)
WHERE 2 >= rn;
