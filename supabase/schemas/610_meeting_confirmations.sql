-- Owns: public.meeting_confirmations (a mentee's confirmation and reflection of a meeting).
-- Read: staff, mentors of the pair, the confirming mentee; write: the mentee herself.

-- One confirmation (and reflection) per mentee per meeting: in a group every mentee
-- confirms for herself, and nobody else reads or changes her reflection. Withdrawing a
-- confirmation is a tombstone.
create table public.meeting_confirmations (
  id uuid primary key default gen_random_uuid(),
  school_id uuid not null references public.schools (id),
  pair_id uuid not null,
  meeting_id uuid not null,
  participant_id uuid not null,
  confirmed_at timestamptz not null default now(),
  reflection text constraint meeting_confirmations_reflection_length check (length(reflection) <= 2000),
  version bigint not null default 0,
  deleted_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid default auth.uid(),
  constraint meeting_confirmations_meeting_fk foreign key (meeting_id, pair_id, school_id)
    references public.meetings (id, pair_id, school_id),
  constraint meeting_confirmations_participant_fk foreign key (participant_id, school_id)
    references public.participants (id, school_id)
);
-- One live confirmation per mentee per meeting; a withdrawn one (tombstone) does not stop
-- her from confirming again with a new row.
create unique index meeting_confirmations_unique on public.meeting_confirmations (meeting_id, participant_id)
  where deleted_at is null;
create index meeting_confirmations_meeting_fk_idx on public.meeting_confirmations (meeting_id, pair_id, school_id);
create index meeting_confirmations_participant_fk_idx on public.meeting_confirmations (participant_id, school_id);
create index meeting_confirmations_pair_id_idx on public.meeting_confirmations (pair_id);
create trigger zy_scrub_tombstone before insert or update on public.meeting_confirmations
  for each row when (new.deleted_at is not null)
  execute function private.scrub_tombstone('reflection');

-- Sync (000_private_core.sql): the consent gate, the version stamp, the index sync_pull reads.
create trigger aa_consent_required before insert or update on public.meeting_confirmations
  for each statement execute function private.require_consent();
create trigger zz_sync_stamp before insert or update on public.meeting_confirmations
  for each row execute function private.stamp_synced_row();
create index meeting_confirmations_school_version_idx on public.meeting_confirmations (school_id, version);

alter table public.meeting_confirmations enable row level security;
revoke all on public.meeting_confirmations from public, anon, authenticated;
grant all on public.meeting_confirmations to service_role;
grant select, insert, update on public.meeting_confirmations to authenticated;

create policy meeting_confirmations_select on public.meeting_confirmations for select to authenticated
  using (school_id in (select private.my_staff_school_ids())
         or pair_id in (select private.my_mentor_pair_ids())
         or (pair_id, participant_id) in (select s.pair_id, s.participant_id from private.my_mentee_seats() s));
create policy meeting_confirmations_insert on public.meeting_confirmations for insert to authenticated
  with check ((pair_id, participant_id) in (select s.pair_id, s.participant_id from private.my_mentee_seats() s));
create policy meeting_confirmations_update on public.meeting_confirmations for update to authenticated
  using ((pair_id, participant_id) in (select s.pair_id, s.participant_id from private.my_mentee_seats() s))
  with check ((pair_id, participant_id) in (select s.pair_id, s.participant_id from private.my_mentee_seats() s));
