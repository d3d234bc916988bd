-- Operations (issue 15): dead letters an operator can act on, and an audit of what operators did.

-- A message that could not be handled, recorded when the application dead-letters it (and, on
-- RabbitMQ, when a consumer drains the broker's own .dlq queues), so listing never consumes from a
-- queue to look at it. One row per message per queue: seeing it again bumps last_seen_at and times_seen.
create table dead_letters (
    id            bigserial primary key,
    queue         text        not null,
    exchange      text        not null default '',
    routing_key   text        not null default '',
    message_id    text        not null,
    message_type  text,
    job_id        uuid,
    reason        text        not null,
    payload       text        not null,
    headers       jsonb       not null default '{}'::jsonb,
    first_seen_at timestamptz not null default now(),
    last_seen_at  timestamptz not null default now(),
    times_seen    int         not null default 1,
    status        text        not null default 'new' check (status in ('new', 'replayed', 'discarded')),
    acted_at      timestamptz,
    acted_by      text,
    replay_message_id uuid,
    unique (queue, message_id)
);
create index dead_letters_listing on dead_letters (id desc);
create index dead_letters_new on dead_letters (queue, id) where status = 'new';

-- Every operator action: who (the key), what, on what, when, and how it came out.
create table ops_audit (
    id         bigserial primary key,
    at         timestamptz not null default now(),
    key_id     uuid,
    key_name   text,
    action     text        not null,
    target     text,
    outcome    text        not null,
    detail     jsonb       not null default '{}'::jsonb
);
create index ops_audit_listing on ops_audit (id desc);

-- one retry per job: retrying the same failed job twice answers with the first retry
create unique index jobs_one_retry_per_job on jobs (retry_of) where retry_of is not null and parent_job_id is null;
