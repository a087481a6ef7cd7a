-- Query 9: each auction with its winning bid: the highest valid bid (between the auction's start
-- and its expiry), the earliest of equal ones. A regular join then a Top-1 per auction in Flink:
-- the final state of its changelog is this batch result. At the suite's rate (200 events/s) every
-- bid has its own millisecond, so the ORDER BY picks one row per auction.
SELECT id, itemName, description, initialBid, reserve, dateTime, expires, seller, category, extra,
       auction, bidder, price, bid_dateTime, bid_extra
FROM (
  SELECT A.*, B.auction, B.bidder, B.price, B.dateTime AS bid_dateTime, B.extra AS bid_extra,
         ROW_NUMBER() OVER (PARTITION BY A.id ORDER BY B.price DESC, B.dateTime ASC) AS rownum
  FROM auction A JOIN bid B ON A.id = B.auction
  WHERE B.dateTime BETWEEN A.dateTime AND A.expires
)
WHERE rownum <= 1;
