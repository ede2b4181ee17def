INSERT INTO sms_message (phone, customer_id, direction, body, keyword, provider_id, created_at)
VALUES (:phone, :customerId, :direction, :body, :keyword, :providerId, :at)
