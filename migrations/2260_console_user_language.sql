-- The console language a user chose, kept with the account so it follows them to any browser at sign-in.
-- Null: never chosen; the browser's own language is used (first visit) until they choose.
alter table console_users add column language text check (language in ('zh-CN', 'en'));
