CREATE STREAM blobs (payload BYTES) WITH ('connector' = 'filesystem', 'path' = 'blobs.txt', 'format' = 'raw');
CREATE TABLE copies (payload BYTES) WITH ('connector' = 'filesystem', 'path' = 'copies.txt', 'format' = 'raw');
INSERT INTO copies SELECT payload FROM blobs;
