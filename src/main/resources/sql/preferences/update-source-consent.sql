-- a source's consent replaces only an older one from a source, never the customer's own choice
UPDATE preference
   SET enabled = :enabled, source = :source, changed_at = :at
 WHERE customer_id = :customerId AND type = '*' AND channel = :channel
   AND origin = 'SOURCE' AND changed_at <= :at
