-- Owns: public.pair_members (who sits on which side of a pair), its server-owned
-- full_name, and the rules that nobody joins an approved/active pair without a valid
-- consent, that a member's kind fits the pair's form and side (pair_members_form_kind) and
-- that the same people do not sit in a second live pair of one form
-- (pairs_same_people_twice). Read: staff and pair members; write: staff.

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

-- pairs_same_people_twice: the live pair (draft/approved/active, not deleted) other than
-- p_pair_id, of p_pair_id's form, in which p_participant_id sits on p_side together with a
-- live member of p_pair_id's other side; null when there is none or p_pair_id is not live.
-- Used by the member trigger below and on a change of form (300_pairs.sql).
create function private.pair_duplicate_of(p_pair_id uuid, p_participant_id uuid, p_side text)
returns uuid
language sql
stable
security definer
set search_path = ''
as $$
  select q.id
  from public.pairs p
  join public.pairs q on q.school_id = p.school_id and q.form = p.form and q.id <> p.id
    and q.status in ('draft', 'approved', 'active') and q.deleted_at is null
  join public.pair_members qm on qm.pair_id = q.id and qm.participant_id = p_participant_id
    and qm.side = p_side and qm.deleted_at is null
  join public.pair_members qo on qo.pair_id = q.id and qo.side <> p_side and qo.deleted_at is null
  join public.pair_members po on po.pair_id = p.id and po.participant_id = qo.participant_id
    and po.side = qo.side and po.deleted_at is null
  where p.id = p_pair_id and p.status in ('draft', 'approved', 'active') and p.deleted_at is null
  limit 1
$$;
revoke all on function private.pair_duplicate_of(uuid, uuid, text) from public, anon, authenticated;

-- A member joins (or changes seat): her kind must fit the form's side
-- (private.form_role_kinds, pair_members_form_kind) and she must not sit, on the same side,
-- with one of this pair's other-side members in another live pair of the same form
-- (pairs_same_people_twice). Every writer: the seed and imports keep these too.
create function private.check_pair_member_fit()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_duplicate uuid;
begin
  if new.deleted_at is not null
     or (tg_op = 'UPDATE' and old.deleted_at is null and new.participant_id is not distinct from old.participant_id
         and new.side is not distinct from old.side and new.pair_id is not distinct from old.pair_id) then
    return new;
  end if;
  if not exists (select 1
                 from public.pairs p
                 join public.participants pt on pt.id = new.participant_id
                 join private.form_role_kinds k on k.form = p.form and k.side = new.side and k.kind = pt.kind
                 where p.id = new.pair_id) then
    raise exception using errcode = '23514', message = 'pair_members_form_kind',
      constraint = 'pair_members_form_kind', detail = new.participant_id::text;
  end if;
  v_duplicate := private.pair_duplicate_of(new.pair_id, new.participant_id, new.side);
  if v_duplicate is not null then
    raise exception using errcode = '23514', message = 'pairs_same_people_twice',
      constraint = 'pairs_same_people_twice', detail = v_duplicate::text;
  end if;
  return new;
end;
$$;

create trigger check_pair_member_fit before insert or update on public.pair_members
  for each row execute function private.check_pair_member_fit();

revoke all on function private.keep_pair_member_name() from public, anon, authenticated;
revoke all on function private.check_pair_member_fit() from public, anon, authenticated;
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
