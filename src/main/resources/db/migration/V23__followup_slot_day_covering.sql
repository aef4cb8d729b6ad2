-- Today's due and done checks of a jurisdiction in one index-only range read: the slot's check id
-- rides in the index, so "done" needs no visit to the table (district dashboard: 100,000 slots a day).
drop index followup_slot_day_idx;
create index followup_slot_day_idx on followup_slot (day, jurisdiction_path) include (check_id);
