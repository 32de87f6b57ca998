-- Owns: public.municipality_kpis(), the municipal KPI aggregate.
-- Coordinators see numbers only, through public.municipality_kpis(): counts per school,
-- never names of people, and only for a municipality they coordinate.

-- Numbers per school for the municipal monitoring (DOMAIN.md KPI table). "Satisfied" =
-- the answer to the FIRST item of the response's satisfaction template is a number >= 7
-- (QUESTIONNAIRES.md); the same rule as satisfactionShare() in src/domain/questionnaires.ts,
-- proven equal by test/db/kpis.test.ts.
-- Pairs counted: approved, active or completed, not deleted.
-- Small cells: answers are personal, so a satisfaction cell built from 1-4 respondents is
-- null (suppressed), and so is a "satisfied" count whose complement (the dissatisfied) is
-- 1-4 people, from which single answers could be told. Counts of people in pairs are not
-- answers and are shown as they are.
-- Who may call: a coordinator of that municipality, or the service_role as the DATABASE
-- role of the request (current_setting('role'), which SET ROLE sets and a definer function
-- does not change) — never a JWT claim, which a token could carry without the role.
-- A count of 1-4 people is suppressed (null); 0 and 5+ are shown.
create function private.kpi_suppress_small(p_count integer)
returns integer
language sql immutable
set search_path = ''
as $$
  select case when p_count between 1 and 4 then null else p_count end
$$;
revoke all on function private.kpi_suppress_small(integer) from public, anon, authenticated;

create function public.municipality_kpis(municipality_id uuid)
returns table (
  school_id uuid,
  school_name text,
  participants_total integer,
  students_in_pairs integer,
  student_mentors integer,
  teachers_in_pairs integer,
  teacher_mentors integer,
  young_teacher_mentees integer,
  mentors_trained_36h integer,
  pairs_total integer,
  pairs_active integer,
  pairs_completed integer,
  mentee_satisfaction_respondents integer,
  mentee_satisfied integer,
  mentor_satisfaction_respondents integer,
  mentor_satisfied integer
)
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  if municipality_kpis.municipality_id is null
     or (municipality_kpis.municipality_id not in (select private.my_coordinated_municipality_ids())
         and pg_catalog.current_setting('role', true) is distinct from 'service_role') then
    raise exception using errcode = '42501', message = 'not_coordinator';
  end if;
  return query
  with counted_members as (
    select pm.school_id, pm.participant_id, pm.side, p.kind, p.teaching_experience_years
    from public.pair_members pm
    join public.pairs pr on pr.id = pm.pair_id
    join public.participants p on p.id = pm.participant_id
    where pm.deleted_at is null and pr.deleted_at is null and p.deleted_at is null
      and pr.status in ('approved', 'active', 'completed')
  ),
  satisfaction as (
    select r.school_id, t.audience,
           (r.answers ->> (t.items -> 0 ->> 'id'))::numeric >= 7 as is_satisfied
    from public.questionnaire_responses r
    join public.questionnaire_templates t on t.id = r.template_id
    where t.kind = 'satisfaction' and r.deleted_at is null and r.submitted_at is not null
      and pg_catalog.jsonb_typeof(r.answers -> (t.items -> 0 ->> 'id')) = 'number'
  ),
  trained as (
    select tr.school_id, tr.participant_id
    from public.mentor_trainings tr
    where tr.deleted_at is null
    group by tr.school_id, tr.participant_id
    having sum(tr.hours) >= 36
  ),
  sat as (
    select x.school_id,
           count(*) filter (where x.audience <> 'mentor')::integer as mentee_n,
           count(*) filter (where x.audience <> 'mentor' and x.is_satisfied)::integer as mentee_yes,
           count(*) filter (where x.audience = 'mentor')::integer as mentor_n,
           count(*) filter (where x.audience = 'mentor' and x.is_satisfied)::integer as mentor_yes
    from satisfaction x
    group by x.school_id
  )
  select s.id, s.name,
    (select count(*)::integer from public.participants p where p.school_id = s.id and p.deleted_at is null),
    (select count(distinct c.participant_id)::integer from counted_members c where c.school_id = s.id and c.kind = 'student'),
    (select count(distinct c.participant_id)::integer from counted_members c
      where c.school_id = s.id and c.kind = 'student' and c.side = 'mentor'),
    (select count(distinct c.participant_id)::integer from counted_members c where c.school_id = s.id and c.kind = 'teacher'),
    (select count(distinct c.participant_id)::integer from counted_members c
      where c.school_id = s.id and c.kind = 'teacher' and c.side = 'mentor'),
    (select count(distinct c.participant_id)::integer from counted_members c
      where c.school_id = s.id and c.kind = 'teacher' and c.side = 'mentee' and c.teaching_experience_years <= 3),
    (select count(*)::integer from trained t where t.school_id = s.id),
    (select count(*)::integer from public.pairs pr where pr.school_id = s.id and pr.deleted_at is null
      and pr.status in ('approved', 'active', 'completed')),
    (select count(*)::integer from public.pairs pr where pr.school_id = s.id and pr.deleted_at is null and pr.status = 'active'),
    (select count(*)::integer from public.pairs pr where pr.school_id = s.id and pr.deleted_at is null and pr.status = 'completed'),
    private.kpi_suppress_small(coalesce(st.mentee_n, 0)),
    case when private.kpi_suppress_small(coalesce(st.mentee_n, 0)) is not null
              and private.kpi_suppress_small(st.mentee_n - st.mentee_yes) is not null
         then st.mentee_yes end,
    private.kpi_suppress_small(coalesce(st.mentor_n, 0)),
    case when private.kpi_suppress_small(coalesce(st.mentor_n, 0)) is not null
              and private.kpi_suppress_small(st.mentor_n - st.mentor_yes) is not null
         then st.mentor_yes end
  from public.schools s
  left join sat st on st.school_id = s.id
  where s.municipality_id = municipality_kpis.municipality_id and s.deleted_at is null
  order by s.name;
end;
$$;

revoke all on function public.municipality_kpis(uuid) from public, anon, authenticated;
grant execute on function public.municipality_kpis(uuid) to authenticated, service_role;
