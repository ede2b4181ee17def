-- the customer's SMS conversation (sms_message, V9): their messages and Herald's replies, by customer and by number
DELETE FROM sms_message WHERE customer_id = :customerId OR (:phone IS NOT NULL AND phone = :phone)
