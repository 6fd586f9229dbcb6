-- Evaluations: a framework applied to a set of bodies as of a date, with the evidence gathered
-- for it (inspection reports, evaluators' values) and every scoring run kept for traceability.
create table evaluation (
  id integer generated always as identity primary key,
  code text not null unique check (code ~ '^[a-z0-9][a-z0-9._-]*$'),
  name text not null check (length(name) > 0),
  framework_id text not null,
  framework_version text not null,
  -- The framework file as it was when the evaluation was created, so a later edit of the file
  -- cannot change what an evaluation scored.
  framework_source text not null,
  framework_sha256 text not null,
  as_of text not null check (as_of ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
  status text not null default 'draft'
    check (status in ('draft', 'collecting', 'scoring', 'review', 'published')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
--> statement-breakpoint
create table evaluation_body (
  evaluation_id integer not null references evaluation (id) on delete cascade,
  body_id text not null references body (id) on delete restrict,
  -- The category the body is ranked in (one ranking per category, as the releases do).
  category_code text references category (code),
  primary key (evaluation_id, body_id)
);
--> statement-breakpoint
create table inspection (
  id integer generated always as identity primary key,
  evaluation_id integer not null references evaluation (id) on delete cascade,
  website_id integer not null references website (id) on delete cascade,
  site text not null,
  as_of text not null check (as_of ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
  report jsonb not null,
  warc_dir text,
  started_at timestamptz not null,
  finished_at timestamptz not null,
  -- One report per site and evaluation: a rerun replaces it, a worker retry cannot double it.
  unique (evaluation_id, website_id)
);
--> statement-breakpoint
create table evidence_value (
  evaluation_id integer not null references evaluation (id) on delete cascade,
  body_id text not null references body (id) on delete cascade,
  kind text not null check (kind in ('rubric', 'figure', 'answer', 'manual', 'fact')),
  code text not null,
  value jsonb not null,
  source text not null,
  updated_at timestamptz not null default now(),
  primary key (evaluation_id, body_id, kind, code)
);
--> statement-breakpoint
create table score_run (
  id integer generated always as identity primary key,
  evaluation_id integer not null references evaluation (id) on delete cascade,
  framework_sha256 text not null,
  input_sha256 text not null,
  output_sha256 text not null,
  output jsonb not null,
  created_at timestamptz not null default now()
);
--> statement-breakpoint
create table score_result (
  run_id integer not null references score_run (id) on delete cascade,
  body_id text not null references body (id) on delete cascade,
  node text not null,
  score double precision,
  rank integer,
  tier text,
  primary key (run_id, body_id, node)
);
