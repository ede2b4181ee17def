-- An inbound SMS is answered for the customers who have its number (sms/find-phone-customers.sql) and, for STATUS,
-- with their open shipments (sms/list-open-shipments.sql): both looked the number up in customer, which had no index
-- on it, so every inbound SMS read the whole customer table.
CREATE INDEX customer_phone ON customer (phone);
