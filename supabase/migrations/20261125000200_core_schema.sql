-- Owns: the tables of the mentoring programme (DOMAIN.md) and their integrity constraints.
-- Row-level security, grants and business-rule triggers live in the next migrations.
--
-- Sync contract of every synced table (everything a device keeps, SYNC.md):
--   id uuid (client-generated), school_id (immutable), pair_id or participant_id when the
--   row is narrower than a school, version (stamped by private.stamp_synced_row),
--   deleted_at (tombstone: clients soft-delete), created_at, updated_at, created_by.
-- Children carry the parent's school_id/pair_id and a composite foreign key to
-- (parent id, pair_id, school_id), so the denormalised scope can never disagree with the
-- parent. Constraint names are part of the API: the client maps them to messages.

-- ---------------------------------------------------------------- reference data
create table public.municipalities (
  id uuid primary key default gen_random_uuid(),
  name text not null constraint municipalities_name_not_blank check (btrim(name) <> ''),
  region text,
  created_at timestamptz not null default now()
);

create table public.schools (
  id uuid primary key default gen_random_uuid(),
  municipality_id uuid not null references public.municipalities (id),
  name text not null constraint schools_name_not_blank check (btrim(name) <> ''),
  short_name text,
  address text,
  version bigint not null default 0,
  deleted_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid default auth.uid()
);
create index schools_municipality_id_idx on public.schools (municipality_id);
create index schools_id_version_idx on public.schools (id, version);

-- Municipal coordinators see aggregates only, through public.municipality_kpis().
create table public.coordinators (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id) on delete cascade,
  municipality_id uuid not null references public.municipalities (id),
  created_at timestamptz not null default now(),
  constraint coordinators_user_municipality_unique unique (user_id, municipality_id)
);
create index coordinators_municipality_id_idx on public.coordinators (municipality_id);

-- ---------------------------------------------------------------- people
-- The two bases (база наставников / база наставляемых) are one table with flags:
-- a graduate mentee of last year may be a mentor this year.
create table public.participants (
  id uuid primary key default gen_random_uuid(),
  school_id uuid not null references public.schools (id),
  kind text not null constraint participants_kind_valid
    check (kind in ('student', 'teacher', 'parent', 'graduate', 'employer_staff', 'other')),
  full_name text not null constraint participants_full_name_not_blank check (btrim(full_name) <> ''),
  class_label text,
  birth_year integer constraint participants_birth_year_range check (birth_year between 1900 and 2100),
  -- Stored, not derived from birth_year: the consent rule needs a yes/no the curator
  -- confirms, and a birth year alone cannot say whether a 17/18-year-old is a minor today.
  is_minor boolean not null default false,
  subject text,
  teaching_experience_years integer
    constraint participants_teaching_experience_range check (teaching_experience_years between 0 and 70),
  workplace text,
  position text,
  requests text,
  interests text,
  phone text,
  email text,
  is_mentor boolean not null default false,
  is_mentee boolean not null default false,
  user_id uuid references auth.users (id) on delete set null,
  version bigint not null default 0,
  deleted_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid default auth.uid(),
  constraint participants_id_school_unique unique (id, school_id),
  constraint participants_minor_is_student check (not is_minor or kind in ('student', 'other'))
);
create index participants_user_id_idx on public.participants (user_id);

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
create index memberships_participant_id_idx on public.memberships (participant_id);
create index memberships_school_id_idx on public.memberships (school_id);

-- Need-to-know categories (DOMAIN.md): a separate table so that a row-level rule can hide
-- them from everyone who may see the participant's ordinary card.
create table public.participant_sensitive (
  id uuid primary key default gen_random_uuid(),
  school_id uuid not null references public.schools (id),
  participant_id uuid not null,
  categories text[] not null default '{}' constraint participant_sensitive_categories_valid
    check (categories <@ array['gifted', 'low_results', 'disability', 'difficult_life_situation',
                               'behaviour_problems', 'disengaged']::text[]),
  note text,
  version bigint not null default 0,
  deleted_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid default auth.uid(),
  constraint participant_sensitive_participant_fk foreign key (participant_id, school_id)
    references public.participants (id, school_id),
  constraint participant_sensitive_participant_unique unique (participant_id)
);

