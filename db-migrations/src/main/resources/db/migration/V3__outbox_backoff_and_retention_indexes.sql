-- The relay backs off a row that fails (unroutable, refused by the broker) on its own, so it
-- never holds up the rows behind it; attempts and last_error say what happened.
alter table outbox add column next_attempt_at timestamptz;

-- Retention deletes by age: without these, every batch scanned the whole table.
create index outbox_published on outbox (published_at) where published_at is not null;
create index processed_messages_processed on processed_messages (processed_at);

-- The media sweep asks whether any row still references a stored file.
create index assets_storage_key on assets (storage_key);
create index generated_images_storage_key on generated_images (storage_key);
create index generated_videos_storage_key on generated_videos (storage_key);
