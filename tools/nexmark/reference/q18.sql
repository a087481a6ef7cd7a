-- Query 18: the last bid of each bidder on each auction: the latest dateTime; among bids of the
-- same dateTime the one read last (keep-last deduplication). `seq` is the file order.
WITH numbered AS (
  SELECT *, row_number() OVER () AS seq FROM bid
), ranked AS (
  SELECT *, row_number() OVER (PARTITION BY bidder, auction ORDER BY dateTime DESC, seq DESC) AS rank_number
  FROM numbered
)
SELECT auction, bidder, price, channel, url, dateTime, extra FROM ranked WHERE rank_number <= 1;
