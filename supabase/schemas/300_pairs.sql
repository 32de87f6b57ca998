-- Owns: public.pairs (pairs and groups), its server-owned order_history, the role model of
-- each form (private.form_role_kinds) and the rules that an approved or active pair has
-- only members with a valid consent, that a changed form still fits its members
-- (pair_members_form_kind), that the same people do not form a second live pair of one form
-- (pairs_same_people_twice, private.pair_duplicate_of) and that its dates are sane
-- (pairs_date_out_of_range). Read: staff and pair members; write: staff.

create table public.pairs (
  id uuid primary key default gen_random_uuid(),
  school_id uuid not null references public.schools (id),
  programme_id uuid,
  is_group boolean not null default false,
  form text not null constraint pairs_form_valid
    check (form in ('uchenik_uchenik', 'uchitel_uchitel', 'uchitel_uchenik', 'student_uchenik',
                    'rabotodatel_uchenik', 'rabotodatel_student')),
  role_model text constraint pairs_role_model_length check (length(role_model) <= 500),
  title text constraint pairs_title_length check (length(title) <= 500),
  status text not null default 'draft' constraint pairs_status_valid
    check (status in ('draft', 'approved', 'active', 'completed', 'ended_early')),
  order_number text constraint pairs_order_number_length check (length(order_number) <= 500),
  order_date date,
  started_on date,
  ended_on date,
  end_reason text constraint pairs_end_reason_length check (length(end_reason) <= 2000),
  -- The pair this one continues (a new mentor after an accepted request): set on insert only.
  replaces_pair_id uuid,
  -- SERVER-OWNED (private.keep_pair_order_history): the earlier number and date of the
  -- approval order, one {number, date, changed_at, changed_by} per correction, oldest first.
  order_history jsonb not null default '[]' constraint pairs_order_history_valid
    check (jsonb_typeof(order_history) = 'array'),
  version bigint not null default 0,
  deleted_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid default auth.uid(),
  constraint pairs_id_school_unique unique (id, school_id),
  constraint pairs_programme_fk foreign key (programme_id, school_id)
    references public.programmes (id, school_id),
  constraint pairs_replaces_pair_fk foreign key (replaces_pair_id, school_id)
    references public.pairs (id, school_id),
  constraint pairs_replaces_other_pair check (replaces_pair_id is distinct from id),
  -- Pairs are approved by the director's order («Об утверждении наставнических пар/групп»).
  constraint pairs_order_required
    check (status in ('draft', 'ended_early')
           or (coalesce(btrim(order_number), '') <> '' and order_date is not null)),
  constraint pairs_end_reason_required
    check (deleted_at is not null or status <> 'ended_early' or coalesce(btrim(end_reason), '') <> ''),
  constraint pairs_dates_ordered check (ended_on is null or started_on is null or ended_on >= started_on)
);
create index pairs_programme_fk_idx on public.pairs (programme_id, school_id);
create index pairs_replaces_pair_fk_idx on public.pairs (replaces_pair_id, school_id);
-- The title names the people; the role model and the end reason describe them.
create trigger zy_scrub_tombstone before insert or update on public.pairs
  for each row when (new.deleted_at is not null)
  execute function private.scrub_tombstone('title', 'role_model', 'end_reason');

-- A pair cannot become approved/active while a member lacks a valid consent, and no member
-- can join an approved/active pair without one.
create function private.check_pair_consents()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_missing uuid;
begin
  if new.status in ('approved', 'active') and new.deleted_at is null
     and (tg_op = 'INSERT' or new.status is distinct from old.status) then
    select pm.participant_id into v_missing
    from public.pair_members pm
    where pm.pair_id = new.id and pm.deleted_at is null
      and not private.has_valid_consent(pm.participant_id, current_date)
    limit 1;
    if v_missing is not null then
      raise exception using errcode = '23514', message = 'pairs_member_without_consent',
        constraint = 'pairs_member_without_consent', detail = v_missing::text;
    end if;
  end if;
  return new;
end;
$$;

create trigger check_pair_consents before insert or update on public.pairs
  for each row execute function private.check_pair_consents();

