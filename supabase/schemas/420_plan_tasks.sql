-- Owns: public.plan_tasks and the guard on what a mentee may change in them
-- (mentee_done_at / mentee_comment of her own plan's tasks only).

create table public.plan_tasks (
  id uuid primary key default gen_random_uuid(),
  school_id uuid not null references public.schools (id),
  pair_id uuid not null,
  plan_id uuid not null,
  goal_id uuid,
  title text not null constraint plan_tasks_title_length check (length(title) <= 500),
  activity text constraint plan_tasks_activity_length check (length(activity) <= 2000),
  expected_result text constraint plan_tasks_expected_result_length check (length(expected_result) <= 2000),
  due_on date,
  status text not null default 'todo' constraint plan_tasks_status_valid
    check (status in ('todo', 'in_progress', 'done', 'cancelled')),
  result text constraint plan_tasks_result_length check (length(result) <= 2000),
  position integer not null default 0,
  -- The only columns a mentee writes, on the tasks of her own plan ("I did it", for the
  -- mentor to confirm by setting status): private.guard_plan_task_write.
  mentee_done_at timestamptz,
  mentee_comment text constraint plan_tasks_mentee_comment_length check (length(mentee_comment) <= 2000),
  version bigint not null default 0,
  deleted_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid default auth.uid(),
  constraint plan_tasks_plan_fk foreign key (plan_id, pair_id, school_id)
    references public.development_plans (id, pair_id, school_id),
  constraint plan_tasks_goal_fk foreign key (goal_id, plan_id) references public.plan_goals (id, plan_id),
  constraint plan_tasks_title_not_blank check (deleted_at is not null or btrim(title) <> '')
);
create index plan_tasks_pair_id_idx on public.plan_tasks (pair_id);
create index plan_tasks_plan_fk_idx on public.plan_tasks (plan_id, pair_id, school_id);
create index plan_tasks_goal_fk_idx on public.plan_tasks (goal_id, plan_id);
create trigger zy_scrub_tombstone before insert or update on public.plan_tasks
  for each row when (new.deleted_at is not null)
  execute function private.scrub_tombstone('title', 'activity', 'expected_result', 'result', 'mentee_comment');

-- Mentors of the pair write plans, goals and tasks; staff read. A mentee reaches (RLS) only
-- the tasks of her own plan, and may change only mentee_done_at / mentee_comment there:
-- no other column, no tombstone (42501 'plan_mentee_fields_only'). The membership lookup
-- runs only when the row changes beyond those columns.
create function private.guard_plan_task_write()
returns trigger
language plpgsql
set search_path = ''
as $$
declare
  v_mentee_columns constant text[] := array['mentee_done_at', 'mentee_comment'];
  v_sync_columns constant text[] := array['version', 'updated_at', 'created_at', 'created_by'];
begin
  if current_user <> 'authenticated' then
    return new;
  end if;
  if tg_op = 'UPDATE'
     and (pg_catalog.to_jsonb(new) - v_mentee_columns - v_sync_columns)
         is distinct from (pg_catalog.to_jsonb(old) - v_mentee_columns - v_sync_columns)
     and not (new.pair_id in (select private.my_mentor_pair_ids())) then
    raise exception using errcode = '42501', message = 'plan_mentee_fields_only';
  end if;
  -- "I did it" is the mentee's own word: nobody else writes it (the mentor confirms by
  -- marking the task done).
  if (new.mentee_done_at is distinct from (case when tg_op = 'UPDATE' then old.mentee_done_at end)
      or new.mentee_comment is distinct from (case when tg_op = 'UPDATE' then old.mentee_comment end))
     and new.deleted_at is null
     and not (new.plan_id in (select private.my_mentee_plan_ids())) then
    raise exception using errcode = '42501', message = 'plan_mentee_fields_by_mentee_only';
  end if;
  return new;
end;
$$;

create trigger guard_plan_task_write before insert or update on public.plan_tasks
  for each row execute function private.guard_plan_task_write();

revoke all on function private.guard_plan_task_write() from public, anon, authenticated;

-- Sync (000_private_core.sql): the consent gate, the version stamp, the index sync_pull reads.
create trigger aa_consent_required before insert or update on public.plan_tasks
  for each statement execute function private.require_consent();
create trigger zz_sync_stamp before insert or update on public.plan_tasks
  for each row execute function private.stamp_synced_row();
create index plan_tasks_school_version_idx on public.plan_tasks (school_id, version);

alter table public.plan_tasks enable row level security;
revoke all on public.plan_tasks from public, anon, authenticated;
grant all on public.plan_tasks to service_role;
grant select, insert, update on public.plan_tasks to authenticated;

create policy plan_tasks_select on public.plan_tasks for select to authenticated
  using (school_id in (select private.my_staff_school_ids())
         or pair_id in (select private.my_mentor_pair_ids())
         or plan_id in (select private.my_mentee_plan_ids()));
create policy plan_tasks_insert on public.plan_tasks for insert to authenticated
  with check (pair_id in (select private.my_mentor_pair_ids()));
create policy plan_tasks_update on public.plan_tasks for update to authenticated
  using (pair_id in (select private.my_mentor_pair_ids()) or plan_id in (select private.my_mentee_plan_ids()))
  with check (pair_id in (select private.my_mentor_pair_ids()) or plan_id in (select private.my_mentee_plan_ids()));
