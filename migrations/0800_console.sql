-- Console: people who sign in (users, their roles per tenant), browser sessions, and review cases.

-- A person, by e-mail, across tenants. The password is an scrypt hash with its own salt and cost parameters.
create table console_users (
  user_id text primary key,
  email text not null,
  name text not null,
  password_hash text not null,
  created_at timestamptz not null default now()
);
create unique index console_users_email on console_users (lower(email));

-- What a user may do in a tenant. Removing the last membership removes the user.
create table console_memberships (
  tenant_id text not null references tenants (tenant_id),
  user_id text not null references console_users (user_id) on delete cascade,
  role text not null check (role in ('admin', 'analyst', 'decision', 'viewer')),
  created_at timestamptz not null default now(),
  primary key (tenant_id, user_id)
);
create index console_memberships_user on console_memberships (user_id);

-- A signed-in browser. Only the SHA-256 of the 32-byte session id is stored; the role is re-read from the API key
-- or the membership on every request, so a revoked key or a removed membership ends the session at once.
create table console_sessions (
  session_hash text primary key,
  tenant_id text not null,
  user_id text,
  key_id text,
  created_at timestamptz not null,
  last_seen_at timestamptz not null,
  expires_at timestamptz not null,
  check ((user_id is null) <> (key_id is null))
);
create index console_sessions_user on console_sessions (user_id);

-- Review cases: an application the machine sent to review, or a post-loan fraud alert. Ids derive from the source
-- (`case_r_<decisionId>`, `case_a_<alertId>`), so syncing from decisions and alerts is an idempotent insert.
create table review_cases (
  tenant_id text not null,
  case_id text not null,
  kind text not null check (kind in ('review', 'fraud_alert')),
  status text not null check (status in ('open', 'assigned', 'escalated', 'closed')),
  decision_id text,
  application_id text,
  alert_id text,
  assignee text,
  priority integer not null,
  reason_codes jsonb not null,
  opened_at timestamptz not null,
  updated_at timestamptz not null,
  primary key (tenant_id, case_id)
);
create index review_cases_status on review_cases (tenant_id, status, case_id);

-- Everything done to a case, in order (opened, assigned, commented, decided, escalated).
create table review_case_history (
  tenant_id text not null,
  case_id text not null,
  seq bigint generated always as identity,
  at timestamptz not null,
  actor text not null,
  action text not null,
  detail jsonb not null,
  primary key (tenant_id, case_id, seq)
);

-- The human outcome of a case. The machine decision in `decisions` is never rewritten.
create table review_case_decisions (
  tenant_id text not null,
  case_id text not null,
  decision_id text,
  outcome text not null check (outcome in ('approve', 'decline')),
  reason text not null,
  decided_by text not null,
  decided_at timestamptz not null,
  primary key (tenant_id, case_id)
);
