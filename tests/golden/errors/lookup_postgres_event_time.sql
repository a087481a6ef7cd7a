-- FOR SYSTEM_TIME AS OF an event-time attribute needs a versioned table: a PostgreSQL table is
-- looked up as it is when a row is processed, so only a processing-time attribute fits.
CREATE STREAM s (k VARCHAR, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
WITH ('connector' = 'filesystem', 'path' = 's.jsonl', 'format' = 'json');
CREATE TABLE dim (k VARCHAR, name VARCHAR)
WITH ('connector' = 'postgres', 'url' = 'jdbc:postgresql://localhost:5432/app', 'table-name' = 'dim');
SELECT s.k, d.name FROM s JOIN dim FOR SYSTEM_TIME AS OF s.ts AS d ON s.k = d.k;