revoke all on function private.check_pair_consents() from public, anon, authenticated;

-- The role model of each form: who may sit on each side. Data, not code: the twin of
-- FORM_ROLE_KINDS in src/domain/formRules.ts (test/db/rules-equal-forms.test.ts compares
-- them); a new form is one more set of rows here and there.
create table private.form_role_kinds (
  form text not null,
  side text not null constraint form_role_kinds_side_valid check (side in ('mentor', 'mentee')),
  kind text not null,
  primary key (form, side, kind)
);
revoke all on private.form_role_kinds from public, anon, authenticated;
insert into private.form_role_kinds (form, side, kind) values
  ('uchenik_uchenik', 'mentor', 'student'), ('uchenik_uchenik', 'mentee', 'student'),
  ('uchitel_uchitel', 'mentor', 'teacher'), ('uchitel_uchitel', 'mentee', 'teacher'),
  ('uchitel_uchenik', 'mentor', 'teacher'), ('uchitel_uchenik', 'mentee', 'student'),
  -- A university or college student (recorded as a graduate of the school, or other).
  ('student_uchenik', 'mentor', 'graduate'), ('student_uchenik', 'mentor', 'other'),
  ('student_uchenik', 'mentee', 'student'),
  ('rabotodatel_uchenik', 'mentor', 'employer_staff'), ('rabotodatel_uchenik', 'mentor', 'parent'),
  ('rabotodatel_uchenik', 'mentor', 'other'), ('rabotodatel_uchenik', 'mentee', 'student'),
  ('rabotodatel_student', 'mentor', 'employer_staff'), ('rabotodatel_student', 'mentor', 'parent'),
  ('rabotodatel_student', 'mentor', 'other'), ('rabotodatel_student', 'mentee', 'graduate'),
  ('rabotodatel_student', 'mentee', 'other');

-- A change of form must still fit every live member (pair_members_form_kind) and must not
-- make the pair a second one of the same people in that form (pairs_same_people_twice).
-- Every writer: the seed and imports keep the role model too.
create function private.check_pair_form()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_member uuid;
begin
  if new.deleted_at is not null or new.form is not distinct from old.form then
    return new;
  end if;
  select pm.participant_id into v_member
  from public.pair_members pm
  join public.participants pt on pt.id = pm.participant_id
  where pm.pair_id = new.id and pm.deleted_at is null
    and not exists (select 1 from private.form_role_kinds k
                    where k.form = new.form and k.side = pm.side and k.kind = pt.kind)
  limit 1;
  if found then
    raise exception using errcode = '23514', message = 'pair_members_form_kind',
      constraint = 'pair_members_form_kind', detail = v_member::text;
  end if;
  return new;
end;
$$;

create trigger check_pair_form before update on public.pairs
  for each row execute function private.check_pair_form();

-- After the form is stored: the duplicate check (private.pair_duplicate_of,
-- 310_pair_members.sql) reads this pair's new form.
create function private.check_pair_form_duplicates()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_duplicate uuid;
begin
  select d.pair_id into v_duplicate
  from public.pair_members pm
  cross join lateral (select private.pair_duplicate_of(new.id, pm.participant_id, pm.side) as pair_id) d
  where pm.pair_id = new.id and pm.deleted_at is null and d.pair_id is not null
  limit 1;
  if v_duplicate is not null then
    raise exception using errcode = '23514', message = 'pairs_same_people_twice',
      constraint = 'pairs_same_people_twice', detail = v_duplicate::text;
  end if;
  return null;
end;
$$;

create trigger check_pair_form_duplicates after update on public.pairs
  for each row when (new.form is distinct from old.form and new.deleted_at is null)
  execute function private.check_pair_form_duplicates();

