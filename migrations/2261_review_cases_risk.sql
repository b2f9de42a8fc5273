-- The review queue by risk: a case keeps the score of the decision that opened it (null for post-loan alerts), so
-- the queue orders by priority (evidence), then score (lowest first), then age (oldest first) from its own row.
alter table review_cases add column risk_score double precision;
update review_cases c set risk_score = d.score
  from decisions d where d.tenant_id = c.tenant_id and d.decision_id = c.decision_id and c.kind = 'review';
create index review_cases_risk on review_cases
  (tenant_id, status, (-priority), (coalesce(risk_score, 'Infinity'::float8)), opened_at, case_id);
