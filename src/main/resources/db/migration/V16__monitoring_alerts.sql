-- Alerts and release notices (issue 5, items 5 and 6).

-- One open alert per measure: a further abnormal check goes on the open alert's timeline. The
-- index makes that hold even when two checks of the same person arrive at the same moment.
create unique index health_alert_open_once on health_alert (measure_id) where status <> 'HANDLED';

-- The escalation job looks for open alerts by age, across all jurisdictions.
create index health_alert_escalation_idx on health_alert (opened_at) where status <> 'HANDLED';

-- What the notice says about the person is kept as it was printed, so the public verification
-- page shows exactly that and never reads the registry (nor anything about health).
alter table release_notice
    add column person_name      text,
    add column masked_id_number text,
    add column issuer           text;
