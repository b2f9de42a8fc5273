-- Marketing: versioned customer tag sets, pre-screened campaigns and their per-prospect entries.
-- Prospects are kept only as keyed hashes (prospect_key) and the marketer's own reference; never clear identity.

create table marketing_tag_sets (
  tenant_id text not null,
  version integer not null check (version >= 1),
  definition jsonb not null,
  author text not null,
  note text not null default '',
  created_at timestamptz not null default now(),
  primary key (tenant_id, version)
);

create table marketing_campaigns (
  tenant_id text not null,
  campaign_id text not null,
  name text not null,
  terms jsonb not null,
  summary jsonb not null,
  created_by text not null,
  created_at timestamptz not null default now(),
  primary key (tenant_id, campaign_id)
);
create index marketing_campaigns_created on marketing_campaigns (tenant_id, created_at);

create table marketing_campaign_entries (
  tenant_id text not null,
  campaign_id text not null,
  entry_no integer not null,
  ref text not null,
  prospect_key text not null,
  offered boolean not null,
  offer_limit double precision,
  offer_price double precision,
  reasons jsonb not null,
  taken_up_at timestamptz,
  application_id text,
  primary key (tenant_id, campaign_id, entry_no)
);
create index marketing_campaign_entries_ref on marketing_campaign_entries (tenant_id, campaign_id, ref);
