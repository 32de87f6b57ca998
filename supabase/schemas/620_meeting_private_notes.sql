-- Owns: public.meeting_private_notes. Read/write: the author only, while a mentor of the pair.

-- The mentor's private note: its own table because RLS hides rows, not columns; a mentee
-- must never read it. Visible to its author only.
create table public.meeting_private_notes (
  id uuid primary key default gen_random_uuid(),
  school_id uuid not null references public.schools (id),
  pair_id uuid not null,
  meeting_id uuid not null,
  body text not null default '' constraint meeting_private_notes_body_length check (length(body) <= 10000),
  version bigint not null default 0,
  deleted_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid default auth.uid(),
  constraint meeting_private_notes_meeting_fk foreign key (meeting_id, pair_id, school_id)
    references public.meetings (id, pair_id, school_id)
);
create index meeting_private_notes_meeting_fk_idx on public.meeting_private_notes (meeting_id, pair_id, school_id);
create index meeting_private_notes_pair_id_idx on public.meeting_private_notes (pair_id);
create index meeting_private_notes_created_by_idx on public.meeting_private_notes (created_by);
create trigger zy_scrub_tombstone before insert or update on public.meeting_private_notes
  for each row when (new.deleted_at is not null)
  execute function private.scrub_tombstone('body');

-- Sync (000_private_core.sql): the consent gate, the version stamp, the index sync_pull reads.
create trigger aa_consent_required before insert or update on public.meeting_private_notes
  for each statement execute function private.require_consent();
create trigger zz_sync_stamp before insert or update on public.meeting_private_notes
  for each row execute function private.stamp_synced_row();
create index meeting_private_notes_school_version_idx on public.meeting_private_notes (school_id, version);

alter table public.meeting_private_notes enable row level security;
revoke all on public.meeting_private_notes from public, anon, authenticated;
grant all on public.meeting_private_notes to service_role;
grant select, insert, update on public.meeting_private_notes to authenticated;

create policy meeting_private_notes_select on public.meeting_private_notes for select to authenticated
  using (created_by = (select auth.uid()) and pair_id in (select private.my_mentor_pair_ids()));
create policy meeting_private_notes_insert on public.meeting_private_notes for insert to authenticated
  with check (created_by = (select auth.uid()) and pair_id in (select private.my_mentor_pair_ids()));
create policy meeting_private_notes_update on public.meeting_private_notes for update to authenticated
  using (created_by = (select auth.uid()) and pair_id in (select private.my_mentor_pair_ids()))
  with check (created_by = (select auth.uid()) and pair_id in (select private.my_mentor_pair_ids()));
