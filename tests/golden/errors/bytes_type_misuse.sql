-- BYTES values: only CAST to and from STRING, comparison with BYTES, CHAR_LENGTH and TO_BASE64;
-- not string functions, not CASTs to other types (a file lookup TABLE keeps BYTES columns: e2e
-- composite_in_lookup_table).
CREATE STREAM events (id INT, data BYTES, s STRING)
WITH ('connector' = 'filesystem', 'path' = 'in.jsonl', 'format' = 'json');
SELECT UPPER(data) AS a, data = s AS b, CAST(data AS INT) AS c, CAST(id AS BYTES) AS d, data || s AS e FROM events;
