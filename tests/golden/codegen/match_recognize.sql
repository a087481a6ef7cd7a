-- MATCH_RECOGNIZE: a {2,3} quantifier, an alternation, PREV in DEFINE, FIRST / LAST / COUNT /
-- AVG over a variable and MATCH_ROWTIME() in MEASURES, SKIP TO NEXT ROW, WITHIN.
CREATE STREAM events (
  id INT, v VARCHAR, price INT, t BIGINT,
  ts AS TO_TIMESTAMP_LTZ(t, 3),
  WATERMARK FOR ts AS ts
) WITH ('connector' = 'filesystem', 'path' = 'input.jsonl', 'format' = 'json');
SELECT * FROM events MATCH_RECOGNIZE (
  PARTITION BY v
  ORDER BY ts
  MEASURES
    FIRST(UP.price) AS start_price,
    LAST(UP.price, 1) AS before_top,
    COUNT(UP.price) AS ups,
    AVG(UP.price) AS avg_up,
    MATCH_ROWTIME() AS match_time
  AFTER MATCH SKIP TO NEXT ROW
  PATTERN (UP{2,3} (DOWN | FLAT))
  WITHIN INTERVAL '1' MINUTE
  DEFINE
    UP AS price > PREV(price),
    DOWN AS price < PREV(price) AND price > FIRST(UP.price),
    FLAT AS price = PREV(price)
);
