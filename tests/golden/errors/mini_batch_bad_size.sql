-- 'table.exec.mini-batch.size' is a positive number of rows.
SET 'table.exec.mini-batch.size' = '5 s';
