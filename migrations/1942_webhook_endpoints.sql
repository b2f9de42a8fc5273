-- Each tenant's own alert receivers, each with its own signing secret (sealed with AES-256-GCM, bound to the tenant
-- and endpoint as associated data: a copied secret does not open elsewhere). The one operator-wide receiver of
-- RISKLOOP_ALERT_WEBHOOK_URL sent every tenant's alerts to one place.
create table webhook_endpoints (
  tenant_id text not null,
  endpoint_id text not null,
  url text not null,
  secret_sealed text not null,
  created_by text not null,
  created_at timestamptz not null default now(),
  primary key (tenant_id, endpoint_id)
);
