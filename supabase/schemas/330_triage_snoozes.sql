-- Owns: public.triage_snoozes (the curator's "not now" on one item of the school's triage,
-- with why and until when). Staff only: read, insert, update (delete = tombstone); nobody
-- else reads a row.

create table public.triage_snoozes (
  id uuid primary key default gen_random_uuid(),
  school_id uuid not null references public.schools (id),
  -- The triage item's stable key, e.g. `consent_missing:<participant id>` (src/domain/triage.ts).
  item_key text not null constraint triage_snoozes_item_key_length check (length(item_key) <= 500),
  snoozed_until date not null,
  reason text not null constraint triage_snoozes_reason_length check (length(reason) <= 2000),
  version bigint not null default 0,
  deleted_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid default auth.uid(),
  constraint triage_snoozes_item_key_not_blank check (deleted_at is not null or btrim(item_key) <> ''),
  constraint triage_snoozes_reason_not_blank check (deleted_at is not null or btrim(reason) <> '')
);
-- The reason may name a person or her family's situation; the item key names only ids.
create trigger zy_scrub_tombstone before insert or update on public.triage_snoozes
  for each row when (new.deleted_at is not null)
  execute function private.scrub_tombstone('reason');

-- Sync (000_private_core.sql): the consent gate, the version stamp, the index sync_pull reads.
create trigger aa_consent_required before insert or update on public.triage_snoozes
  for each statement execute function private.require_consent();
create trigger zz_sync_stamp before insert or update on public.triage_snoozes
  for each row execute function private.stamp_synced_row();
create index triage_snoozes_school_version_idx on public.triage_snoozes (school_id, version);

alter table public.triage_snoozes enable row level security;
revoke all on public.triage_snoozes from public, anon, authenticated;
grant all on public.triage_snoozes to service_role;
grant select, insert, update on public.triage_snoozes to authenticated;

create policy triage_snoozes_select on public.triage_snoozes for select to authenticated
  using (school_id in (select private.my_staff_school_ids()));
create policy triage_snoozes_insert on public.triage_snoozes for insert to authenticated
  with check (school_id in (select private.my_staff_school_ids()));
create policy triage_snoozes_update on public.triage_snoozes for update to authenticated
  using (school_id in (select private.my_staff_school_ids()))
  with check (school_id in (select private.my_staff_school_ids()));
