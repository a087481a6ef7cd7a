-- TIMESTAMPADD's first argument must be a time unit.
CREATE STREAM s (name STRING, n INT, ms BIGINT, ts AS TO_TIMESTAMP_LTZ(ms, 3))
WITH ('connector' = 'filesystem', 'path' = 'in.jsonl', 'format' = 'json');
SELECT TIMESTAMPADD(FORTNIGHT, 1, ts) FROM s;
