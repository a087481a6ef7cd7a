-- Query 19: the 10 highest bids of each auction with their rank, as the Top-N's changelog leaves
-- them at the end: price descending, bids of equal price in arrival (file) order.
WITH numbered AS (
  SELECT *, row_number() OVER () AS seq FROM bid
), ranked AS (
  SELECT *, row_number() OVER (PARTITION BY auction ORDER BY price DESC, seq ASC) AS rank_number
  FROM numbered
)
SELECT auction, bidder, price, channel, url, dateTime, extra, rank_number FROM ranked WHERE rank_number <= 10;
