SET 'table.exec.source.idle-timeout' = 'soon';
CREATE STREAM s (a INT) WITH ('connector' = 'stdin', 'format' = 'json');
SELECT a FROM s;
