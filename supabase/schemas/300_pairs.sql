-- Owns: public.pairs (pairs and groups) and the rule that an approved or active pair has
-- only members with a valid consent. Read: staff and pair members; write: staff.

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
  version bigint not null default 0,
  deleted_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid default auth.uid(),
  constraint pairs_id_school_unique unique (id, school_id),
  constraint pairs_programme_fk foreign key (programme_id, school_id)
    references public.programmes (id, school_id),
  -- Pairs are approved by the director's order («Об утверждении наставнических пар/групп»).
  constraint pairs_order_required
    check (status in ('draft', 'ended_early')
           or (coalesce(btrim(order_number), '') <> '' and order_date is not null)),
  constraint pairs_end_reason_required
    check (deleted_at is not null or status <> 'ended_early' or coalesce(btrim(end_reason), '') <> ''),
  constraint pairs_dates_ordered check (ended_on is null or started_on is null or ended_on >= started_on)
);
create index pairs_programme_fk_idx on public.pairs (programme_id, school_id);
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
