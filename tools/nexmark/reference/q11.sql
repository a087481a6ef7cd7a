-- Query 11: bids per bidder session; a session ends when the bidder is silent for 10 s. It starts
-- at its first bid and ends 10 s after its last (Flink's SESSION_START / SESSION_END). Flink merges
-- session windows [t, t + gap) that touch (TimeWindow.intersects is inclusive), so a bid exactly
-- 10 s after the previous one continues the session.
WITH gaps AS (
  SELECT bidder, dateTime,
         CASE WHEN dateTime - LAG(dateTime) OVER (PARTITION BY bidder ORDER BY dateTime)
                   <= INTERVAL 10 SECOND THEN 0 ELSE 1 END AS starts_session
  FROM bid
), sessions AS (
  SELECT bidder, dateTime,
         SUM(starts_session) OVER (PARTITION BY bidder ORDER BY dateTime
                                   ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS session
  FROM gaps
)
SELECT bidder, COUNT(*) AS bid_count, MIN(dateTime) AS starttime,
       MAX(dateTime) + INTERVAL 10 SECOND AS endtime
FROM sessions
GROUP BY bidder, session;
