-- Carrier polling (postgresql flavour; keep in step with db/h2): when each polled
-- shipment is due next, and how its last polls went. A shipment without a row has never been polled and is due.
CREATE TABLE tracking_poll (
    carrier              VARCHAR(32)  NOT NULL,
    tracking_number      VARCHAR(64)  NOT NULL,
    next_poll_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    last_polled_at       TIMESTAMP WITH TIME ZONE,
    last_outcome         VARCHAR(16),
    consecutive_failures INTEGER      NOT NULL DEFAULT 0,
    last_error           VARCHAR(500),
    PRIMARY KEY (carrier, tracking_number)
);
CREATE INDEX tracking_poll_due ON tracking_poll (next_poll_at);
