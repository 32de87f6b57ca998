-- Owns: public.municipal_kpi_targets (the yearly KPI targets a municipality sets for its
-- schools: one value, %, per (municipality, indicator, year)) and
-- private.my_staff_municipality_ids(). Not synced (a municipality is no sync scope): a school
-- device fetches its municipality's targets when online and keeps them for offline use.
-- A school's own target (kpi_values, kind 'target') wins over the municipality's, which wins
-- over the seed's default (targetFor in src/domain/kpi.ts).
-- Read: coordinators of the municipality and staff (curator, school_admin) of its schools.
-- Write (insert, update): coordinators of the municipality. Nobody else, not the mentors and
-- mentees of its schools. Like every table of the API, no client deletes a row (a target is
-- corrected, not removed; the service role may remove one).

create table public.municipal_kpi_targets (
  id uuid primary key default gen_random_uuid(),
  municipality_id uuid not null references public.municipalities (id),
  -- A share indicator of src/domain/kpi.ts (KPI_SHARE_KEYS; test/db/municipal-targets.test.ts
  -- checks the two lists agree). Bounded, so a municipality has at most 11 × 81 targets, under
  -- PostgREST's max-rows: one read fetches them all (src/api/municipalTargets.ts).
  indicator text not null constraint municipal_kpi_targets_indicator_valid check (indicator in (
    'students_involved', 'preschool_involved', 'student_mentors_15_19', 'managers_involved',
    'teachers_involved', 'young_teachers_supported', 'enterprises_mentoring', 'managers_trained',
    'teachers_trained', 'mentee_satisfaction', 'mentor_satisfaction')),
  year integer not null
    constraint municipal_kpi_targets_year_range check (year between 2020 and 2100),
  value numeric not null constraint municipal_kpi_targets_value_range check (value >= 0 and value <= 100),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid default auth.uid(),
  constraint municipal_kpi_targets_one_per_year unique (municipality_id, indicator, year)
);

create function private.touch_municipal_kpi_target()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.updated_at := pg_catalog.now();
  new.created_at := old.created_at;
  new.created_by := old.created_by;
  return new;
end;
$$;
revoke all on function private.touch_municipal_kpi_target() from public, anon, authenticated;
create trigger bb_touch before update on public.municipal_kpi_targets
  for each row execute function private.touch_municipal_kpi_target();

-- The municipalities of the schools where the caller is staff (curator, school_admin).
create function private.my_staff_municipality_ids()
returns setof uuid
language plpgsql stable security definer
set search_path = ''
as $$
begin
  return query
    select distinct s.municipality_id
    from public.schools s
    where s.id in (select private.my_staff_school_ids()) and s.deleted_at is null;
end;
$$;
revoke all on function private.my_staff_municipality_ids() from public, anon, authenticated;
-- Answers for the caller only.
grant execute on function private.my_staff_municipality_ids() to authenticated;

alter table public.municipal_kpi_targets enable row level security;
revoke all on public.municipal_kpi_targets from public, anon, authenticated;
grant all on public.municipal_kpi_targets to service_role;
grant select on public.municipal_kpi_targets to authenticated;
grant insert (id, municipality_id, indicator, year, value) on public.municipal_kpi_targets to authenticated;
grant update (value) on public.municipal_kpi_targets to authenticated;

create policy municipal_kpi_targets_select on public.municipal_kpi_targets for select to authenticated
  using (municipality_id in (select private.my_coordinated_municipality_ids())
         or municipality_id in (select private.my_staff_municipality_ids()));
create policy municipal_kpi_targets_insert on public.municipal_kpi_targets for insert to authenticated
  with check (municipality_id in (select private.my_coordinated_municipality_ids()));
create policy municipal_kpi_targets_update on public.municipal_kpi_targets for update to authenticated
  using (municipality_id in (select private.my_coordinated_municipality_ids()))
  with check (municipality_id in (select private.my_coordinated_municipality_ids()));
