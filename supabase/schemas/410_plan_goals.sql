-- Owns: public.plan_goals. Read: staff, mentors of the pair, the plan's mentee; write: mentors.

create table public.plan_goals (
  id uuid primary key default gen_random_uuid(),
  school_id uuid not null references public.schools (id),
  pair_id uuid not null,
  plan_id uuid not null,
  title text not null constraint plan_goals_title_length check (length(title) <= 500),
  position integer not null default 0,
  version bigint not null default 0,
  deleted_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid default auth.uid(),
  constraint plan_goals_plan_unique unique (id, plan_id),
  constraint plan_goals_plan_fk foreign key (plan_id, pair_id, school_id)
    references public.development_plans (id, pair_id, school_id),
  constraint plan_goals_title_not_blank check (deleted_at is not null or btrim(title) <> '')
);
create index plan_goals_pair_id_idx on public.plan_goals (pair_id);
create index plan_goals_plan_fk_idx on public.plan_goals (plan_id, pair_id, school_id);
create trigger zy_scrub_tombstone before insert or update on public.plan_goals
  for each row when (new.deleted_at is not null)
  execute function private.scrub_tombstone('title');

-- Sync (000_private_core.sql): the consent gate, the version stamp, the index sync_pull reads.
create trigger aa_consent_required before insert or update on public.plan_goals
  for each statement execute function private.require_consent();
create trigger zz_sync_stamp before insert or update on public.plan_goals
  for each row execute function private.stamp_synced_row();
create index plan_goals_school_version_idx on public.plan_goals (school_id, version);

alter table public.plan_goals enable row level security;
revoke all on public.plan_goals from public, anon, authenticated;
grant all on public.plan_goals to service_role;
grant select, insert, update on public.plan_goals to authenticated;

create policy plan_goals_select on public.plan_goals for select to authenticated
  using (school_id in (select private.my_staff_school_ids())
         or pair_id in (select private.my_mentor_pair_ids())
         or plan_id in (select private.my_mentee_plan_ids()));
create policy plan_goals_insert on public.plan_goals for insert to authenticated
  with check (pair_id in (select private.my_mentor_pair_ids()));
create policy plan_goals_update on public.plan_goals for update to authenticated
  using (pair_id in (select private.my_mentor_pair_ids()))
  with check (pair_id in (select private.my_mentor_pair_ids()));
