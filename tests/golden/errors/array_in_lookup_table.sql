-- A lookup TABLE keeps its rows for the whole job: ARRAY columns (per-batch memory) are refused there.
CREATE STREAM s (k VARCHAR, v INT, proc AS PROCTIME()) WITH ('connector' = 'filesystem', 'path' = 's.jsonl', 'format' = 'json');
CREATE TABLE dim (k VARCHAR, names ARRAY<VARCHAR>) WITH ('connector' = 'filesystem', 'path' = 'dim.jsonl', 'format' = 'json');
SELECT s.k, d.names[1] AS name FROM s JOIN dim FOR SYSTEM_TIME AS OF s.proc AS d ON s.k = d.k;
