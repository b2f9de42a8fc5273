-- The lender's own book as imported from files (history for backtests, training and the loan book).
-- Applications keep the same protected snapshot as decisions: identifiers keyed-hashed, identity sealed.
create table applications (
  tenant_id text not null,
  application_id text not null,
  submitted_at timestamptz not null,
  snapshot jsonb not null,
  sealed_identity text,
  -- the outcome recorded by the system that decided it at the time, when the file carries one
  historical_outcome text check (historical_outcome in ('approve', 'review', 'decline')),
  historical_decided_at timestamptz,
  imported_at timestamptz not null default now(),
  primary key (tenant_id, application_id)
);
create index applications_submitted on applications (tenant_id, submitted_at);

create table loans (
  tenant_id text not null,
  loan_id text not null,
  application_id text not null,
  product text not null,
  principal double precision not null,
  term_months integer not null,
  apr double precision not null,
  disbursed_at timestamptz not null,
  status text not null,
  primary key (tenant_id, loan_id)
);
create index loans_application on loans (tenant_id, application_id);
create index loans_disbursed on loans (tenant_id, disbursed_at);

create table loan_installments (
  tenant_id text not null,
  loan_id text not null,
  installment_number integer not null,
  due_date date not null,
  principal_due double precision not null,
  interest_due double precision not null,
  primary key (tenant_id, loan_id, installment_number)
);

create table repayment_events (
  tenant_id text not null,
  event_id text not null,
  loan_id text not null,
  paid_at timestamptz not null,
  amount double precision not null,
  installment_number integer,
  primary key (tenant_id, event_id)
);
create index repayment_events_loan on repayment_events (tenant_id, loan_id, paid_at);

-- Public or in-house modelling data sets registered for the model workbench (the file stays where it is).
create table datasets (
  tenant_id text not null,
  name text not null,
  path text not null,
  target text not null,
  rows integer not null,
  columns jsonb not null,
  bad_rate double precision not null,
  sha256 text not null,
  registered_at timestamptz not null default now(),
  primary key (tenant_id, name)
);
