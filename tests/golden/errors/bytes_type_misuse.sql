-- BYTES values: only CAST to and from STRING, comparison with BYTES, CHAR_LENGTH and TO_BASE64;
-- not string functions, not CASTs to other types, not a lookup TABLE column (not supported yet).
CREATE STREAM events (id INT, data BYTES, s STRING)
WITH ('connector' = 'filesystem', 'path' = 'in.jsonl', 'format' = 'json');
SELECT UPPER(data) AS a, data = s AS b, CAST(data AS INT) AS c, CAST(id AS BYTES) AS d, data || s AS e FROM events;
CREATE TABLE blobs (id INT, payload BYTES) WITH ('connector' = 'filesystem', 'path' = 'blobs.jsonl', 'format' = 'json');
SELECT e.id, b.payload FROM events AS e JOIN blobs FOR SYSTEM_TIME AS OF PROCTIME() AS b ON e.id = b.id;
