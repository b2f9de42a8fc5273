-- This lender's borrowers as the consortium knows them: the consortium-keyed HMAC of each borrower's national id and
-- phone (the key all members share), beside the tenant-keyed borrower id monitoring uses. A consortium event shared
-- by another member finds the borrowers it is about through it (src/monitoring/consortium/). Hashes only; a borrower
-- whose identity cannot be opened (erased) is kept with null hashes so it is not tried again.
create table borrower_consortium_ids (
  tenant_id text not null,
  borrower_id text not null,
  id_hash text,
  phone_hash text,
  linked_at timestamptz not null default now(),
  primary key (tenant_id, borrower_id)
);
create index borrower_consortium_ids_id on borrower_consortium_ids (id_hash) where id_hash is not null;
create index borrower_consortium_ids_phone on borrower_consortium_ids (phone_hash) where phone_hash is not null;
