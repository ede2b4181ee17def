UPDATE legacy_order_status
SET herald_state = 'FAILED', herald_marked_at = CURRENT_TIMESTAMP, herald_reason = :#${exchangeProperty.heraldRowReason}
WHERE id = :#${exchangeProperty.heraldRowId}
