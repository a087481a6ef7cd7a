-- NEXT would wait for rows not read yet; one navigation reads one variable's rows; the
-- offset is a literal; an empty pattern matches nothing.
CREATE STREAM events (
  id INT, v VARCHAR, price INT, t BIGINT,
  ts AS TO_TIMESTAMP_LTZ(t, 3),
  WATERMARK FOR ts AS ts
) WITH ('connector' = 'filesystem', 'path' = 'input.jsonl', 'format' = 'json');
SELECT * FROM events MATCH_RECOGNIZE (
  ORDER BY ts
  MEASURES NEXT(A.id) AS n
  PATTERN (A B)
  DEFINE A AS v = 'a'
);
SELECT * FROM events MATCH_RECOGNIZE (
  ORDER BY ts
  MEASURES LAST(A.id + B.id) AS n
  PATTERN (A B)
  DEFINE A AS v = 'a'
);
SELECT * FROM events MATCH_RECOGNIZE (
  ORDER BY ts
  MEASURES LAST(A.id, id) AS n
  PATTERN (A B)
  DEFINE A AS v = 'a'
);
SELECT * FROM events MATCH_RECOGNIZE (
  ORDER BY ts
  MEASURES COUNT(*) AS n
  PATTERN (A* B?)
  DEFINE A AS v = 'a'
);
