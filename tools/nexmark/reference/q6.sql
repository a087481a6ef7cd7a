-- Query 6: for each auction's winning bid (the highest valid bid, the earliest of equal ones, as
-- Query 9), the average winning price of its seller's auctions over that one and the 10 before it
-- in order of the winning bids' dateTime (ROWS BETWEEN 10 PRECEDING AND CURRENT ROW: 11 rows).
-- Flink refuses this query (an OVER aggregate cannot consume the Top-1's retractions, and the
-- subquery names A and rownum outside their scope); this is its meaning on the final winning bids,
-- the state a changelog must materialize to. AVG of a BIGINT is a BIGINT (truncated), as Query 4.
-- At the suite's rate (200 events/s) every bid has its own millisecond: no ties in either order.
WITH winners AS (
  SELECT A.id, A.seller, B.price, B.dateTime,
         ROW_NUMBER() OVER (PARTITION BY A.id, A.seller ORDER BY B.price DESC, B.dateTime ASC) AS rownum
  FROM auction A JOIN bid B ON A.id = B.auction
  WHERE B.dateTime BETWEEN A.dateTime AND A.expires
)
SELECT seller,
       SUM(price) OVER w // COUNT(price) OVER w AS avg_price
FROM winners
WHERE rownum <= 1
WINDOW w AS (PARTITION BY seller ORDER BY dateTime ROWS BETWEEN 10 PRECEDING AND CURRENT ROW);
