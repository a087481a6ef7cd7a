-- MAP columns: the reader's FieldSpec names the key and value types; m['k'] is a lookup;
-- ARRAY[...] and MAP[...] build their values in the string arena (make_array, make_map).
CREATE STREAM events (id INT, attrs MAP<STRING, DECIMAL(10, 2)>, counts MAP<INT, STRING>)
WITH ('connector' = 'filesystem', 'path' = 'in.jsonl', 'format' = 'json');
SELECT id, attrs['x'] AS x, counts[id] AS c, MAP_VALUES(counts) AS vs, attrs,
       ARRAY[id, 2] AS a, MAP['id', id] AS m
FROM events;
