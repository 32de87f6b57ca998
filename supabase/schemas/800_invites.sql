-- Owns: public.invites and joining a school by invite code (public.create_invite,
-- public.redeem_invite, the code hashes). The attempts log is 805_invite_attempts.sql.
--
-- Invites: a curator/school_admin calls public.create_invite(); the plain code is returned
-- ONCE and only its sha256 is stored. Nobody can read invites or attempts through the API
-- (RLS on, no policies, no grants). public.redeem_invite() is the ONLY way a membership is
-- created from the app; it works for anonymous sign-ins (a student without e-mail).
-- Failed redemptions are limited three ways, because every anonymous sign-in is a new account:
--   per account: 5 failures in 15 minutes lock that account's further tries;
--   per invite:  a wrong code whose first half matches a live invite counts against that
--                invite; after 10 such failures the invite is locked (the curator issues a
--                new one), so half a code glimpsed on a printed sheet cannot be completed;
--   globally:    300 failures in 15 minutes across all accounts lock every redemption for
--                the rest of that window (a brute force over many anonymous accounts).
-- A refused try while locked out is not recorded, and attempts older than a day are deleted
-- on every call: the attempts table cannot grow without bound.
-- An invite whose participant was deleted admits nobody.
-- Redeem failures are RETURNED ({ok:false, error:<code>}), not raised: raising would roll
-- back the transaction and with it the attempt record that makes the limit work.
-- Stable codes: invite_invalid, invite_expired, invite_used, invite_rate_limited,
-- invite_locked, and
-- invite_requires_email: a staff role (curator, school_admin) is never given to an anonymous
-- sign-in (a lost phone would be an unrecoverable admin account); the invite stays usable.

create table public.invites (
  id uuid primary key default gen_random_uuid(),
  school_id uuid not null references public.schools (id),
  participant_id uuid not null,
  role text not null constraint invites_role_valid check (role in ('school_admin', 'curator', 'mentor', 'mentee')),
  code_hash bytea not null constraint invites_code_hash_unique unique,
  -- sha256 of the first four characters of the normalised code (see the per-invite limit).
  code_prefix_hash bytea not null,
  failed_attempts integer not null default 0,
  locked_at timestamptz,
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  redeemed_at timestamptz,
  redeemed_by uuid references auth.users (id) on delete set null,
  revoked_at timestamptz,
  constraint invites_participant_fk foreign key (participant_id, school_id)
    references public.participants (id, school_id)
);
create index invites_participant_id_idx on public.invites (participant_id, school_id);
create index invites_school_id_idx on public.invites (school_id);
create index invites_code_prefix_hash_idx on public.invites (code_prefix_hash) where redeemed_at is null;
create index invites_created_by_idx on public.invites (created_by);
create index invites_redeemed_by_idx on public.invites (redeemed_by);

alter table public.invites enable row level security;
-- Said explicitly, not left to "no policy": through the API nobody reads or writes these
-- rows (codes cannot be listed); only create_invite / redeem_invite (definer) touch them.
create policy invites_no_api_access on public.invites as restrictive for all to authenticated
  using (false) with check (false);
revoke all on public.invites from public, anon, authenticated;
grant all on public.invites to service_role;

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

create function private.invite_code_prefix_hash(p_code text)
returns bytea
language sql immutable
set search_path = ''
as $$
  select pg_catalog.sha256(pg_catalog.convert_to(pg_catalog.substr(
    pg_catalog.upper(pg_catalog.regexp_replace(coalesce(p_code, ''), '[^A-Za-z0-9]', '', 'g')), 1, 4), 'UTF8'))
$$;
revoke all on function private.invite_code_prefix_hash(text) from public, anon, authenticated;

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
      insert into public.invites (school_id, participant_id, role, code_hash, code_prefix_hash, created_by, expires_at)
      values (v_school_id, create_invite.participant_id, create_invite.role,
              private.invite_code_hash(v_code), private.invite_code_prefix_hash(v_code), auth.uid(),
              pg_catalog.now() + create_invite.ttl);
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
  v_participant_live boolean;
begin
  if v_uid is null then
    raise exception using errcode = '42501', message = 'not_authenticated';
  end if;

  -- Attempts are kept for a day: long enough for every window below.
  delete from public.invite_attempts a where a.attempted_at < pg_catalog.now() - interval '1 day';

  select count(*) into v_failures
  from public.invite_attempts a
  where a.user_id = v_uid
    and a.outcome in ('invite_invalid', 'invite_expired', 'invite_used', 'invite_locked')
    and a.attempted_at > pg_catalog.now() - interval '15 minutes';
  if v_failures >= 5 then
    return pg_catalog.jsonb_build_object('ok', false, 'error', 'invite_rate_limited');
  end if;
  select count(*) into v_failures
  from public.invite_attempts a
  where a.attempted_at > pg_catalog.now() - interval '15 minutes'
    and a.outcome in ('invite_invalid', 'invite_expired', 'invite_used', 'invite_locked');
  if v_failures >= 300 then
    return pg_catalog.jsonb_build_object('ok', false, 'error', 'invite_rate_limited');
  end if;

  select i.* into v_invite
  from public.invites i
  where i.code_hash = private.invite_code_hash(redeem_invite.code)
  for update;

  if v_invite.id is not null then
    select p.deleted_at is null into v_participant_live
    from public.participants p where p.id = v_invite.participant_id;
  end if;

  v_error := case
    when v_invite.id is null or v_invite.revoked_at is not null or not v_participant_live then 'invite_invalid'
    when v_invite.redeemed_at is not null then 'invite_used'
    when v_invite.locked_at is not null then 'invite_locked'
    when v_invite.expires_at <= pg_catalog.now() then 'invite_expired'
  end;
  if v_error is not null then
    if v_invite.id is null then
      -- A wrong code whose first half matches live invites counts against them.
      update public.invites i
      set failed_attempts = i.failed_attempts + 1,
          locked_at = case when i.failed_attempts + 1 >= 10 then pg_catalog.now() end
      where i.code_prefix_hash = private.invite_code_prefix_hash(redeem_invite.code)
        and i.redeemed_at is null and i.revoked_at is null and i.locked_at is null
        and i.expires_at > pg_catalog.now();
    end if;
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

revoke all on function public.create_invite(uuid, text, interval) from public, anon, authenticated;
revoke all on function public.redeem_invite(text) from public, anon, authenticated;
grant execute on function public.create_invite(uuid, text, interval) to authenticated, service_role;
grant execute on function public.redeem_invite(text) to authenticated, service_role;
