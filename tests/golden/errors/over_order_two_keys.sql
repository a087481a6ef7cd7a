-- An OVER aggregate ordered by two keys (Flink accepts a secondary key) is not supported yet, not an invalid window.
CREATE STREAM bid (auction BIGINT, price BIGINT, date_time TIMESTAMP(3), WATERMARK FOR date_time AS date_time - INTERVAL '4' SECOND) WITH ('connector' = 'filesystem', 'path' = 'bid.jsonl', 'format' = 'json');
SELECT auction, SUM(price) OVER (PARTITION BY auction ORDER BY date_time, price ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS recent FROM bid;
