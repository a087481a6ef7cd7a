-- A script of DDL only, without SHOW / DESCRIBE or a query: nothing to compile (E0902).
CREATE STREAM s (id INT) WITH ('connector' = 'filesystem', 'path' = 's.jsonl', 'format' = 'json');
