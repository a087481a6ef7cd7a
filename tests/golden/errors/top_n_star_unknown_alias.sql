-- `t.*` beside a Top-N's ROW_NUMBER names a relation the FROM does not have.
CREATE STREAM bids (
  auction BIGINT, price BIGINT, date_time TIMESTAMP(3),
  WATERMARK FOR date_time AS date_time - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'bids.jsonl', 'format' = 'json');
SELECT *
FROM (
  SELECT x.*, ROW_NUMBER() OVER (PARTITION BY auction ORDER BY price DESC) AS rn
  FROM bids b
)
WHERE rn <= 3;
