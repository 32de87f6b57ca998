-- Owns: public.meetings, its server-owned entered_by_staff and the rule that held_on is a
-- sane date (meetings_date_out_of_range). Who of a group came is not here but in
-- public.meeting_attendances (605), which a mentee reads only for herself: every member of
-- the pair reads this row. Read: staff and pair members; insert/update:
-- mentors of the pair (every meeting of it); staff insert meetings of their school's pairs
-- from a paper log (entered_by_staff) and update only those.

create table public.meetings (
  id uuid primary key default gen_random_uuid(),
  school_id uuid not null references public.schools (id),
  pair_id uuid not null,
  type text not null constraint meetings_type_valid
    check (type in ('organisational', 'trial', 'planning', 'regular', 'final', 'final_group')),
  held_on date not null,
  duration_min integer not null constraint meetings_duration_range check (duration_min between 5 and 480),
  format text not null default 'in_person' constraint meetings_format_valid
    check (format in ('in_person', 'online', 'phone', 'mixed')),
  topic text constraint meetings_topic_length check (length(topic) <= 10000),
  notes text constraint meetings_notes_length check (length(notes) <= 10000),
  agreements text constraint meetings_agreements_length check (length(agreements) <= 10000),
  -- SERVER-OWNED (private.keep_meeting_entered_by_staff): entered by staff from the pair's
  -- paper log, not by a mentor of the pair. Set on insert, kept on every update.
  entered_by_staff boolean not null default false,
  version bigint not null default 0,
  deleted_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid default auth.uid(),
  constraint meetings_scope_unique unique (id, pair_id, school_id),
  constraint meetings_pair_fk foreign key (pair_id, school_id) references public.pairs (id, school_id)
);
create index meetings_pair_fk_idx on public.meetings (pair_id, school_id);
create trigger zy_scrub_tombstone before insert or update on public.meetings
  for each row when (new.deleted_at is not null)
  execute function private.scrub_tombstone('topic', 'notes', 'agreements');

-- Meetings are written by the mentors of the pair and, from a paper log, by the school's
-- staff (RLS). A mentee confirms and reflects in her own public.meeting_confirmations row
-- (RLS: only her own seat), so the meetings table needs no column guard.

-- entered_by_staff: on a client's insert, true when the writer is staff of the school and
-- not a mentor of the pair; an update keeps the old value (whoever writes). Trusted writers
-- (seed, imports) set it on insert as they like.
create function private.keep_meeting_entered_by_staff()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if tg_op = 'UPDATE' then
    new.entered_by_staff := old.entered_by_staff;
  elsif pg_catalog.current_setting('role', true) = 'authenticated' then
    new.entered_by_staff := new.school_id in (select private.my_staff_school_ids())
                            and new.pair_id not in (select private.my_mentor_pair_ids());
  end if;
  return new;
end;
$$;

create trigger keep_meeting_entered_by_staff before insert or update on public.meetings
  for each row execute function private.keep_meeting_entered_by_staff();

-- meetings_date_out_of_range: held_on within private.date_sanity (2020-01-01 or the start
-- of the pair's programme .. today + 366), checked when a person sets or changes it
-- (`authenticated`); trusted writers (seed, imports of past years) are not held to "today".
create function private.check_meeting_date()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_starts_on date;
  v_sanity text;
begin
  if pg_catalog.current_setting('role', true) is distinct from 'authenticated' or new.deleted_at is not null
     or (tg_op = 'UPDATE' and new.held_on is not distinct from old.held_on) then
    return new;
  end if;
  select pr.starts_on into v_starts_on
  from public.pairs p
  join public.programmes pr on pr.id = p.programme_id
  where p.id = new.pair_id;
  v_sanity := private.date_sanity(new.held_on, current_date, v_starts_on);
  if v_sanity <> 'ok' then
    raise exception using errcode = '23514', message = 'meetings_date_out_of_range',
      constraint = 'meetings_date_out_of_range', column = 'held_on', detail = 'held_on ' || v_sanity;
  end if;
  return new;
end;
$$;

create trigger check_meeting_date before insert or update on public.meetings
  for each row execute function private.check_meeting_date();

-- The first meeting after the order starts the pair's work: an approved pair becomes active
-- from that meeting's date. The server does it for a person's insert (the pair's mentors may
-- not write pairs); the device shows the same at once without sending it
-- (data/repos/meetings.ts). Trusted writers (seed, imports) set the pair as they like.
create function private.activate_pair_on_meeting()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if new.deleted_at is null
     and pg_catalog.current_setting('role', true) = 'authenticated' then
    update public.pairs
       set status = 'active', started_on = coalesce(started_on, new.held_on)
     where id = new.pair_id and status = 'approved' and deleted_at is null;
  end if;
  return null;
end;
$$;

create trigger activate_pair_on_meeting after insert on public.meetings
  for each row execute function private.activate_pair_on_meeting();

revoke all on function private.activate_pair_on_meeting() from public, anon, authenticated;
revoke all on function private.keep_meeting_entered_by_staff() from public, anon, authenticated;
revoke all on function private.check_meeting_date() from public, anon, authenticated;

-- Sync (000_private_core.sql): the consent gate, the version stamp, the index sync_pull reads.
create trigger aa_consent_required before insert or update on public.meetings
  for each statement execute function private.require_consent();
create trigger zz_sync_stamp before insert or update on public.meetings
  for each row execute function private.stamp_synced_row();
create index meetings_school_version_idx on public.meetings (school_id, version);

alter table public.meetings enable row level security;
revoke all on public.meetings from public, anon, authenticated;
grant all on public.meetings to service_role;
grant select, insert, update on public.meetings to authenticated;

create policy meetings_select on public.meetings for select to authenticated
  using (school_id in (select private.my_staff_school_ids()) or pair_id in (select private.my_pair_ids()));
-- Staff insert meetings of their school's pairs (the pair's foreign key carries the
-- school): from a paper log, so keep_meeting_entered_by_staff marks them.
create policy meetings_insert on public.meetings for insert to authenticated
  with check (pair_id in (select private.my_mentor_pair_ids())
              or school_id in (select private.my_staff_school_ids()));
-- The pair's mentors update (and tombstone) every meeting of it, paper ones included; staff
-- only the meetings entered by staff, never a mentor's own record.
create policy meetings_update on public.meetings for update to authenticated
  using (pair_id in (select private.my_mentor_pair_ids())
         or (entered_by_staff and school_id in (select private.my_staff_school_ids())))
  with check (pair_id in (select private.my_mentor_pair_ids())
              or (entered_by_staff and school_id in (select private.my_staff_school_ids())));
