-- Owns: row-level security and API grants of every table created so far.
-- Model: nothing for `anon`; `authenticated` gets exactly the statements its policies
-- allow; `service_role` (BYPASSRLS) everything. Clients never hard-delete synced rows:
-- a delete is a tombstone (deleted_at), so DELETE is granted to nobody, and SELECT
-- policies do not filter tombstones (deletes must reach every device in scope).
-- Who is staff, which pairs are mine, etc. come from the private.my_* helpers
-- (migration 0300), always wrapped in (select ...) so they run once per statement.
-- Policy summary (S = curator/school_admin of the row's school):
--   schools            read: members; update: school_admin
--   memberships        read: own + S; update role/revoked_at: S (rules in guard_membership_update)
--   participants       read: S + self + co-members of my pairs; write: S
--   participant_sensitive read: S + mentors of that mentee's pairs; write: S. Mentees never
--                      read it, not even their own: the categories are staff assessments of a
--                      child (e.g. "behaviour problems") whose display could harm; access to
--                      one's own data goes through the school, not the app.
--   consents           read: S + self; write: S
--   programmes         read: members; write: S.   roadmap_tasks: S only
--   pairs, pair_members read: S + pair members; write: S
--   mentor_change_requests read: S + requester (NOT the mentor); insert: S or the mentee; update: S
--   development_plans, plan_goals, plan_tasks read/write: S + pair members
--   meetings           read: S + pair members; insert: pair mentors; update: pair members
--                      (mentees only confirmation/reflection, guard_meeting_write)
--   meeting_private_notes read/write: their author while a mentor of the pair; nobody else
--   questionnaire_templates read: built-ins to any member, school ones to members; write: S
--   questionnaire_responses, mentor_trainings read: S + self; write: S + self
--   municipalities     read: members of its schools and its coordinators
--   coordinators       read: own rows.   invites, invite_attempts: no API access at all

create function private.my_municipality_ids()
returns setof uuid
language sql stable security definer
set search_path = ''
as $$
  select s.municipality_id from public.schools s where s.id in (select private.my_school_ids())
  union
  select private.my_coordinated_municipality_ids()
$$;
revoke all on function private.my_municipality_ids() from public, anon, authenticated;
grant execute on function private.my_municipality_ids() to authenticated;

alter table public.municipalities enable row level security;
alter table public.schools enable row level security;
alter table public.coordinators enable row level security;
alter table public.participants enable row level security;
alter table public.memberships enable row level security;
alter table public.participant_sensitive enable row level security;
alter table public.consents enable row level security;
alter table public.programmes enable row level security;
alter table public.roadmap_tasks enable row level security;
alter table public.pairs enable row level security;
alter table public.pair_members enable row level security;
alter table public.mentor_change_requests enable row level security;
alter table public.development_plans enable row level security;
alter table public.plan_goals enable row level security;
alter table public.plan_tasks enable row level security;
alter table public.meetings enable row level security;
alter table public.meeting_private_notes enable row level security;
alter table public.questionnaire_templates enable row level security;
alter table public.questionnaire_responses enable row level security;
alter table public.mentor_trainings enable row level security;

-- ---------------------------------------------------------------- grants
revoke all on all tables in schema public from public, anon, authenticated;
grant all on all tables in schema public to service_role;

grant select on public.municipalities, public.coordinators to authenticated;
grant select, update (name, short_name, address) on public.schools to authenticated;
grant select, update (role, revoked_at) on public.memberships to authenticated;
grant select, insert, update on
  public.participants, public.participant_sensitive, public.consents, public.programmes,
  public.roadmap_tasks, public.pairs, public.pair_members, public.mentor_change_requests,
  public.development_plans, public.plan_goals, public.plan_tasks, public.meetings,
  public.meeting_private_notes, public.questionnaire_templates, public.questionnaire_responses,
  public.mentor_trainings
  to authenticated;

-- ---------------------------------------------------------------- reference data
create policy municipalities_select on public.municipalities for select to authenticated
  using (id in (select private.my_municipality_ids()));

create policy schools_select on public.schools for select to authenticated
  using (id in (select private.my_school_ids()));
create policy schools_update on public.schools for update to authenticated
  using (id in (select private.my_admin_school_ids()))
  with check (id in (select private.my_admin_school_ids()));

create policy coordinators_select on public.coordinators for select to authenticated
  using (user_id = (select auth.uid()));

-- ---------------------------------------------------------------- memberships and people
create policy memberships_select on public.memberships for select to authenticated
  using (user_id = (select auth.uid()) or school_id in (select private.my_staff_school_ids()));
create policy memberships_update on public.memberships for update to authenticated
  using (school_id in (select private.my_staff_school_ids()))
  with check (school_id in (select private.my_staff_school_ids()));

create policy participants_select on public.participants for select to authenticated
  using (school_id in (select private.my_staff_school_ids())
         or id in (select private.my_visible_participant_ids()));
create policy participants_insert on public.participants for insert to authenticated
  with check (school_id in (select private.my_staff_school_ids()));
create policy participants_update on public.participants for update to authenticated
  using (school_id in (select private.my_staff_school_ids()))
  with check (school_id in (select private.my_staff_school_ids()));

create policy participant_sensitive_select on public.participant_sensitive for select to authenticated
  using (school_id in (select private.my_staff_school_ids())
         or participant_id in (select private.my_mentee_participant_ids()));
create policy participant_sensitive_insert on public.participant_sensitive for insert to authenticated
  with check (school_id in (select private.my_staff_school_ids()));
create policy participant_sensitive_update on public.participant_sensitive for update to authenticated
  using (school_id in (select private.my_staff_school_ids()))
  with check (school_id in (select private.my_staff_school_ids()));

create policy consents_select on public.consents for select to authenticated
  using (school_id in (select private.my_staff_school_ids())
         or participant_id in (select private.my_participant_ids()));
create policy consents_insert on public.consents for insert to authenticated
  with check (school_id in (select private.my_staff_school_ids()));
create policy consents_update on public.consents for update to authenticated
  using (school_id in (select private.my_staff_school_ids()))
  with check (school_id in (select private.my_staff_school_ids()));

-- ---------------------------------------------------------------- programme
create policy programmes_select on public.programmes for select to authenticated
  using (school_id in (select private.my_school_ids()));
create policy programmes_insert on public.programmes for insert to authenticated
  with check (school_id in (select private.my_staff_school_ids()));
create policy programmes_update on public.programmes for update to authenticated
  using (school_id in (select private.my_staff_school_ids()))
  with check (school_id in (select private.my_staff_school_ids()));

create policy roadmap_tasks_select on public.roadmap_tasks for select to authenticated
  using (school_id in (select private.my_staff_school_ids()));
create policy roadmap_tasks_insert on public.roadmap_tasks for insert to authenticated
  with check (school_id in (select private.my_staff_school_ids()));
create policy roadmap_tasks_update on public.roadmap_tasks for update to authenticated
  using (school_id in (select private.my_staff_school_ids()))
  with check (school_id in (select private.my_staff_school_ids()));

-- ---------------------------------------------------------------- pairs
create policy pairs_select on public.pairs for select to authenticated
  using (school_id in (select private.my_staff_school_ids()) or id in (select private.my_pair_ids()));
create policy pairs_insert on public.pairs for insert to authenticated
  with check (school_id in (select private.my_staff_school_ids()));
create policy pairs_update on public.pairs for update to authenticated
  using (school_id in (select private.my_staff_school_ids()))
  with check (school_id in (select private.my_staff_school_ids()));

create policy pair_members_select on public.pair_members for select to authenticated
  using (school_id in (select private.my_staff_school_ids()) or pair_id in (select private.my_pair_ids()));
create policy pair_members_insert on public.pair_members for insert to authenticated
  with check (school_id in (select private.my_staff_school_ids()));
create policy pair_members_update on public.pair_members for update to authenticated
  using (school_id in (select private.my_staff_school_ids()))
  with check (school_id in (select private.my_staff_school_ids()));

create policy mentor_change_requests_select on public.mentor_change_requests for select to authenticated
  using (school_id in (select private.my_staff_school_ids())
         or requested_by in (select private.my_participant_ids()));
create policy mentor_change_requests_insert on public.mentor_change_requests for insert to authenticated
  with check (school_id in (select private.my_staff_school_ids())
              or (status = 'open'
                  and requested_by in (select private.my_participant_ids())
                  and pair_id in (select private.my_mentee_pair_ids())));
create policy mentor_change_requests_update on public.mentor_change_requests for update to authenticated
  using (school_id in (select private.my_staff_school_ids()))
  with check (school_id in (select private.my_staff_school_ids()));

-- ---------------------------------------------------------------- plans
create policy development_plans_select on public.development_plans for select to authenticated
  using (school_id in (select private.my_staff_school_ids()) or pair_id in (select private.my_pair_ids()));
create policy development_plans_insert on public.development_plans for insert to authenticated
  with check (school_id in (select private.my_staff_school_ids()) or pair_id in (select private.my_pair_ids()));
create policy development_plans_update on public.development_plans for update to authenticated
  using (school_id in (select private.my_staff_school_ids()) or pair_id in (select private.my_pair_ids()))
  with check (school_id in (select private.my_staff_school_ids()) or pair_id in (select private.my_pair_ids()));

create policy plan_goals_select on public.plan_goals for select to authenticated
  using (school_id in (select private.my_staff_school_ids()) or pair_id in (select private.my_pair_ids()));
create policy plan_goals_insert on public.plan_goals for insert to authenticated
  with check (school_id in (select private.my_staff_school_ids()) or pair_id in (select private.my_pair_ids()));
create policy plan_goals_update on public.plan_goals for update to authenticated
  using (school_id in (select private.my_staff_school_ids()) or pair_id in (select private.my_pair_ids()))
  with check (school_id in (select private.my_staff_school_ids()) or pair_id in (select private.my_pair_ids()));

create policy plan_tasks_select on public.plan_tasks for select to authenticated
  using (school_id in (select private.my_staff_school_ids()) or pair_id in (select private.my_pair_ids()));
create policy plan_tasks_insert on public.plan_tasks for insert to authenticated
  with check (school_id in (select private.my_staff_school_ids()) or pair_id in (select private.my_pair_ids()));
create policy plan_tasks_update on public.plan_tasks for update to authenticated
  using (school_id in (select private.my_staff_school_ids()) or pair_id in (select private.my_pair_ids()))
  with check (school_id in (select private.my_staff_school_ids()) or pair_id in (select private.my_pair_ids()));

-- ---------------------------------------------------------------- meetings
create policy meetings_select on public.meetings for select to authenticated
  using (school_id in (select private.my_staff_school_ids()) or pair_id in (select private.my_pair_ids()));
create policy meetings_insert on public.meetings for insert to authenticated
  with check (pair_id in (select private.my_mentor_pair_ids()));
create policy meetings_update on public.meetings for update to authenticated
  using (pair_id in (select private.my_pair_ids()))
  with check (pair_id in (select private.my_pair_ids()));

create policy meeting_private_notes_select on public.meeting_private_notes for select to authenticated
  using (created_by = (select auth.uid()) and pair_id in (select private.my_mentor_pair_ids()));
create policy meeting_private_notes_insert on public.meeting_private_notes for insert to authenticated
  with check (created_by = (select auth.uid()) and pair_id in (select private.my_mentor_pair_ids()));
create policy meeting_private_notes_update on public.meeting_private_notes for update to authenticated
  using (created_by = (select auth.uid()) and pair_id in (select private.my_mentor_pair_ids()))
  with check (created_by = (select auth.uid()) and pair_id in (select private.my_mentor_pair_ids()));

-- ---------------------------------------------------------------- questionnaires, training
create policy questionnaire_templates_select on public.questionnaire_templates for select to authenticated
  using ((school_id is null and exists (select 1 from private.my_school_ids()))
         or school_id in (select private.my_school_ids()));
create policy questionnaire_templates_insert on public.questionnaire_templates for insert to authenticated
  with check (school_id in (select private.my_staff_school_ids()));
create policy questionnaire_templates_update on public.questionnaire_templates for update to authenticated
  using (school_id in (select private.my_staff_school_ids()))
  with check (school_id in (select private.my_staff_school_ids()));

create policy questionnaire_responses_select on public.questionnaire_responses for select to authenticated
  using (school_id in (select private.my_staff_school_ids())
         or participant_id in (select private.my_participant_ids()));
create policy questionnaire_responses_insert on public.questionnaire_responses for insert to authenticated
  with check (school_id in (select private.my_staff_school_ids())
              or (participant_id in (select private.my_participant_ids())
                  and (pair_id is null or pair_id in (select private.my_pair_ids()))));
create policy questionnaire_responses_update on public.questionnaire_responses for update to authenticated
  using (school_id in (select private.my_staff_school_ids())
         or participant_id in (select private.my_participant_ids()))
  with check (school_id in (select private.my_staff_school_ids())
              or (participant_id in (select private.my_participant_ids())
                  and (pair_id is null or pair_id in (select private.my_pair_ids()))));

create policy mentor_trainings_select on public.mentor_trainings for select to authenticated
  using (school_id in (select private.my_staff_school_ids())
         or participant_id in (select private.my_participant_ids()));
create policy mentor_trainings_insert on public.mentor_trainings for insert to authenticated
  with check (school_id in (select private.my_staff_school_ids())
              or participant_id in (select private.my_participant_ids()));
create policy mentor_trainings_update on public.mentor_trainings for update to authenticated
  using (school_id in (select private.my_staff_school_ids())
         or participant_id in (select private.my_participant_ids()))
  with check (school_id in (select private.my_staff_school_ids())
              or participant_id in (select private.my_participant_ids()));
