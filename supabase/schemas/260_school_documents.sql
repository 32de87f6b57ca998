-- Owns: public.school_documents (the documents a school adopted for the target model: its
-- regulation, programme, orders, roadmap; the KPI table's yes/no rows), with number, date
-- and a note or link. Staff only: read, insert, update (delete = tombstone); nobody else.

create table public.school_documents (
  id uuid primary key default gen_random_uuid(),
  school_id uuid not null references public.schools (id),
  kind text not null constraint school_documents_kind_valid
    check (kind in ('regulation', 'programme', 'monitoring_indicators', 'implementation_order', 'roadmap',
                    'curator_order', 'mentors_order')),
  number text constraint school_documents_number_length check (length(number) <= 200),
  dated_on date,
  -- A title or a link to the published document.
  note text constraint school_documents_note_length check (length(note) <= 2000),
  version bigint not null default 0,
  deleted_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid default auth.uid()
);
create trigger zy_scrub_tombstone before insert or update on public.school_documents
  for each row when (new.deleted_at is not null)
  execute function private.scrub_tombstone('number', 'note');

-- Sync (000_private_core.sql): the consent gate, the version stamp, the index sync_pull reads.
create trigger aa_consent_required before insert or update on public.school_documents
  for each statement execute function private.require_consent();
create trigger zz_sync_stamp before insert or update on public.school_documents
  for each row execute function private.stamp_synced_row();
create index school_documents_school_version_idx on public.school_documents (school_id, version);

alter table public.school_documents enable row level security;
revoke all on public.school_documents from public, anon, authenticated;
grant all on public.school_documents to service_role;
grant select, insert, update on public.school_documents to authenticated;

create policy school_documents_select on public.school_documents for select to authenticated
  using (school_id in (select private.my_staff_school_ids()));
create policy school_documents_insert on public.school_documents for insert to authenticated
  with check (school_id in (select private.my_staff_school_ids()));
create policy school_documents_update on public.school_documents for update to authenticated
  using (school_id in (select private.my_staff_school_ids()))
  with check (school_id in (select private.my_staff_school_ids()));
