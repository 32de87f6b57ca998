-- Owns: public.municipality_kpi_table(), the municipal KPI table (seed 004) of every school of
-- a municipality (each by its short name), for its coordinator: the same rows per school as
-- public.school_kpis (one definition, private.school_kpi_rows in 830_school_kpis.sql),
-- counts only, never a person.
-- Small cells: satisfaction answers are personal, so a school's satisfaction share built from
-- 1-4 answers has no denominator (null), and its "satisfied" count is null too when the
-- answers are suppressed or the dissatisfied are 1-4 (the rule of 810_municipality_kpis.sql).
-- Counts of people in the roll and in pairs are not answers and are shown as they are.
-- Who may call: a coordinator of that municipality, or the service_role as the database role
-- of the request; anyone else gets 42501.
create function public.municipality_kpi_table(p_municipality_id uuid, p_from date, p_to date)
returns table (
  school_id uuid,
  school_name text,
  indicator text,
  numerator integer,
  denominator integer
)
language plpgsql
stable
security definer
set search_path = ''
as $$
#variable_conflict use_column
begin
  if p_municipality_id is null
     or (p_municipality_id not in (select private.my_coordinated_municipality_ids())
         and pg_catalog.current_setting('role', true) is distinct from 'service_role') then
    raise exception using errcode = '42501', message = 'not_coordinator';
  end if;
  return query
  select s.id, coalesce(nullif(pg_catalog.btrim(s.short_name), ''), s.name), k.indicator,
    case
      when k.indicator not in ('mentee_satisfaction', 'mentor_satisfaction') then k.numerator
      when private.kpi_suppress_small(k.denominator) is not null
           and private.kpi_suppress_small(k.denominator - k.numerator) is not null then k.numerator
    end,
    case
      when k.indicator not in ('mentee_satisfaction', 'mentor_satisfaction') then k.denominator
      else private.kpi_suppress_small(k.denominator)
    end
  from public.schools s
  cross join lateral private.school_kpi_rows(s.id, p_from, p_to) k
  where s.municipality_id = p_municipality_id and s.deleted_at is null
  order by s.name, s.id;
end;
$$;

revoke all on function public.municipality_kpi_table(uuid, date, date) from public, anon, authenticated;
grant execute on function public.municipality_kpi_table(uuid, date, date) to authenticated, service_role;
