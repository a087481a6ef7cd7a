-- FOR SYSTEM_TIME AS OF needs a time of the stream.
CREATE STREAM s (k VARCHAR, v INT, timestamp_ms BIGINT) WITH ('connector' = 'filesystem', 'path' = 's.jsonl', 'format' = 'json');
CREATE STREAM other (k VARCHAR, w INT) WITH ('connector' = 'filesystem', 'path' = 'other.jsonl', 'format' = 'json');
CREATE TABLE dim (k VARCHAR, name VARCHAR, lo INT) WITH ('connector' = 'filesystem', 'path' = 'dim.jsonl', 'format' = 'json');
SELECT s.k, d.name FROM s JOIN dim FOR SYSTEM_TIME AS OF s.k AS d ON s.k = d.k;
