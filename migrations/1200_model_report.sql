-- A version's held-out report (ROC, KS cut, lift, calibration, development score distribution) for the console.
-- Nullable: versions registered before, or without labelled held-out data, have none and stay readable.
alter table model_versions add column report jsonb;
