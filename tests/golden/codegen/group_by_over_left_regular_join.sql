CREATE STREAM users (user_id VARCHAR, name VARCHAR) WITH ('connector' = 'filesystem', 'path' = 'users.jsonl', 'format' = 'json');
CREATE STREAM clicks (user_id VARCHAR, url VARCHAR) WITH ('connector' = 'filesystem', 'path' = 'clicks.jsonl', 'format' = 'json');
SELECT u.name, COUNT(*) AS n, COUNT(u.user_id) AS matched, MAX(c.url) AS hi
FROM clicks AS c LEFT JOIN users AS u ON c.user_id = u.user_id
GROUP BY u.name;
