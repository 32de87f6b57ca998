-- Owns: public.sync_conflicts (what a three-way merge of sync_push kept aside), its
-- indexes, triggers, RLS, grants and policies. Its column UPDATE grants (resolved_at,
-- resolution) are generated from the registry in 920_sync_registry.sql.
--
-- The sync protocol between devices and the server (SYNC.md "A design that holds") is the
-- files 900-950: public.sync_conflicts here; the idempotency log of mutations
-- (910_sync_mutation_log.sql); the registry of synced tables, the column grants generated
-- from it and the caller's scopes (920_sync_registry.sql); public.sync_push, mutations in,
-- one result per mutation out (930_sync_push.sql); public.sync_pull, rows and tombstones
-- out, per-scope cursors (940_sync_pull.sql); the retention of tombstones and of the log
-- (950_sync_retention.sql).
--
-- Invariants kept here:
-- * Nothing a user wrote is dropped silently: a field that lost a three-way merge, or a
--   patch to a tombstoned row, is stored in public.sync_conflicts with the client's value.
--   A conflict row is readable by its author, and by the school's staff only for tables the
--   staff may read (never private notes or questionnaire answers).

create table public.sync_conflicts (
  id uuid primary key default gen_random_uuid(),
  school_id uuid not null references public.schools (id),
  pair_id uuid,
  table_name text not null,
  row_id uuid not null,
  -- The column that lost the merge, or '*' when the whole patch hit a tombstoned row
  -- (then client_value/base_value hold the patch's fields/base objects).
  field text not null,
  base_value jsonb,
  server_value jsonb,
  client_value jsonb,
  mutation_id uuid not null,
  author uuid not null default auth.uid(),
  resolved_at timestamptz,
  resolution text constraint sync_conflicts_resolution_valid
    check (resolution in ('kept_server', 'took_client', 'merged', 'dismissed')),
  version bigint not null default 0,
  deleted_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid default auth.uid(),
  constraint sync_conflicts_resolved_together check ((resolved_at is null) = (resolution is null))
);
create index sync_conflicts_school_version_idx on public.sync_conflicts (school_id, version);
create index sync_conflicts_author_idx on public.sync_conflicts (author);
create index sync_conflicts_row_idx on public.sync_conflicts (table_name, row_id);

create trigger zz_sync_stamp before insert or update on public.sync_conflicts
  for each row execute function private.stamp_synced_row();
-- Resolving a conflict is a write like any other: not from a minor without consent.
create trigger aa_consent_required before insert or update on public.sync_conflicts
  for each statement execute function private.require_consent();

alter table public.sync_conflicts enable row level security;
revoke all on public.sync_conflicts from public, anon, authenticated;
grant all on public.sync_conflicts to service_role;
-- Rows are created only by sync_push (through private.sync_record_conflict,
-- 930_sync_push.sql); people only read and resolve them (column grants generated from the
-- registry, 920_sync_registry.sql).
grant select on public.sync_conflicts to authenticated;
-- A conflict holds the client's text of the row it is about, so it is read only by those
-- who may read that row: its author, and the staff of the school for tables the staff read
-- (DOMAIN.md). A private note is its author's alone; questionnaire answers are the
-- respondent's (the staff read only the aggregates).
create policy sync_conflicts_select on public.sync_conflicts for select to authenticated
  using (author = (select auth.uid())
         or (school_id in (select private.my_staff_school_ids())
             and table_name <> all (array['meeting_private_notes', 'questionnaire_responses'])));
create policy sync_conflicts_update on public.sync_conflicts for update to authenticated
  using (author = (select auth.uid())
         or (school_id in (select private.my_staff_school_ids())
             and table_name <> all (array['meeting_private_notes', 'questionnaire_responses'])))
  with check (author = (select auth.uid())
              or (school_id in (select private.my_staff_school_ids())
                  and table_name <> all (array['meeting_private_notes', 'questionnaire_responses'])));
