-- Owns: public.meeting_attendances (who of a group's mentees came to a meeting) and the rule
-- that an attendee is a mentee member of the meeting's pair (meetings_attendee_not_member).
-- Read: staff, the mentors of the pair, and each mentee her own row only (a group mentee sees
-- the other members' names, never whether they came: DOMAIN.md «Who may read and change
-- what»); write: the mentors of the pair, and staff for the meetings they entered from the
-- paper log (as public.meetings).

-- One row per mentee who came; none at all: the attendance was not recorded (a one-to-one
-- meeting, or an older one) and everyone counts as present. Unticking a mentee is a
-- tombstone of her row.
create table public.meeting_attendances (
  id uuid primary key default gen_random_uuid(),
  school_id uuid not null references public.schools (id),
  pair_id uuid not null,
  meeting_id uuid not null,
  participant_id uuid not null,
  version bigint not null default 0,
  deleted_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid default auth.uid(),
  constraint meeting_attendances_meeting_fk foreign key (meeting_id, pair_id, school_id)
    references public.meetings (id, pair_id, school_id),
  constraint meeting_attendances_participant_fk foreign key (participant_id, school_id)
    references public.participants (id, school_id)
);
-- One live row per mentee per meeting; a tombstone does not stop her being ticked again.
create unique index meeting_attendances_unique on public.meeting_attendances (meeting_id, participant_id)
  where deleted_at is null;
create index meeting_attendances_meeting_fk_idx on public.meeting_attendances (meeting_id, pair_id, school_id);
create index meeting_attendances_participant_fk_idx on public.meeting_attendances (participant_id, school_id);
create index meeting_attendances_pair_id_idx on public.meeting_attendances (pair_id);

-- meetings_attendee_not_member: the attendee is a live mentee member of the meeting's pair
-- when she is ticked (a row inserted, or a tombstone brought back); a mentee who leaves the
-- pair later stays on the meetings she attended.
create function private.check_meeting_attendee()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if new.deleted_at is not null or (tg_op = 'UPDATE' and old.deleted_at is null) then
    return new;
  end if;
  if not exists (select 1 from public.pair_members pm
                 where pm.pair_id = new.pair_id and pm.participant_id = new.participant_id
                   and pm.side = 'mentee' and pm.deleted_at is null) then
    raise exception using errcode = '23514', message = 'meetings_attendee_not_member',
      constraint = 'meetings_attendee_not_member', column = 'participant_id',
      detail = new.participant_id::text;
  end if;
  return new;
end;
$$;

create trigger check_meeting_attendee before insert or update on public.meeting_attendances
  for each row execute function private.check_meeting_attendee();
revoke all on function private.check_meeting_attendee() from public, anon, authenticated;

-- Sync (000_private_core.sql): the consent gate, the version stamp, the index sync_pull reads.
-- No scrub: a tombstone keeps only keys (meeting, pair, participant), no text.
create trigger aa_consent_required before insert or update on public.meeting_attendances
  for each statement execute function private.require_consent();
create trigger zz_sync_stamp before insert or update on public.meeting_attendances
  for each row execute function private.stamp_synced_row();
create index meeting_attendances_school_version_idx on public.meeting_attendances (school_id, version);

alter table public.meeting_attendances enable row level security;
revoke all on public.meeting_attendances from public, anon, authenticated;
grant all on public.meeting_attendances to service_role;
grant select, insert, update on public.meeting_attendances to authenticated;

create policy meeting_attendances_select on public.meeting_attendances for select to authenticated
  using (school_id in (select private.my_staff_school_ids())
         or pair_id in (select private.my_mentor_pair_ids())
         or (pair_id, participant_id) in (select s.pair_id, s.participant_id from private.my_mentee_seats() s));
-- The pair's mentors tick (and untick) on every meeting of it; staff only on the meetings
-- they entered from the paper log, never on a mentor's own record (as meetings_update).
create policy meeting_attendances_insert on public.meeting_attendances for insert to authenticated
  with check (pair_id in (select private.my_mentor_pair_ids())
              or (school_id in (select private.my_staff_school_ids())
                  and meeting_id in (select m.id from public.meetings m where m.entered_by_staff)));
create policy meeting_attendances_update on public.meeting_attendances for update to authenticated
  using (pair_id in (select private.my_mentor_pair_ids())
         or (school_id in (select private.my_staff_school_ids())
             and meeting_id in (select m.id from public.meetings m where m.entered_by_staff)))
  with check (pair_id in (select private.my_mentor_pair_ids())
              or (school_id in (select private.my_staff_school_ids())
                  and meeting_id in (select m.id from public.meetings m where m.entered_by_staff)));
