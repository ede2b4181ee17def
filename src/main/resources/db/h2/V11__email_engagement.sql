-- Email opens and clicks (h2 flavour; keep in step with db/postgresql). docs/templates.md, "Unsubscribe, opens and
-- clicks". One row per email attempt that was opened or clicked: when first, and how often. The attempt's id is the
-- notification's; the row goes with it (erasure, retention).
CREATE TABLE email_engagement (
    notification_id  VARCHAR(36) PRIMARY KEY,
    first_opened_at  TIMESTAMP WITH TIME ZONE,
    opens            INTEGER     NOT NULL,
    first_clicked_at TIMESTAMP WITH TIME ZONE,
    clicks           INTEGER     NOT NULL
);
