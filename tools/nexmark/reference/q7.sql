-- Query 7: bids whose price is the highest of a 10-second tumbling window, within 10 s before
-- that window's end (the same join as Flink's, on batch data).
WITH windows AS (
  SELECT MAX(price) AS maxprice,
         make_timestamp(((epoch_ms(dateTime) // 10000) * 10000 + 10000) * 1000) AS dateTime
  FROM bid
  GROUP BY epoch_ms(dateTime) // 10000
)
SELECT B.auction, B.bidder, B.price, B.dateTime, B.extra
FROM bid B JOIN windows B1 ON B.price = B1.maxprice
WHERE B.dateTime BETWEEN B1.dateTime - INTERVAL 10 SECOND AND B1.dateTime;
