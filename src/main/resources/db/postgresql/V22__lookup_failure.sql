-- Failed lookups of the tracking page's form, by order number as typed, stripped and in lower case (LookupAttempts;
-- postgresql flavour, keep in step with db/h2): shared by every instance, so that the brake on guessing an order's
-- email holds behind a load balancer as it does on one instance, and across a restart. The retention purge deletes
-- rows a day old; the brake looks back 15 minutes.
CREATE TABLE lookup_failure (
    order_key VARCHAR(100)             NOT NULL,
    failed_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX lookup_failure_order ON lookup_failure (order_key, failed_at);
