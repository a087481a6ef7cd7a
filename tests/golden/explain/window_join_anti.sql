-- A window anti join: NOT EXISTS on window_start, window_end and a key of two TUMBLE windows; a
-- left row comes out when its window closes without a matching right row.
CREATE STREAM l (name VARCHAR, num INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
WITH ('connector' = 'filesystem', 'path' = 'l.jsonl', 'format' = 'json');
CREATE STREAM r (name VARCHAR, num INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
WITH ('connector' = 'filesystem', 'path' = 'r.jsonl', 'format' = 'json');
SELECT L.window_start, L.name, L.num
FROM (SELECT * FROM TABLE(TUMBLE(TABLE l, DESCRIPTOR(ts), INTERVAL '5' SECOND))) L
WHERE NOT EXISTS (
  SELECT * FROM (SELECT * FROM TABLE(TUMBLE(TABLE r, DESCRIPTOR(ts), INTERVAL '5' SECOND))) R
  WHERE L.name = R.name AND L.window_start = R.window_start AND L.window_end = R.window_end AND R.num > L.num);
