-- COUNT(DISTINCT x) calls that differ only in FILTER share one state per x (Nexmark q16's shape):
-- bidder's three calls and auction's two each get one SharedCountDistinct, one add per row with
-- a bit per FILTER; COUNT(DISTINCT url), alone, keeps its CountDistinct.
CREATE STREAM bid (
  auction BIGINT, bidder BIGINT, price BIGINT, channel VARCHAR, url VARCHAR,
  dateTime TIMESTAMP(3),
  WATERMARK FOR dateTime AS dateTime - INTERVAL '4' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'bid.jsonl', 'format' = 'json');

SELECT
    channel,
    COUNT(DISTINCT bidder) AS total_bidders,
    COUNT(DISTINCT bidder) FILTER (WHERE price < 10000) AS rank1_bidders,
    COUNT(DISTINCT bidder) FILTER (WHERE price >= 10000) AS rank2_bidders,
    COUNT(DISTINCT auction) AS total_auctions,
    COUNT(DISTINCT auction) FILTER (WHERE price < 10000) AS rank1_auctions,
    COUNT(DISTINCT url) FILTER (WHERE price < 10000) AS rank1_urls
FROM bid
GROUP BY channel;
