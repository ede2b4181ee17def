-- The KPIs count attempts by the time they were handed to their channel (sent_at) in a window: the opt-out rates'
-- base, the email engagement, the messages per shipment and the time to the first update. Without an index each
-- of them read the whole notification table, which keeps every attempt's row for the KPIs and so only grows.
-- A partial index holds only the attempts handed off: an update before the hand-off writes nothing into it.
CREATE INDEX notification_sent ON notification (sent_at) WHERE sent_at IS NOT NULL;
