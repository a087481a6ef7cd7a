-- Query 14: bids in a price range (in euros) with their time of day and the count of 'c' in extra.
SELECT auction, bidder, 0.908 * CAST(price AS DOUBLE) AS price,
       CASE WHEN hour(dateTime) >= 8 AND hour(dateTime) <= 18 THEN 'dayTime'
            WHEN hour(dateTime) <= 6 OR hour(dateTime) >= 20 THEN 'nightTime'
            ELSE 'otherTime' END AS bidTimeType,
       dateTime, extra,
       length(extra) - length(replace(extra, 'c', '')) AS c_counts
FROM bid
WHERE 0.908 * CAST(price AS DOUBLE) > 1000000 AND 0.908 * CAST(price AS DOUBLE) < 50000000;
