-- Spec Query 9 adapted (see tests/e2e/cases/spec_query09_adapted.test): a window Top-N chained after
-- a TUMBLE window aggregate, fed as its windows fire.
CREATE STREAM llm_requests (
  request_id VARCHAR, model_id VARCHAR, timestamp_ms BIGINT, cost DOUBLE,
  event_time AS TO_TIMESTAMP_LTZ(timestamp_ms, 3),
  WATERMARK FOR event_time AS event_time - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'llm_requests.jsonl', 'format' = 'json');
SELECT model_id, window_start, total_cost, rank_num
FROM (
    SELECT model_id, window_start, window_end, total_cost,
        ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY total_cost DESC) as rank_num
    FROM (
        SELECT model_id, window_start, window_end, SUM(cost) as total_cost
        FROM TABLE(
            TUMBLE(TABLE llm_requests, DESCRIPTOR(event_time), INTERVAL '1' HOUR)
        )
        GROUP BY model_id, window_start, window_end
    )
)
WHERE rank_num <= 5;
