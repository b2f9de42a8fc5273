-- Risk programs proposed for a tenant (`riskloop program apply`, POST /v1/programs/proposals): the author's part
-- is done (models trained and registered as drafts, lists made, the flow written with its trained versions and
-- cut-offs); a second person approves it, which approves the models and publishes the flow and the triggers.
create table program_proposals (
  tenant_id text not null,
  proposal_id text not null,
  program text not null,
  program_version integer not null,
  status text not null check (status in ('proposed', 'applied')),
  author text not null,
  author_human text,
  detail jsonb not null,
  created_at timestamptz not null default now(),
  applied_by text,
  applied_at timestamptz,
  primary key (tenant_id, proposal_id)
);
