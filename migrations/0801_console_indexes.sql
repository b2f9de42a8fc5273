-- Console reads: decisions by time (overview, search by date) and the review decisions cases are opened from.
create index decisions_created on decisions (tenant_id, created_at);
create index decisions_review on decisions (tenant_id, created_at) where outcome = 'review';
