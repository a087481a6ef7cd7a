-- Flink refuses a greedy quantifier at the end of a pattern too: when would it stop?
CREATE STREAM events (
  id INT, v VARCHAR, price INT, t BIGINT,
  ts AS TO_TIMESTAMP_LTZ(t, 3),
  WATERMARK FOR ts AS ts
) WITH ('connector' = 'filesystem', 'path' = 'input.jsonl', 'format' = 'json');
SELECT * FROM events MATCH_RECOGNIZE (
  ORDER BY ts
  MEASURES A.id AS a_id, COUNT(B.id) AS bs
  PATTERN (A B*)
  DEFINE A AS v = 'a', B AS v = 'b'
);
