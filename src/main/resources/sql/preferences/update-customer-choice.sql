-- the customer's own action replaces whatever was there, a source's consent included
UPDATE preference
   SET enabled = :enabled, origin = 'CUSTOMER', source = :source, changed_at = :at
 WHERE customer_id = :customerId AND type = :type AND channel = :channel
