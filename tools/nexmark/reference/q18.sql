-- Query 18: the last bid of each bidder on each auction. Flink deduplicates on the event-time
-- attribute keeping the last row (a later or equal dateTime replaces the kept row, retracting it):
-- the final state is the latest bid per (bidder, auction). At the suite's rate (200 events/s)
-- every bid has its own millisecond, so there are no ties.
SELECT auction, bidder, price, channel, url, dateTime, extra
FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY bidder, auction ORDER BY dateTime DESC) AS rank_number
      FROM bid)
WHERE rank_number <= 1;
