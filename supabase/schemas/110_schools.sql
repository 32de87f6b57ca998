-- Owns: public.schools. Synced; its sync scope is its own id (private.stamp_school_row).
-- Read: members. Update: staff (curator, school_admin) the requisites every staff device
-- prints on the school's documents (name, short_name, address, place, director); only the
-- school_admin the KPI setting training_valid_years (private.guard_school_update).

create table public.schools (
  id uuid primary key default gen_random_uuid(),
  municipality_id uuid not null references public.municipalities (id),
  name text not null constraint schools_name_not_blank check (btrim(name) <> '')
    constraint schools_name_length check (length(name) <= 1000),
  short_name text constraint schools_short_name_length check (length(short_name) <= 500),
  address text constraint schools_address_length check (length(address) <= 1000),
  -- Requisites of the documents: the place an order is dated at («с. Лузино») and the
  -- director for the signature line («И.О. Фамилия»). The limits are REQUISITE_LIMITS of
  -- src/domain/documents/common.ts.
  place text constraint schools_place_length check (length(place) <= 200),
  director text constraint schools_director_length check (length(director) <= 200),
  -- How many years a course (mentor_trainings) counts as current in the KPIs.
  training_valid_years integer not null default 3
    constraint schools_training_valid_years_range check (training_valid_years between 1 and 10),
  version bigint not null default 0,
  deleted_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid default auth.uid()
);
create index schools_municipality_id_idx on public.schools (municipality_id);
create index schools_id_version_idx on public.schools (id, version);

-- Sync (000_private_core.sql): the consent gate, the version stamp, the index sync_pull reads.
create trigger aa_consent_required before insert or update on public.schools
  for each statement execute function private.require_consent();
create trigger zz_sync_stamp before insert or update on public.schools
  for each row execute function private.stamp_school_row();

alter table public.schools enable row level security;
revoke all on public.schools from public, anon, authenticated;
grant all on public.schools to service_role;
grant select, update (name, short_name, address, place, director, training_valid_years)
  on public.schools to authenticated;

create policy schools_select on public.schools for select to authenticated
  using (id in (select private.my_school_ids()));
create policy schools_update on public.schools for update to authenticated
  using (id in (select private.my_staff_school_ids()))
  with check (id in (select private.my_staff_school_ids()));

-- The KPI setting stays the director's: a curator may correct the requisites, not how long
-- a course counts. Clients only (the service role and SQL maintenance are not asked).
create function private.guard_school_update()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if new.training_valid_years is distinct from old.training_valid_years
     and pg_catalog.current_setting('role', true) = 'authenticated'
     and old.id not in (select private.my_admin_school_ids()) then
    raise exception using errcode = '42501', message = 'school_admin_only';
  end if;
  return new;
end;
$$;
revoke all on function private.guard_school_update() from public, anon, authenticated;
create trigger ab_guard_school_update before update on public.schools
  for each row execute function private.guard_school_update();
