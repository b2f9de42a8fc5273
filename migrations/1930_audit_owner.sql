-- The audit tables belong to a role of their own (NOLOGIN, riskloop_audit_owner): the role riskloop runs as keeps
-- INSERT and SELECT on the log (and moving the head forward) but, not owning the tables, can neither switch off nor
-- drop the append-only triggers. A migrator without the privilege to create or hand over to that role leaves the
-- tables as they are (a notice says so); a superuser bypasses all of this anyway, so production runs riskloop as a
-- plain role (docs/reliability.md). The chain key, outside the database, is what detects a rewrite regardless.
do $$ begin create role riskloop_audit_owner nologin; exception when duplicate_object then null; when insufficient_privilege then raise notice 'riskloop_audit_owner not created: %', sqlerrm; end $$;
do $$ begin alter table audit_log owner to riskloop_audit_owner; alter table audit_heads owner to riskloop_audit_owner; alter function audit_log_append_only() owner to riskloop_audit_owner; alter function audit_heads_forward_only() owner to riskloop_audit_owner; execute format('grant select, insert on audit_log to %I', current_user); execute format('grant select, insert, update on audit_heads to %I', current_user); exception when insufficient_privilege or undefined_object then raise notice 'audit tables keep their owner: %', sqlerrm; end $$;
