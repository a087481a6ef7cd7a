-- Catalog statements run at compile time in script order; a script of only such statements
-- prints their results and exits 0. DROP ... CASCADE drops the views that depend on a stream.
CREATE STREAM clicks (user_id STRING, url STRING, ms BIGINT,
  ts AS TO_TIMESTAMP_LTZ(ms, 3),
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND)
WITH ('connector' = 'filesystem', 'path' = 'clicks.jsonl', 'format' = 'json');
CREATE TABLE users (user_id STRING, name STRING)
WITH ('connector' = 'filesystem', 'path' = 'users.jsonl', 'format' = 'json');
CREATE VIEW api_clicks AS SELECT user_id, UPPER(url) AS url FROM clicks WHERE url LIKE '/api/%';
CREATE VIEW api_users AS SELECT user_id FROM api_clicks;
SHOW STREAMS;
SHOW TABLES;
SHOW VIEWS;
DESCRIBE clicks;
DESCRIBE api_clicks;
DROP STREAM clicks CASCADE;
SHOW VIEWS;
DROP TABLE IF EXISTS nothing_here;
