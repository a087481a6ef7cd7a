-- A LEFT lookup join against a PostgreSQL table with a lookup cache, FOR SYSTEM_TIME AS OF the
-- stream's processing-time attribute: the key becomes query parameters, the password is
-- resolved from the environment when the job starts.
CREATE STREAM orders (order_id VARCHAR, model_id VARCHAR, tokens INT, proc_time AS PROCTIME())
WITH ('connector' = 'filesystem', 'path' = 'orders.jsonl', 'format' = 'json');
CREATE TABLE models (model_id VARCHAR, version INT, price DECIMAL(10, 4), released TIMESTAMP(3))
WITH ('connector' = 'postgres', 'url' = 'jdbc:postgresql://db.internal:5432/catalog', 'table-name' = 'public.models',
      'username' = 'reader', 'password' = '${MODELS_PASSWORD}',
      'lookup.cache.max-rows' = '10000', 'lookup.cache.ttl' = '1 min', 'lookup.max-retries' = '5');
SELECT o.order_id, m.price, o.tokens * m.price AS cost
FROM orders AS o LEFT JOIN models FOR SYSTEM_TIME AS OF o.proc_time AS m
  ON o.model_id = m.model_id AND m.version = o.tokens + 1;
