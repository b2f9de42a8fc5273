-- Live champion / challenger split: a published challenger's share of live traffic (applicants chosen by a stable
-- hash decide on it while the champion runs in shadow); 0 = shadow only, as before.
alter table flow_versions add column traffic_share double precision not null default 0
  check (traffic_share >= 0 and traffic_share <= 1);
