-- Query 19: the 10 highest bids of each auction with their rank. Flink's Top-N emits updates as
-- rows enter the top 10 and shift down (rank_number is in the output, so shifted rows are
-- updated too); the final state is this batch result. Among equal prices Flink ranks the earlier
-- arrival first (its Top-N buffer keeps ties in arrival order); bids arrive in dateTime order and
-- at the suite's rate (200 events/s) every bid has its own millisecond, so dateTime breaks ties.
SELECT auction, bidder, price, channel, url, dateTime, extra, rank_number
FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY auction ORDER BY price DESC, dateTime ASC) AS rank_number
      FROM bid)
WHERE rank_number <= 10;
