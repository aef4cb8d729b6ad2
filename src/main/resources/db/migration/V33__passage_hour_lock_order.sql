-- Scans from many checkpoints are now recorded together in one statement (group commit), so two
-- transactions may add to the same hour counters. Each takes its counter rows in one fixed order
-- (checkpoint, hour, jurisdiction) so that two such transactions on one shard wait for each other
-- instead of deadlocking.
create or replace function passage_hour_count() returns trigger language plpgsql as $$
begin
    insert into passage_hour as h (checkpoint_id, hour, jurisdiction_path, shard, ins, outs, turned_back, fevers)
    select n.checkpoint_id, date_trunc('hour', n.at, 'UTC'), n.jurisdiction_path, (pg_backend_pid() % 16)::smallint,
           count(*) filter (where n.direction = 'IN'), count(*) filter (where n.direction = 'OUT'),
           count(*) filter (where n.decision = 'TURNED_BACK'),
           count(*) filter (where n.temperature >= passage_hour_fever_line())
    from inserted n
    group by 1, 2, 3
    order by 1, 2, 3
    on conflict (checkpoint_id, hour, jurisdiction_path, shard) do update
        set ins = h.ins + excluded.ins, outs = h.outs + excluded.outs,
            turned_back = h.turned_back + excluded.turned_back, fevers = h.fevers + excluded.fevers;
    return null;
end
$$;
