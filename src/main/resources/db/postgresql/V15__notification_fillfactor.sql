-- Notification attempts (postgresql flavour; H2 has no fill factor). An attempt's row is updated right after its
-- insert, to SENDING and then to SENT, and none of the columns those updates change is indexed: with room left on
-- the row's page, PostgreSQL makes them heap-only updates, which write no new entry into any of the table's eight
-- indexes. Packed full, each update goes to another page and into every index. 70 leaves a rendered email's worth
-- of each page free; it applies to the pages written from now on. docs/benchmarks.md, "The fourteenth part".
ALTER TABLE notification SET (fillfactor = 70);
