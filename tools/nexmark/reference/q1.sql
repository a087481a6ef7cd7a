-- Query 1: price in euros (DOUBLE, as sqlc types 0.908 * price).
SELECT auction, bidder, CAST(price AS DOUBLE) * 0.908 AS price, dateTime, extra FROM bid;
