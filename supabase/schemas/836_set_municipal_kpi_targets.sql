-- Owns: public.set_municipal_kpi_targets(), how a municipal coordinator sets a year's KPI
-- targets for her schools (public.municipal_kpi_targets, 818_municipal_kpi_targets.sql) in one
-- request: each given indicator's target is inserted or corrected.
-- SECURITY INVOKER: the table's RLS decides (a coordinator of that municipality inserts and
-- updates; anyone else gets 42501), and its checks refuse an unknown indicator, a year outside
-- 2020..2100 or a value outside 0..100 (23514). A target is corrected, never removed here.
-- p_targets: { "<indicator>": <number>, ... }; anything but a number is refused (22023).
create function public.set_municipal_kpi_targets(
  p_municipality_id uuid,
  p_year integer,
  p_targets jsonb
)
returns integer
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_count integer;
begin
  if pg_catalog.jsonb_typeof(p_targets) is distinct from 'object' then
    raise exception using errcode = '22023', message = 'targets_not_an_object';
  end if;
  if exists (select 1 from pg_catalog.jsonb_each(p_targets) e
             where pg_catalog.jsonb_typeof(e.value) is distinct from 'number') then
    raise exception using errcode = '22023', message = 'target_not_a_number';
  end if;
  insert into public.municipal_kpi_targets (municipality_id, indicator, year, value)
  select p_municipality_id, e.key, p_year, (e.value #>> '{}')::numeric
  from pg_catalog.jsonb_each(p_targets) e
  on conflict (municipality_id, indicator, year) do update set value = excluded.value;
  get diagnostics v_count = row_count;
  return v_count;
end;
$$;

revoke all on function public.set_municipal_kpi_targets(uuid, integer, jsonb) from public, anon, authenticated;
grant execute on function public.set_municipal_kpi_targets(uuid, integer, jsonb) to authenticated, service_role;
