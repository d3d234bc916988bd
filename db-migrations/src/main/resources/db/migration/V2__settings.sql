-- Values every gateway instance must agree on and that must survive restarts, such as the key
-- that signs media links (generated once when MEDIA_SIGNING_KEY is not set).
create table settings (
    name       text primary key,
    value      text        not null,
    created_at timestamptz not null default now()
);
