-- Post-loan trigger sets reach every node on the change feed's signal, like lists, flows, models and keys (1320):
-- a publish on any node is in every node's monitor within a second, with no polling.
create trigger trigger_set_versions_feed_i after insert on trigger_set_versions referencing new table as new_rows for each statement execute function rl_feed_tenants_new();
create trigger trigger_set_versions_feed_u after update on trigger_set_versions referencing new table as new_rows for each statement execute function rl_feed_tenants_new();
create trigger trigger_set_versions_feed_d after delete on trigger_set_versions referencing old table as old_rows for each statement execute function rl_feed_tenants_old();
