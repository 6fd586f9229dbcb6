-- The workspace: accounts and sessions, expert scoring tasks, and an append-only audit log.
create table account (
  id integer generated always as identity primary key,
  username text not null unique check (username ~ '^[A-Za-z0-9._@-]{2,64}$'),
  display_name text not null,
  password_hash text not null,
  role text not null check (role in ('admin', 'evaluator', 'expert', 'submitter')),
  -- A body submitter sees and edits its own body only.
  body_id text references body (id) on delete restrict,
  disabled boolean not null default false,
  created_at timestamptz not null default now(),
  check ((role = 'submitter') = (body_id is not null))
);
--> statement-breakpoint
create table session (
  -- SHA-256 of the cookie's token: a stolen database does not yield live sessions.
  token_sha256 text primary key,
  account_id integer not null references account (id) on delete cascade,
  csrf_token text not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);
--> statement-breakpoint
create index session_account_idx on session (account_id);
--> statement-breakpoint
create table expert_task (
  id integer generated always as identity primary key,
  evaluation_id integer not null references evaluation (id) on delete cascade,
  body_id text not null references body (id) on delete cascade,
  indicator text not null,
  expert_id integer not null references account (id) on delete restrict,
  assigned_by integer references account (id) on delete set null,
  created_at timestamptz not null default now(),
  level text,
  comment text,
  evidence jsonb not null default '[]',
  scored_at timestamptz,
  unique (evaluation_id, body_id, indicator, expert_id)
);
--> statement-breakpoint
create table audit_log (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  account_id integer references account (id) on delete set null,
  username text,
  action text not null,
  entity text not null,
  entity_id text,
  detail jsonb not null default '{}'
);
--> statement-breakpoint
-- Append-only: the audit trail cannot be edited or deleted through SQL either.
create function audit_log_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only';
end;
$$;
--> statement-breakpoint
create trigger audit_log_no_change before update or delete on audit_log
  for each row execute function audit_log_append_only();
