-- Assistance lists (协查名单): what V11's tables lacked for upload → mapping → matching → report.
-- The uploaded file itself is never kept: its rows are stored encrypted at upload, so the mapping
-- step and the report read them from here and no plain ID number lies on disk.

alter table assistance_list
    add column header_row   int   not null default 1,
    -- field (NAME, ID_NUMBER, PHONE, ADDRESS) to 0-based column, as detected, then as confirmed
    add column mapping      jsonb not null default '{}',
    add column detected     jsonb not null default '{}',
    add column owner_id     bigint,
    add column matched_at   timestamptz,
    add column matched_by   text;

-- PENDING: stored at upload, not yet matched
alter table assistance_list_row drop constraint assistance_list_row_match_status_check;
alter table assistance_list_row add constraint assistance_list_row_match_status_check
    check (match_status in ('PENDING', 'MATCHED', 'CANDIDATE', 'UNMATCHED', 'REJECTED', 'INVALID'));
alter table assistance_list_row alter column match_status set default 'PENDING';
alter table assistance_list_row
    add column decided_by text,
    add column decided_at timestamptz;
create index assistance_list_row_status_idx on assistance_list_row (list_id, match_status, row_no);

-- The persons a row may mean, for the user to confirm one or reject all. A snapshot of the name and
-- address as the registry had them, like key_person's, so the list page needs no registry query.
create table assistance_list_candidate (
    list_id   uuid   not null,
    row_no    int    not null,
    person_id bigint not null references person (id),
    name      text   not null,
    address   text,
    grid_id   bigint not null,
    jurisdiction_path text collate "C" not null,
    score     real,
    primary key (list_id, row_no, person_id),
    foreign key (list_id, row_no) references assistance_list_row (list_id, row_no)
);
