-- A PostgreSQL lookup table's WITH clause: a url that is not PostgreSQL's, no 'table-name', a
-- cache size and a ttl that are not a number and a duration.
CREATE STREAM s (k VARCHAR, v INT) WITH ('connector' = 'filesystem', 'path' = 's.jsonl', 'format' = 'json');
CREATE TABLE dim (k VARCHAR, name VARCHAR)
WITH ('connector' = 'jdbc', 'url' = 'jdbc:mysql://db:3306/app', 'lookup.cache.max-rows' = 'many',
      'lookup.cache.ttl' = '10 fortnights');
SELECT s.k, d.name FROM s JOIN dim AS d ON s.k = d.k;
