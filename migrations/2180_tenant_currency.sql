-- The currency a tenant lends in (ISO 4217): the console shows amounts in it. Chinese lenders by default.
alter table tenants add column currency text not null default 'CNY' check (currency ~ '^[A-Z]{3}$');