-- pairs_date_out_of_range: started_on, ended_on and order_date within
-- private.date_sanity (2020-01-01 or the programme's start .. today + 366), checked when a
-- value is set or changed by a person (`authenticated`: the table API and sync_push).
-- Trusted writers (seed, imports of past years, service_role) are not held to "today".
create function private.check_pair_dates()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_starts_on date;
  v_column text;
  v_value date;
begin
  if pg_catalog.current_setting('role', true) is distinct from 'authenticated' or new.deleted_at is not null then
    return new;
  end if;
  select pr.starts_on into v_starts_on
  from public.programmes pr where pr.id = new.programme_id;
  foreach v_column in array array['started_on', 'ended_on', 'order_date'] loop
    v_value := case v_column when 'started_on' then new.started_on
                             when 'ended_on' then new.ended_on
                             else new.order_date end;
    if v_value is not null
       and (tg_op = 'INSERT'
            or v_value is distinct from case v_column when 'started_on' then old.started_on
                                                      when 'ended_on' then old.ended_on
                                                      else old.order_date end)
       and private.date_sanity(v_value, current_date, v_starts_on) <> 'ok' then
      raise exception using errcode = '23514', message = 'pairs_date_out_of_range',
        constraint = 'pairs_date_out_of_range', column = v_column,
        detail = v_column || ' ' || private.date_sanity(v_value, current_date, v_starts_on);
    end if;
  end loop;
  return new;
end;
$$;

create trigger check_pair_dates before insert or update on public.pairs
  for each row execute function private.check_pair_dates();

-- order_history: before an update that changes the order's number or date from a non-null
-- value, the old number and date are appended with who changed them and when. Nobody
-- writes the column (no grant; this trigger keeps the old value otherwise); a client
-- inserts none.
create function private.keep_pair_order_history()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if tg_op = 'INSERT' then
    if pg_catalog.current_setting('role', true) = 'authenticated' then
      new.order_history := '[]'::jsonb;
    end if;
    return new;
  end if;
  new.order_history := old.order_history;
  if (old.order_number is not null and new.order_number is distinct from old.order_number)
     or (old.order_date is not null and new.order_date is distinct from old.order_date) then
    new.order_history := old.order_history || pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object(
      'number', old.order_number,
      'date', old.order_date,
      'changed_at', pg_catalog.now(),
      'changed_by', auth.uid()));
  end if;
  return new;
end;
$$;

create trigger keep_pair_order_history before insert or update on public.pairs
  for each row execute function private.keep_pair_order_history();

-- replaces_pair_id is a key: set on insert, never changed (clients have no UPDATE grant on
-- it; this holds every other writer to it too).
create function private.keep_pair_replaces()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if new.replaces_pair_id is distinct from old.replaces_pair_id then
    raise exception using errcode = '23514', message = 'pairs_replaces_pair_id_immutable',
      constraint = 'pairs_replaces_pair_id_immutable';
  end if;
  return new;
end;
$$;

create trigger keep_pair_replaces before update on public.pairs
  for each row execute function private.keep_pair_replaces();

revoke all on function private.check_pair_form() from public, anon, authenticated;
revoke all on function private.check_pair_form_duplicates() from public, anon, authenticated;
revoke all on function private.check_pair_dates() from public, anon, authenticated;
revoke all on function private.keep_pair_order_history() from public, anon, authenticated;
revoke all on function private.keep_pair_replaces() from public, anon, authenticated;

-- Sync (000_private_core.sql): the consent gate, the version stamp, the index sync_pull reads.
create trigger aa_consent_required before insert or update on public.pairs
  for each statement execute function private.require_consent();
create trigger zz_sync_stamp before insert or update on public.pairs
  for each row execute function private.stamp_synced_row();
create index pairs_school_version_idx on public.pairs (school_id, version);

alter table public.pairs enable row level security;
revoke all on public.pairs from public, anon, authenticated;
grant all on public.pairs to service_role;
grant select, insert, update on public.pairs to authenticated;

create policy pairs_select on public.pairs for select to authenticated
  using (school_id in (select private.my_staff_school_ids()) or id in (select private.my_pair_ids()));
create policy pairs_insert on public.pairs for insert to authenticated
  with check (school_id in (select private.my_staff_school_ids()));
create policy pairs_update on public.pairs for update to authenticated
  using (school_id in (select private.my_staff_school_ids()))
  with check (school_id in (select private.my_staff_school_ids()));
