-- Decisions (h2 flavour; keep in step with the other vendor). A decision is keyed by its subject (shipment or
-- order), its type and the event that triggered it (that event's fingerprint). Each channel attempt of a decision is
-- a row of notification with its own id. Holds, deferrals and waits for the customer are decisions with a due time,
-- claimed by a conditional UPDATE (claimed_until), so two instances never release the same row.
CREATE TABLE decision (
    id                  VARCHAR(36)  PRIMARY KEY,
    subject_key         VARCHAR(200) NOT NULL,
    type                VARCHAR(32)  NOT NULL,
    trigger_fingerprint VARCHAR(64)  NOT NULL,
    rule                VARCHAR(64)  NOT NULL,
    critical            BOOLEAN      NOT NULL,
    order_id            VARCHAR(100),
    carrier             VARCHAR(32),
    tracking_number     VARCHAR(64),
    customer_id         VARCHAR(100),
    subject_status      VARCHAR(24),
    exception_reason    VARCHAR(24),
    eta                 TIMESTAMP WITH TIME ZONE,
    facts               CLOB         NOT NULL,
    event_occurred_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    state               VARCHAR(20)  NOT NULL,
    reason              VARCHAR(500),
    pending_channels    VARCHAR(64),
    recipient_day       DATE,
    due_at              TIMESTAMP WITH TIME ZONE,
    window_started_at   TIMESTAMP WITH TIME ZONE,
    claimed_until       TIMESTAMP WITH TIME ZONE,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT decision_once UNIQUE (subject_key, type, trigger_fingerprint)
);
CREATE INDEX decision_subject ON decision (subject_key, created_at);
CREATE INDEX decision_due ON decision (state, due_at);
CREATE INDEX decision_order ON decision (order_id);
CREATE INDEX decision_customer_day ON decision (customer_id, recipient_day);

-- a notification is now one channel attempt of a decision; repeats and fallbacks are new decisions or attempts
ALTER TABLE notification DROP CONSTRAINT notification_once;
ALTER TABLE notification ADD COLUMN decision_id VARCHAR(36);
ALTER TABLE notification ADD COLUMN segments INTEGER;
ALTER TABLE notification ADD CONSTRAINT notification_attempt_once UNIQUE (decision_id, channel);
CREATE INDEX notification_subject ON notification (subject_key, type);

-- the shipment's previous estimated delivery, for eta_changed, and when its last carrier scan was seen, for stalled
ALTER TABLE shipment ADD COLUMN previous_estimated_delivery TIMESTAMP WITH TIME ZONE;
ALTER TABLE shipment ADD COLUMN pickup_location VARCHAR(200);
CREATE INDEX shipment_stall ON shipment (status, last_event_at);

