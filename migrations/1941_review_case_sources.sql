-- Review cases open from the decisions and alerts stored since the last look, not from a scan of all of them on
-- every case list or overview: alerts carry the writing transaction's id (as decisions do since the change feed),
-- so a node reads only the transactions at or above the horizon (snapshot xmin) it took before its last look.
alter table monitoring_alerts add column xid xid8 not null default pg_current_xact_id();
create index monitoring_alerts_xid on monitoring_alerts (xid);
