-- V9: webhooks to clients (endpoints, deliveries, every attempt) and the asset library (kinds,
-- thumbnails, soft delete). One file for all of helper "push"'s tables and columns.

-- A client's endpoint. The signing secret is kept as written (it signs every delivery) and shown
-- to the client once, at creation. A deleted endpoint keeps its row for its delivery log.
create table webhook_endpoints (
    id          uuid primary key,
    client_id   uuid        not null references clients (id),
    url         text        not null check (length(url) between 1 and 2000),
    event_types text[]      not null,
    description text,
    secret      text        not null,
    created_at  timestamptz not null default now(),
    deleted_at  timestamptz
);
create index webhook_endpoints_client on webhook_endpoints (client_id, created_at desc, id desc);

-- One event for one endpoint. pending -> succeeded | failed (gave up) | canceled (endpoint deleted).
-- (endpoint_id, event_id) unique: an event redelivered by the broker makes no second delivery.
create table webhook_deliveries (
    id              uuid primary key,
    endpoint_id     uuid        not null references webhook_endpoints (id),
    client_id       uuid        not null references clients (id),
    event_id        uuid        not null,
    event_type      text        not null,
    payload         jsonb       not null,
    status          text        not null default 'pending'
                        check (status in ('pending', 'succeeded', 'failed', 'canceled')),
    attempts        int         not null default 0,
    next_attempt_at timestamptz,
    lease_until     timestamptz,
    give_up_at      timestamptz not null,
    last_status     int,
    last_error      text,
    created_at      timestamptz not null default now(),
    delivered_at    timestamptz,
    unique (endpoint_id, event_id)
);
create index webhook_deliveries_due on webhook_deliveries (next_attempt_at) where status = 'pending';
create index webhook_deliveries_endpoint_newest on webhook_deliveries (endpoint_id, created_at desc, id desc);

-- Every attempt, as the log a client reads: what its server answered, or why nothing was sent.
create table webhook_attempts (
    id           bigserial primary key,
    delivery_id  uuid        not null references webhook_deliveries (id),
    attempted_at timestamptz not null default now(),
    status_code  int,
    error        text,
    duration_ms  int         not null
);
create index webhook_attempts_delivery on webhook_attempts (delivery_id, id);

-- The asset library: images, short videos and audio beds; a thumbnail for images and videos;
-- a deleted asset leaves the list and its link (jobs that already read it are not affected).
alter table assets add column kind text not null default 'image' check (kind in ('image', 'video', 'audio'));
alter table assets add column duration_ms int;
alter table assets add column thumbnail_key text;
alter table assets add column source_url text;
alter table assets add column deleted_at timestamptz;
create index assets_client_newest on assets (client_id, created_at desc, id desc) where deleted_at is null;
