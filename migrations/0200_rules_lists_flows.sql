-- Policy engine: identifier lists (keyed hashes only), decision flow versions, and their audit trail.
create table rule_lists (
  tenant_id text not null,
  list_name text not null,
  kind text not null check (kind in ('nationalId', 'phone', 'deviceId', 'ip', 'card', 'email', 'employer')),
  color text not null check (color in ('black', 'white', 'grey')),
  description text not null default '',
  created_at timestamptz not null default now(),
  primary key (tenant_id, list_name)
);

-- hash = HMAC-SHA256(identifier key, kind || 0 || normalized value), base64url; the clear value is never stored.
create table rule_list_entries (
  tenant_id text not null,
  list_name text not null,
  hash text not null,
  reason text not null,
  source text not null,
  added_at timestamptz not null,
  added_by text,
  expires_at timestamptz,
  primary key (tenant_id, list_name, hash),
  foreign key (tenant_id, list_name) references rule_lists (tenant_id, list_name) on delete cascade
);
create index rule_list_entries_expiry on rule_list_entries (tenant_id, expires_at) where expires_at is not null;

-- One row per flow version; a published version is immutable, exactly one may be live per flow.
create table flow_versions (
  tenant_id text not null,
  flow_id text not null,
  version integer not null check (version >= 1),
  status text not null check (status in ('draft', 'published', 'retired')),
  document jsonb not null,
  author text not null,
  created_at timestamptz not null,
  comment text not null default '',
  published_by text,
  published_at timestamptz,
  role text check (role in ('champion', 'challenger')),
  primary key (tenant_id, flow_id, version)
);
create unique index flow_versions_one_champion on flow_versions (tenant_id, flow_id)
  where status = 'published' and role = 'champion';

-- Who changed which list or flow, when and why.
create table rule_audit (
  tenant_id text not null,
  at timestamptz not null,
  actor text not null,
  action text not null,
  subject text not null,
  detail jsonb not null default '{}'
);
create index rule_audit_subject on rule_audit (tenant_id, subject, at desc);
