-- blanks the recipient and bodies of these attempts of the customer (list-customer-attempts.sql), by their keys
UPDATE notification
   SET recipient = '[erased]', subject = NULL, body_text = '[erased]', body_html = NULL
 WHERE id IN (:ids)
