-- Email opens and clicks (postgresql flavour; keep in step with db/h2). docs/templates.md, "Unsubscribe, opens and
-- clicks". One row per email attempt that was opened or clicked: when first, and how often, by the attempt's id (the
-- notification's). No personal data: erasure and retention blank the attempt's bodies and keep the row, and this one.
CREATE TABLE email_engagement (
    notification_id  VARCHAR(36) PRIMARY KEY,
    first_opened_at  TIMESTAMP WITH TIME ZONE,
    opens            INTEGER     NOT NULL,
    first_clicked_at TIMESTAMP WITH TIME ZONE,
    clicks           INTEGER     NOT NULL
);
