-- Owns: public.mentor_trainings (courses, курсовая подготовка: the 36-hour KPI counts a
-- teacher's or manager's; students' courses are stored but never counted). Read: staff and
-- the person herself (her own list on her card; test/db/own-trainings.test.ts); write: staff.

create table public.mentor_trainings (
  id uuid primary key default gen_random_uuid(),
  school_id uuid not null references public.schools (id),
  participant_id uuid not null,
  title text not null constraint mentor_trainings_title_length check (length(title) <= 500),
  provider text constraint mentor_trainings_provider_length check (length(provider) <= 500),
  hours numeric(6, 1) not null constraint mentor_trainings_hours_range check (hours > 0 and hours <= 1000),
  started_on date,
  completed_on date,
  certificate_number text
    constraint mentor_trainings_certificate_number_length check (length(certificate_number) <= 200),
  version bigint not null default 0,
  deleted_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid default auth.uid(),
  constraint mentor_trainings_participant_fk foreign key (participant_id, school_id)
    references public.participants (id, school_id),
  constraint mentor_trainings_title_not_blank check (deleted_at is not null or btrim(title) <> ''),
  constraint mentor_trainings_dates_ordered
    check (started_on is null or completed_on is null or started_on <= completed_on)
);
create index mentor_trainings_participant_fk_idx on public.mentor_trainings (participant_id, school_id);
create trigger zy_scrub_tombstone before insert or update on public.mentor_trainings
  for each row when (new.deleted_at is not null)
  execute function private.scrub_tombstone('title', 'provider', 'certificate_number');

-- Sync (000_private_core.sql): the consent gate, the version stamp, the index sync_pull reads.
create trigger aa_consent_required before insert or update on public.mentor_trainings
  for each statement execute function private.require_consent();
create trigger zz_sync_stamp before insert or update on public.mentor_trainings
  for each row execute function private.stamp_synced_row();
create index mentor_trainings_school_version_idx on public.mentor_trainings (school_id, version);

alter table public.mentor_trainings enable row level security;
revoke all on public.mentor_trainings from public, anon, authenticated;
grant all on public.mentor_trainings to service_role;
grant select, insert, update on public.mentor_trainings to authenticated;

create policy mentor_trainings_select on public.mentor_trainings for select to authenticated
  using (school_id in (select private.my_staff_school_ids())
         or participant_id in (select private.my_participant_ids()));
create policy mentor_trainings_insert on public.mentor_trainings for insert to authenticated
  with check (school_id in (select private.my_staff_school_ids()));
create policy mentor_trainings_update on public.mentor_trainings for update to authenticated
  using (school_id in (select private.my_staff_school_ids()))
  with check (school_id in (select private.my_staff_school_ids()));
