-- a failed lookup of an order number
INSERT INTO lookup_failure (order_key, failed_at) VALUES (:orderKey, :failedAt)
