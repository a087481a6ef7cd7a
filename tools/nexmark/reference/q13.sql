-- Query 13: each bid enriched with the side input's value for MOD(auction, 10000).
CREATE VIEW side_input AS SELECT * FROM read_json('side_input.jsonl', format = 'newline_delimited',
  columns = {key: 'BIGINT', value: 'VARCHAR'});
SELECT B.auction, B.bidder, B.price, B.dateTime, S.value
FROM bid B JOIN side_input S ON B.auction % 10000 = S.key;