-- Consent to personal-data processing; for minors, by a parent or legal representative
-- (enforced by private.check_consent_giver, it needs the participant row).
create table public.consents (
  id uuid primary key default gen_random_uuid(),
  school_id uuid not null references public.schools (id),
  participant_id uuid not null,
  given_by text not null constraint consents_given_by_valid check (given_by in ('self', 'representative')),
  representative_name text,
  representative_relation text,
  signed_on date not null,
  valid_until date,
  revoked_on date,
  scope_note text,
  version bigint not null default 0,
  deleted_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid default auth.uid(),
  constraint consents_participant_fk foreign key (participant_id, school_id)
    references public.participants (id, school_id),
  constraint consents_representative_named
    check (given_by = 'self' or coalesce(btrim(representative_name), '') <> ''),
  constraint consents_valid_until_after_signed check (valid_until is null or valid_until >= signed_on),
  constraint consents_revoked_after_signed check (revoked_on is null or revoked_on >= signed_on)
);
create index consents_participant_id_idx on public.consents (participant_id);

-- ---------------------------------------------------------------- the programme year
create table public.programmes (
  id uuid primary key default gen_random_uuid(),
  school_id uuid not null references public.schools (id),
  academic_year text not null constraint programmes_academic_year_format
    check (academic_year ~ '^[0-9]{4}/[0-9]{4}$'
           and split_part(academic_year, '/', 2)::integer = split_part(academic_year, '/', 1)::integer + 1),
  title text not null constraint programmes_title_not_blank check (btrim(title) <> ''),
  forms text[] not null default '{}' constraint programmes_forms_valid
    check (forms <@ array['uchenik_uchenik', 'uchitel_uchitel', 'uchitel_uchenik', 'student_uchenik',
                          'rabotodatel_uchenik', 'rabotodatel_student']::text[]),
  current_stage integer not null default 1 constraint programmes_stage_range check (current_stage between 1 and 7),
  starts_on date,
  ends_on date,
  version bigint not null default 0,
  deleted_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid default auth.uid(),
  constraint programmes_id_school_unique unique (id, school_id),
  constraint programmes_dates_ordered check (ends_on is null or starts_on is null or ends_on >= starts_on)
);

-- The roadmap (дорожная карта): seven stages of tasks with deadlines and responsibles.
create table public.roadmap_tasks (
  id uuid primary key default gen_random_uuid(),
  school_id uuid not null references public.schools (id),
  programme_id uuid not null,
  stage integer not null constraint roadmap_tasks_stage_range check (stage between 1 and 7),
  position integer not null default 0,
  title text not null constraint roadmap_tasks_title_not_blank check (btrim(title) <> ''),
  due_on date,
  done_on date,
  responsible text,
  version bigint not null default 0,
  deleted_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid default auth.uid(),
  constraint roadmap_tasks_programme_fk foreign key (programme_id, school_id)
    references public.programmes (id, school_id)
);
create index roadmap_tasks_programme_id_idx on public.roadmap_tasks (programme_id);

-- ---------------------------------------------------------------- pairs and groups
create table public.pairs (
  id uuid primary key default gen_random_uuid(),
  school_id uuid not null references public.schools (id),
  programme_id uuid,
  is_group boolean not null default false,
  form text not null constraint pairs_form_valid
    check (form in ('uchenik_uchenik', 'uchitel_uchitel', 'uchitel_uchenik', 'student_uchenik',
                    'rabotodatel_uchenik', 'rabotodatel_student')),
  role_model text,
  title text,
  status text not null default 'draft' constraint pairs_status_valid
    check (status in ('draft', 'approved', 'active', 'completed', 'ended_early')),
  order_number text,
  order_date date,
  started_on date,
  ended_on date,
  end_reason text,
  version bigint not null default 0,
  deleted_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid default auth.uid(),
  constraint pairs_id_school_unique unique (id, school_id),
  constraint pairs_programme_fk foreign key (programme_id, school_id)
    references public.programmes (id, school_id),
  -- Pairs are approved by the director's order («Об утверждении наставнических пар/групп»).
  constraint pairs_order_required
    check (status in ('draft', 'ended_early')
           or (coalesce(btrim(order_number), '') <> '' and order_date is not null)),
  constraint pairs_end_reason_required
    check (status <> 'ended_early' or coalesce(btrim(end_reason), '') <> ''),
  constraint pairs_dates_ordered check (ended_on is null or started_on is null or ended_on >= started_on)
);
create index pairs_programme_id_idx on public.pairs (programme_id);

