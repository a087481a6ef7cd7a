-- 'topic-pattern': every topic whose whole name matches (metrics-a, metrics-b; not metrics-ab
-- nor other), resolved when the job starts.
CREATE STREAM metrics (name STRING, v INT)
WITH ('connector' = 'kafka', 'topic-pattern' = 'metrics-[ab]', 'properties.bootstrap.servers' = '127.0.0.1:1',
      'scan.startup.mode' = 'earliest-offset', 'scan.bounded.mode' = 'latest-offset', 'format' = 'json');
CREATE TABLE out_rows (name STRING, v INT)
WITH ('connector' = 'kafka', 'topic' = 'out', 'properties.bootstrap.servers' = '127.0.0.1:1', 'format' = 'json');
INSERT INTO out_rows SELECT name, v FROM metrics;
