-- Query 17: per auction and day, bids per price range and price statistics. Final state; AVG of
-- a BIGINT is a BIGINT in Flink (truncated toward zero).
SELECT auction, strftime(dateTime, '%Y-%m-%d') AS day,
       COUNT(*) AS total_bids,
       COUNT(*) FILTER (WHERE price < 10000) AS rank1_bids,
       COUNT(*) FILTER (WHERE price >= 10000 AND price < 1000000) AS rank2_bids,
       COUNT(*) FILTER (WHERE price >= 1000000) AS rank3_bids,
       MIN(price) AS min_price, MAX(price) AS max_price,
       CAST(trunc(AVG(price)) AS BIGINT) AS avg_price, SUM(price) AS sum_price
FROM bid
GROUP BY auction, strftime(dateTime, '%Y-%m-%d');
