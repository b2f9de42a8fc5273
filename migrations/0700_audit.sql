-- Audit: one append-only, hash-chained log per tenant of every change to policy (lists, flows), models, API keys,
-- users and review cases. hash = SHA-256 over the canonical JSON of (seq, tenant, at, actor, action, subject,
-- detail, prevHash); verification recomputes it (src/audit). Detail never holds a clear personal identifier.
create table audit_log (
  tenant_id text not null,
  seq bigint not null check (seq >= 1),
  at timestamptz not null,
  actor text not null,
  action text not null,
  subject text not null,
  detail jsonb not null default '{}',
  prev_hash text not null,
  hash text not null,
  primary key (tenant_id, seq)
);
create index audit_log_subject on audit_log (tenant_id, subject, seq desc);

-- The chain head per tenant: appends lock this row (select ... for update), so concurrent writers queue and the
-- chain stays gapless; verification compares it with the last entry, so a removed tail is detected too.
create table audit_heads (
  tenant_id text primary key,
  seq bigint not null,
  hash text not null
);

-- Append-only in the database too: rows are never updated or deleted, the head only moves forward one entry.
-- (Function bodies stay on one line: the migration runner splits statements at line-ending semicolons.)
create function audit_log_append_only() returns trigger language plpgsql as $$ begin raise exception 'audit_log is append-only: % refused', tg_op using errcode = '42501'; end $$;
create trigger audit_log_no_change before update or delete on audit_log for each row execute function audit_log_append_only();
create trigger audit_log_no_truncate before truncate on audit_log for each statement execute function audit_log_append_only();
create function audit_heads_forward_only() returns trigger language plpgsql as $$ begin if tg_op = 'DELETE' or new.tenant_id <> old.tenant_id or new.seq <> old.seq + 1 then raise exception 'audit_heads only moves forward one entry at a time' using errcode = '42501'; end if; return new; end $$;
create trigger audit_heads_no_rewind before update or delete on audit_heads for each row execute function audit_heads_forward_only();
create trigger audit_heads_no_truncate before truncate on audit_heads for each statement execute function audit_log_append_only();
