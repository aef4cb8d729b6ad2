-- Passes (出入证) issued and revoked, and what the checkpoint's decision needs: a pass per
-- household for cards, who revoked it; an open alert found by person in one index probe
-- (monitoring.PassageClearance).
alter table pass add column revoked_by text;
create index pass_household_idx on pass (household_id, issued_at desc);
create index health_alert_person_open_idx on health_alert (person_id) where status <> 'HANDLED';
