-- 'format' = 'raw' on a BYTES column, in and out: the message value is the bytes, untouched.
CREATE STREAM blobs (payload BYTES)
WITH ('connector' = 'kafka', 'topic' = 'blobs', 'properties.bootstrap.servers' = '127.0.0.1:1',
      'scan.startup.mode' = 'earliest-offset', 'scan.bounded.mode' = 'latest-offset', 'format' = 'raw');
CREATE TABLE copies (payload BYTES)
WITH ('connector' = 'kafka', 'topic' = 'copies', 'properties.bootstrap.servers' = '127.0.0.1:1', 'format' = 'raw');
INSERT INTO copies SELECT payload FROM blobs WHERE SUBSTRING(TO_BASE64(payload) FROM 1 FOR 1) = 'a';
