-- A carrier's own stall time for a status (decide/list-stalled-shipments-of-carrier.sql) (h2 flavour, keep in step
-- with db/postgresql): that carrier's shipments in that status, oldest scan first, without reading the other
-- carriers' old shipments in it
CREATE INDEX shipment_carrier_stall ON shipment (status, carrier, last_event_at);
