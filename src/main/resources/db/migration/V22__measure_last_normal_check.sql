-- The day of a measure's latest normal check (no fever, no symptom), kept with the measure by the
-- check that makes it: "ready for release" (a normal check on or after the last day) is then a
-- column compare on the rows of the dashboard's range read, not a join over every check there is.
alter table control_measure add column last_normal_day date;
update control_measure m set last_normal_day = c.day
from (select measure_id, max(day) as day from health_check where not fever and cardinality(symptoms) = 0
      group by measure_id) c
where c.measure_id = m.id;
