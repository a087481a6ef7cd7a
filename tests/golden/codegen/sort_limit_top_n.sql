-- ORDER BY ... LIMIT on a stream (Flink's SortLimit): a Top-N over the whole stream without a
-- row number (-D / +I), its RankOrder from the ORDER BY keys.
CREATE STREAM s (id VARCHAR, price INT)
WITH ('connector' = 'filesystem', 'path' = 's.jsonl', 'format' = 'json');
SELECT id, price FROM s ORDER BY price DESC, id LIMIT 3;
