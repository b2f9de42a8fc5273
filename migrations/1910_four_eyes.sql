-- Four eyes between people, not keys: the console user who owns an API key (null: no person, e.g. the bootstrap key
-- or a CLI key made without --owner), and the person who authored each model and flow version.
alter table api_keys add column owner_user_id text;
alter table model_versions add column author_human text;
alter table model_versions add column approved_by_human text;
alter table flow_versions add column author_human text;
alter table flow_versions add column published_by_human text;
