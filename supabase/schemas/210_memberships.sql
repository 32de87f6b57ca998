-- Owns: public.memberships (who holds which role in which school; created only by
-- public.redeem_invite, 800_invites.sql) and the rule that guards role changes.

-- One user may hold several roles in a school (a curator who is also a mentor).
create table public.memberships (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id) on delete cascade,
  school_id uuid not null references public.schools (id),
  role text not null constraint memberships_role_valid
    check (role in ('school_admin', 'curator', 'mentor', 'mentee')),
  participant_id uuid,
  revoked_at timestamptz,
  version bigint not null default 0,
  deleted_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid default auth.uid(),
  constraint memberships_participant_fk foreign key (participant_id, school_id)
    references public.participants (id, school_id),
  constraint memberships_pupil_roles_need_participant
    check (participant_id is not null or role in ('school_admin', 'curator'))
);
create unique index memberships_active_unique on public.memberships (user_id, school_id, role)
  where revoked_at is null and deleted_at is null;
-- Every scope helper looks memberships up by user_id (the partial unique index above only
-- serves queries that repeat its predicate).
create index memberships_user_id_idx on public.memberships (user_id);
create index memberships_participant_fk_idx on public.memberships (participant_id, school_id);
create index memberships_school_id_idx on public.memberships (school_id);

-- Nobody changes their own membership; a curator manages only mentor/mentee memberships;
-- a school admin manages every membership of their school but their own. Which columns
-- can change at all is limited by column grants (role, revoked_at).
create function private.guard_membership_update()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if current_user <> 'authenticated' then
    return new;
  end if;
  if new.role is not distinct from old.role and new.revoked_at is not distinct from old.revoked_at then
    return new;
  end if;
  if old.user_id = auth.uid() then
    raise exception using errcode = '42501', message = 'membership_self_edit';
  end if;
  if old.school_id not in (select private.my_admin_school_ids())
     and (old.role in ('school_admin', 'curator') or new.role in ('school_admin', 'curator')) then
    raise exception using errcode = '42501', message = 'membership_role_not_allowed';
  end if;
  return new;
end;
$$;

create trigger guard_membership_update before update on public.memberships
  for each row execute function private.guard_membership_update();

revoke all on function private.guard_membership_update() from public, anon, authenticated;

-- Sync (000_private_core.sql): the consent gate, the version stamp, the index sync_pull reads.
create trigger aa_consent_required before insert or update on public.memberships
  for each statement execute function private.require_consent();
create trigger zz_sync_stamp before insert or update on public.memberships
  for each row execute function private.stamp_synced_row();
create index memberships_school_version_idx on public.memberships (school_id, version);

alter table public.memberships enable row level security;
revoke all on public.memberships from public, anon, authenticated;
grant all on public.memberships to service_role;
grant select, update (role, revoked_at) on public.memberships to authenticated;

create policy memberships_select on public.memberships for select to authenticated
  using (user_id = (select auth.uid()) or school_id in (select private.my_staff_school_ids()));
create policy memberships_update on public.memberships for update to authenticated
  using (school_id in (select private.my_staff_school_ids()))
  with check (school_id in (select private.my_staff_school_ids()));
