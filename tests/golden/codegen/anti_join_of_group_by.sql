-- NOT IN over a GROUP BY ... HAVING subquery (Nexmark q104's shape): a null-aware anti join whose
-- subquery is a changelog; every auction is kept with its number of partners.
CREATE STREAM auction (id INT, name VARCHAR) WITH ('connector' = 'filesystem', 'path' = 'auction.jsonl', 'format' = 'json');
CREATE STREAM bid (auction INT, price INT) WITH ('connector' = 'filesystem', 'path' = 'bid.jsonl', 'format' = 'json');
SELECT a.id, a.name FROM auction AS a WHERE a.id NOT IN (SELECT b.auction FROM bid AS b GROUP BY b.auction HAVING COUNT(*) < 2);
