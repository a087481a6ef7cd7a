-- The job-wide idle timeout must be a duration.
SET 'table.exec.source.idle-timeout' = 'soon';
CREATE STREAM s (a INT) WITH ('connector' = 'filesystem', 'path' = 's.jsonl', 'format' = 'json');
SELECT a FROM s;
