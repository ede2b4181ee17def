INSERT INTO customer (customer_id, name, email, phone, locale, timezone, channel_preference, updated_at)
VALUES (:customerId, :name, :email, :phone, :locale, :timezone, :channelPreference, :now)
