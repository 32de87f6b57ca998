-- Owns: public.municipalities (reference data, not synced).
-- Its read policy municipalities_select (members of its schools and its coordinators) is
-- in 120_coordinators.sql, with private.my_municipality_ids(): that SQL function reads
-- public.schools and public.coordinators, which both reference this table.

create table public.municipalities (
  id uuid primary key default gen_random_uuid(),
  name text not null constraint municipalities_name_not_blank check (btrim(name) <> '')
    constraint municipalities_name_length check (length(name) <= 500),
  region text constraint municipalities_region_length check (length(region) <= 500),
  created_at timestamptz not null default now()
);

alter table public.municipalities enable row level security;
revoke all on public.municipalities from public, anon, authenticated;
grant all on public.municipalities to service_role;
grant select on public.municipalities to authenticated;
