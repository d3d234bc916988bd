-- A production's music bed, kept once it is bought: a retried assembly (the same job's next attempt,
-- or a production retrying a failed one) reuses it instead of paying the music model again.
-- music_storage_key: the bed in the media store (the media sweep keeps what a *_storage_key names);
-- music_source: what made it (replicate:meta/musicgen); music_cost_usd: what this production was
-- charged for it (part of the production job's own cost); music_prediction_id: the prediction it came from.
alter table productions add column music_storage_key   text;
alter table productions add column music_source        text;
alter table productions add column music_cost_usd      numeric(12, 4);
alter table productions add column music_prediction_id text;
