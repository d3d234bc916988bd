-- Issue 14, parts 5 and 6: lifecycle of clients and keys, performance figures, spend reports.

-- A key may expire (refused with 401 api_key_expired after expires_at) and may only read
-- (scope 'read': any request but GET and HEAD is a 403). last_used_at is written off the request
-- path, at most once a minute per key (KeyUsage).
alter table api_keys add column expires_at   timestamptz;
alter table api_keys add column last_used_at timestamptz;
alter table api_keys add column scope        text not null default 'all' check (scope in ('all', 'read'));

-- An archived client, like an archived campaign, takes no new work; its data stays readable.
alter table clients add column status     text        not null default 'active' check (status in ('active', 'archived'));
alter table clients add column updated_at timestamptz not null default now();

-- Figures a client reports back for a finished video (or ad) job, per day: a day posted again
-- replaces that day's figures, so a client may resend its daily export safely.
create table job_performance (
    job_id      uuid        not null references jobs (id),
    day         date        not null,
    client_id   uuid        not null references clients (id),
    campaign_id uuid        not null references campaigns (id),
    views       bigint      not null check (views >= 0),
    clicks      bigint      not null check (clicks >= 0),
    conversions bigint      not null check (conversions >= 0),
    reported_at timestamptz not null default now(),
    primary key (job_id, day)
);
create index job_performance_campaign on job_performance (campaign_id, job_id);

-- Spend reports read the jobs with a recorded cost of a client (or campaign) in a time range.
create index jobs_spend_client on jobs (client_id, created_at) where cost_usd is not null;
create index jobs_spend_campaign on jobs (campaign_id, created_at) where cost_usd is not null;
