CREATE STREAM events (
  id INT, v VARCHAR, price INT, t BIGINT,
  ts AS TO_TIMESTAMP_LTZ(t, 3),
  WATERMARK FOR ts AS ts
) WITH ('connector' = 'filesystem', 'path' = 'input.jsonl', 'format' = 'json');
SELECT * FROM events MATCH_RECOGNIZE (
  ORDER BY ts
  MEASURES A.id AS a_id
  PATTERN (A B)
  DEFINE A AS v = 'a', C AS v = 'c'
);
