-- A carrier's pause after a 429 (h2 flavour; keep in step with db/postgresql), shared by every instance
-- (docs/sources/polling.md, "Several instances"): none of its shipments is polled before paused_until. strikes counts
-- its 429s in a row, for the backoff when the answer gives no Retry-After; a poll it answers resets it to 0.
CREATE TABLE carrier_pause (
    carrier      VARCHAR(32) NOT NULL PRIMARY KEY,
    paused_until TIMESTAMP WITH TIME ZONE NOT NULL,
    strikes      INTEGER     NOT NULL DEFAULT 0,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
