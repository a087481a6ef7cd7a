-- A LEFT lookup join: the rest of the pipeline runs per match, or once with NULLs.
CREATE STREAM orders (order_id VARCHAR, model_id VARCHAR, tokens INT)
WITH ('connector' = 'filesystem', 'path' = 'input.jsonl', 'format' = 'json');
CREATE TABLE models (model_id VARCHAR, provider VARCHAR, price DOUBLE)
WITH ('connector' = 'filesystem', 'path' = 'models.jsonl', 'format' = 'json');
SELECT o.order_id, m.provider, o.tokens * m.price AS cost
FROM orders AS o LEFT JOIN models AS m ON o.model_id = m.model_id AND m.price > 0
WHERE o.tokens > 1;
