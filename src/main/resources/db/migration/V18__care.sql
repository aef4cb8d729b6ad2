-- Care (生活保障): what a service request needs beyond V14's table. What was done and why it was
-- cancelled are kept on the request (the timeline repeats them); the feedback says who recorded it
-- (a worker, or the household through its personal link) and when; every change bumps version.
alter table service_request
    add column done_note       text,
    add column cancel_reason   text,
    add column feedback_at     timestamptz,
    add column feedback_source text check (feedback_source in ('STAFF', 'LINK')),
    add column assigned_at     timestamptz,
    add column assigned_name   text,
    add column link_id         uuid,
    add column updated_at      timestamptz not null default now();

-- the overdue list and the to-do count: open requests by due time inside a jurisdiction
create index service_request_due_idx on service_request (due_at, jurisdiction_path) where status in ('OPEN', 'ASSIGNED');
create index service_request_household_idx on service_request (household_id, created_at desc);
