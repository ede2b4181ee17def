-- attempts created before :before keep no rendered message: blanked as a customer's erasure blanks them
-- (erasure/erase-notifications.sql); type, channel, state and times stay for the KPIs. At most :limit rows a call
UPDATE notification
   SET recipient = '[erased]', subject = NULL, body_text = '[erased]', body_html = NULL
 WHERE id IN (SELECT id FROM notification
               WHERE created_at < :before AND recipient <> '[erased]'
               ORDER BY created_at
               LIMIT :limit)
