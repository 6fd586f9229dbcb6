-- Continuous monitoring: what is watched, recent probes in full, older ones summarised per day,
-- and alerts when a site crosses a threshold.
create table monitor_target (
  id integer generated always as identity primary key,
  website_id integer not null unique references website (id) on delete cascade,
  url text not null,
  probes_per_day integer not null default 24 check (probes_per_day between 1 and 1440),
  next_due_at timestamptz not null,
  enabled boolean not null default true,
  created_at timestamptz not null default now()
);
--> statement-breakpoint
create index monitor_target_due_idx on monitor_target (next_due_at) where enabled;
--> statement-breakpoint
create table probe (
  id bigint generated always as identity primary key,
  target_id integer not null references monitor_target (id) on delete cascade,
  at timestamptz not null,
  answered boolean not null,
  status integer,
  ms integer not null,
  error text,
  home_sha256 text,
  latest_date text
);
--> statement-breakpoint
create index probe_target_at_idx on probe (target_id, at);
--> statement-breakpoint
-- One row per site and day, kept for years: a year of 14,000 sites is about 5 million small rows.
create table probe_day (
  target_id integer not null references monitor_target (id) on delete cascade,
  day text not null check (day ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
  probes integer not null,
  unanswered integer not null,
  server_errors integer not null,
  total_ms bigint not null,
  home_changes integer not null,
  latest_date text,
  primary key (target_id, day)
);
--> statement-breakpoint
create table monitor_alert (
  id integer generated always as identity primary key,
  target_id integer not null references monitor_target (id) on delete cascade,
  kind text not null check (kind in ('unreachable', 'home-stale')),
  raised_at timestamptz not null,
  cleared_at timestamptz,
  detail jsonb not null default '{}'
);
--> statement-breakpoint
-- At most one open alert of a kind per site.
create unique index monitor_alert_open_idx on monitor_alert (target_id, kind) where cleared_at is null;
