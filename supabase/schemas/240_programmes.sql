-- Owns: public.programmes (the programme year of a school). Read: members; write: staff.

create table public.programmes (
  id uuid primary key default gen_random_uuid(),
  school_id uuid not null references public.schools (id),
  academic_year text not null constraint programmes_academic_year_format
    check (academic_year ~ '^[0-9]{4}/[0-9]{4}$'
           and split_part(academic_year, '/', 2)::integer = split_part(academic_year, '/', 1)::integer + 1),
  title text not null constraint programmes_title_length check (length(title) <= 500),
  forms text[] not null default '{}' constraint programmes_forms_valid
    check (forms <@ array['uchenik_uchenik', 'uchitel_uchitel', 'uchitel_uchenik', 'student_uchenik',
                          'rabotodatel_uchenik', 'rabotodatel_student']::text[]),
  current_stage integer not null default 1 constraint programmes_stage_range check (current_stage between 1 and 7),
  starts_on date,
  ends_on date,
  -- The day the year was closed (its unfinished pairs carried into the next); null: open.
  closed_on date,
  version bigint not null default 0,
  deleted_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid default auth.uid(),
  constraint programmes_id_school_unique unique (id, school_id),
  constraint programmes_title_not_blank check (deleted_at is not null or btrim(title) <> ''),
  constraint programmes_dates_ordered check (ends_on is null or starts_on is null or ends_on >= starts_on)
);

create trigger zy_scrub_tombstone before insert or update on public.programmes
  for each row when (new.deleted_at is not null)
  execute function private.scrub_tombstone('title');

-- Sync (000_private_core.sql): the consent gate, the version stamp, the index sync_pull reads.
create trigger aa_consent_required before insert or update on public.programmes
  for each statement execute function private.require_consent();
create trigger zz_sync_stamp before insert or update on public.programmes
  for each row execute function private.stamp_synced_row();
create index programmes_school_version_idx on public.programmes (school_id, version);

alter table public.programmes enable row level security;
revoke all on public.programmes from public, anon, authenticated;
grant all on public.programmes to service_role;
grant select, insert, update on public.programmes to authenticated;

create policy programmes_select on public.programmes for select to authenticated
  using (school_id in (select private.my_school_ids()));
create policy programmes_insert on public.programmes for insert to authenticated
  with check (school_id in (select private.my_staff_school_ids()));
create policy programmes_update on public.programmes for update to authenticated
  using (school_id in (select private.my_staff_school_ids()))
  with check (school_id in (select private.my_staff_school_ids()));
