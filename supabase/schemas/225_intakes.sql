-- Owns: public.intakes (a person's intake questionnaire, анкета: the mentor's offers,
-- capacity and forms, the mentee's request, interests, forms and chosen mentors) and the
-- rule that the chosen mentors are people of the same school
-- (intakes_preferred_outside_school). One live row per participant and role
-- (intakes_one_per_role). Read/insert/update (delete = tombstone): staff of the school and
-- the person herself; nobody else reads a row (not her mentor, not her mentee).

create table public.intakes (
  id uuid primary key default gen_random_uuid(),
  school_id uuid not null references public.schools (id),
  participant_id uuid not null,
  role text not null constraint intakes_role_valid check (role in ('mentor', 'mentee')),
  -- Mentor: «Чем я могу быть полезен как наставник?».
  offers text constraint intakes_offers_length check (length(offers) <= 2000),
  -- Mentor: how many mentees she can take; null: not said.
  capacity integer constraint intakes_capacity_range check (capacity between 1 and 30),
  forms text[] not null default '{}' constraint intakes_forms_valid
    check (forms <@ array['uchenik_uchenik', 'uchitel_uchitel', 'uchitel_uchenik', 'student_uchenik',
                          'rabotodatel_uchenik', 'rabotodatel_student']::text[]),
  -- Mentee: her own request, in her words.
  request text constraint intakes_request_length check (length(request) <= 2000),
  interests text constraint intakes_interests_length check (length(interests) <= 2000),
  -- Mentee: the mentors she chose after the group meeting, most wanted first (participant
  -- ids of the same school: private.check_intake_preferred_mentors).
  preferred_mentor_ids uuid[] not null default '{}',
  version bigint not null default 0,
  deleted_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid default auth.uid(),
  constraint intakes_participant_fk foreign key (participant_id, school_id)
    references public.participants (id, school_id)
);
create index intakes_participant_fk_idx on public.intakes (participant_id, school_id);
create unique index intakes_one_per_role on public.intakes (participant_id, role) where deleted_at is null;
-- A tombstone keeps who and which role; what she wrote and chose goes.
create trigger zy_scrub_tombstone before insert or update on public.intakes
  for each row when (new.deleted_at is not null)
  execute function private.scrub_tombstone('offers', 'capacity', 'forms', 'request', 'interests',
    'preferred_mentor_ids');

-- intakes_preferred_outside_school: every chosen mentor is a participant of the intake's
-- school; checked when the list is set or changed.
create function private.check_intake_preferred_mentors()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_outsider text;
begin
  if new.deleted_at is not null
     or (tg_op = 'UPDATE' and new.preferred_mentor_ids is not distinct from old.preferred_mentor_ids) then
    return new;
  end if;
  select coalesce(a.id::text, 'null') into v_outsider
  from unnest(new.preferred_mentor_ids) as a (id)
  where a.id is null
     or not exists (select 1 from public.participants p where p.id = a.id and p.school_id = new.school_id)
  limit 1;
  if found then
    raise exception using errcode = '23514', message = 'intakes_preferred_outside_school',
      constraint = 'intakes_preferred_outside_school', column = 'preferred_mentor_ids', detail = v_outsider;
  end if;
  return new;
end;
$$;

create trigger check_intake_preferred_mentors before insert or update on public.intakes
  for each row execute function private.check_intake_preferred_mentors();

revoke all on function private.check_intake_preferred_mentors() from public, anon, authenticated;

-- Sync (000_private_core.sql): the consent gate, the version stamp, the index sync_pull reads.
create trigger aa_consent_required before insert or update on public.intakes
  for each statement execute function private.require_consent();
create trigger zz_sync_stamp before insert or update on public.intakes
  for each row execute function private.stamp_synced_row();
create index intakes_school_version_idx on public.intakes (school_id, version);

alter table public.intakes enable row level security;
revoke all on public.intakes from public, anon, authenticated;
grant all on public.intakes to service_role;
grant select, insert, update on public.intakes to authenticated;

create policy intakes_select on public.intakes for select to authenticated
  using (school_id in (select private.my_staff_school_ids())
         or participant_id in (select private.my_participant_ids()));
create policy intakes_insert on public.intakes for insert to authenticated
  with check (school_id in (select private.my_staff_school_ids())
              or participant_id in (select private.my_participant_ids()));
create policy intakes_update on public.intakes for update to authenticated
  using (school_id in (select private.my_staff_school_ids())
         or participant_id in (select private.my_participant_ids()))
  with check (school_id in (select private.my_staff_school_ids())
              or participant_id in (select private.my_participant_ids()));
