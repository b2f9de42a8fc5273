-- Foundation: tenants, API keys, decisions. Every row carries its tenant; every query filters by it.
create table tenants (
  tenant_id text primary key,
  name text not null,
  created_at timestamptz not null default now()
);

create table api_keys (
  key_id text primary key,
  tenant_id text not null references tenants (tenant_id),
  role text not null check (role in ('admin', 'analyst', 'decision', 'viewer')),
  name text not null default '',
  key_prefix text not null,
  secret_hash text not null unique,
  created_at timestamptz not null default now(),
  revoked_at timestamptz
);
create index api_keys_tenant on api_keys (tenant_id);

-- One row per decision: the answer, the input snapshot with identifiers keyed-hashed (enough to replay),
-- and the clear identity sealed with AES-256-GCM.
create table decisions (
  tenant_id text not null,
  decision_id text not null,
  application_id text not null,
  idempotency_key text,
  request_hash text not null,
  outcome text not null check (outcome in ('approve', 'review', 'decline')),
  score double precision,
  credit_limit double precision,
  price double precision,
  flow_version text not null,
  decision jsonb not null,
  input jsonb not null,
  sealed_identity text,
  created_at timestamptz not null,
  primary key (tenant_id, decision_id)
);
create unique index decisions_idempotency on decisions (tenant_id, idempotency_key) where idempotency_key is not null;
create index decisions_application on decisions (tenant_id, application_id);
-- decision ids are time-ordered (ULID layout), so the primary key also serves "newest first" listings.
