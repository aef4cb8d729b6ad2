-- The months of the passage log were vacuumed after every 100,000 inserts so the hourly counts
-- could read an index alone (V26). They read the per-hour counters now (V27), so nothing needs the
-- pages marked that early: back to PostgreSQL's default, fewer vacuums beside busy recording.
do $$
declare r record;
begin
  for r in select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid
           where i.inhparent = 'passage'::regclass loop
    execute format('alter table %I reset (autovacuum_vacuum_insert_threshold, autovacuum_vacuum_insert_scale_factor)',
                   r.relname);
  end loop;
end
$$;
