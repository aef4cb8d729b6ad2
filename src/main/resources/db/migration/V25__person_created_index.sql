-- The registry's residents at the end of a past day (registry.RegistryFigures) subtract the persons
-- registered since: found by creation time, a short range read for a recent day, instead of
-- visiting every active person's row to read the time.
create index person_created_idx on person (created_at);
