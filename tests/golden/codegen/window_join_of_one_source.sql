-- A window join of two HOP window aggregates over one stream (read once: each row runs both
-- branches), joined on the window alone (Arroyo's windowed_inner_join, with HOP windows).
CREATE STREAM cars (driver_id BIGINT, event_type STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
WITH ('connector' = 'filesystem', 'path' = 'cars.jsonl', 'format' = 'json');
SELECT dropoffs.window_start, dropoff_drivers, pickup_drivers
FROM (
  SELECT window_start, window_end, COUNT(DISTINCT driver_id) AS dropoff_drivers
  FROM TABLE(HOP(TABLE cars, DESCRIPTOR(ts), INTERVAL '30' MINUTE, INTERVAL '1' HOUR))
  WHERE event_type = 'dropoff'
  GROUP BY window_start, window_end
) dropoffs
JOIN (
  SELECT window_start, window_end, COUNT(DISTINCT driver_id) AS pickup_drivers
  FROM TABLE(HOP(TABLE cars, DESCRIPTOR(ts), INTERVAL '30' MINUTE, INTERVAL '1' HOUR))
  WHERE event_type = 'pickup'
  GROUP BY window_start, window_end
) pickups
ON dropoffs.window_start = pickups.window_start AND dropoffs.window_end = pickups.window_end;
