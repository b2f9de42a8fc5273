-- Post-loan monitoring: the embedded event log (outbox) with consumer offsets, alerts, webhook dead letters,
-- collections cases and outcomes. Borrower ids are keyed hashes, never clear identifiers.

-- The in-process bus's log: producers append in their own transaction; consumers read by sequence.
create table monitoring_events (
  sequence bigint generated always as identity primary key,
  tenant_id text not null,
  event_id text not null,
  event_type text not null,
  borrower_id text not null,
  occurred_at timestamptz not null,
  event jsonb not null,
  created_at timestamptz not null default now()
);
create unique index monitoring_events_id on monitoring_events (tenant_id, event_id);
create index monitoring_events_tenant_seq on monitoring_events (tenant_id, sequence);

create table monitoring_consumer_offsets (
  tenant_id text not null,
  consumer text not null,
  sequence bigint not null,
  updated_at timestamptz not null default now(),
  primary key (tenant_id, consumer)
);

-- alert_id is derived from (event_id, trigger_id): a replay inserts nothing new.
create table monitoring_alerts (
  tenant_id text not null,
  alert_id text not null,
  borrower_id text not null,
  trigger_id text not null,
  severity text not null check (severity in ('low', 'medium', 'high', 'critical')),
  raised_at timestamptz not null,
  alert jsonb not null,
  delivery_status text not null default 'pending' check (delivery_status in ('pending', 'delivered', 'dead_letter')),
  primary key (tenant_id, alert_id)
);
create index monitoring_alerts_borrower on monitoring_alerts (tenant_id, borrower_id, raised_at);
create index monitoring_alerts_raised on monitoring_alerts (tenant_id, raised_at);

create table monitoring_webhook_dead_letters (
  tenant_id text not null,
  delivery_id text not null,
  url text not null,
  body text not null,
  attempts jsonb not null,
  failed_at timestamptz not null,
  primary key (tenant_id, delivery_id)
);

create table collection_cases (
  tenant_id text not null,
  case_id text not null,
  borrower_id text not null,
  loan_id text not null,
  status text not null check (status in ('open', 'promised', 'paid', 'closed')),
  dpd integer not null,
  assigned_to text,
  data jsonb not null,
  updated_at timestamptz not null default now(),
  primary key (tenant_id, case_id)
);
create index collection_cases_open on collection_cases (tenant_id, status);

create table collection_outcomes (
  tenant_id text not null,
  case_id text not null,
  outcome_seq bigint generated always as identity,
  day integer not null,
  agent_id text,
  outcome jsonb not null,
  recorded_at timestamptz not null default now(),
  primary key (tenant_id, case_id, outcome_seq)
);
