-- The three Nexmark tables over the generator's JSON lines, for the DuckDB reference queries.
-- Columns and types as in examples/nexmark/*.sql; timestamps are 'YYYY-MM-DD HH:MM:SS.sss' text.
CREATE VIEW person AS SELECT * FROM read_json('person.jsonl', format = 'newline_delimited',
  columns = {id: 'BIGINT', name: 'VARCHAR', emailAddress: 'VARCHAR', creditCard: 'VARCHAR',
             city: 'VARCHAR', state: 'VARCHAR', dateTime: 'TIMESTAMP', extra: 'VARCHAR'});
CREATE VIEW auction AS SELECT * FROM read_json('auction.jsonl', format = 'newline_delimited',
  columns = {id: 'BIGINT', itemName: 'VARCHAR', description: 'VARCHAR', initialBid: 'BIGINT',
             reserve: 'BIGINT', dateTime: 'TIMESTAMP', expires: 'TIMESTAMP', seller: 'BIGINT',
             category: 'BIGINT', extra: 'VARCHAR'});
CREATE VIEW bid AS SELECT * FROM read_json('bid.jsonl', format = 'newline_delimited',
  columns = {auction: 'BIGINT', bidder: 'BIGINT', price: 'BIGINT', channel: 'VARCHAR',
             url: 'VARCHAR', dateTime: 'TIMESTAMP', extra: 'VARCHAR'});
