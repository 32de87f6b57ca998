-- Owns: joining a school by invite code, and the municipal KPI aggregate.
--
-- Invites: a curator/school_admin calls public.create_invite(); the plain code is returned
-- ONCE and only its sha256 is stored. Nobody can read invites or attempts through the API
-- (RLS on, no policies, no grants). public.redeem_invite() is the ONLY way a membership is
-- created from the app; it works for anonymous sign-ins (a student without e-mail).
-- Failed redemptions are limited per user: 5 failures in 15 minutes lock further tries.
-- Redeem failures are RETURNED ({ok:false, error:<code>}), not raised: raising would roll
-- back the transaction and with it the attempt record that makes the limit work.
-- Stable codes: invite_invalid, invite_expired, invite_used, invite_rate_limited, and
-- invite_requires_email: a staff role (curator, school_admin) is never given to an anonymous
-- sign-in (a lost phone would be an unrecoverable admin account); the invite stays usable.
--
-- Coordinators see numbers only, through public.municipality_kpis(): counts per school,
-- never names of people, and only for a municipality they coordinate.

create table public.invites (
  id uuid primary key default gen_random_uuid(),
  school_id uuid not null references public.schools (id),
  participant_id uuid not null,
  role text not null constraint invites_role_valid check (role in ('school_admin', 'curator', 'mentor', 'mentee')),
  code_hash bytea not null constraint invites_code_hash_unique unique,
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  redeemed_at timestamptz,
  redeemed_by uuid references auth.users (id) on delete set null,
  revoked_at timestamptz,
  constraint invites_participant_fk foreign key (participant_id, school_id)
    references public.participants (id, school_id)
);
create index invites_participant_id_idx on public.invites (participant_id);
create index invites_school_id_idx on public.invites (school_id);

create table public.invite_attempts (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id) on delete cascade,
  invite_id uuid references public.invites (id) on delete set null,
  outcome text not null constraint invite_attempts_outcome_valid
    check (outcome in ('redeemed', 'invite_invalid', 'invite_expired', 'invite_used', 'invite_rate_limited',
                       'invite_requires_email')),
  attempted_at timestamptz not null default now()
);
create index invite_attempts_user_time_idx on public.invite_attempts (user_id, attempted_at);
create index invite_attempts_invite_id_idx on public.invite_attempts (invite_id);

alter table public.invites enable row level security;
alter table public.invite_attempts enable row level security;
-- Said explicitly, not left to "no policy": through the API nobody reads or writes these
-- rows (codes cannot be listed); only create_invite / redeem_invite (definer) touch them.
create policy invites_no_api_access on public.invites as restrictive for all to authenticated
  using (false) with check (false);
create policy invite_attempts_no_api_access on public.invite_attempts as restrictive for all
  to authenticated using (false) with check (false);
revoke all on public.invites, public.invite_attempts from public, anon, authenticated;
grant all on public.invites, public.invite_attempts to service_role;

-- 8 characters from a 32-letter alphabet without look-alikes (no I, O, 0, 1): 40 bits,
-- shown as XXXX-XXXX. Randomness: the random bytes of a v4 uuid (strong RNG), skipping
-- the version and variant bytes.
create function private.invite_code_hash(p_code text)
returns bytea
language sql immutable
set search_path = ''
as $$
  select pg_catalog.sha256(pg_catalog.convert_to(
    pg_catalog.upper(pg_catalog.regexp_replace(coalesce(p_code, ''), '[^A-Za-z0-9]', '', 'g')), 'UTF8'))
$$;
revoke all on function private.invite_code_hash(text) from public, anon, authenticated;

create function public.create_invite(participant_id uuid, role text, ttl interval default interval '14 days')
returns text
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_alphabet constant text := 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  v_school_id uuid;
  v_bytes bytea;
  v_code text;
  v_attempt integer := 0;
begin
  if auth.uid() is null then
    raise exception using errcode = '42501', message = 'not_authenticated';
  end if;
  select p.school_id into v_school_id
  from public.participants p
  where p.id = create_invite.participant_id and p.deleted_at is null;
  if v_school_id is null or v_school_id not in (select private.my_staff_school_ids()) then
    raise exception using errcode = '42501', message = 'invite_not_allowed';
  end if;
  if create_invite.role is null or create_invite.role not in ('school_admin', 'curator', 'mentor', 'mentee') then
    raise exception using errcode = 'P0001', message = 'invite_role_invalid';
  end if;
  -- A curator invites mentors and mentees; staff roles are the school admin's to give.
  if create_invite.role in ('school_admin', 'curator') and v_school_id not in (select private.my_admin_school_ids()) then
    raise exception using errcode = '42501', message = 'invite_not_allowed';
  end if;
  if create_invite.ttl is null or create_invite.ttl < interval '1 hour' or create_invite.ttl > interval '90 days' then
    raise exception using errcode = 'P0001', message = 'invite_ttl_invalid';
  end if;
  loop
    v_attempt := v_attempt + 1;
    v_bytes := pg_catalog.uuid_send(gen_random_uuid());
    v_code := '';
    for i in 0..7 loop
      v_code := v_code || pg_catalog.substr(v_alphabet,
        (pg_catalog.get_byte(v_bytes, (array[0, 1, 2, 3, 4, 5, 9, 10])[i + 1]) % 32) + 1, 1);
    end loop;
    begin
      insert into public.invites (school_id, participant_id, role, code_hash, created_by, expires_at)
      values (v_school_id, create_invite.participant_id, create_invite.role,
              private.invite_code_hash(v_code), auth.uid(), pg_catalog.now() + create_invite.ttl);
      exit;
    exception when unique_violation then
      if v_attempt >= 5 then
        raise;
      end if;
    end;
  end loop;
  return pg_catalog.substr(v_code, 1, 4) || '-' || pg_catalog.substr(v_code, 5, 4);
