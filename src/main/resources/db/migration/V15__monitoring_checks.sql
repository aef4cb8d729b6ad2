-- Health checks, the "not reported" list and its reminders (issue 5): the indexes their rules read.

-- the reminder job: slots past due, not reported and not yet reminded, oldest first
create index followup_slot_remind_idx on followup_slot (due_at) where check_id is null and reminded_at is null;

-- a person's checks in time order: the duplicate rule (a repeat within minutes) and the person's timeline
create index health_check_person_idx on health_check (person_id, taken_at);
