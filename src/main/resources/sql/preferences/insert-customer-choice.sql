INSERT INTO preference (customer_id, type, channel, enabled, origin, source, changed_at)
SELECT :customerId, :type, :channel, :enabled, 'CUSTOMER', :source, :at
 WHERE NOT EXISTS (SELECT 1 FROM preference WHERE customer_id = :customerId AND type = :type AND channel = :channel)
