-- Warnings for state that grows without bound come with the run's errors: a GROUP BY without
-- a window keeps every key, COUNT(DISTINCT) without a window every value (the sink error keeps
-- this file from compiling; warnings alone do not fail a build).
CREATE STREAM clicks (user_id STRING, url STRING)
WITH ('connector' = 'filesystem', 'path' = 'in.jsonl', 'format' = 'json');
CREATE TABLE per_user (user_id STRING, urls BIGINT)
WITH ('connector' = 'kafka', 'topic' = 'per_user', 'properties.bootstrap.servers' = 'localhost:9092', 'format' = 'json');
INSERT INTO per_user SELECT user_id, COUNT(DISTINCT url) FROM clicks GROUP BY user_id;
