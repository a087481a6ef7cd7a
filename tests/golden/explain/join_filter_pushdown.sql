CREATE STREAM users (user_id VARCHAR, name VARCHAR)
WITH ('connector' = 'filesystem', 'path' = 'users.jsonl', 'format' = 'json');
CREATE STREAM clicks (user_id VARCHAR, url VARCHAR, ts TIMESTAMP(3), WATERMARK FOR ts AS ts)
WITH ('connector' = 'filesystem', 'path' = 'clicks.jsonl', 'format' = 'json');
SELECT c.url, u.name FROM clicks AS c JOIN users AS u ON c.user_id = u.user_id
WHERE c.url <> '/b' AND u.name <> 'blocked' AND (c.url = '/a' OR u.name = 'ann2');
