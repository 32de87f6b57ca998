-- Owns: public.consents (consent to personal-data processing), the consent rules
-- (private.has_valid_consent, private.consent_covered_until: SQL functions, after the
-- tables they read) and what keeps participants.consent_covered_until current.
-- Staff only; everybody else reads participants.consent_covered_until.

-- Consent to personal-data processing; for minors, by a parent or legal representative
-- (enforced by private.check_consent_giver, it needs the participant row).
create table public.consents (
  id uuid primary key default gen_random_uuid(),
  school_id uuid not null references public.schools (id),
  participant_id uuid not null,
  given_by text not null constraint consents_given_by_valid check (given_by in ('self', 'representative')),
  representative_name text constraint consents_representative_name_length check (length(representative_name) <= 500),
  representative_relation text
    constraint consents_representative_relation_length check (length(representative_relation) <= 500),
  signed_on date not null,
  valid_until date,
  revoked_on date,
  scope_note text constraint consents_scope_note_length check (length(scope_note) <= 2000),
  version bigint not null default 0,
  deleted_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid default auth.uid(),
  constraint consents_participant_fk foreign key (participant_id, school_id)
    references public.participants (id, school_id),
  constraint consents_representative_named
    check (deleted_at is not null or given_by = 'self' or coalesce(btrim(representative_name), '') <> ''),
  constraint consents_valid_until_after_signed check (valid_until is null or valid_until >= signed_on),
  constraint consents_revoked_after_signed check (revoked_on is null or revoked_on >= signed_on)
);
create index consents_participant_fk_idx on public.consents (participant_id, school_id);
create trigger zy_scrub_tombstone before insert or update on public.consents
  for each row when (new.deleted_at is not null)
  execute function private.scrub_tombstone('representative_name', 'representative_relation', 'scope_note');

create function private.check_consent_giver()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if new.deleted_at is null and new.given_by = 'self'
     and exists (select 1 from public.participants p where p.id = new.participant_id and p.is_minor) then
    raise exception using errcode = '23514', message = 'consents_minor_by_representative',
      constraint = 'consents_minor_by_representative';
  end if;
  return new;
end;
$$;

create trigger check_consent_giver before insert or update on public.consents
  for each row execute function private.check_consent_giver();

-- A consent is recorded as a person types it (`authenticated`): one inserted already
-- expired (valid_until before today) and not revoked would claim a coverage that never was
-- (consents_already_expired); a signature more than a day ahead is a typo
-- (consents_signed_in_future; a day of slack for time zones). Trusted writers (seed,
-- imports of past years) record history as it was.
create function private.check_consent_dates()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if pg_catalog.current_setting('role', true) is distinct from 'authenticated' or new.deleted_at is not null then
    return new;
  end if;
  if tg_op = 'INSERT' and new.valid_until < current_date and new.revoked_on is null then
    raise exception using errcode = '23514', message = 'consents_already_expired',
      constraint = 'consents_already_expired', column = 'valid_until';
  end if;
  if new.signed_on > current_date + 1
     and (tg_op = 'INSERT' or new.signed_on is distinct from old.signed_on) then
    raise exception using errcode = '23514', message = 'consents_signed_in_future',
      constraint = 'consents_signed_in_future', column = 'signed_on';
  end if;
  return new;
end;
$$;

create trigger check_consent_dates before insert or update on public.consents
  for each row execute function private.check_consent_dates();

-- The last day covered by a valid consent (the rule of private.has_valid_consent: not
-- revoked, not tombstoned, a minor's given by a representative); 'infinity' = no end date,
-- null = none. Kept on every write of the participant (is_minor may change) and after
-- every write of a consent; nobody writes it directly (the BEFORE trigger recomputes it).
create function private.consent_covered_until(p_participant_id uuid, p_is_minor boolean)
returns date
language sql
stable
security definer
set search_path = ''
as $$
  select pg_catalog.max(coalesce(c.valid_until, 'infinity'::date))
  from public.consents c
  where c.participant_id = p_participant_id
    and c.deleted_at is null
    and c.revoked_on is null
    and (not p_is_minor or c.given_by = 'representative')
$$;

create function private.refresh_consent_covered_until()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  update public.participants p
  set consent_covered_until = private.consent_covered_until(p.id, p.is_minor)
  where p.id in (new.participant_id, case when tg_op = 'UPDATE' then old.participant_id end)
    and p.consent_covered_until is distinct from private.consent_covered_until(p.id, p.is_minor);
  return null;
end;
$$;

create trigger refresh_consent_covered_until after insert or update on public.consents
  for each row execute function private.refresh_consent_covered_until();

-- Valid consent on a given day: signed, not expired, not revoked, not tombstoned, and for
-- a minor given by a representative (152-FZ; DOMAIN.md stage 2). Used by the rule
-- triggers (definer); not executable by `authenticated`: others learn "covered or not"
-- from participants.consent_covered_until, within what they may read.
create function private.has_valid_consent(p_participant_id uuid, p_on date)
returns boolean
language sql stable security definer
set search_path = ''
as $$
  select exists (
    select 1
    from public.consents c
    join public.participants p on p.id = c.participant_id
    where c.participant_id = p_participant_id
      and c.deleted_at is null
      and c.revoked_on is null
      and c.signed_on <= p_on
      and (c.valid_until is null or c.valid_until >= p_on)
      and (not p.is_minor or c.given_by = 'representative')
  )
$$;

revoke all on function private.check_consent_giver() from public, anon, authenticated;
revoke all on function private.check_consent_dates() from public, anon, authenticated;
revoke all on function private.consent_covered_until(uuid, boolean) from public, anon, authenticated;
revoke all on function private.refresh_consent_covered_until() from public, anon, authenticated;
-- Not callable by `authenticated`: they answer for any participant.
revoke all on function private.has_valid_consent(uuid, date) from public, anon, authenticated;

-- Sync (000_private_core.sql): the consent gate, the version stamp, the index sync_pull reads.
create trigger aa_consent_required before insert or update on public.consents
  for each statement execute function private.require_consent();
create trigger zz_sync_stamp before insert or update on public.consents
  for each row execute function private.stamp_synced_row();
create index consents_school_version_idx on public.consents (school_id, version);

alter table public.consents enable row level security;
revoke all on public.consents from public, anon, authenticated;
grant all on public.consents to service_role;
grant select, insert, update on public.consents to authenticated;

create policy consents_select on public.consents for select to authenticated
  using (school_id in (select private.my_staff_school_ids()));
create policy consents_insert on public.consents for insert to authenticated
  with check (school_id in (select private.my_staff_school_ids()));
create policy consents_update on public.consents for update to authenticated
  using (school_id in (select private.my_staff_school_ids()))
  with check (school_id in (select private.my_staff_school_ids()));
