-- Deduplication keeping each request's last version (ORDER BY the event time DESC, rn = 1, the
-- row number not selected): -U / +U when a later version arrives.
CREATE STREAM llm_requests (
  request_id VARCHAR, model_id VARCHAR, timestamp_ms BIGINT, cost DOUBLE,
  event_time AS TO_TIMESTAMP_LTZ(timestamp_ms, 3),
  WATERMARK FOR event_time AS event_time - INTERVAL '30' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'llm_requests.jsonl', 'format' = 'json');

SELECT request_id, model_id, cost
FROM (
  SELECT request_id, model_id, cost,
         ROW_NUMBER() OVER (PARTITION BY request_id ORDER BY event_time DESC) AS row_num
  FROM llm_requests
)
WHERE row_num = 1;
