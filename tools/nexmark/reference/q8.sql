-- Query 8: people who registered and opened an auction in the same 10-second tumbling window.
WITH P AS (
  SELECT DISTINCT id, name, (epoch_ms(dateTime) // 10000) * 10000 AS start_ms FROM person
), A AS (
  SELECT DISTINCT seller, (epoch_ms(dateTime) // 10000) * 10000 AS start_ms FROM auction
)
SELECT P.id, P.name, make_timestamp(P.start_ms * 1000) AS stime
FROM P JOIN A ON P.id = A.seller AND P.start_ms = A.start_ms;
