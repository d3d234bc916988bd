-- Every unfinished state has a time after which the workers' sweeper acts (see platform/jobs/DueJobs):
--   queued:   its command is sent again when it has waited long enough, backing off by `resends`;
--   retrying: next_attempt_at, then it is queued again with a fresh command;
--   running:  lease_expires_at (a heartbeat renews it only until the attempt's own deadline);
--   waiting on a prediction: next_attempt_at, the next look at the provider;
--   waiting on children (a saga): counted from the children's attempt_started_at, on this database's clock.
alter table jobs add column resends int not null default 0;
alter table jobs add column attempt_started_at timestamptz;
-- the current attempt's deadline, on the database's clock: the heartbeat never renews the lease past it
alter table jobs add column attempt_deadline_at timestamptz;
-- a webhook's poke that came while the job was running: look at the prediction as soon as it is parked
alter table jobs add column poked boolean not null default false;
-- the prediction whose output was billed to this job's cost_usd (charged once per prediction)
alter table jobs add column billed_prediction_id text;
drop index jobs_due;
drop index jobs_waiting;
alter table jobs drop column saga_deadline_at;

create index jobs_queued on jobs (kind, updated_at) where status = 'queued';
create index jobs_due on jobs (kind, next_attempt_at) where status in ('retrying', 'waiting');