end;
$$;

create function public.redeem_invite(code text)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := auth.uid();
  v_invite public.invites%rowtype;
  v_failures integer;
  v_error text;
  v_membership_id uuid;
begin
  if v_uid is null then
    raise exception using errcode = '42501', message = 'not_authenticated';
  end if;

  select count(*) into v_failures
  from public.invite_attempts a
  where a.user_id = v_uid
    and a.outcome in ('invite_invalid', 'invite_expired', 'invite_used')
    and a.attempted_at > pg_catalog.now() - interval '15 minutes';
  if v_failures >= 5 then
    insert into public.invite_attempts (user_id, outcome) values (v_uid, 'invite_rate_limited');
    return pg_catalog.jsonb_build_object('ok', false, 'error', 'invite_rate_limited');
  end if;

  select i.* into v_invite
  from public.invites i
  where i.code_hash = private.invite_code_hash(redeem_invite.code)
  for update;

  v_error := case
    when v_invite.id is null or v_invite.revoked_at is not null then 'invite_invalid'
    when v_invite.redeemed_at is not null then 'invite_used'
    when v_invite.expires_at <= pg_catalog.now() then 'invite_expired'
  end;
  if v_error is not null then
    insert into public.invite_attempts (user_id, invite_id, outcome) values (v_uid, v_invite.id, v_error);
    return pg_catalog.jsonb_build_object('ok', false, 'error', v_error);
  end if;

  if v_invite.role in ('school_admin', 'curator')
     and exists (select 1 from auth.users u where u.id = v_uid and u.is_anonymous) then
    insert into public.invite_attempts (user_id, invite_id, outcome) values (v_uid, v_invite.id, 'invite_requires_email');
    return pg_catalog.jsonb_build_object('ok', false, 'error', 'invite_requires_email');
  end if;

  -- The invite is the authority on who this participant is: an earlier account of the same
  -- person (a lost phone's anonymous sign-in) loses that role.
  update public.memberships m
  set revoked_at = pg_catalog.now()
  where m.participant_id = v_invite.participant_id and m.role = v_invite.role
    and m.user_id <> v_uid and m.revoked_at is null;

  select m.id into v_membership_id
  from public.memberships m
  where m.user_id = v_uid and m.school_id = v_invite.school_id and m.role = v_invite.role
    and m.revoked_at is null and m.deleted_at is null;
  if v_membership_id is null then
    insert into public.memberships (user_id, school_id, role, participant_id, created_by)
    values (v_uid, v_invite.school_id, v_invite.role, v_invite.participant_id, v_invite.created_by)
    returning id into v_membership_id;
  else
    update public.memberships m set participant_id = v_invite.participant_id where m.id = v_membership_id;
  end if;

  update public.participants p set user_id = v_uid where p.id = v_invite.participant_id;
  update public.invites i set redeemed_at = pg_catalog.now(), redeemed_by = v_uid where i.id = v_invite.id;
  insert into public.invite_attempts (user_id, invite_id, outcome) values (v_uid, v_invite.id, 'redeemed');

  return pg_catalog.jsonb_build_object(
    'ok', true, 'membership_id', v_membership_id, 'school_id', v_invite.school_id,
    'role', v_invite.role, 'participant_id', v_invite.participant_id);
end;
$$;

-- Numbers per school for the municipal monitoring (DOMAIN.md KPI table). "Satisfied" =
-- answer to the first item of a satisfaction template >= 7 (QUESTIONNAIRES.md).
-- Pairs counted: approved, active or completed, not deleted.
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
         and auth.role() is distinct from 'service_role') then
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
    (select count(*)::integer from satisfaction x where x.school_id = s.id and x.audience <> 'mentor'),
    (select count(*)::integer from satisfaction x where x.school_id = s.id and x.audience <> 'mentor' and x.is_satisfied),
    (select count(*)::integer from satisfaction x where x.school_id = s.id and x.audience = 'mentor'),
    (select count(*)::integer from satisfaction x where x.school_id = s.id and x.audience = 'mentor' and x.is_satisfied)
  from public.schools s
  where s.municipality_id = municipality_kpis.municipality_id and s.deleted_at is null
  order by s.name;
end;
$$;

revoke all on function public.create_invite(uuid, text, interval) from public, anon, authenticated;
revoke all on function public.redeem_invite(text) from public, anon, authenticated;
revoke all on function public.municipality_kpis(uuid) from public, anon, authenticated;
grant execute on function public.create_invite(uuid, text, interval) to authenticated, service_role;
grant execute on function public.redeem_invite(text) to authenticated, service_role;
grant execute on function public.municipality_kpis(uuid) to authenticated, service_role;
