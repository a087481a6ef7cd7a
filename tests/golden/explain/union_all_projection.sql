CREATE STREAM clicks (user_id VARCHAR, ts TIMESTAMP(3), n INT, WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
WITH ('connector' = 'filesystem', 'path' = 'clicks.jsonl', 'format' = 'json');
CREATE STREAM views (user_id VARCHAR, ts TIMESTAMP(3), n BIGINT, WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
WITH ('connector' = 'filesystem', 'path' = 'views.jsonl', 'format' = 'json');
SELECT 'click' AS kind, user_id, n FROM clicks WHERE n > 1
UNION ALL
SELECT 'view', UPPER(user_id), n FROM views;
