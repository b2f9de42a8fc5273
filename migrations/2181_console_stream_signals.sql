-- The console's live stream (GET /v1/stream): a post-loan alert raised or a review case opened or worked on any node
-- reaches every node's open console pages at commit, by the change feed's per-tenant signal (one NOTIFY per tenant
-- touched by a statement, folded within a transaction).
create trigger monitoring_alerts_signal after insert on monitoring_alerts referencing new table as new_rows for each statement execute function rl_feed_tenants_new();
create trigger review_cases_signal_i after insert on review_cases referencing new table as new_rows for each statement execute function rl_feed_tenants_new();
create trigger review_cases_signal_u after update on review_cases referencing new table as new_rows for each statement execute function rl_feed_tenants_new();
