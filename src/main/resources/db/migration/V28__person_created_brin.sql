-- V25's b-tree on person.created_at cost the registry import a fifth of its speed (9,912 against
-- 8,042 rows/s on the district demo): every row of an import chunk carries the same timestamp, and
-- the b-tree took them all on one hot, ever-splitting page. Persons are appended in time order,
-- so a BRIN index answers "created after the end of day D" (the daily report's past-day residents)
-- just as well, for almost nothing per insert.
drop index if exists person_created_idx;
create index person_created_brin_idx on person using brin (created_at);
