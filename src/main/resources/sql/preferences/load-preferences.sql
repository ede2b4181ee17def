-- A customer's stored preference rows: their own choices and the sources' consent. The flags their effective
-- preferences also need are load-preference-flags.sql (two plain queries: H2 parses a UNION of them again on every
-- call, which cost eight times as much; docs/benchmarks.md).
SELECT p.type AS type, p.channel AS channel, p.enabled AS enabled
  FROM preference p
 WHERE p.customer_id = :customerId
