-- The audit stays append-only, with one exception PIPL requires: when personal data is
-- anonymised, the names and numbers inside earlier audit values are redacted too. Only the
-- retention action turns this on, for its own transaction; deleting entries stays impossible.
create or replace function audit_is_append_only() returns trigger language plpgsql as $$
begin
    if tg_op = 'UPDATE' and current_setting('shouwang.audit_redaction', true) = 'on'
       and new.id = old.id and new.at = old.at and new.actor_name = old.actor_name
       and new.entity = old.entity and new.entity_id = old.entity_id and new.action = old.action then
        return new;
    end if;
    raise exception 'audit_event is append-only';
end $$;
