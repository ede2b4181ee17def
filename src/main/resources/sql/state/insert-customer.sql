INSERT INTO customer (customer_id, name, email, phone, locale, timezone, updated_at)
VALUES (:customerId, :name, :email, :phone, :locale, :timezone, :now)
