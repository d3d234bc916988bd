-- Productions: an approved storyboard becomes a finished ad. A production is a job of kind 'ad' on
-- the studio worker (routing key ad.produce), a fan-out saga of one ordinary video job per scene
-- (each making its keyframe first when the scene has no approved preview), then music and assembly.
-- An export of an ad is a job of kind 'export' (routing key ad.export), also on the studio worker.
alter table jobs drop constraint if exists jobs_kind_check;
alter table jobs add constraint jobs_kind_check check (kind in ('image', 'video', 'storyboard', 'ad', 'export'));

-- One row per production job: which storyboard version it makes. The first production of a
-- version is unique (POST /storyboards/{id}/produce is idempotent); a retry of a failed production
-- (retry-scene) is another row, naming the production it retries.
create table productions (
    job_id        uuid primary key references jobs (id),
    client_id     uuid        not null references clients (id),
    campaign_id   uuid        not null references campaigns (id),
    storyboard_id uuid        not null references storyboards (id),
    version       int         not null,
    aspect_ratio  text        not null,
    scenes_total  int         not null check (scenes_total >= 1),
    retry_of      uuid        references jobs (id),
    created_at    timestamptz not null default now()
);
create unique index productions_first_of_version on productions (storyboard_id, version) where retry_of is null;
create index productions_of_storyboard on productions (storyboard_id, created_at desc);

-- A production's scenes in order. child_job_id: the scene's current video job (null until started);
-- clip_video_id: the scene's finished clip (a retry adopts the clips its failed production made).
create table production_scenes (
    production_job_id uuid        not null references jobs (id),
    position          int         not null check (position >= 1),
    scene_id          text        not null,
    duration_s        int         not null check (duration_s between 1 and 10),
    child_job_id      uuid        references jobs (id),
    clip_video_id     uuid        references generated_videos (id),
    primary key (production_job_id, position)
);
create index production_scenes_child on production_scenes (child_job_id) where child_job_id is not null;

-- A finished ad: the production's result (jobs.result_id of the production job).
create table ads (
    id                uuid primary key,
    client_id         uuid        not null references clients (id),
    campaign_id       uuid        not null references campaigns (id),
    production_job_id uuid        not null unique references jobs (id),
    storyboard_id     uuid        not null references storyboards (id),
    version           int         not null,
    aspect_ratio      text        not null,
    content_type      text        not null,
    bytes             bigint      not null,
    width             int         not null,
    height            int         not null,
    duration_ms       int         not null,
    sha256            text        not null,
    storage_key       text        not null,
    music             text,
    created_at        timestamptz not null default now()
);
create index ads_campaign_newest on ads (campaign_id, created_at desc, id desc);

-- An ad in another format, resolution or aspect ratio. The row is written with its export job;
-- the media columns when the job succeeds. An identical request finds the row by the unique key.
create table ad_exports (
    id           uuid primary key,
    ad_id        uuid        not null references ads (id),
    client_id    uuid        not null references clients (id),
    campaign_id  uuid        not null references campaigns (id),
    job_id       uuid        not null unique references jobs (id),
    format       text        not null check (format in ('mp4', 'mov', 'webm')),
    resolution   int         not null check (resolution in (480, 720, 1080)),
    aspect_ratio text        not null,
    content_type text,
    bytes        bigint,
    width        int,
    height       int,
    duration_ms  int,
    sha256       text,
    storage_key  text,
    created_at   timestamptz not null default now(),
    unique (ad_id, format, resolution, aspect_ratio)
);
