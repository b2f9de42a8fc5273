-- Change feed (docs/shared-state.md). Every node holds in-memory read models (association graph, consortium event
-- index, compiled lists/flows/models, API-key cache) that another node's committed change must reach within a second.
--
-- Row feeds: tables whose rows nodes fold into memory carry the id of the transaction that wrote them (xid8: 64-bit,
-- never wraps). A statement trigger sends one NOTIFY per transaction and table — delivered only on commit, in commit
-- order — naming that transaction, and a node reads exactly its rows. A node that (re)connects catches up by reading
-- the transactions at or above its horizon (the snapshot xmin it last saw): a sequence number would not do, since a
-- lower sequence can commit after a higher one was read; a transaction id below xmin is finished for sure.
alter table decisions add column xid xid8 not null default pg_current_xact_id();
create index decisions_xid on decisions (xid);
alter table applications add column xid xid8 not null default pg_current_xact_id();
create index applications_xid on applications (xid);
alter table consortium_events add column xid xid8 not null default pg_current_xact_id();
create index consortium_events_xid on consortium_events (xid);

-- o = the writer's application_name (each node sets its own), so a node can skip what its own effects applied.
create function rl_feed_rows() returns trigger language plpgsql as $$ begin perform pg_notify(left('rl_' || TG_TABLE_SCHEMA, 63), json_build_object('t', TG_TABLE_NAME, 'x', pg_current_xact_id()::text, 'o', current_setting('application_name'))::text); return null; end $$;
create trigger decisions_feed after insert on decisions for each statement execute function rl_feed_rows();
create trigger applications_feed after insert on applications for each statement execute function rl_feed_rows();
create trigger consortium_events_feed after insert on consortium_events for each statement execute function rl_feed_rows();

-- Signals: small tables whose whole per-tenant state a node reloads (lists, flows, models, API keys). One NOTIFY per
-- tenant touched; identical notifications inside one transaction are folded by PostgreSQL.
create function rl_feed_tenants_new() returns trigger language plpgsql as $$ declare t text; begin for t in select distinct tenant_id from new_rows loop perform pg_notify(left('rl_' || TG_TABLE_SCHEMA, 63), json_build_object('t', TG_TABLE_NAME, 'k', t)::text); end loop; return null; end $$;
create function rl_feed_tenants_old() returns trigger language plpgsql as $$ declare t text; begin for t in select distinct tenant_id from old_rows loop perform pg_notify(left('rl_' || TG_TABLE_SCHEMA, 63), json_build_object('t', TG_TABLE_NAME, 'k', t)::text); end loop; return null; end $$;

create trigger rule_lists_feed_i after insert on rule_lists referencing new table as new_rows for each statement execute function rl_feed_tenants_new();
create trigger rule_lists_feed_u after update on rule_lists referencing new table as new_rows for each statement execute function rl_feed_tenants_new();
create trigger rule_lists_feed_d after delete on rule_lists referencing old table as old_rows for each statement execute function rl_feed_tenants_old();
create trigger rule_list_entries_feed_i after insert on rule_list_entries referencing new table as new_rows for each statement execute function rl_feed_tenants_new();
create trigger rule_list_entries_feed_u after update on rule_list_entries referencing new table as new_rows for each statement execute function rl_feed_tenants_new();
create trigger rule_list_entries_feed_d after delete on rule_list_entries referencing old table as old_rows for each statement execute function rl_feed_tenants_old();
create trigger flow_versions_feed_i after insert on flow_versions referencing new table as new_rows for each statement execute function rl_feed_tenants_new();
create trigger flow_versions_feed_u after update on flow_versions referencing new table as new_rows for each statement execute function rl_feed_tenants_new();
create trigger flow_versions_feed_d after delete on flow_versions referencing old table as old_rows for each statement execute function rl_feed_tenants_old();
create trigger model_versions_feed_i after insert on model_versions referencing new table as new_rows for each statement execute function rl_feed_tenants_new();
create trigger model_versions_feed_u after update on model_versions referencing new table as new_rows for each statement execute function rl_feed_tenants_new();
create trigger model_versions_feed_d after delete on model_versions referencing old table as old_rows for each statement execute function rl_feed_tenants_old();
create trigger api_keys_feed_i after insert on api_keys referencing new table as new_rows for each statement execute function rl_feed_tenants_new();
create trigger api_keys_feed_u after update on api_keys referencing new table as new_rows for each statement execute function rl_feed_tenants_new();
create trigger api_keys_feed_d after delete on api_keys referencing old table as old_rows for each statement execute function rl_feed_tenants_old();

-- Device reputation (accounts per device, devices per account, first seen, declines) is an aggregate over these
-- rows, written in the same statement as the decision: only a stored decision counts, once, on every node.
create table device_observations (
  tenant_id text not null,
  decision_id text not null,
  device_key text not null,
  account_id text not null,
  observed_at timestamptz not null,
  declined boolean not null,
  fraud boolean not null,
  primary key (tenant_id, decision_id)
);
create index device_observations_device on device_observations (tenant_id, device_key, observed_at);
create index device_observations_account on device_observations (tenant_id, account_id, observed_at);
