-- Data-subject erasures (PIPL art. 47): one row per erasure. subject_ref is a blind HMAC of the person's national-id
-- hash under a purpose-bound key, so the row answers "was this person erased, and when?" for someone who can name
-- them, while a search of the store for their hash finds nothing. summary holds per-table counts only.
create table privacy_erasures (
  tenant_id text not null,
  erasure_id text not null,
  subject_ref text not null,
  erased_at timestamptz not null,
  actor text not null,
  retained_decisions boolean not null,
  summary jsonb not null,
  primary key (tenant_id, erasure_id)
);
create index privacy_erasures_subject on privacy_erasures (tenant_id, subject_ref);
