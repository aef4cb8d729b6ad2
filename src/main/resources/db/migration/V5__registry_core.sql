-- The registry proper: identity documents, tags, status, where a person stays now (apart from
-- the owning household and grid), movement history, fuzzy search, and import jobs.
create extension if not exists pg_trgm;

alter table household
    add column head_person_id bigint,
    add column version        int not null default 0,
    add column updated_at     timestamptz not null default now();

alter table person
    add column id_type        text not null default 'RESIDENT_ID'
        check (id_type in ('RESIDENT_ID', 'PASSPORT', 'HK_MACAO_PERMIT', 'TAIWAN_PERMIT', 'HMT_RESIDENCE_PERMIT')),
    add column work_place     text,
    add column tags           text[] not null default '{}',
    add column notes          text,
    add column status         text not null default 'ACTIVE' check (status in ('ACTIVE', 'MOVED_OUT', 'MERGED', 'ANONYMISED')),
    add column moved_out_at   timestamptz,
    add column merged_into    bigint references person (id),
    add column staying_path   text collate "C",
    add column staying_note   text,
    add column anonymised_at  timestamptz,
    add column version        int not null default 0,
    add column updated_at     timestamptz not null default now();

-- one registered person per identity document: a second registration is refused, not duplicated
create unique index person_id_number_once on person (id_number_bidx)
    where id_number_bidx is not null and status in ('ACTIVE', 'MOVED_OUT');
create index person_scope_status_idx on person (jurisdiction_path, status);
create index person_name_trgm_idx on person using gin (name gin_trgm_ops);
create index household_address_trgm_idx on household using gin (address gin_trgm_ops);
create index person_birth_idx on person (birth_date);
create index person_tags_idx on person using gin (tags);

create table person_movement (
    id                bigint generated always as identity primary key,
    person_id         bigint not null references person (id),
    kind              text   not null check (kind in ('REGISTER', 'MOVE_IN', 'MOVE_OUT', 'TRANSFER', 'STAY', 'MERGE', 'RETURN')),
    from_household_id bigint references household (id),
    to_household_id   bigint references household (id),
    from_path         text collate "C",
    to_path           text collate "C",
    note              text,
    actor_name        text   not null,
    at                timestamptz not null default now()
);
create index person_movement_person_idx on person_movement (person_id, at desc);

create table registry_import_job (
    id                uuid primary key,
    owner_id          bigint,
    owner_name        text   not null,
    jurisdiction_path text collate "C" not null,
    file_name         text   not null,
    mode              text   not null check (mode in ('SKIP', 'UPDATE')),
    status            text   not null check (status in ('MAPPING', 'QUEUED', 'RUNNING', 'DONE', 'FAILED')),
    mapping           jsonb,
    total_rows        int    not null default 0,
    processed_rows    int    not null default 0,
    inserted          int    not null default 0,
    updated           int    not null default 0,
    skipped           int    not null default 0,
    rejected          int    not null default 0,
    message           text,
    created_at        timestamptz not null default now(),
    finished_at       timestamptz
);
create index registry_import_job_scope_idx on registry_import_job (jurisdiction_path, created_at desc);

-- which resident account belongs to which person (a resident sees only their own household)
create table resident_account (
    user_id   bigint primary key,
    person_id bigint not null references person (id)
);
