-- ROW_NUMBER, RANK, DENSE_RANK and LAG over event time: positions in the partition, computed
-- once the watermark passes a row; LAG keeps the rows it reaches back to.
CREATE STREAM llm_requests (
  request_id VARCHAR, model_id VARCHAR, timestamp_ms BIGINT, latency_ms DOUBLE,
  event_time AS TO_TIMESTAMP_LTZ(timestamp_ms, 3),
  WATERMARK FOR event_time AS event_time - INTERVAL '30' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'llm_requests.jsonl', 'format' = 'json');

SELECT model_id, request_id,
  ROW_NUMBER() OVER (PARTITION BY model_id ORDER BY event_time) AS rn,
  RANK() OVER (PARTITION BY model_id ORDER BY event_time) AS rk,
  DENSE_RANK() OVER (PARTITION BY model_id ORDER BY event_time) AS drk,
  latency_ms - LAG(latency_ms, 2, 0.0) OVER (PARTITION BY model_id ORDER BY event_time) AS change2
FROM llm_requests;
