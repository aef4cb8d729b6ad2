-- The application remembers the principal behind a bearer token (a lookup per request was a
-- fifth of the database's work for a scanning device). It forgets them whenever who a caller is
-- may have changed; a change made by another instance or by hand in SQL reaches it through this
-- notification. Only the columns a principal is made of notify: the per-minute last-used stamp
-- and failed logins do not.
create function notify_principal_change() returns trigger language plpgsql as $$
begin
    perform pg_notify('shouwang_principals', tg_table_name);
    return null;
end
$$;

create trigger api_token_principal_change
    after update of kind, name, user_id, role, node_id, expires_at, revoked_at or delete on api_token
    for each statement execute function notify_principal_change();

create trigger app_user_principal_change
    after update of username, display_name, role, node_id, enabled, must_change_password or delete on app_user
    for each statement execute function notify_principal_change();

create trigger jurisdiction_node_principal_change
    after update of name, path or delete on jurisdiction_node
    for each statement execute function notify_principal_change();

-- the lookup now also answers when the token expires, so a remembered principal ends with it
drop function api_token_principal(bytea);

create function api_token_principal(h bytea)
returns table (token_id bigint, kind text, token_name text, user_id bigint, username text, display_name text,
               role text, node_id bigint, path text, node_name text, must_change boolean, enabled boolean,
               expires_at timestamptz)
language plpgsql set plan_cache_mode = force_generic_plan as $$
begin
    update api_token t set last_used_at = now()
    where t.token_hash = h and (t.last_used_at is null or t.last_used_at < now() - interval '1 minute')
      and t.revoked_at is null and (t.expires_at is null or t.expires_at > now());
    return query
    select t.id, t.kind, t.name, u.id, u.username, u.display_name, coalesce(u.role, t.role), n.id,
           n.path::text, n.name, coalesce(u.must_change_password, false), coalesce(u.enabled, true), t.expires_at
    from api_token t
    left join app_user u on u.id = t.user_id
    join jurisdiction_node n on n.id = coalesce(u.node_id, t.node_id)
    where t.token_hash = h and t.revoked_at is null and (t.expires_at is null or t.expires_at > now());
end
$$;
