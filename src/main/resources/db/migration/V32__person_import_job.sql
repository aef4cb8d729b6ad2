-- The registry import's two largest costs per row after the person row itself (bench/README.md,
-- measured on the district demo): the audit row written for every imported person (13.6 µs of
-- the database's time a row, with its four index entries) and the phone blind index.
--
-- 1. A person the import registers records the job that did it, on the person: the job (who
--    started it, when, from which file, into which jurisdiction) is audited once, with one audit
--    row per stored chunk naming how many persons it registered, and the person's history shows
--    the import from these. One fact, written once, instead of an audit row per person.
alter table person add column import_job uuid;

-- 2. Phones are only ever looked up by equality of their blind index (a random HMAC): a hash index
--    keeps 4-byte hash codes instead of 32-byte keys, so it is a third of the b-tree's size and an
--    insert touches a smaller, better-cached index.
drop index if exists person_phone_bidx_idx;
create index person_phone_bidx_idx on person using hash (phone_bidx);
