SELECT id AS "id", order_id AS "orderId", status AS "status", CAST(changed_at AS VARCHAR(32)) AS "changedAt",
       customer_id AS "customerId", customer_name AS "customerName", email AS "email", phone AS "phone",
       locale AS "locale", notify AS "notify"
FROM legacy_order_status
WHERE herald_state IS NULL
ORDER BY changed_at, id
FETCH FIRST 1000 ROWS ONLY
