-- Append-only audit of every write, and the log of full views of sensitive values.
create table audit_event (
    id                bigint generated always as identity primary key,
    at                timestamptz not null default now(),
    actor_id          bigint,
    actor_name        text        not null,
    entity            text        not null,
    entity_id         text        not null,
    action            text        not null,
    jurisdiction_path text collate "C" not null,
    before            jsonb,
    after             jsonb
);
create index audit_event_entity_idx on audit_event (entity, entity_id, at desc);
create index audit_event_scope_at_idx on audit_event (jurisdiction_path, at desc);
create index audit_event_at_idx on audit_event (at desc);

create function audit_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_event is append-only';
end $$;
create trigger audit_event_no_change before update or delete on audit_event
    for each row execute function audit_is_append_only();

create table sensitive_access (
    id                bigint generated always as identity primary key,
    at                timestamptz not null default now(),
    actor_id          bigint,
    actor_name        text not null,
    entity            text not null,
    entity_id         text not null,
    field             text not null,
    jurisdiction_path text collate "C" not null
);
create index sensitive_access_entity_idx on sensitive_access (entity, entity_id);
create index sensitive_access_at_idx on sensitive_access (at desc);
