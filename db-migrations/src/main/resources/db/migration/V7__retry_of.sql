-- Terminal states stay terminal: retrying a failed job (POST /jobs/{id}/retry, "retry all stuck", a
-- production's failed scene) makes a new job that names the one it retries. The failed job keeps its
-- status, cost and sent webhooks.
alter table jobs add column retry_of uuid references jobs (id);
create index jobs_retry_of on jobs (retry_of) where retry_of is not null;
