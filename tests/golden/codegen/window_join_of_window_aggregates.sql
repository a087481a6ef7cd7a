-- A window join of two TUMBLE window aggregates (Nexmark q8's shape): each aggregate keeps
-- window_start / window_end as window columns, so the join on both is a window join; the
-- aggregates' rows join in the firing that emits them.
CREATE STREAM person (id BIGINT, name VARCHAR, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '4' SECOND)
WITH ('connector' = 'filesystem', 'path' = 'person.jsonl', 'format' = 'json');
CREATE STREAM auction (seller BIGINT, price BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '4' SECOND)
WITH ('connector' = 'filesystem', 'path' = 'auction.jsonl', 'format' = 'json');
SELECT P.id, P.name, P.starttime, A.top
FROM (
  SELECT id, name, window_start AS starttime, window_end AS endtime
  FROM TABLE(TUMBLE(TABLE person, DESCRIPTOR(ts), INTERVAL '10' SECOND))
  GROUP BY id, name, window_start, window_end
) P
LEFT JOIN (
  SELECT seller, MAX(price) AS top, window_start AS starttime, window_end AS endtime
  FROM TABLE(TUMBLE(TABLE auction, DESCRIPTOR(ts), INTERVAL '10' SECOND))
  GROUP BY seller, window_start, window_end
) A
ON P.id = A.seller AND P.starttime = A.starttime AND P.endtime = A.endtime AND A.top > 10;
