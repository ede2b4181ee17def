-- the payloads of the dead letters of these attempts of the customer (list-customer-attempts.sql): a channel's
-- message names its recipient and bodies
UPDATE dead_letter SET payload = NULL WHERE payload IS NOT NULL AND notification_id IN (:ids)
