-- The zone of a shipment's destination (h2 flavour; keep in step with db/postgresql). docs/decide.md, "Quiet hours":
-- the recipient's zone when the customer names none. Kept once known: an event that names no destination leaves it.
ALTER TABLE shipment ADD COLUMN destination_zone VARCHAR(64);
