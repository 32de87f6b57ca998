-- Owns: public.school_kpis() and private.school_kpi_rows(), the municipal KPI table of one
-- school (seed 004) for a period.
-- The SQL twin of computeKpis() in src/domain/kpi.ts: the SAME definitions, written down
-- there; test/db/kpi-equal.test.ts runs both on the same rows. Change them together.
-- Rows: the eleven shares (indicator = a KPI_SHARE_KEYS key) and the five documents
-- ('doc_<kind>', numerator 1 or 0 over 1). A numerator or denominator the school has not
-- entered (ДОО children, enterprises) is null, never 0. Targets are not the server's business
-- here: the table's page reads kpi_values and the seed's defaults itself.
-- Who may call: staff (curator, school admin) of that school; anyone else gets 42501.
create function private.school_kpi_rows(p_school_id uuid, p_from date, p_to date)
returns table (indicator text, numerator integer, denominator integer)
language plpgsql
stable
set search_path = ''
as $$
#variable_conflict use_column
declare
  v_year integer;
  v_valid integer;
begin
  if p_from is null or p_to is null or p_from > p_to then
    raise exception using errcode = '22023', message = 'bad_period';
  end if;
  v_year := pg_catalog.date_part('year', p_to)::integer;
  v_valid := coalesce(
    (select s.training_valid_years from public.schools s where s.id = p_school_id), 3);

  return query
  with roll as (
    select p.id, p.kind, coalesce(p.is_manager, false) as is_manager,
           p.teaching_experience_years as experience,
           case
             when p.birth_date is not null then
               v_year - pg_catalog.date_part('year', p.birth_date)::integer
               - case when pg_catalog.date_part('month', p_to) * 100 + pg_catalog.date_part('day', p_to)
                           < pg_catalog.date_part('month', p.birth_date) * 100
                             + pg_catalog.date_part('day', p.birth_date)
                      then 1 else 0 end
             when p.birth_year is not null then v_year - p.birth_year
           end as age
    from public.participants p
    where p.school_id = p_school_id and p.deleted_at is null
      and (p.archived_on is null or p.archived_on >= p_from)
  ),
  involved_pairs as (
    select pr.id
    from public.pairs pr
    where pr.school_id = p_school_id and pr.deleted_at is null
      and pr.status in ('approved', 'active', 'completed')
      and (coalesce(pr.started_on, pr.order_date) is null or coalesce(pr.started_on, pr.order_date) <= p_to)
      and (pr.ended_on is null or pr.ended_on >= p_from)
  ),
  members as (
    select distinct pm.participant_id, pm.side
    from public.pair_members pm
    join involved_pairs ip on ip.id = pm.pair_id
    where pm.deleted_at is null
  ),
  trained as (
    -- ONE course of 36 h or more, valid at the period's end; courses do not add up.
    select distinct tr.participant_id
    from public.mentor_trainings tr
    where tr.school_id = p_school_id and tr.deleted_at is null and tr.hours >= 36
      and tr.completed_on is not null and tr.completed_on <= p_to
      and (tr.completed_on + pg_catalog.make_interval(years => v_valid))::date > p_to
  ),
  people as (
    select
      r.kind = 'student' as is_student,
      r.is_manager and r.kind <> 'student' as is_mgr,
      r.kind = 'teacher' and not r.is_manager as is_teacher,
      r.kind = 'student' and r.age between 15 and 19 as is_teen,
      r.kind = 'teacher' and not r.is_manager and r.experience <= 3 and r.age < 35 as is_young,
      exists (select 1 from members m where m.participant_id = r.id) as in_any,
      exists (select 1 from members m where m.participant_id = r.id and m.side = 'mentor') as in_mentor,
      exists (select 1 from members m where m.participant_id = r.id and m.side = 'mentee') as in_mentee,
      exists (select 1 from trained t where t.participant_id = r.id) as is_trained
    from roll r
  ),
  c as (
    select
      count(*) filter (where x.is_student)::integer as students,
      count(*) filter (where x.is_student and x.in_any)::integer as students_in,
      count(*) filter (where x.is_teen)::integer as teens,
      count(*) filter (where x.is_teen and x.in_mentor)::integer as teens_in,
      count(*) filter (where x.is_mgr)::integer as managers,
      count(*) filter (where x.is_mgr and x.in_any)::integer as managers_in,
      count(*) filter (where x.is_mgr and x.is_trained)::integer as managers_trained,
      count(*) filter (where x.is_teacher)::integer as teachers,
      count(*) filter (where x.is_teacher and x.in_any)::integer as teachers_in,
      count(*) filter (where x.is_teacher and x.is_trained)::integer as teachers_trained,
      count(*) filter (where x.is_young)::integer as young,
      count(*) filter (where x.is_young and x.in_mentee)::integer as young_in
    from people x
  ),
  answers as (
    select t.audience = 'mentor' as of_mentor,
           (r.answers ->> (t.items -> 0 ->> 'id'))::numeric >= 7 as is_satisfied
    from public.questionnaire_responses r
    join public.questionnaire_templates t on t.id = r.template_id
    where r.school_id = p_school_id and t.kind = 'satisfaction'
      and r.deleted_at is null and r.submitted_at is not null
      and (r.submitted_at at time zone 'UTC')::date between p_from and p_to
      and pg_catalog.jsonb_typeof(r.answers -> (t.items -> 0 ->> 'id')) = 'number'
  ),
  s as (
    select
      count(*) filter (where not a.of_mentor)::integer as mentee_n,
      count(*) filter (where not a.of_mentor and a.is_satisfied)::integer as mentee_yes,
      count(*) filter (where a.of_mentor)::integer as mentor_n,
      count(*) filter (where a.of_mentor and a.is_satisfied)::integer as mentor_yes
    from answers a
  ),
  entered as (
    select v.indicator as key, v.kind, pg_catalog.round(v.value)::integer as value
    from public.kpi_values v
    where v.school_id = p_school_id and v.deleted_at is null and v.year = v_year
  ),
  docs as (
    select k.kind,
           exists (select 1 from public.school_documents d
                   where d.school_id = p_school_id and d.deleted_at is null and d.kind = k.kind
                     and d.dated_on is not null and d.dated_on <= p_to) as adopted
    from (values ('regulation'), ('programme'), ('monitoring_indicators'),
                 ('implementation_order'), ('roadmap')) as k(kind)
  )
  select kr.indicator, kr.numerator, kr.denominator
  from c, s,
  lateral (values
    ('students_involved', c.students_in, c.students),
    ('preschool_involved',
      (select e.value from entered e where e.key = 'preschool_involved' and e.kind = 'numerator'),
      (select e.value from entered e where e.key = 'preschool_involved' and e.kind = 'denominator')),
    ('student_mentors_15_19', c.teens_in, c.teens),
    ('managers_involved', c.managers_in, c.managers),
    ('teachers_involved', c.teachers_in, c.teachers),
    ('young_teachers_supported', c.young_in, c.young),
    ('enterprises_mentoring',
      (select e.value from entered e where e.key = 'enterprises_mentoring' and e.kind = 'numerator'),
      (select e.value from entered e where e.key = 'enterprises_mentoring' and e.kind = 'denominator')),
    ('managers_trained', c.managers_trained, c.managers),
    ('teachers_trained', c.teachers_trained, c.teachers),
    ('mentee_satisfaction', s.mentee_yes, s.mentee_n),
    ('mentor_satisfaction', s.mentor_yes, s.mentor_n)
  ) as kr(indicator, numerator, denominator)
  union all
  select 'doc_' || d.kind, case when d.adopted then 1 else 0 end, 1
  from docs d;
end;
$$;

-- Only the definer functions below (and 835_municipality_kpi_table.sql) call it: it checks
-- nobody's rights and reads every row of the school.
revoke all on function private.school_kpi_rows(uuid, date, date) from public, anon, authenticated;

create function public.school_kpis(p_school_id uuid, p_from date, p_to date)
returns table (indicator text, numerator integer, denominator integer)
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  if p_school_id is null or p_school_id not in (select private.my_staff_school_ids()) then
    raise exception using errcode = '42501', message = 'not_staff';
  end if;
  return query select k.indicator, k.numerator, k.denominator
    from private.school_kpi_rows(p_school_id, p_from, p_to) k;
end;
$$;

revoke all on function public.school_kpis(uuid, date, date) from public, anon, authenticated;
grant execute on function public.school_kpis(uuid, date, date) to authenticated, service_role;
