-- Query 22: the first three directories of the URL. Flink's SPLIT_INDEX counts from 0 and gives
-- NULL past the end; DuckDB's list index counts from 1 and gives NULL past the end.
SELECT auction, bidder, price, channel,
       string_split(url, '/')[4] AS dir1,
       string_split(url, '/')[5] AS dir2,
       string_split(url, '/')[6] AS dir3
FROM bid;
