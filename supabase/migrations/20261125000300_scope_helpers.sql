-- Owns: who may see what. Every answer comes from the membership tables (never from JWT
-- claims, which stay stale until a token refresh) and is read by SECURITY DEFINER helpers
-- in the unexposed `private` schema, so policies never recurse into each other's RLS.
-- The RLS policies and the (later) sync_pull use these SAME functions.
--
-- Scopes returned by private.my_scopes():
--   ('school', school_id)       curator / school_admin: the whole school
--   ('pair', pair_id)           mentor / mentee: the pairs their participant is a member of
--   ('participant', id)         the caller's own participant row(s)
-- Every scope row carries school_id; school-wide reference rows (schools, programmes,
-- questionnaire templates) are visible in every school that appears in the caller's scopes
-- (= private.my_school_ids()). Built-in templates (school_id null) are visible to anyone
-- with at least one membership; they are stamped from the nil-uuid ("global") counter.
-- A revoked (revoked_at) or tombstoned membership grants nothing; a tombstoned pair_members
-- row ends the pair scope (the device purges it), a tombstoned pair does not (its members
-- must still receive the tombstone).

create function private.my_participant_ids()
returns setof uuid
language sql stable security definer
set search_path = ''
as $$
  select m.participant_id
  from public.memberships m
  where m.user_id = auth.uid()
    and m.revoked_at is null
    and m.deleted_at is null
    and m.participant_id is not null
$$;

create function private.my_school_ids()
returns setof uuid
language sql stable security definer
set search_path = ''
as $$
  select distinct m.school_id
  from public.memberships m
  where m.user_id = auth.uid() and m.revoked_at is null and m.deleted_at is null
$$;

create function private.my_staff_school_ids()
returns setof uuid
language sql stable security definer
set search_path = ''
as $$
  select distinct m.school_id
  from public.memberships m
  where m.user_id = auth.uid() and m.revoked_at is null and m.deleted_at is null
    and m.role in ('curator', 'school_admin')
$$;

create function private.my_admin_school_ids()
returns setof uuid
language sql stable security definer
set search_path = ''
as $$
  select m.school_id
  from public.memberships m
  where m.user_id = auth.uid() and m.revoked_at is null and m.deleted_at is null
    and m.role = 'school_admin'
$$;

create function private.my_pair_ids()
returns setof uuid
language sql stable security definer
set search_path = ''
as $$
  select distinct pm.pair_id
  from public.pair_members pm
  where pm.deleted_at is null
    and pm.participant_id in (select private.my_participant_ids())
$$;

create function private.my_mentor_pair_ids()
returns setof uuid
language sql stable security definer
set search_path = ''
as $$
  select distinct pm.pair_id
  from public.pair_members pm
  where pm.deleted_at is null and pm.side = 'mentor'
    and pm.participant_id in (select private.my_participant_ids())
$$;

create function private.my_mentee_pair_ids()
returns setof uuid
language sql stable security definer
set search_path = ''
as $$
  select distinct pm.pair_id
  from public.pair_members pm
  where pm.deleted_at is null and pm.side = 'mentee'
    and pm.participant_id in (select private.my_participant_ids())
$$;

-- Participants a mentor/mentee may see: themselves and the other members of their pairs.
create function private.my_visible_participant_ids()
returns setof uuid
language sql stable security definer
set search_path = ''
as $$
  select pm.participant_id
  from public.pair_members pm
  where pm.deleted_at is null
    and pm.pair_id in (select private.my_pair_ids())
  union
  select private.my_participant_ids()
$$;

-- Mentees of the pairs the caller mentors (need-to-know for sensitive categories).
create function private.my_mentee_participant_ids()
returns setof uuid
language sql stable security definer
set search_path = ''
as $$
  select distinct pm.participant_id
  from public.pair_members pm
  where pm.deleted_at is null and pm.side = 'mentee'
    and pm.pair_id in (select private.my_mentor_pair_ids())
$$;

create function private.my_coordinated_municipality_ids()
returns setof uuid
language sql stable security definer
set search_path = ''
as $$
  select c.municipality_id from public.coordinators c where c.user_id = auth.uid()
$$;

create function private.my_scopes()
returns table (school_id uuid, scope_kind text, scope_id uuid)
language sql stable security definer
set search_path = ''
as $$
  select s.id, 'school'::text, s.id
  from public.schools s
  where s.id in (select private.my_staff_school_ids())
  union
  select p.school_id, 'pair'::text, p.id
  from public.pairs p
  where p.id in (select private.my_pair_ids())
  union
  select p.school_id, 'participant'::text, p.id
  from public.participants p
  where p.id in (select private.my_participant_ids())
$$;

-- Valid consent on a given day: signed, not expired, not revoked, not tombstoned, and for
-- a minor given by a representative (152-FZ; DOMAIN.md stage 2).
create function private.has_valid_consent(p_participant_id uuid, p_on date)
returns boolean
language sql stable security definer
set search_path = ''
as $$
  select exists (
    select 1
    from public.consents c
    join public.participants p on p.id = c.participant_id
    where c.participant_id = p_participant_id
      and c.deleted_at is null
      and c.revoked_on is null
      and c.signed_on <= p_on
      and (c.valid_until is null or c.valid_until >= p_on)
      and (not p.is_minor or c.given_by = 'representative')
  )
$$;

revoke all on all functions in schema private from public, anon, authenticated;
grant execute on function
  private.my_participant_ids(), private.my_school_ids(), private.my_staff_school_ids(),
  private.my_admin_school_ids(), private.my_pair_ids(), private.my_mentor_pair_ids(),
  private.my_mentee_pair_ids(), private.my_visible_participant_ids(),
  private.my_mentee_participant_ids(), private.my_coordinated_municipality_ids(),
  private.my_scopes(), private.has_valid_consent(uuid, date)
  to authenticated;
