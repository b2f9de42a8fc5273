-- Post-loan trigger sets per tenant, versioned: analysts save drafts, an admin publishes one (the live set); the
-- previous live version is retired. A tenant without a published set runs the stock triggers. Publishing takes a
-- person other than the draft's author (four eyes, as for flows and models): the *_human columns name the people.
create table trigger_set_versions (
  tenant_id text not null,
  version integer not null,
  status text not null check (status in ('draft', 'published', 'retired')),
  document jsonb not null,
  author text not null,
  author_human text,
  comment text not null default '',
  created_at timestamptz not null default now(),
  published_by text,
  published_by_human text,
  published_at timestamptz,
  primary key (tenant_id, version)
);
create unique index trigger_set_versions_live on trigger_set_versions (tenant_id) where status = 'published';
