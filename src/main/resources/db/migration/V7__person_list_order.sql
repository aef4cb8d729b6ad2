-- The person list walks this index in its own order (status, then jurisdiction, household, id),
-- so a page of 20 is read straight off it whatever the size of the district.
create index person_list_order_idx on person (status, jurisdiction_path, household_id, id);
