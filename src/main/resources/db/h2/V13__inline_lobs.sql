-- Text and JSON up to 64 KiB (the bodies of a message, a decision's facts, an order's items) stay in their row (h2
-- only; db/postgresql has no V13). At H2's default of 256 characters every such value went to H2's LOB storage: kept
-- there under a temporary id when bound, copied to the table's on insert, the temporary one removed by H2's cleaner,
-- and four more maps written with every commit's store. Larger values still go to the LOB storage. The setting is
-- the database's own and persists (docs/benchmarks.md).
SET MAX_LENGTH_INPLACE_LOB 65536;
