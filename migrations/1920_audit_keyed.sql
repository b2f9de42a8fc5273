-- The audit chain is keyed: entries are HMAC-SHA256 under a key kept outside the database (src/audit/chain.ts).
-- Entries written before are marked unkeyed (plain SHA-256) and still verify; none may follow a keyed one.
alter table audit_log add column keyed boolean not null default false;
