CREATE STREAM logs (line STRING, level STRING)
WITH ('connector' = 'kafka', 'topic' = 'logs', 'properties.bootstrap.servers' = 'localhost:9092',
      'scan.startup.mode' = 'earliest-offset', 'format' = 'raw');
SELECT line FROM logs;
