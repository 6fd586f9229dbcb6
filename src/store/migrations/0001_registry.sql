-- Registry of evaluated bodies (被评估单位), their websites and apps.
-- Statements are separated by "--> statement-breakpoint" lines so that both PGlite (extended
-- protocol, one statement per call) and a Postgres server run the same file.

create table category (
  code text primary key,
  name_zh text not null unique,
  name_en text not null,
  applies_to text not null default 'body' check (applies_to in ('body', 'app')),
  builtin boolean not null default false,
  sort_order integer not null default 1000,
  created_at timestamptz not null default now()
);
--> statement-breakpoint
insert into category (code, name_zh, name_en, applies_to, builtin, sort_order) values
  ('provincial-gov', '省级政府', 'Provincial government', 'body', true, 10),
  ('key-city', '重点城市', 'Key city', 'body', true, 20),
  ('sc-component', '国务院组成部门', 'State Council component department', 'body', true, 30),
  ('sc-other', '国务院其他部门', 'Other State Council department', 'body', true, 40),
  ('municipality', '直辖市', 'Municipality directly under the central government', 'body', true, 50),
  ('province', '省/自治区', 'Province or autonomous region', 'body', true, 60),
  ('sub-provincial-city', '副省级城市', 'Sub-provincial city', 'body', true, 70),
  ('provincial-capital', '省会城市', 'Provincial capital', 'body', true, 80),
  ('prefecture-city', '地市', 'Prefecture-level city', 'body', true, 90),
  ('county', '区县', 'District or county', 'body', true, 100),
  ('etdz', '国家级经济技术开发区', 'National economic and technological development zone', 'body', true, 110),
  ('hidz', '国家级高新技术产业开发区', 'National high-tech industrial development zone', 'body', true, 120),
  ('provincial-app', '省级政务服务App', 'Provincial government service app', 'app', true, 130),
  ('city-app', '城市服务App', 'City service app', 'app', true, 140);
--> statement-breakpoint
create table body (
  id text primary key check (id ~ '^[a-z0-9][a-z0-9-]*$'),
  name text not null check (length(name) > 0),
  short_name text,
  level text not null check (level in ('national', 'provincial', 'prefectural', 'county', 'township', 'other')),
  division_code text check (division_code ~ '^([0-9]{6}|bm[0-9]{2})$'),
  parent_id text references body (id) on delete set null deferrable initially deferred,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
--> statement-breakpoint
create index body_division_code_idx on body (division_code);
--> statement-breakpoint
create index body_parent_idx on body (parent_id);
--> statement-breakpoint
create table body_category (
  body_id text not null references body (id) on delete cascade,
  category_code text not null references category (code),
  primary key (body_id, category_code)
);
--> statement-breakpoint
create index body_category_category_idx on body_category (category_code);
--> statement-breakpoint
create table website (
  id integer generated always as identity primary key,
  body_id text not null references body (id) on delete cascade,
  url text not null unique,
  name text,
  site_id_code text check (site_id_code ~ '^([0-9]{10}|bm[0-9]{8})$'),
  role text not null default 'portal' check (role in ('portal', 'department', 'other')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
--> statement-breakpoint
create index website_body_idx on website (body_id);
--> statement-breakpoint
create table app (
  id integer generated always as identity primary key,
  body_id text not null references body (id) on delete cascade,
  name text not null,
  platforms text[] not null default '{}',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (body_id, name)
);
--> statement-breakpoint
create table app_category (
  app_id integer not null references app (id) on delete cascade,
  category_code text not null references category (code),
  primary key (app_id, category_code)
);
--> statement-breakpoint
-- One row per registry import, so that what a database holds can be traced to the files that
-- filled it.
create table registry_import (
  id integer generated always as identity primary key,
  file_name text not null,
  sha256 text not null,
  encoding text not null,
  rows_read integer not null,
  bodies_written integer not null,
  websites_written integer not null,
  apps_written integer not null,
  imported_at timestamptz not null default now()
);
