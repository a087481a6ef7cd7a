-- Mini-batch on a GROUP BY over another GROUP BY's changelog (Nexmark q4's shape): each folds its
-- own batches; the inner one's batch end writes its net changes into the outer one, then ends
-- the outer one's batch.
SET 'table.exec.mini-batch.enabled' = 'true';
SET 'table.exec.mini-batch.allow-latency' = '2 s';
SET 'table.exec.mini-batch.size' = '50000';
CREATE STREAM s (id INT, cat VARCHAR, price INT) WITH ('connector' = 'filesystem', 'path' = 'input.jsonl', 'format' = 'json');
SELECT cat, AVG(final) AS avg_final
FROM (SELECT id, cat, MAX(price) AS final FROM s GROUP BY id, cat) AS q
GROUP BY cat;
