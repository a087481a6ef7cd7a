-- A csv file source: the reader spec carries the line format (delimiter, columns by position).
CREATE STREAM trades (sym VARCHAR, qty INT, price INT)
WITH ('connector' = 'filesystem', 'path' = 'trades.csv', 'format' = 'csv', 'csv.field-delimiter' = ';');
SELECT sym, qty * price AS notional FROM trades WHERE qty > 1;
