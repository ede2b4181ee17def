-- failed lookups of the tracking page's form (lookup_failure, V22) made before :before, all at once: the table holds
-- a day of them at most, and has no key to take them :limit at a time by
DELETE FROM lookup_failure WHERE failed_at < :before
