-- The KPIs count attempts by the time they were handed to their channel (sent_at) in a window: the opt-out rates'
-- base, the email engagement, the messages per shipment and the time to the first update. Without an index each
-- of them read the whole notification table, which keeps every attempt's row for the KPIs and so only grows.
-- An attempt not yet handed off has no sent_at; the windows' ranges seek past those.
CREATE INDEX notification_sent ON notification (sent_at);
