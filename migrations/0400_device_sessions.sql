-- Device sessions: what the browser collector or mobile SDK sent for one application session, kept until the
-- decision reads it. device_key is the server-derived stable device id (a keyed hash); the payload is stored
-- without the SDK's raw device identifiers (they live on only inside device_key).
create table device_sessions (
  tenant_id text not null,
  session_id text not null,
  device_key text not null,
  basis text not null,
  payload jsonb not null,
  ip text,
  received_at timestamptz not null default now(),
  primary key (tenant_id, session_id)
);
create index device_sessions_device on device_sessions (tenant_id, device_key);
