-- Which worker instance finished a job (its identity: service:pid@host:tail, as in lease_owner,
-- which is cleared when the job ends). For operators ("which instance did this?") and for the
-- scale-out test, which proves that competing instances all did work. Written by platform/jobs only.
alter table jobs add column finished_by text;
