-- DESCRIBE of an unknown object.
CREATE STREAM clicks (user_id STRING, url STRING)
WITH ('connector' = 'filesystem', 'path' = 'clicks.jsonl', 'format' = 'json');
CREATE VIEW api_clicks AS SELECT user_id FROM clicks WHERE url LIKE '/api/%';
DESCRIBE clickz;
