-- X'..' needs two hexadecimal digits per byte.
CREATE STREAM s (id INT, b BYTES) WITH ('connector' = 'filesystem', 'path' = 'in.jsonl', 'format' = 'json');
SELECT b = X'abc' AS odd, b = X'zz' AS not_hex FROM s;
