-- A body's supporting document for the figures it submits (a statistics sheet, a signed form).
create table submission_attachment (
  id integer generated always as identity primary key,
  evaluation_id integer not null references evaluation (id) on delete cascade,
  body_id text not null references body (id) on delete cascade,
  name text not null,
  content_type text not null,
  sha256 text not null,
  bytes bytea not null,
  uploaded_by integer references account (id) on delete set null,
  uploaded_at timestamptz not null default now()
);
--> statement-breakpoint
create index submission_attachment_body on submission_attachment (evaluation_id, body_id);
