-- Query 3: sellers in OR, ID or CA of category-10 auctions (an inner join: every match, once).
SELECT P.name, P.city, P.state, A.id
FROM auction AS A JOIN person AS P ON A.seller = P.id
WHERE A.category = 10 AND P.state IN ('OR', 'ID', 'CA');
