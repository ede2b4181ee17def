-- An order or customer event releases the decisions waiting for that customer (list-awaiting-for-customer.sql): the
-- customer's orders are found by their customer, which had no index, so every customer event (and every order event
-- while any decision waited) read customer_order whole, a table that keeps every order. Also serves the SMS STATUS
-- answer's join of a number's customers to their orders.
CREATE INDEX customer_order_customer ON customer_order (customer_id);
