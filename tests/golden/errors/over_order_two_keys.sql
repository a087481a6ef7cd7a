-- A Top-N ordered by two keys (Flink accepts it) is not supported yet, not an invalid window.
CREATE STREAM bid (auction BIGINT, price BIGINT, date_time TIMESTAMP(3), WATERMARK FOR date_time AS date_time - INTERVAL '4' SECOND) WITH ('connector' = 'filesystem', 'path' = 'bid.jsonl', 'format' = 'json');
SELECT * FROM (SELECT auction, price, ROW_NUMBER() OVER (PARTITION BY auction ORDER BY date_time DESC, price) AS rn FROM bid) WHERE rn <= 1;
