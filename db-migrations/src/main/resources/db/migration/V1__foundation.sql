-- Reelsmith schema, one for all services. Workers never change it; the gateway (or the
-- db-migrations jar) applies it. Ids are UUIDs made by the application, so a row's id is known
-- before it is written (the job id is in the command the same transaction writes to the outbox).

create table clients (
    id               uuid primary key,
    name             text        not null check (length(name) between 1 and 200),
    -- brand guidelines are free-form for now (voice, colours, do/don't); prompts read them later
    brand_guidelines jsonb       not null default '{}'::jsonb,
    created_at       timestamptz not null default now()
);
create index clients_newest on clients (created_at desc, id desc);

-- A key is sk_<public_id>_<secret>; the public id finds the row, the secret is checked
-- against secret_hash (bcrypt). Admin keys have no client.
create table api_keys (
    id           uuid primary key,
    client_id    uuid        references clients (id),
    role         text        not null check (role in ('admin', 'client')),
    public_id    text        not null unique,
    secret_hash  text        not null,
    name         text,
    created_at   timestamptz not null default now(),
    revoked_at   timestamptz,
    check ((role = 'admin') = (client_id is null))
);
create index api_keys_client on api_keys (client_id);

create table campaigns (
    id          uuid primary key,
    client_id   uuid           not null references clients (id),
    name        text           not null check (length(name) between 1 and 200),
    description text,
    status      text           not null default 'active' check (status in ('draft', 'active', 'archived')),
    budget_usd  numeric(12, 4) check (budget_usd >= 0),
    created_at  timestamptz    not null default now(),
    updated_at  timestamptz    not null default now()
);
create index campaigns_client_newest on campaigns (client_id, created_at desc, id desc);

-- Media bytes live in the media store under storage_key (content addressed); rows hold metadata.
create table assets (
    id           uuid primary key,
    client_id    uuid        not null references clients (id),
    campaign_id  uuid        not null references campaigns (id),
    filename     text,
    content_type text        not null,
    bytes        bigint      not null check (bytes > 0),
    width        int,
    height       int,
    sha256       text        not null,
    storage_key  text        not null,
    created_at   timestamptz not null default now()
);
create index assets_campaign_newest on assets (campaign_id, created_at desc, id desc);

create table jobs (
    id                 uuid primary key,
    client_id          uuid           not null references clients (id),
    campaign_id        uuid           not null references campaigns (id),
    kind               text           not null check (kind in ('image', 'video')),
    status             text           not null check (status in
                           ('queued', 'running', 'waiting', 'retrying', 'succeeded', 'failed', 'canceled')),
    input              jsonb          not null,
    parent_job_id      uuid           references jobs (id),
    correlation_id     uuid           not null,
    -- retries are scheduled here, not by spinning in a listener
    attempts           int            not null default 0,
    max_attempts       int            not null default 3,
    next_attempt_at    timestamptz,
    -- a worker holds a running job by lease; a dead worker's job is taken again when it expires
    lease_owner        text,
    lease_expires_at   timestamptz,
    provider           text,
    prediction_id      text,
    progress           int            not null default 0 check (progress between 0 and 100),
    current_stage      text,
    -- saga of a video without a start image: waiting_for_image -> generating_video -> done
    saga_state         text,
    saga_deadline_at   timestamptz,
    error_code         text,
    error_message      text,
    estimated_cost_usd numeric(12, 4) not null default 0,
    cost_usd           numeric(12, 4),
    idempotency_key    text,
    request_hash       text,
    result_id          uuid,
    created_at         timestamptz    not null default now(),
    updated_at         timestamptz    not null default now(),
    started_at         timestamptz,
    finished_at        timestamptz
);
create unique index jobs_idempotency on jobs (client_id, idempotency_key) where idempotency_key is not null;
create unique index jobs_prediction on jobs (provider, prediction_id) where prediction_id is not null;
create index jobs_client_newest on jobs (client_id, created_at desc, id desc);
create index jobs_campaign_newest on jobs (campaign_id, created_at desc, id desc);
create index jobs_parent on jobs (parent_job_id) where parent_job_id is not null;
create index jobs_due on jobs (next_attempt_at) where status in ('queued', 'retrying');
create index jobs_leased on jobs (lease_expires_at) where status = 'running';
create index jobs_waiting on jobs (saga_deadline_at) where status = 'waiting';

create table generated_images (
    id           uuid primary key,
    job_id       uuid        not null unique references jobs (id),
    client_id    uuid        not null references clients (id),
    campaign_id  uuid        not null references campaigns (id),
    prompt       text,
    provider     text        not null,
    content_type text        not null,
    bytes        bigint      not null,
    width        int         not null,
    height       int         not null,
    sha256       text        not null,
    storage_key  text        not null,
    provider_url text,
    created_at   timestamptz not null default now()
);
create index generated_images_client_newest on generated_images (client_id, created_at desc, id desc);
create index generated_images_campaign_newest on generated_images (campaign_id, created_at desc, id desc);

create table generated_videos (
    id              uuid primary key,
    job_id          uuid        not null unique references jobs (id),
    client_id       uuid        not null references clients (id),
    campaign_id     uuid        not null references campaigns (id),
    prompt          text,
    provider        text        not null,
    source_image_id uuid        references generated_images (id),
    content_type    text        not null,
    bytes           bigint      not null,
    width           int         not null,
    height          int         not null,
    duration_ms     int         not null,
    fps             int         not null,
    sha256          text        not null,
    storage_key     text        not null,
    provider_url    text,
    created_at      timestamptz not null default now()
);
create index generated_videos_client_newest on generated_videos (client_id, created_at desc, id desc);
create index generated_videos_campaign_newest on generated_videos (campaign_id, created_at desc, id desc);

-- Transactional outbox: the only way a service emits a message. Written in the business
-- transaction, relayed to RabbitMQ with publisher confirms, then marked published.
create table outbox (
    id           bigserial primary key,
    message_id   uuid        not null unique,
    exchange     text        not null,
    routing_key  text        not null,
    type         text        not null,
    headers      jsonb       not null default '{}'::jsonb,
    payload      jsonb       not null,
    created_at   timestamptz not null default now(),
    published_at timestamptz,
    attempts     int         not null default 0,
    last_error   text
);
create index outbox_unpublished on outbox (id) where published_at is null;

-- the relay waits on this channel instead of polling slowly
create function outbox_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify('reelsmith_outbox', '');
    return null;
end $$;
create trigger outbox_inserted after insert on outbox
    for each statement execute function outbox_notify();

-- Idempotent consumers: the dedupe insert commits with the consumer's business update.
create table processed_messages (
    consumer     text        not null,
    message_id   uuid        not null,
    processed_at timestamptz not null default now(),
    primary key (consumer, message_id)
);
