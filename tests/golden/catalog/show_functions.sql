-- SHOW FUNCTIONS lists every built-in from the function registry, sorted.
SHOW FUNCTIONS;
