-- 1. The outbox no longer notifies on insert. A transaction that has called pg_notify takes a
-- database-wide lock from its commit until it ends, so every job and event commit of the system
-- queued behind the others. Each service's relay is now woken by its own commits (OutboxSignal),
-- and polls for rows other processes left.
drop trigger outbox_inserted on outbox;
drop function outbox_notify();

-- 2. What a campaign has spent or committed, kept as a running total instead of summed over all
-- of its jobs on every request (a cost that grew with the campaign). A job counts what it may
-- cost while unfinished and what it did cost once finished: a failed or canceled job only what
-- its provider billed (job_spend, the same rule the sum used). The submitter reserves a new
-- top-level job's estimate before inserting it (CampaignBudget.reserve, checked against the
-- budget in the same statement); this trigger follows every later change of a job, and counts
-- child jobs (a saga's image) as they are inserted, since their estimate moves from the parent.
-- Invariant: committed_usd = sum(job_spend(...)) over the campaign's jobs, plus any reservation
-- a crashed gateway left between reserving and inserting (which errs on the side of refusing).
create function job_spend(status text, cost numeric, estimate numeric) returns numeric
    language sql immutable as $$
    select case when status in ('failed', 'canceled') then coalesce(cost, 0)
                else greatest(coalesce(cost, 0), estimate) end
$$;

alter table campaigns add column committed_usd numeric(14, 4) not null default 0;

-- no job may change between the sum below and the triggers that follow every change after it;
-- and every gateway must run the code that reserves (CampaignBudget) once this has run: an older
-- one would insert top-level jobs nobody counts
lock table jobs in share row exclusive mode;

update campaigns c set committed_usd = coalesce(
    (select sum(job_spend(j.status, j.cost_usd, j.estimated_cost_usd)) from jobs j where j.campaign_id = c.id), 0);

create function campaign_spend_follows_jobs() returns trigger language plpgsql as $$
declare
    delta numeric;
begin
    if tg_op = 'INSERT' then
        delta := job_spend(new.status, new.cost_usd, new.estimated_cost_usd);
    else
        delta := job_spend(new.status, new.cost_usd, new.estimated_cost_usd)
               - job_spend(old.status, old.cost_usd, old.estimated_cost_usd);
    end if;
    if delta <> 0 then
        update campaigns set committed_usd = committed_usd + delta where id = new.campaign_id;
    end if;
    return null;
end $$;

-- only rows whose share can change fire it: a heartbeat or a progress update costs nothing
create trigger child_job_spend after insert on jobs
    for each row when (new.parent_job_id is not null) execute function campaign_spend_follows_jobs();
create trigger job_spend_changed after update of status, cost_usd, estimated_cost_usd on jobs
    for each row when (job_spend(old.status, old.cost_usd, old.estimated_cost_usd)
                       is distinct from job_spend(new.status, new.cost_usd, new.estimated_cost_usd))
    execute function campaign_spend_follows_jobs();

-- 3. GET /jobs?status=...: without it a status few jobs have (failed, say) was found by reading the
-- client's whole history, newest first (a second or more at a million jobs).
create index jobs_client_status_newest on jobs (client_id, status, created_at desc, id desc);
