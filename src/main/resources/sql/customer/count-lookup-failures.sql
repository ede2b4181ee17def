-- failed lookups of an order number since :since, on any instance
SELECT COUNT(*) FROM lookup_failure WHERE order_key = :orderKey AND failed_at > :since
