-- Owns: public.participant_sensitive (need-to-know categories, note and the staff's
-- request about a person). Staff read/write; mentors read their own mentees'; mentees never.

-- Need-to-know categories (DOMAIN.md): a separate table so that a row-level rule can hide
-- them from everyone who may see the participant's ordinary card.
create table public.participant_sensitive (
  id uuid primary key default gen_random_uuid(),
  school_id uuid not null references public.schools (id),
  participant_id uuid not null,
  categories text[] not null default '{}' constraint participant_sensitive_categories_valid
    check (categories <@ array['gifted', 'low_results', 'disability', 'difficult_life_situation',
                               'behaviour_problems', 'disengaged']::text[]),
  note text constraint participant_sensitive_note_length check (length(note) <= 2000),
  -- The staff's request/assessment about the person (class teacher, psychologist, parents).
  request text constraint participant_sensitive_request_length check (length(request) <= 2000),
  version bigint not null default 0,
  deleted_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid default auth.uid(),
  constraint participant_sensitive_participant_fk foreign key (participant_id, school_id)
    references public.participants (id, school_id),
  constraint participant_sensitive_participant_unique unique (participant_id)
);
create index participant_sensitive_participant_fk_idx on public.participant_sensitive (participant_id, school_id);
create trigger zy_scrub_tombstone before insert or update on public.participant_sensitive
  for each row when (new.deleted_at is not null)
  execute function private.scrub_tombstone('categories', 'note', 'request');

-- Sync (000_private_core.sql): the consent gate, the version stamp, the index sync_pull reads.
create trigger aa_consent_required before insert or update on public.participant_sensitive
  for each statement execute function private.require_consent();
create trigger zz_sync_stamp before insert or update on public.participant_sensitive
  for each row execute function private.stamp_synced_row();
create index participant_sensitive_school_version_idx on public.participant_sensitive (school_id, version);

alter table public.participant_sensitive enable row level security;
revoke all on public.participant_sensitive from public, anon, authenticated;
grant all on public.participant_sensitive to service_role;
grant select, insert, update on public.participant_sensitive to authenticated;

create policy participant_sensitive_select on public.participant_sensitive for select to authenticated
  using (school_id in (select private.my_staff_school_ids())
         or participant_id in (select private.my_mentee_participant_ids()));
create policy participant_sensitive_insert on public.participant_sensitive for insert to authenticated
  with check (school_id in (select private.my_staff_school_ids()));
create policy participant_sensitive_update on public.participant_sensitive for update to authenticated
  using (school_id in (select private.my_staff_school_ids()))
  with check (school_id in (select private.my_staff_school_ids()));
