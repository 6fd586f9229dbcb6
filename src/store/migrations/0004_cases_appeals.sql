-- Practice cases (实践案例) and appeals (复核), and findings dismissed on appeal.
alter table evidence_value drop constraint evidence_value_kind_check;
--> statement-breakpoint
alter table evidence_value add constraint evidence_value_kind_check
  check (kind in ('rubric', 'figure', 'answer', 'manual', 'fact', 'dismissed'));
--> statement-breakpoint
create table practice_case (
  id integer generated always as identity primary key,
  evaluation_id integer not null references evaluation (id) on delete cascade,
  body_id text not null references body (id) on delete cascade,
  title text not null check (length(title) between 1 and 200),
  class text not null check (class in ('履职能力', '制度规则', '技术平台', '安全保障', '数字机关', '政府网站', '其他')),
  summary text not null default '',
  submitted_by integer references account (id) on delete set null,
  submitted_at timestamptz not null default now(),
  review_score double precision check (review_score between 0 and 100),
  review_comment text,
  reviewed_by integer references account (id) on delete set null,
  reviewed_at timestamptz,
  selected boolean not null default false
);
--> statement-breakpoint
create table case_attachment (
  id integer generated always as identity primary key,
  case_id integer not null references practice_case (id) on delete cascade,
  name text not null,
  content_type text not null,
  sha256 text not null,
  bytes bytea not null
);
--> statement-breakpoint
create table appeal (
  id integer generated always as identity primary key,
  evaluation_id integer not null references evaluation (id) on delete cascade,
  body_id text not null references body (id) on delete cascade,
  -- What is contested: a finding (check id + page + target) or an indicator's value.
  target_kind text not null check (target_kind in ('finding', 'indicator')),
  target text not null,
  reason text not null check (length(reason) > 0),
  filed_by integer references account (id) on delete set null,
  filed_at timestamptz not null default now(),
  state text not null default 'open' check (state in ('open', 'accepted', 'rejected')),
  decision_reason text,
  decided_by integer references account (id) on delete set null,
  decided_at timestamptz
);
