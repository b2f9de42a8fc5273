-- An e-mail names one account per tenant, not one person across all tenants: a tenant's admin creating a user
-- learns nothing about other tenants (a global unique e-mail answered 409 for an address registered elsewhere).
-- The membership carries the e-mail's key so a tenant never holds two accounts with one e-mail, even when an
-- operator grants an account from another tenant (`riskloop users grant`).
alter table console_memberships add column email_key text;
update console_memberships m set email_key = lower(u.email) from console_users u where u.user_id = m.user_id;
alter table console_memberships alter column email_key set not null;
create unique index console_memberships_email on console_memberships (tenant_id, email_key);
drop index console_users_email;
create index console_users_email on console_users (lower(email));
