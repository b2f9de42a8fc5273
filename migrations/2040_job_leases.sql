-- Jobs survive the node that runs them: a job carries its input (so any node can run it again) and a lease that
-- its node renews while it holds the job. A job whose lease ran out (its node stopped) is claimed by another node,
-- or by the same node after a restart; only the lease holder may finish it, so it finishes once.
alter table jobs add column input jsonb;
alter table jobs add column lease_owner text;
alter table jobs add column lease_until timestamptz;
-- how many times a node started the job; a job that stopped its node this often is failed, not retried again
alter table jobs add column attempts integer not null default 0;
create index jobs_open_leases on jobs (lease_until) where status in ('queued', 'running');
