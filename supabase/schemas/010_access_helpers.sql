-- Owns: who may see what: the private.my_* helpers that RLS policies, rule triggers and the
-- sync RPCs ask. Every answer comes from the membership tables (never from JWT
-- claims, which stay stale until a token refresh) and is read by SECURITY DEFINER helpers
-- in the unexposed `private` schema, so policies never recurse into each other's RLS.
-- The RLS policies and sync_pull use these SAME functions. The SQL-language helpers live
-- after the tables they read (a SQL body is checked when it is created):
-- private.my_coordinated_municipality_ids / my_municipality_ids in 120_coordinators.sql,
-- private.has_valid_consent in 230_consents.sql, private.my_scopes in 390_my_scopes.sql.
--
-- Scopes returned by private.my_scopes():
--   ('school', school_id)       curator / school_admin: the whole school
--   ('pair', pair_id)           mentor / mentee: the pairs their participant sits in, on the
--                               side of an active membership of that role (see below)
--   ('participant', id)         the caller's own participant row(s)
-- Every scope row carries school_id; school-wide reference rows (schools, programmes,
-- questionnaire templates) are visible in every school that appears in the caller's scopes
-- (= private.my_school_ids()). Built-in templates (school_id null) are visible to anyone
-- with at least one membership; they are stamped from the nil-uuid ("global") counter.
-- A revoked (revoked_at) or tombstoned membership grants nothing; a tombstoned pair_members
-- row ends the pair scope (the device purges it), a tombstoned pair does not (its members
-- must still receive the tombstone).
-- Pair sides follow the membership ROLES: mentor access to a pair comes from an active
-- 'mentor' membership of the pair's mentor-side participant, mentee access from an active
-- 'mentee' membership of a mentee-side participant. Revoking the mentor membership ends
-- mentor access even if the person keeps a mentee membership.
-- Group privacy: a mentee sees her own card and her mentors' cards, not the other mentees'
-- (their names come from pair_members.full_name); her own plan only (mentee_id), her own
-- meeting confirmations only (private.my_mentee_seats()).
--
-- The helpers are PL/pgSQL, not SQL: a SECURITY DEFINER function with a search_path is
-- never inlined, and a non-inlined SQL function parses and plans its body on every call,
-- while PL/pgSQL keeps its plans for the session. RLS policies call them once per statement
-- (`in (select private.my_x())`); triggers and sync_push's per-mutation path call them more.
--
-- Row-level security and API grants (each table's are in its file). Model: nothing for
-- `anon`; `authenticated` gets exactly the statements its policies allow; `service_role`
-- (BYPASSRLS) everything. Clients never hard-delete synced rows:
-- a delete is a tombstone (deleted_at), so DELETE is granted to nobody, and SELECT
-- policies do not filter tombstones (deletes must reach every device in scope).
-- Who is staff, which pairs are mine, etc. come from the private.my_* helpers
-- (this file), always wrapped in (select ...) so they run once per statement.
-- Policy summary (S = curator/school_admin of the row's school):
--   schools            read: members; update: S (requisites; training_valid_years: school_admin only)
--   memberships        read: own + S; update role/revoked_at: S (rules in guard_membership_update)
--   participants       read: S + self + every member of the pairs I mentor + the mentors of
--                      the pairs I am a mentee of (NOT the other mentees of my group: their
--                      names are in pair_members.full_name); write: S
--   participant_sensitive (categories, note, request) read: S + mentors of that mentee's
--                      pairs; write: S. Mentees never read it, not even their own: these are
--                      staff assessments of a child (e.g. "behaviour problems") whose display
--                      could harm; access to one's own data goes through the school.
--   consents           read/write: S only (others read participants.consent_covered_until)
--   programmes         read: members; write: S.   roadmap_tasks: S only
--   pairs, pair_members read: S + pair members; write: S
--   mentor_change_requests read: S + requester (NOT the mentor); insert: S, or the mentee for
--                      her own seat with status 'open' and no answer; update: S
--   development_plans, plan_goals, plan_tasks read: S + mentors of the pair + the mentee
--                      whose plan it is (mentee_id); insert/update: mentors of the pair; the
--                      mentee updates only mentee_done_at/mentee_comment of her plan's tasks
--                      (guard_plan_task_write)
--   meetings           read: S + pair members; insert/update: mentors of the pair (every
--                      meeting of it); S insert from a paper log (entered_by_staff, kept by
--                      the server) and update only meetings entered by staff
--   meeting_confirmations read: S + mentors of the pair + the confirming mentee; insert/update
--                      (withdraw = tombstone): the mentee herself, for her own seat
--   meeting_attendances (who came to a group meeting) read: S + mentors of the pair + the
--                      mentee her own row only; insert/update (untick = tombstone): mentors
--                      of the pair, S only on meetings entered by staff
--   meeting_private_notes read/write: their author while a mentor of the pair; nobody else
--   questionnaire_templates read: built-ins to any member, school ones to members; write: S
--   questionnaire_responses read: S + self; write: S + self
--   mentor_trainings   read: S + self; write: S (the 36-hour KPI counts them)
--   triage_snoozes     read/write: S only
--   intakes            read/insert/update: S + the person herself (her own анкета); nobody
--                      else, not her mentor or mentee
--   school_documents, kpi_values read/write: S only
--   municipalities     read: members of its schools and its coordinators
--   municipal_kpi_targets read: S of its schools + its coordinators; insert/update: its coordinators
--   coordinators       read: own rows.   invites, invite_attempts: no API access at all

create function private.my_participant_ids()
returns setof uuid
language plpgsql stable security definer
set search_path = ''
as $$
begin
  return query
    select m.participant_id
    from public.memberships m
    where m.user_id = auth.uid()
      and m.revoked_at is null
      and m.deleted_at is null
      and m.participant_id is not null;
end;
$$;

create function private.my_school_ids()
returns setof uuid
language plpgsql stable security definer
set search_path = ''
as $$
begin
  return query
    select distinct m.school_id
    from public.memberships m
    where m.user_id = auth.uid() and m.revoked_at is null and m.deleted_at is null;
end;
$$;

create function private.my_staff_school_ids()
returns setof uuid
language plpgsql stable security definer
set search_path = ''
as $$
begin
  return query
    select distinct m.school_id
    from public.memberships m
    where m.user_id = auth.uid() and m.revoked_at is null and m.deleted_at is null
      and m.role in ('curator', 'school_admin');
end;
$$;

create function private.my_admin_school_ids()
returns setof uuid
language plpgsql stable security definer
set search_path = ''
as $$
begin
  return query
    select m.school_id
    from public.memberships m
    where m.user_id = auth.uid() and m.revoked_at is null and m.deleted_at is null
      and m.role = 'school_admin';
end;
$$;

-- Pairs in which the caller sits on the mentor side through an active 'mentor' membership.
create function private.my_mentor_pair_ids()
returns setof uuid
language plpgsql stable security definer
set search_path = ''
as $$
begin
  return query
    select distinct pm.pair_id
    from public.pair_members pm
    join public.memberships m on m.participant_id = pm.participant_id
    where pm.deleted_at is null and pm.side = 'mentor'
      and m.user_id = auth.uid() and m.role = 'mentor'
      and m.revoked_at is null and m.deleted_at is null;
end;
$$;

-- The caller's own cards held through an active 'mentor' membership.
create function private.my_mentor_participant_ids()
returns setof uuid
language plpgsql stable security definer
set search_path = ''
as $$
begin
  return query
    select m.participant_id
    from public.memberships m
    where m.user_id = auth.uid() and m.role = 'mentor' and m.participant_id is not null
      and m.revoked_at is null and m.deleted_at is null;
end;
$$;

-- The caller's seats on the mentee side: (pair, own participant) through an active
-- 'mentee' membership.
create function private.my_mentee_seats()
returns table (pair_id uuid, participant_id uuid)
language plpgsql stable security definer
set search_path = ''
as $$
begin
  return query
    select distinct pm.pair_id, pm.participant_id
    from public.pair_members pm
    join public.memberships m on m.participant_id = pm.participant_id
    where pm.deleted_at is null and pm.side = 'mentee'
      and m.user_id = auth.uid() and m.role = 'mentee'
      and m.revoked_at is null and m.deleted_at is null;
end;
$$;

create function private.my_mentee_pair_ids()
returns setof uuid
language plpgsql stable security definer
set search_path = ''
as $$
begin
  return query
    select distinct s.pair_id from private.my_mentee_seats() s;
end;
$$;

create function private.my_pair_ids()
returns setof uuid
language plpgsql stable security definer
set search_path = ''
as $$
begin
  return query
    select private.my_mentor_pair_ids()
    union
    select s.pair_id from private.my_mentee_seats() s;
end;
$$;

-- Plans a mentee reads: the plans of her pairs whose mentee_id is her own seat.
create function private.my_mentee_plan_ids()
returns setof uuid
language plpgsql stable security definer
set search_path = ''
as $$
begin
  return query
    select dp.id
    from public.development_plans dp
    join private.my_mentee_seats() s on s.pair_id = dp.pair_id and s.participant_id = dp.mentee_id;
end;
$$;

-- Participant cards the caller reads as a pair member: her own; every member of the pairs
-- she mentors; the mentor-side members of the pairs she is a mentee of (not the other
-- mentees of her group).
create function private.my_visible_participant_ids()
returns setof uuid
language plpgsql stable security definer
set search_path = ''
as $$
begin
  return query
    select pm.participant_id
    from public.pair_members pm
    where pm.deleted_at is null
      and pm.pair_id in (select private.my_mentor_pair_ids())
    union
    select pm.participant_id
    from public.pair_members pm
    where pm.deleted_at is null and pm.side = 'mentor'
      and pm.pair_id in (select s.pair_id from private.my_mentee_seats() s)
    union
    select private.my_participant_ids();
end;
$$;

-- Mentees of the pairs the caller mentors (need-to-know for sensitive categories).
create function private.my_mentee_participant_ids()
returns setof uuid
language plpgsql stable security definer
set search_path = ''
as $$
begin
  return query
    select distinct pm.participant_id
    from public.pair_members pm
    where pm.deleted_at is null and pm.side = 'mentee'
      and pm.pair_id in (select private.my_mentor_pair_ids());
end;
$$;

revoke all on function
  private.my_participant_ids(), private.my_school_ids(), private.my_staff_school_ids(),
  private.my_admin_school_ids(), private.my_mentor_pair_ids(), private.my_mentee_seats(),
  private.my_mentee_pair_ids(), private.my_pair_ids(), private.my_mentee_plan_ids(),
  private.my_visible_participant_ids(), private.my_mentee_participant_ids(),
  private.my_mentor_participant_ids()
  from public, anon, authenticated;
-- Each of these answers for the caller (auth.uid()) only.
grant execute on function
  private.my_participant_ids(), private.my_school_ids(), private.my_staff_school_ids(),
  private.my_admin_school_ids(), private.my_pair_ids(), private.my_mentor_pair_ids(),
  private.my_mentee_seats(), private.my_mentee_pair_ids(), private.my_mentee_plan_ids(),
  private.my_visible_participant_ids(), private.my_mentee_participant_ids(),
  private.my_mentor_participant_ids()
  to authenticated;
