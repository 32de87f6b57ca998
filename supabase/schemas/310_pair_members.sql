-- Owns: public.pair_members (who sits on which side of a pair), its server-owned
-- full_name, and the rule that nobody joins an approved/active pair without a valid
-- consent. Read: staff and pair members; write: staff.

create table public.pair_members (
  id uuid primary key default gen_random_uuid(),
  school_id uuid not null references public.schools (id),
  pair_id uuid not null,
  participant_id uuid not null,
  side text not null constraint pair_members_side_valid check (side in ('mentor', 'mentee')),
  -- SERVER-OWNED copy of participants.full_name (private.keep_pair_member_name): how a
  -- mentee learns the names of her group without reading the other mentees' cards.
  full_name text not null default '',
  version bigint not null default 0,
  deleted_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid default auth.uid(),
  constraint pair_members_pair_fk foreign key (pair_id, school_id) references public.pairs (id, school_id),
  constraint pair_members_participant_fk foreign key (participant_id, school_id)
    references public.participants (id, school_id),
  constraint pair_members_unique unique (pair_id, participant_id)
);
create index pair_members_participant_fk_idx on public.pair_members (participant_id, school_id);
create index pair_members_pair_fk_idx on public.pair_members (pair_id, school_id);
create trigger zy_scrub_tombstone before insert or update on public.pair_members
  for each row when (new.deleted_at is not null)
  execute function private.scrub_tombstone('full_name');

-- A server-owned copy of the participant's name: set on every write of the member row,
-- and a renamed participant renames her live member rows.
create function private.keep_pair_member_name()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  new.full_name := coalesce((select p.full_name from public.participants p where p.id = new.participant_id), '');
  return new;
end;
$$;

create trigger keep_pair_member_name before insert or update on public.pair_members
  for each row execute function private.keep_pair_member_name();

create function private.check_pair_member_consent()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if new.deleted_at is null
     and (tg_op = 'INSERT' or old.deleted_at is not null or new.participant_id is distinct from old.participant_id)
     and exists (select 1 from public.pairs p
                 where p.id = new.pair_id and p.status in ('approved', 'active') and p.deleted_at is null)
     and not private.has_valid_consent(new.participant_id, current_date) then
    raise exception using errcode = '23514', message = 'pairs_member_without_consent',
      constraint = 'pairs_member_without_consent', detail = new.participant_id::text;
  end if;
  return new;
end;
$$;

create trigger check_pair_member_consent before insert or update on public.pair_members
  for each row execute function private.check_pair_member_consent();

revoke all on function private.keep_pair_member_name() from public, anon, authenticated;
revoke all on function private.check_pair_member_consent() from public, anon, authenticated;

-- Sync (000_private_core.sql): the consent gate, the version stamp, the index sync_pull reads.
create trigger aa_consent_required before insert or update on public.pair_members
  for each statement execute function private.require_consent();
create trigger zz_sync_stamp before insert or update on public.pair_members
  for each row execute function private.stamp_synced_row();
create index pair_members_school_version_idx on public.pair_members (school_id, version);

alter table public.pair_members enable row level security;
revoke all on public.pair_members from public, anon, authenticated;
grant all on public.pair_members to service_role;
grant select, insert, update on public.pair_members to authenticated;

create policy pair_members_select on public.pair_members for select to authenticated
  using (school_id in (select private.my_staff_school_ids()) or pair_id in (select private.my_pair_ids()));
create policy pair_members_insert on public.pair_members for insert to authenticated
  with check (school_id in (select private.my_staff_school_ids()));
create policy pair_members_update on public.pair_members for update to authenticated
  using (school_id in (select private.my_staff_school_ids()))
  with check (school_id in (select private.my_staff_school_ids()));
