-- Bulk imports insert hundreds of thousands of rows; with the default 4 MB pending list every
-- COPY chunk would stop to merge into the GIN indexes. Larger lists are merged by autovacuum.
alter index person_name_trgm_idx set (gin_pending_list_limit = 65536);
alter index household_address_trgm_idx set (gin_pending_list_limit = 65536);
alter index person_tags_idx set (gin_pending_list_limit = 65536);
