-- Owns: public.development_plans (ИПР) and the rule that a plan is written for a mentee of
-- its own pair. Read: staff, mentors of the pair, the mentee whose plan it is; write: mentors.

create table public.development_plans (
  id uuid primary key default gen_random_uuid(),
  school_id uuid not null references public.schools (id),
  pair_id uuid not null,
  mentee_id uuid not null,
  title text not null constraint development_plans_title_length check (length(title) <= 500),
  status text not null default 'draft' constraint development_plans_status_valid
    check (status in ('draft', 'active', 'completed', 'cancelled')),
  version bigint not null default 0,
  deleted_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid default auth.uid(),
  constraint development_plans_scope_unique unique (id, pair_id, school_id),
  constraint development_plans_pair_fk foreign key (pair_id, school_id) references public.pairs (id, school_id),
  constraint development_plans_mentee_fk foreign key (mentee_id, school_id)
    references public.participants (id, school_id),
  constraint development_plans_title_not_blank check (deleted_at is not null or btrim(title) <> '')
);
create index development_plans_pair_fk_idx on public.development_plans (pair_id, school_id);
create index development_plans_mentee_fk_idx on public.development_plans (mentee_id, school_id);
create trigger zy_scrub_tombstone before insert or update on public.development_plans
  for each row when (new.deleted_at is not null)
  execute function private.scrub_tombstone('title');

-- A plan is written for a mentee of its own pair (not for someone of another pair).
create function private.check_plan_mentee_in_pair()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if new.deleted_at is null
     and (tg_op = 'INSERT' or new.mentee_id is distinct from old.mentee_id or new.pair_id is distinct from old.pair_id)
     and not exists (select 1 from public.pair_members pm
                     where pm.pair_id = new.pair_id and pm.participant_id = new.mentee_id
                       and pm.side = 'mentee' and pm.deleted_at is null) then
    raise exception using errcode = '23514', message = 'development_plans_mentee_of_pair',
      constraint = 'development_plans_mentee_of_pair';
  end if;
  return new;
end;
$$;

create trigger check_plan_mentee_in_pair before insert or update on public.development_plans
  for each row execute function private.check_plan_mentee_in_pair();

revoke all on function private.check_plan_mentee_in_pair() from public, anon, authenticated;

-- Sync (000_private_core.sql): the consent gate, the version stamp, the index sync_pull reads.
create trigger aa_consent_required before insert or update on public.development_plans
  for each statement execute function private.require_consent();
create trigger zz_sync_stamp before insert or update on public.development_plans
  for each row execute function private.stamp_synced_row();
create index development_plans_school_version_idx on public.development_plans (school_id, version);

alter table public.development_plans enable row level security;
revoke all on public.development_plans from public, anon, authenticated;
grant all on public.development_plans to service_role;
grant select, insert, update on public.development_plans to authenticated;

create policy development_plans_select on public.development_plans for select to authenticated
  using (school_id in (select private.my_staff_school_ids())
         or pair_id in (select private.my_mentor_pair_ids())
         or id in (select private.my_mentee_plan_ids()));
create policy development_plans_insert on public.development_plans for insert to authenticated
  with check (pair_id in (select private.my_mentor_pair_ids()));
create policy development_plans_update on public.development_plans for update to authenticated
  using (pair_id in (select private.my_mentor_pair_ids()))
  with check (pair_id in (select private.my_mentor_pair_ids()));
