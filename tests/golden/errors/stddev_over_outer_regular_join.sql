CREATE STREAM users (user_id VARCHAR, age INT) WITH ('connector' = 'filesystem', 'path' = 'users.jsonl', 'format' = 'json');
CREATE STREAM clicks (user_id VARCHAR, url VARCHAR) WITH ('connector' = 'filesystem', 'path' = 'clicks.jsonl', 'format' = 'json');
SELECT c.url, STDDEV_POP(u.age) AS spread FROM clicks AS c LEFT JOIN users AS u ON c.user_id = u.user_id GROUP BY c.url;
