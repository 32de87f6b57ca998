-- Owns: public.participants (the people of a school) and its server-owned column
-- consent_covered_until (computed by private.consent_covered_until, 230_consents.sql); a
-- renamed participant renames her pair_members rows (pair_members.full_name).

-- The two bases (база наставников / база наставляемых) are one table with flags:
-- a graduate mentee of last year may be a mentor this year.
create table public.participants (
  id uuid primary key default gen_random_uuid(),
  school_id uuid not null references public.schools (id),
  kind text not null constraint participants_kind_valid
    check (kind in ('student', 'teacher', 'parent', 'graduate', 'employer_staff', 'other')),
  full_name text not null constraint participants_full_name_length check (length(full_name) <= 500),
  class_label text constraint participants_class_label_length check (length(class_label) <= 500),
  birth_year integer constraint participants_birth_year_range check (birth_year between 1900 and 2100),
  -- The full date when the roll gives one; birth_year then holds its year
  -- (participants_birth_date_year).
  birth_date date constraint participants_birth_date_range
    check (birth_date between date '1900-01-01' and current_date),
  -- Stored, not derived from birth_year: the consent rule needs a yes/no the curator
  -- confirms, and a birth year alone cannot say whether a 17/18-year-old is a minor today.
  is_minor boolean not null default false,
  subject text constraint participants_subject_length check (length(subject) <= 500),
  teaching_experience_years integer
    constraint participants_teaching_experience_range check (teaching_experience_years between 0 and 70),
  workplace text constraint participants_workplace_length check (length(workplace) <= 500),
  position text constraint participants_position_length check (length(position) <= 500),
  -- Квалификационная категория as the school writes it («высшая», «первая», …).
  qualification_category text
    constraint participants_qualification_category_length check (length(qualification_category) <= 500),
  interests text constraint participants_interests_length check (length(interests) <= 2000),
  phone text constraint participants_phone_length check (length(phone) <= 500),
  email text constraint participants_email_length check (length(email) <= 500),
  is_mentor boolean not null default false,
  is_mentee boolean not null default false,
  -- A manager (руководящий работник: director, deputy), told apart from teachers in KPIs.
  is_manager boolean not null default false,
  user_id uuid references auth.users (id) on delete set null,
  -- SERVER-OWNED (triggers here and in 230_consents.sql): the last day covered by a valid
  -- consent (the rule of private.has_valid_consent); null = not covered, 'infinity' = no end date. Mentors and
  -- the person read it here; only staff read the consents themselves.
  consent_covered_until date,
  -- The day the person left the programme (archived by staff); null while she takes part.
  -- Staff write it; guard_participant_self_update refuses it to a mentor on her own card.
  archived_on date,
  version bigint not null default 0,
  deleted_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid default auth.uid(),
  constraint participants_id_school_unique unique (id, school_id),
  constraint participants_full_name_not_blank check (deleted_at is not null or btrim(full_name) <> ''),
  constraint participants_minor_is_student check (not is_minor or kind in ('student', 'other')),
  constraint participants_birth_date_year
    check (birth_date is null or birth_year is null or extract(year from birth_date)::integer = birth_year)
);
create index participants_user_id_idx on public.participants (user_id);
-- A deleted person keeps id, school, kind and flags; name, contacts and notes go.
create trigger zy_scrub_tombstone before insert or update on public.participants
  for each row when (new.deleted_at is not null)
  execute function private.scrub_tombstone('full_name', 'class_label', 'birth_year', 'birth_date', 'subject',
    'teaching_experience_years', 'workplace', 'position', 'qualification_category', 'interests', 'phone', 'email');

-- consent_covered_until is recomputed on every write of the participant (is_minor may change).
create function private.keep_consent_covered_until()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  new.consent_covered_until := private.consent_covered_until(new.id, new.is_minor);
  return new;
end;
$$;

create trigger keep_consent_covered_until before insert or update on public.participants
  for each row execute function private.keep_consent_covered_until();

-- pair_members.full_name: a renamed participant renames her live member rows.
create function private.propagate_participant_name()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  update public.pair_members pm
  set full_name = new.full_name
  where pm.participant_id = new.id and pm.deleted_at is null
    and pm.full_name is distinct from new.full_name;
  return null;
end;
$$;

create trigger propagate_participant_name after update on public.participants
  for each row when (old.full_name is distinct from new.full_name)
  execute function private.propagate_participant_name();

revoke all on function private.keep_consent_covered_until() from public, anon, authenticated;
revoke all on function private.propagate_participant_name() from public, anon, authenticated;

-- Sync (000_private_core.sql): the consent gate, the version stamp, the index sync_pull reads.
create trigger aa_consent_required before insert or update on public.participants
  for each statement execute function private.require_consent();
create trigger zz_sync_stamp before insert or update on public.participants
  for each row execute function private.stamp_synced_row();
create index participants_school_version_idx on public.participants (school_id, version);

alter table public.participants enable row level security;
revoke all on public.participants from public, anon, authenticated;
grant all on public.participants to service_role;
grant select, insert, update on public.participants to authenticated;

create policy participants_select on public.participants for select to authenticated
  using (school_id in (select private.my_staff_school_ids())
         or id in (select private.my_visible_participant_ids()));
create policy participants_insert on public.participants for insert to authenticated
  with check (school_id in (select private.my_staff_school_ids()));
-- Staff edit every card of the school; a mentor keeps her own contact details (DOMAIN.md),
-- and guard_participant_self_update lets her change nothing else of it.
create policy participants_update on public.participants for update to authenticated
  using (school_id in (select private.my_staff_school_ids())
         or id in (select private.my_mentor_participant_ids()))
  with check (school_id in (select private.my_staff_school_ids())
              or id in (select private.my_mentor_participant_ids()));

-- Outside the staff, an update of a card may change its phone and e-mail only (never the
-- staff record: birth_date, is_manager, qualification_category, position, …).
create function private.guard_participant_self_update()
returns trigger
language plpgsql
set search_path = ''
as $$
declare
  v_contact_columns constant text[] := array['phone', 'email'];
  v_sync_columns constant text[] := array['version', 'updated_at', 'created_at', 'created_by'];
begin
  if current_user <> 'authenticated' then
    return new;
  end if;
  if new.school_id in (select private.my_staff_school_ids()) then
    return new;
  end if;
  if (pg_catalog.to_jsonb(new) - v_contact_columns - v_sync_columns)
     is distinct from (pg_catalog.to_jsonb(old) - v_contact_columns - v_sync_columns) then
    raise exception using errcode = '42501', message = 'participant_contacts_only';
  end if;
  return new;
end;
$$;
revoke all on function private.guard_participant_self_update() from public, anon, authenticated;

create trigger guard_participant_self_update before update on public.participants
  for each row execute function private.guard_participant_self_update();
