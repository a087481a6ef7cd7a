-- The lookup tables the PostgreSQL tests join against (loaded by run_postgres_tests.py).
-- Rows are inserted in this order into fresh heap tables, so a key's rows come back in it.
CREATE TABLE models (
  model_id varchar(20),
  provider text,
  price double precision,
  cost numeric(8, 3),
  max_tokens integer,
  released timestamp(3),
  active boolean
);
INSERT INTO models VALUES
  ('a', 'openai', 0.5, 1.25, 100, '2024-01-02 03:04:05.678', true),
  ('b', 'anthropic', 2.0, 0.1, 10, '2023-12-31 23:59:59', false),
  ('b', 'mirror', 3.0, NULL, NULL, NULL, NULL),
  (NULL, 'null key', 9.0, 9, 9, NULL, true);

CREATE SCHEMA crm;
CREATE TABLE crm.users (id bigint PRIMARY KEY, name text, tier integer);
INSERT INTO crm.users VALUES (1, 'ann', 1), (2, 'bob', 0), (3, 'cy', 2);

-- Changed by the ttl case while its job runs.
CREATE TABLE prices (model_id text, price integer);
INSERT INTO prices VALUES ('a', 1);
