-- DROP names the kind of object: a view is not dropped by DROP STREAM.
CREATE STREAM clicks (user_id STRING, url STRING)
WITH ('connector' = 'filesystem', 'path' = 'clicks.jsonl', 'format' = 'json');
CREATE VIEW api_clicks AS SELECT user_id FROM clicks WHERE url LIKE '/api/%';
DROP STREAM api_clicks;
