-- Mini-batch folds one updating operator per job so far: a Top-N over a GROUP BY refuses it.
SET 'table.exec.mini-batch.enabled' = 'true';
SET 'table.exec.mini-batch.allow-latency' = '2 s';
SET 'table.exec.mini-batch.size' = '50000';
CREATE STREAM llm_requests (
  request_id VARCHAR, model_id VARCHAR, user_id VARCHAR, timestamp_ms BIGINT,
  latency_ms DOUBLE, tokens_used INT, cost DOUBLE,
  event_time AS TO_TIMESTAMP_LTZ(timestamp_ms, 3),
  WATERMARK FOR event_time AS event_time - INTERVAL '30' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'llm_requests.jsonl', 'format' = 'json');
SELECT * FROM (
  SELECT model_id, n, ROW_NUMBER() OVER (ORDER BY n DESC) AS rn
  FROM (SELECT model_id, COUNT(*) AS n FROM llm_requests GROUP BY model_id))
WHERE rn <= 2;
