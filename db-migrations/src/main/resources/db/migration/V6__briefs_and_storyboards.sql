-- Creative briefs become storyboards that people review, change and approve before any video is
-- paid for. A storyboard job (kind 'storyboard', routing key storyboard.plan) runs on the studio
-- worker: it plans a brief into a storyboard, or refines one with written feedback.
alter table jobs drop constraint if exists jobs_kind_check;
alter table jobs add constraint jobs_kind_check check (kind in ('image', 'video', 'storyboard'));

-- A brief as the team wrote it, with the platform's defaults filled in (platform, duration_s and
-- aspect_ratio are always set here; what the team left out is in defaulted).
create table briefs (
    id              uuid primary key,
    client_id       uuid        not null references clients (id),
    campaign_id     uuid        not null references campaigns (id),
    text            text        not null,
    product         text,
    audience        text,
    key_message     text,
    call_to_action  text,
    platform        text        not null check (platform in
                        ('instagram_reel', 'tiktok', 'youtube', 'youtube_short', 'linkedin', 'custom')),
    duration_s      int         not null check (duration_s between 5 and 120),
    aspect_ratio    text        not null,
    tone            text,
    refs            jsonb       not null default '[]'::jsonb,
    defaulted       jsonb       not null default '[]'::jsonb,
    job_id          uuid        not null references jobs (id),
    created_by_key  uuid        references api_keys (id),
    created_at      timestamptz not null default now()
);
create index briefs_campaign_newest on briefs (campaign_id, created_at desc, id desc);

-- One storyboard per brief. current_version is the optimistic lock: every change is a conditional
-- update "where current_version = :expected", then a new immutable row in storyboard_versions.
create table storyboards (
    id               uuid primary key,
    client_id        uuid        not null references clients (id),
    campaign_id      uuid        not null references campaigns (id),
    brief_id         uuid        not null unique references briefs (id),
    status           text        not null default 'draft' check (status in
                         ('draft', 'in_review', 'changes_requested', 'approved', 'rejected')),
    current_version  int         not null default 1 check (current_version >= 1),
    -- refinements asked for (counted when asked, so a sixth is refused while five are still running)
    refinements      int         not null default 0 check (refinements between 0 and 5),
    approved_version int,
    -- the whole production's estimate, reserved from the campaign's budget at approval and held until
    -- the production's own jobs carry it (the production work sets it back to 0 when it starts them)
    reserved_usd     numeric(12, 4) not null default 0,
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now()
);
create index storyboards_campaign_newest on storyboards (campaign_id, created_at desc, id desc);

create table storyboard_versions (
    storyboard_id      uuid           not null references storyboards (id),
    version            int            not null,
    content            jsonb          not null,
    estimated_cost_usd numeric(12, 4),
    estimate           jsonb,
    created_at         timestamptz    not null default now(),
    primary key (storyboard_id, version)
);

-- Who did what, when: every change of content or state, with the API key (id and name at the time).
create table storyboard_history (
    id            bigserial primary key,
    storyboard_id uuid        not null references storyboards (id),
    version       int         not null,
    action        text        not null,
    key_id        uuid,
    key_name      text,
    comment       text,
    detail        jsonb,
    created_at    timestamptz not null default now()
);
create index storyboard_history_of on storyboard_history (storyboard_id, id);

-- A scene's keyframe preview: an ordinary image job. The newest row per scene is its current preview.
create table storyboard_previews (
    job_id        uuid primary key references jobs (id),
    storyboard_id uuid        not null references storyboards (id),
    scene_id      text        not null,
    version       int         not null,
    approved      boolean     not null default false,
    created_at    timestamptz not null default now()
);
create index storyboard_previews_of on storyboard_previews (storyboard_id, scene_id, created_at desc);

-- An approved storyboard's reservation for its whole production counts in its campaign's running
-- total (V5) like a job's share: committed_usd = the jobs' shares + the storyboards' reservations.
create function campaign_spend_follows_storyboards() returns trigger language plpgsql as $$
begin
    update campaigns set committed_usd = committed_usd + new.reserved_usd - old.reserved_usd
    where id = new.campaign_id;
    return null;
end $$;

create trigger storyboard_reservation_changed after update of reserved_usd on storyboards
    for each row when (old.reserved_usd is distinct from new.reserved_usd)
    execute function campaign_spend_follows_storyboards();
