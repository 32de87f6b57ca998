-- Owns: public.kpi_values (the KPI values a school sets: a yearly target for an indicator,
-- or a numerator/denominator the app cannot count, e.g. enterprises). One live row per
-- (school, indicator, year, kind): kpi_values_one_per_year. Staff only: read, insert, update
-- (delete = tombstone); nobody else. No personal data, so a tombstone has nothing to erase.

create table public.kpi_values (
  id uuid primary key default gen_random_uuid(),
  school_id uuid not null references public.schools (id),
  -- An indicator key of src/domain/kpi.ts.
  indicator text not null constraint kpi_values_indicator_length check (length(indicator) <= 100)
    constraint kpi_values_indicator_not_blank check (btrim(indicator) <> ''),
  year integer not null constraint kpi_values_year_range check (year between 2020 and 2100),
  kind text not null constraint kpi_values_kind_valid check (kind in ('target', 'numerator', 'denominator')),
  -- A target is a percentage (0..100); a numerator or denominator a count (≥ 0).
  value numeric not null,
  version bigint not null default 0,
  deleted_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid default auth.uid(),
  constraint kpi_values_value_range check (value >= 0 and (kind <> 'target' or value <= 100))
);
create unique index kpi_values_one_per_year on public.kpi_values (school_id, indicator, year, kind)
  where deleted_at is null;

-- Sync (000_private_core.sql): the consent gate, the version stamp, the index sync_pull reads.
create trigger aa_consent_required before insert or update on public.kpi_values
  for each statement execute function private.require_consent();
create trigger zz_sync_stamp before insert or update on public.kpi_values
  for each row execute function private.stamp_synced_row();
create index kpi_values_school_version_idx on public.kpi_values (school_id, version);

alter table public.kpi_values enable row level security;
revoke all on public.kpi_values from public, anon, authenticated;
grant all on public.kpi_values to service_role;
grant select, insert, update on public.kpi_values to authenticated;

create policy kpi_values_select on public.kpi_values for select to authenticated
  using (school_id in (select private.my_staff_school_ids()));
create policy kpi_values_insert on public.kpi_values for insert to authenticated
  with check (school_id in (select private.my_staff_school_ids()));
create policy kpi_values_update on public.kpi_values for update to authenticated
  using (school_id in (select private.my_staff_school_ids()))
  with check (school_id in (select private.my_staff_school_ids()));
