-- Consortium events shared by member institutions. tenant_id is the consortium's namespace. Identifiers are
-- consortium-keyed HMAC-SHA256 (base64url); no clear identifier column exists. Members read only their own rows.
create table consortium_events (
  tenant_id text not null,
  institution_id text not null,
  event_id text not null,
  institution_type text not null check (institution_type in ('bank', 'consumer-finance', 'microloan', 'online-lender')),
  event_type text not null check (event_type in ('application', 'approval', 'loan', 'repayment', 'overdue', 'settled', 'written-off')),
  occurred_at timestamptz not null,
  id_hash text check (id_hash ~ '^[A-Za-z0-9_-]{43}$'),
  phone_hash text check (phone_hash ~ '^[A-Za-z0-9_-]{43}$'),
  loan_ref text,
  amount double precision,
  dpd integer check (dpd >= 0),
  ingested_at timestamptz not null default now(),
  primary key (tenant_id, institution_id, event_id)
);
create index consortium_events_time on consortium_events (tenant_id, occurred_at, institution_id, event_id);
create index consortium_events_id on consortium_events (tenant_id, id_hash, occurred_at) where id_hash is not null;
create index consortium_events_phone on consortium_events (tenant_id, phone_hash, occurred_at) where phone_hash is not null;
