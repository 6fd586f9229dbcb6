-- A unit is ranked in every category it belongs to (成都: 副省级城市 and 省会城市), and an
-- evaluation over app categories evaluates apps, keyed by app rather than by the owning body.
--
-- evaluation_member replaces evaluation_body: one row per (evaluation, unit, category). A unit is
-- a body (app_id null) or an app (app_id set; body_id is the body that owns it, so that a body's
-- submitter still finds its own apps). category_code is null only for a body added by id outside
-- the listed categories. Existing rows are copied: each body keeps the one category it had.
create table evaluation_member (
  id integer generated always as identity primary key,
  evaluation_id integer not null references evaluation (id) on delete cascade,
  body_id text not null references body (id) on delete restrict,
  app_id integer references app (id) on delete restrict,
  category_code text references category (code),
  unique nulls not distinct (evaluation_id, body_id, app_id, category_code)
);
--> statement-breakpoint
create index evaluation_member_body_idx on evaluation_member (body_id);
--> statement-breakpoint
-- An evaluation's categories in the order they were listed at creation (the order of its
-- rankings and tier lists in a release), each with the title a release gives it when it is not
-- the category's own name (重点城市 → 重点城市数字政府服务能力评估).
create table evaluation_category (
  evaluation_id integer not null references evaluation (id) on delete cascade,
  category_code text not null references category (code),
  position integer not null check (position > 0),
  title text check (title is null or length(title) > 0),
  primary key (evaluation_id, category_code),
  unique (evaluation_id, position)
);
--> statement-breakpoint
-- Evaluations made before this migration did not keep the order of their categories: the
-- built-in order (the order of the national release) stands in for it.
insert into evaluation_category (evaluation_id, category_code, position)
select m.evaluation_id, m.category_code,
       row_number() over (partition by m.evaluation_id order by c.sort_order, c.code)
from (select distinct evaluation_id, category_code from evaluation_body where category_code is not null) m
join category c on c.code = m.category_code;
--> statement-breakpoint
insert into evaluation_member (evaluation_id, body_id, category_code)
select evaluation_id, body_id, category_code from evaluation_body;
--> statement-breakpoint
-- Evaluators' values of an app evaluation name the app; a body's have app_id null.
alter table evidence_value add column app_id integer references app (id) on delete cascade;
--> statement-breakpoint
alter table evidence_value drop constraint evidence_value_pkey;
--> statement-breakpoint
alter table evidence_value add constraint evidence_value_unit_key
  unique nulls not distinct (evaluation_id, body_id, app_id, kind, code);
--> statement-breakpoint
-- A scoring run's rows per unit, category and node: the score is the unit's (computed once),
-- the rank the one it has in that category.
alter table score_result add column app_id integer references app (id) on delete cascade;
--> statement-breakpoint
alter table score_result add column category_code text references category (code);
--> statement-breakpoint
alter table score_result drop constraint score_result_pkey;
--> statement-breakpoint
alter table score_result add constraint score_result_unit_key
  unique nulls not distinct (run_id, body_id, app_id, category_code, node);
--> statement-breakpoint
-- Rows of earlier runs get the category the body was ranked in then.
update score_result r set category_code = m.category_code
from score_run s, evaluation_body m
where s.id = r.run_id and m.evaluation_id = s.evaluation_id and m.body_id = r.body_id;
--> statement-breakpoint
drop table evaluation_body;
--> statement-breakpoint
-- The name the national release prints (省、自治区), not a slash.
update category set name_zh = '省、自治区'
where code = 'province' and name_zh = '省/自治区'
  and not exists (select 1 from category where name_zh = '省、自治区');
