-- Background jobs: heavy work (k-means segmentation, ...) runs beside the request path; the request answers 202 with
-- the job, whose progress and result any node reads from here (GET /v1/jobs/:id).
create table jobs (
  tenant_id text not null,
  job_id text not null,
  kind text not null,
  status text not null check (status in ('queued', 'running', 'done', 'failed')),
  progress double precision not null default 0,
  -- what a caller needs to read the job (the permission of the route that started it)
  read_permission text not null,
  created_by text not null,
  result jsonb,
  error text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  finished_at timestamptz,
  primary key (tenant_id, job_id)
);
