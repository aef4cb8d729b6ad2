-- Two costs of every scanning device's request, measured on the district demo (bench/README.md).
--
-- 1. The bearer token's lookup. Connections plan every statement for its parameters
--    (plan_cache_mode = force_custom_plan, right for the lists); the token lookup is a key read
--    whose plan never changes, and planning its join took 0.23 ms against 0.10 ms to run it, on
--    every API request. As a function that runs its statements on generic plans, it is planned
--    once per connection. Same rules as before: unrevoked and unexpired, the last-used stamp at
--    most once a minute.
create function api_token_principal(h bytea)
returns table (token_id bigint, kind text, token_name text, user_id bigint, username text, display_name text,
               role text, node_id bigint, path text, node_name text, must_change boolean, enabled boolean)
language plpgsql set plan_cache_mode = force_generic_plan as $$
begin
    update api_token t set last_used_at = now()
    where t.token_hash = h and (t.last_used_at is null or t.last_used_at < now() - interval '1 minute')
      and t.revoked_at is null and (t.expires_at is null or t.expires_at > now());
    return query
    select t.id, t.kind, t.name, u.id, u.username, u.display_name, coalesce(u.role, t.role), n.id,
           n.path::text, n.name, coalesce(u.must_change_password, false), coalesce(u.enabled, true)
    from api_token t
    left join app_user u on u.id = t.user_id
    join jurisdiction_node n on n.id = coalesce(u.node_id, t.node_id)
    where t.token_hash = h and t.revoked_at is null and (t.expires_at is null or t.expires_at > now());
end
$$;

-- 2. The per-hour counters (V27). One row per checkpoint and hour meant that two passages at the
--    same checkpoint waited for each other from the insert until the first one's commit (its row
--    lock). Each connection now adds to a shard of its own (16 per checkpoint and hour); readers
--    already sum the rows.
alter table passage_hour add column shard smallint not null default 0;
alter table passage_hour drop constraint passage_hour_pkey;
alter table passage_hour add primary key (checkpoint_id, hour, jurisdiction_path, shard);

create or replace function passage_hour_count() returns trigger language plpgsql as $$
begin
    insert into passage_hour as h (checkpoint_id, hour, jurisdiction_path, shard, ins, outs, turned_back, fevers)
    select n.checkpoint_id, date_trunc('hour', n.at, 'UTC'), n.jurisdiction_path, (pg_backend_pid() % 16)::smallint,
           count(*) filter (where n.direction = 'IN'), count(*) filter (where n.direction = 'OUT'),
           count(*) filter (where n.decision = 'TURNED_BACK'),
           count(*) filter (where n.temperature >= passage_hour_fever_line())
    from inserted n
    group by 1, 2, 3
    on conflict (checkpoint_id, hour, jurisdiction_path, shard) do update
        set ins = h.ins + excluded.ins, outs = h.outs + excluded.outs,
            turned_back = h.turned_back + excluded.turned_back, fevers = h.fevers + excluded.fevers;
    return null;
end
$$;
