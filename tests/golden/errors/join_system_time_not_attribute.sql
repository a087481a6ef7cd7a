-- FOR SYSTEM_TIME AS OF takes a time attribute of the stream (a PROCTIME() column or its
-- WATERMARK column), not any timestamp: `created` has no WATERMARK.
CREATE STREAM s (k VARCHAR, created TIMESTAMP(3)) WITH ('connector' = 'filesystem', 'path' = 's.jsonl', 'format' = 'json');
CREATE TABLE dim (k VARCHAR, name VARCHAR) WITH ('connector' = 'filesystem', 'path' = 'dim.jsonl', 'format' = 'json');
SELECT s.k, d.name FROM s JOIN dim FOR SYSTEM_TIME AS OF s.created AS d ON s.k = d.k;