create table public.pair_members (
  id uuid primary key default gen_random_uuid(),
  school_id uuid not null references public.schools (id),
  pair_id uuid not null,
  participant_id uuid not null,
  side text not null constraint pair_members_side_valid check (side in ('mentor', 'mentee')),
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
create index pair_members_participant_id_idx on public.pair_members (participant_id);

-- A mentee may ask for another mentor (DOMAIN.md principles); the mentor does not see it.
create table public.mentor_change_requests (
  id uuid primary key default gen_random_uuid(),
  school_id uuid not null references public.schools (id),
  pair_id uuid not null,
  requested_by uuid not null,
  reason text not null constraint mentor_change_requests_reason_not_blank check (btrim(reason) <> ''),
  status text not null default 'open' constraint mentor_change_requests_status_valid
    check (status in ('open', 'accepted', 'declined')),
  resolution_note text,
  resolved_at timestamptz,
  version bigint not null default 0,
  deleted_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid default auth.uid(),
  constraint mentor_change_requests_pair_fk foreign key (pair_id, school_id)
    references public.pairs (id, school_id),
  constraint mentor_change_requests_requester_fk foreign key (requested_by, school_id)
    references public.participants (id, school_id)
);
create index mentor_change_requests_pair_id_idx on public.mentor_change_requests (pair_id);
create index mentor_change_requests_requested_by_idx on public.mentor_change_requests (requested_by);

-- ---------------------------------------------------------------- development plans (ИПР)
create table public.development_plans (
  id uuid primary key default gen_random_uuid(),
  school_id uuid not null references public.schools (id),
  pair_id uuid not null,
  mentee_id uuid not null,
  title text not null constraint development_plans_title_not_blank check (btrim(title) <> ''),
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
    references public.participants (id, school_id)
);
create index development_plans_pair_id_idx on public.development_plans (pair_id);

create table public.plan_goals (
  id uuid primary key default gen_random_uuid(),
  school_id uuid not null references public.schools (id),
  pair_id uuid not null,
  plan_id uuid not null,
  title text not null constraint plan_goals_title_not_blank check (btrim(title) <> ''),
  position integer not null default 0,
  version bigint not null default 0,
  deleted_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid default auth.uid(),
  constraint plan_goals_plan_unique unique (id, plan_id),
  constraint plan_goals_plan_fk foreign key (plan_id, pair_id, school_id)
    references public.development_plans (id, pair_id, school_id)
);
create index plan_goals_pair_id_idx on public.plan_goals (pair_id);
create index plan_goals_plan_id_idx on public.plan_goals (plan_id);

create table public.plan_tasks (
  id uuid primary key default gen_random_uuid(),
  school_id uuid not null references public.schools (id),
  pair_id uuid not null,
  plan_id uuid not null,
  goal_id uuid,
  title text not null constraint plan_tasks_title_not_blank check (btrim(title) <> ''),
  activity text,
  expected_result text,
  due_on date,
  status text not null default 'todo' constraint plan_tasks_status_valid
    check (status in ('todo', 'in_progress', 'done', 'cancelled')),
  result text,
  position integer not null default 0,
  version bigint not null default 0,
  deleted_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid default auth.uid(),
  constraint plan_tasks_plan_fk foreign key (plan_id, pair_id, school_id)
    references public.development_plans (id, pair_id, school_id),
  constraint plan_tasks_goal_fk foreign key (goal_id, plan_id) references public.plan_goals (id, plan_id)
);
create index plan_tasks_pair_id_idx on public.plan_tasks (pair_id);
create index plan_tasks_plan_id_idx on public.plan_tasks (plan_id);
create index plan_tasks_goal_id_idx on public.plan_tasks (goal_id);

-- ---------------------------------------------------------------- meetings
create table public.meetings (
  id uuid primary key default gen_random_uuid(),
  school_id uuid not null references public.schools (id),
  pair_id uuid not null,
  type text not null constraint meetings_type_valid
    check (type in ('organisational', 'trial', 'planning', 'regular', 'final', 'final_group')),
  held_on date not null,
  duration_min integer not null constraint meetings_duration_range check (duration_min between 5 and 480),
  format text not null default 'in_person' constraint meetings_format_valid
    check (format in ('in_person', 'online', 'phone', 'mixed')),
  topic text,
  notes text,
  agreements text,
  mentee_confirmed_at timestamptz,
  mentee_reflection text,
  version bigint not null default 0,
  deleted_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid default auth.uid(),
  constraint meetings_scope_unique unique (id, pair_id, school_id),
  constraint meetings_pair_fk foreign key (pair_id, school_id) references public.pairs (id, school_id)
);
create index meetings_pair_id_idx on public.meetings (pair_id);

-- The mentor's private note: its own table because RLS hides rows, not columns; a mentee
-- must never read it. Visible to its author only.
create table public.meeting_private_notes (
  id uuid primary key default gen_random_uuid(),
  school_id uuid not null references public.schools (id),
  pair_id uuid not null,
  meeting_id uuid not null,
  body text not null default '',
  version bigint not null default 0,
  deleted_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid default auth.uid(),
  constraint meeting_private_notes_meeting_fk foreign key (meeting_id, pair_id, school_id)
    references public.meetings (id, pair_id, school_id)
);
create index meeting_private_notes_meeting_id_idx on public.meeting_private_notes (meeting_id);
create index meeting_private_notes_pair_id_idx on public.meeting_private_notes (pair_id);
create index meeting_private_notes_created_by_idx on public.meeting_private_notes (created_by);

-- ---------------------------------------------------------------- questionnaires
-- `revision` is the template's edition (QUESTIONNAIRES.md "version"); `version` is the sync
-- version like everywhere else. school_id null = built-in default, copied by schools.
create table public.questionnaire_templates (
  id uuid primary key default gen_random_uuid(),
  school_id uuid references public.schools (id),
  kind text not null constraint questionnaire_templates_kind_valid
    check (kind in ('entry', 'intermediate', 'exit', 'satisfaction')),
  audience text not null constraint questionnaire_templates_audience_valid
    check (audience in ('mentee_student', 'mentee_teacher', 'mentor')),
  revision integer not null default 1 constraint questionnaire_templates_revision_positive check (revision >= 1),
  title text not null constraint questionnaire_templates_title_not_blank check (btrim(title) <> ''),
  items jsonb not null,
  based_on uuid references public.questionnaire_templates (id),
  version bigint not null default 0,
  deleted_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid default auth.uid(),
  constraint questionnaire_templates_edition_unique unique nulls not distinct (school_id, kind, audience, revision)
);
create index questionnaire_templates_based_on_idx on public.questionnaire_templates (based_on);

create table public.questionnaire_responses (
  id uuid primary key default gen_random_uuid(),
  school_id uuid not null references public.schools (id),
  template_id uuid not null references public.questionnaire_templates (id),
  pair_id uuid,
  participant_id uuid not null,
  answers jsonb not null default '{}' constraint questionnaire_responses_answers_object
    check (jsonb_typeof(answers) = 'object'),
  submitted_at timestamptz,
  version bigint not null default 0,
  deleted_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid default auth.uid(),
  constraint questionnaire_responses_pair_fk foreign key (pair_id, school_id) references public.pairs (id, school_id),
  constraint questionnaire_responses_participant_fk foreign key (participant_id, school_id)
    references public.participants (id, school_id)
);
create index questionnaire_responses_template_id_idx on public.questionnaire_responses (template_id);
create index questionnaire_responses_participant_id_idx on public.questionnaire_responses (participant_id);
create index questionnaire_responses_pair_id_idx on public.questionnaire_responses (pair_id);

-- ---------------------------------------------------------------- mentor training (36 h KPI)
create table public.mentor_trainings (
  id uuid primary key default gen_random_uuid(),
  school_id uuid not null references public.schools (id),
  participant_id uuid not null,
  title text not null constraint mentor_trainings_title_not_blank check (btrim(title) <> ''),
  provider text,
  hours numeric(6, 1) not null constraint mentor_trainings_hours_range check (hours > 0 and hours <= 1000),
  completed_on date,
  version bigint not null default 0,
  deleted_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid default auth.uid(),
  constraint mentor_trainings_participant_fk foreign key (participant_id, school_id)
    references public.participants (id, school_id)
);
create index mentor_trainings_participant_id_idx on public.mentor_trainings (participant_id);

-- ---------------------------------------------------------------- sync stamping
create trigger zz_sync_stamp before insert or update on public.schools
  for each row execute function private.stamp_school_row();

do $$
declare
  t text;
begin
  foreach t in array array[
    'participants', 'memberships', 'participant_sensitive', 'consents', 'programmes', 'roadmap_tasks',
    'pairs', 'pair_members', 'mentor_change_requests', 'development_plans', 'plan_goals', 'plan_tasks',
    'meetings', 'meeting_private_notes', 'questionnaire_templates', 'questionnaire_responses',
    'mentor_trainings'
  ] loop
    -- Named zz_ so it fires after the rule triggers (BEFORE triggers run in name order).
    execute format('create trigger zz_sync_stamp before insert or update on public.%I '
                   'for each row execute function private.stamp_synced_row()', t);
    execute format('create index %I on public.%I (school_id, version)', t || '_school_version_idx', t);
  end loop;
end
$$;
