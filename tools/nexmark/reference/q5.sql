-- Query 5: per 10-second window sliding by 2 seconds, the auctions with the most bids. A bid at t
-- lies in the 5 windows starting at floor(t / 2 s) * 2 s - k * 2 s, k = 0..4.
WITH hop AS (
  SELECT auction, (epoch_ms(dateTime) // 2000) * 2000 - k * 2000 AS start_ms
  FROM bid, range(0, 5) AS r(k)
), counts AS (
  SELECT auction, start_ms, COUNT(*) AS num FROM hop GROUP BY auction, start_ms
), maxima AS (
  SELECT start_ms, MAX(num) AS maxn FROM counts GROUP BY start_ms
)
SELECT c.auction, c.num
FROM counts c JOIN maxima m ON c.start_ms = m.start_ms AND c.num >= m.maxn;
