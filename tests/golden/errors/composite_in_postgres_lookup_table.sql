-- A PostgreSQL lookup TABLE reads scalar columns: ARRAY, MAP, ROW and BYTES columns are refused
-- there (a file TABLE keeps them: e2e composite_in_lookup_table).
CREATE STREAM s (k VARCHAR, proc AS PROCTIME()) WITH ('connector' = 'filesystem', 'path' = 's.jsonl', 'format' = 'json');
CREATE TABLE dim (k VARCHAR, names ARRAY<VARCHAR>)
WITH ('connector' = 'jdbc', 'url' = 'jdbc:postgresql://localhost:5432/db', 'table-name' = 'dim');
SELECT s.k, d.names[1] AS name FROM s JOIN dim FOR SYSTEM_TIME AS OF s.proc AS d ON s.k = d.k;
