-- Query 4: per category, the average winning price of its auctions, a winning price being the
-- highest bid on the auction between its start and its expiry. Flink runs the comma join as a
-- regular join (A.expires is no time attribute) and both GROUP BYs as updating aggregates: the
-- final state is this batch result. AVG of a BIGINT is a BIGINT in Flink (the long sum divided
-- by the count, truncated), hence SUM // COUNT, exact where a DOUBLE average could round.
WITH Q AS (
  SELECT MAX(B.price) AS final, A.category
  FROM auction A JOIN bid B ON A.id = B.auction
  WHERE B.dateTime BETWEEN A.dateTime AND A.expires
  GROUP BY A.id, A.category
)
SELECT category AS id, SUM(final) // COUNT(final) AS final
FROM Q
GROUP BY category;
