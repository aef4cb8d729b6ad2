create table app_user (
    id                   bigint generated always as identity primary key,
    username             text   not null unique check (username ~ '^[a-z0-9_.-]{3,40}$'),
    display_name         text   not null check (length(display_name) between 1 and 50),
    password_hash        text   not null,
    role                 text   not null,
    node_id              bigint not null references jurisdiction_node (id),
    phone_enc            bytea,
    phone_bidx           bytea,
    enabled              boolean not null default true,
    must_change_password boolean not null default true,
    failed_attempts      int     not null default 0,
    locked_until         timestamptz,
    password_changed_at  timestamptz,
    created_at           timestamptz not null default now(),
    version              int not null default 0
);
create index app_user_node_idx on app_user (node_id);

-- Bearer tokens: short-lived session tokens from POST /api/v1/auth/token and long-lived
-- integration tokens made by admins. Only a SHA-256 of the token is stored.
create table api_token (
    id           bigint generated always as identity primary key,
    kind         text   not null check (kind in ('SESSION', 'INTEGRATION')),
    name         text   not null,
    token_hash   bytea  not null unique,
    user_id      bigint references app_user (id),
    role         text   not null,
    node_id      bigint not null references jurisdiction_node (id),
    created_by   bigint references app_user (id),
    created_at   timestamptz not null default now(),
    expires_at   timestamptz,
    revoked_at   timestamptz,
    last_used_at timestamptz
);
create index api_token_node_idx on api_token (node_id);
