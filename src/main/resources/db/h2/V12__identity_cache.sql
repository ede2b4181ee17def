-- Identity columns reserve 1,000 values at a time (h2 only; db/postgresql has no V12). H2 writes a sequence's
-- reserved range with a commit of its own, and with WRITE_DELAY=0 every commit writes the store to its file: at
-- H2's default of 32, the timeline's and decisions' identities cost one extra store write per 32 rows, more than the
-- decide stage's own commits (docs/benchmarks.md). A restart after a crash skips what was reserved and unused; the
-- values stay increasing, since H2 has one sequence per column for every connection.
ALTER TABLE timeline ALTER COLUMN id SET CACHE 1000;
ALTER TABLE decision ALTER COLUMN seq SET CACHE 1000;
ALTER TABLE intake_failure ALTER COLUMN id SET CACHE 1000;
ALTER TABLE dead_letter ALTER COLUMN id SET CACHE 1000;
ALTER TABLE sms_opt_out ALTER COLUMN id SET CACHE 1000;
ALTER TABLE email_unsubscribe ALTER COLUMN id SET CACHE 1000;
ALTER TABLE sms_message ALTER COLUMN id SET CACHE 1000;
ALTER TABLE email_suppression ALTER COLUMN id SET CACHE 1000;
