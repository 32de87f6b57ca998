-- Owns: public.mentor_change_requests. Read: staff and the requester (NOT the mentor);
-- insert: staff, or the mentee for her own seat ('open', no answer); update: staff.

-- A mentee may ask for another mentor (DOMAIN.md principles); the mentor does not see it.
create table public.mentor_change_requests (
  id uuid primary key default gen_random_uuid(),
  school_id uuid not null references public.schools (id),
  pair_id uuid not null,
  requested_by uuid not null,
  reason text not null constraint mentor_change_requests_reason_length check (length(reason) <= 2000),
  status text not null default 'open' constraint mentor_change_requests_status_valid
    check (status in ('open', 'accepted', 'declined')),
  resolution_note text
    constraint mentor_change_requests_resolution_note_length check (length(resolution_note) <= 2000),
  resolved_at timestamptz,
  version bigint not null default 0,
  deleted_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid default auth.uid(),
  constraint mentor_change_requests_pair_fk foreign key (pair_id, school_id)
    references public.pairs (id, school_id),
  constraint mentor_change_requests_requester_fk foreign key (requested_by, school_id)
    references public.participants (id, school_id),
  constraint mentor_change_requests_reason_not_blank check (deleted_at is not null or btrim(reason) <> '')
);
create index mentor_change_requests_pair_fk_idx on public.mentor_change_requests (pair_id, school_id);
create index mentor_change_requests_requester_fk_idx on public.mentor_change_requests (requested_by, school_id);
create trigger zy_scrub_tombstone before insert or update on public.mentor_change_requests
  for each row when (new.deleted_at is not null)
  execute function private.scrub_tombstone('reason', 'resolution_note');

-- Sync (000_private_core.sql): the consent gate, the version stamp, the index sync_pull reads.
create trigger aa_consent_required before insert or update on public.mentor_change_requests
  for each statement execute function private.require_consent();
create trigger zz_sync_stamp before insert or update on public.mentor_change_requests
  for each row execute function private.stamp_synced_row();
create index mentor_change_requests_school_version_idx on public.mentor_change_requests (school_id, version);

alter table public.mentor_change_requests enable row level security;
revoke all on public.mentor_change_requests from public, anon, authenticated;
grant all on public.mentor_change_requests to service_role;
grant select, insert, update on public.mentor_change_requests to authenticated;

create policy mentor_change_requests_select on public.mentor_change_requests for select to authenticated
  using (school_id in (select private.my_staff_school_ids())
         or requested_by in (select private.my_participant_ids()));
create policy mentor_change_requests_insert on public.mentor_change_requests for insert to authenticated
  with check (school_id in (select private.my_staff_school_ids())
              or (status = 'open' and resolution_note is null and resolved_at is null
                  and (pair_id, requested_by) in (select s.pair_id, s.participant_id
                                                  from private.my_mentee_seats() s)));
create policy mentor_change_requests_update on public.mentor_change_requests for update to authenticated
  using (school_id in (select private.my_staff_school_ids()))
  with check (school_id in (select private.my_staff_school_ids()));
