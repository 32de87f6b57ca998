-- Owns: public.meetings. Read: staff and pair members; insert/update: mentors of the pair.

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

-- Meetings are written by the mentors of the pair only (RLS). A mentee confirms and
-- reflects in her own public.meeting_confirmations row (RLS: only her own seat), so the
-- meetings table needs no column guard any more.

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
create policy meetings_insert on public.meetings for insert to authenticated
  with check (pair_id in (select private.my_mentor_pair_ids()));
create policy meetings_update on public.meetings for update to authenticated
  using (pair_id in (select private.my_mentor_pair_ids()))
  with check (pair_id in (select private.my_mentor_pair_ids()));
