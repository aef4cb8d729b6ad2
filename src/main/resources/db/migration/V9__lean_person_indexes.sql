-- Every index costs each imported row. These three are covered by others:
-- the jurisdiction range by person_scope_status_idx (its leading column), exact ID lookups of
-- registered persons by the partial unique person_id_number_once, age filters by the list-order walk.
drop index if exists person_scope_idx;
drop index if exists person_id_number_bidx_idx;
drop index if exists person_birth_idx;
