-- The fairness gate a tenant publishes flows under (issue 21): warn (publish, the audit entry names the groups under
-- the threshold) or block (refuse with 409), or off; the adverse impact ratio threshold, four-fifths by default.
alter table tenants add column fairness_mode text not null default 'warn' check (fairness_mode in ('off', 'warn', 'block'));
alter table tenants add column fairness_threshold double precision not null default 0.8
  check (fairness_threshold > 0 and fairness_threshold <= 1);
