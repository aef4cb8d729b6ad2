-- Per-hour counters of the passage log, kept by the database as passages are inserted, so the
-- hourly page of a street or the district and the daily report's checkpoint figures read a few
-- hundred counter rows instead of every passage of the day (millions at district scale).
--
-- One row per checkpoint, hour (truncated in UTC: China's offset is whole hours) and jurisdiction
-- path (a passage keeps the path its checkpoint had when it was recorded, so does its counter).
-- A statement-level trigger adds each INSERT's rows at once, whatever inserted them (the API,
-- an offline device's late upload into a past hour, the demo loader); counters outlive the
-- retention rule's dropped months (they hold no one's data). The fever line is the session's
-- shouwang.fever_line (set on every connection from shouwang.health.fever-threshold), 37.3 when
-- unset: a reading counts as a fever by the line in force when it was recorded.
create table passage_hour (
    checkpoint_id     bigint      not null,
    hour              timestamptz not null,
    jurisdiction_path text        not null,
    ins               integer     not null default 0,
    outs              integer     not null default 0,
    turned_back       integer     not null default 0,
    fevers            integer     not null default 0,
    primary key (checkpoint_id, hour, jurisdiction_path)
);
create index passage_hour_path_hour_idx on passage_hour (jurisdiction_path, hour);

create function passage_hour_fever_line() returns numeric language sql stable as $$
    select coalesce(nullif(current_setting('shouwang.fever_line', true), '')::numeric, 37.3)
$$;

create function passage_hour_count() returns trigger language plpgsql as $$
begin
    insert into passage_hour as h (checkpoint_id, hour, jurisdiction_path, ins, outs, turned_back, fevers)
    select n.checkpoint_id, date_trunc('hour', n.at, 'UTC'), n.jurisdiction_path,
           count(*) filter (where n.direction = 'IN'), count(*) filter (where n.direction = 'OUT'),
           count(*) filter (where n.decision = 'TURNED_BACK'),
           count(*) filter (where n.temperature >= passage_hour_fever_line())
    from inserted n
    group by 1, 2, 3
    on conflict (checkpoint_id, hour, jurisdiction_path) do update
        set ins = h.ins + excluded.ins, outs = h.outs + excluded.outs,
            turned_back = h.turned_back + excluded.turned_back, fevers = h.fevers + excluded.fevers;
    return null;
end
$$;

create trigger passage_hour_count after insert on passage
    referencing new table as inserted for each statement execute function passage_hour_count();

-- the passages already stored
insert into passage_hour (checkpoint_id, hour, jurisdiction_path, ins, outs, turned_back, fevers)
select checkpoint_id, date_trunc('hour', at, 'UTC'), jurisdiction_path,
       count(*) filter (where direction = 'IN'), count(*) filter (where direction = 'OUT'),
       count(*) filter (where decision = 'TURNED_BACK'), count(*) filter (where temperature >= 37.3)
from passage
group by 1, 2, 3;
