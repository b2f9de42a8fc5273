-- Model registry: every fitted model version with what it was trained on, how it scored, who built and who
-- approved it. A version's model is immutable; only its status moves (draft → approved → retired).
create table model_versions (
  tenant_id text not null,
  name text not null,
  version integer not null check (version >= 1),
  kind text not null check (kind in ('scorecard', 'gbdt')),
  status text not null check (status in ('draft', 'approved', 'retired')),
  model jsonb not null,
  features jsonb not null,
  metrics jsonb not null,
  data_fingerprint text not null,
  author text not null,
  comment text not null default '',
  created_at timestamptz not null default now(),
  approved_by text,
  approved_at timestamptz,
  primary key (tenant_id, name, version)
);
