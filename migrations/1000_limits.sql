-- Credit limits the monitoring acts on: one row per borrower (keyed hash, never a clear identifier) with the limit
-- in force, the limit before any monitoring action (what an analyst's unfreeze restores) and the drawn amount.
-- Every change is an action row; monitoring actions are keyed by their alert id, so a replayed event changes nothing.
create table credit_limits (
  tenant_id text not null,
  borrower_id text not null,
  status text not null check (status in ('active', 'reduced', 'frozen')),
  credit_limit double precision not null check (credit_limit >= 0),
  base_limit double precision not null check (base_limit >= 0),
  drawn double precision not null default 0 check (drawn >= 0),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, borrower_id)
);

create table credit_limit_actions (
  tenant_id text not null,
  action_id text not null,
  borrower_id text not null,
  action text not null check (action in ('set', 'freeze', 'reduce', 'unfreeze')),
  previous_limit double precision not null,
  new_limit double precision not null,
  reason text not null,
  alert_id text,
  actor text not null,
  created_at timestamptz not null default now(),
  primary key (tenant_id, action_id)
);
create index credit_limit_actions_borrower on credit_limit_actions (tenant_id, borrower_id, created_at);
