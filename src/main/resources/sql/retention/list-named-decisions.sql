-- decisions taken before :before whose facts still name the customer (Jackson writes "customerName":"..." when set,
-- "customerName":null once erased); at most :limit
SELECT id, facts FROM decision
 WHERE created_at < :before AND facts LIKE '%"customerName":"%'
 ORDER BY created_at
 LIMIT :limit
