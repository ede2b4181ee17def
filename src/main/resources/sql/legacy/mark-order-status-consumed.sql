UPDATE legacy_order_status
SET herald_state = 'CONSUMED', herald_marked_at = CURRENT_TIMESTAMP, herald_reason = NULL
WHERE id = :#${exchangeProperty.heraldRowId} AND herald_state IS NULL
