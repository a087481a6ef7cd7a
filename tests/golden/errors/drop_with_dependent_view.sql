-- DROP refuses to drop a stream a view depends on unless CASCADE is given.
CREATE STREAM clicks (user_id STRING, url STRING)
WITH ('connector' = 'filesystem', 'path' = 'clicks.jsonl', 'format' = 'json');
CREATE VIEW api_clicks AS SELECT user_id FROM clicks WHERE url LIKE '/api/%';
DROP STREAM clicks;
