-- Owns: the sync protocol between devices and the server (SYNC.md "A design that holds"):
-- public.sync_push (mutations in, one result per mutation out), public.sync_pull (rows and
-- tombstones out, per-scope cursors), public.sync_conflicts (what a three-way merge kept
-- aside), the registry of synced tables and the idempotency log of mutations.
--
-- Invariants kept here:
-- * Both RPCs are SECURITY INVOKER: every row read or written passes the caller's RLS, and
--   membership comes from the membership tables at call time (private.my_* helpers), never
--   from JWT claims. Only the few SECURITY DEFINER helpers below touch private tables, and
--   each of them acts for auth.uid() only.
-- * A mutation id is applied at most once, for one user: its claim row in
--   private.sync_mutations commits together with its effects (same transaction).
-- * One mutation = one subtransaction: a failing mutation is rolled back alone and answered
--   `rejected` with its SQLSTATE; the rest of the batch still applies. Transient failures
--   (serialization, deadlock, lock timeout, resources) fail the whole call instead, so the
--   device retries the batch rather than quarantining good writes.
-- * Nothing a user wrote is dropped silently: a field that lost a three-way merge, or a
--   patch to a tombstoned row, is stored in public.sync_conflicts with the client's value.
-- * A pull never splits a version (one writing transaction) across pages, and a cursor
--   only moves past versions that were all visible in the pull's snapshot.

-- ---------------------------------------------------------------- retention horizon
-- Tombstones with a version below purged_before_version may have been purged (by a future
-- retention job); a device whose cursor is below it must resync that school from scratch.
alter table private.school_sync_versions
  add column if not exists purged_before_version bigint not null default 0;

-- ---------------------------------------------------------------- conflicts
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

alter table public.sync_conflicts enable row level security;
revoke all on public.sync_conflicts from public, anon, authenticated;
grant all on public.sync_conflicts to service_role;
-- Rows are created only by sync_push (through private.sync_record_conflict); people only
-- read and resolve them.
grant select, update (resolved_at, resolution) on public.sync_conflicts to authenticated;
create policy sync_conflicts_select on public.sync_conflicts for select to authenticated
  using (author = (select auth.uid()) or school_id in (select private.my_staff_school_ids()));
create policy sync_conflicts_update on public.sync_conflicts for update to authenticated
  using (author = (select auth.uid()) or school_id in (select private.my_staff_school_ids()))
  with check (author = (select auth.uid()) or school_id in (select private.my_staff_school_ids()));

-- ---------------------------------------------------------------- idempotency log
-- Not reachable through the API (private schema, no grants): only the definer helpers below.
create table private.sync_mutations (
  mutation_id uuid primary key,
  user_id uuid not null,
  device_id uuid not null,
  seq bigint,
  table_name text,
  row_id uuid,
  result jsonb,
  applied_at timestamptz not null default now()
);
create index sync_mutations_user_device_idx on private.sync_mutations (user_id, device_id, seq);
revoke all on private.sync_mutations from public, anon, authenticated;

-- ---------------------------------------------------------------- registry of synced tables
-- What a device may write: insert_columns (empty = no insert through sync), patch_columns,
-- can_delete (tombstone). id, school_id changes, version, created_at, updated_at,
-- created_by and deleted_at are never client-writable (deleted_at only through op delete).
-- Column grants and RLS still apply on top of this list.
create table private.sync_tables (
  table_name text primary key,
  insert_columns text[] not null,
  patch_columns text[] not null,
  can_delete boolean not null
);

-- Which rows of a table belong to which scope kind: row.<column_name> = scope id
-- (for 'global': row.school_id is null). A row may belong to several scopes of the caller;
-- the pull deduplicates.
create table private.sync_scope_rules (
  table_name text not null references private.sync_tables (table_name),
  scope_kind text not null constraint sync_scope_rules_kind_valid
    check (scope_kind in ('school', 'member', 'global', 'pair', 'participant', 'pair_member')),
  column_name text not null,
  primary key (table_name, scope_kind, column_name)
);
revoke all on private.sync_tables, private.sync_scope_rules from public, anon, authenticated;
grant select on private.sync_tables, private.sync_scope_rules to authenticated;

do $$
declare
  v_managed constant text[] := array['id', 'version', 'created_at', 'updated_at', 'created_by', 'deleted_at'];
  v_table text;
  v_columns text[];
begin
  foreach v_table in array array[
    'participants', 'participant_sensitive', 'consents', 'programmes', 'roadmap_tasks', 'pairs',
    'pair_members', 'mentor_change_requests', 'development_plans', 'plan_goals', 'plan_tasks',
    'meetings', 'meeting_private_notes', 'questionnaire_templates', 'questionnaire_responses',
    'mentor_trainings'
  ] loop
    select array_agg(a.attname::text order by a.attnum) into v_columns
    from pg_catalog.pg_attribute a
    where a.attrelid = pg_catalog.format('public.%I', v_table)::regclass
      and a.attnum > 0 and not a.attisdropped
      and a.attname::text <> all (v_managed)
      -- participants.user_id is set by redeem_invite only.
      and not (v_table = 'participants' and a.attname = 'user_id');
    insert into private.sync_tables (table_name, insert_columns, patch_columns, can_delete)
    values (v_table, v_columns, array_remove(v_columns, 'school_id'), true);
  end loop;
end
$$;

insert into private.sync_tables (table_name, insert_columns, patch_columns, can_delete) values
  ('schools', '{}', '{name,short_name,address}', false),
  -- Memberships are created by redeem_invite only; staff may change role / revoke.
  ('memberships', '{}', '{role,revoked_at}', false),
  ('sync_conflicts', '{}', '{resolved_at,resolution}', false);

insert into private.sync_scope_rules (table_name, scope_kind, column_name)
select t.table_name, 'school', case when t.table_name = 'schools' then 'id' else 'school_id' end
from private.sync_tables t;

insert into private.sync_scope_rules (table_name, scope_kind, column_name) values
  -- every member of a school: the school, its programme years and templates, own memberships
  -- and own conflicts (RLS narrows the last two)
  ('schools', 'member', 'id'),
  ('programmes', 'member', 'school_id'),
  ('questionnaire_templates', 'member', 'school_id'),
  ('memberships', 'member', 'school_id'),
  ('sync_conflicts', 'member', 'school_id'),
  ('questionnaire_templates', 'global', 'school_id'),
  ('pairs', 'pair', 'id'),
  ('pair_members', 'pair', 'pair_id'),
  ('mentor_change_requests', 'pair', 'pair_id'),
  ('development_plans', 'pair', 'pair_id'),
  ('plan_goals', 'pair', 'pair_id'),
  ('plan_tasks', 'pair', 'pair_id'),
  ('meetings', 'pair', 'pair_id'),
  ('meeting_private_notes', 'pair', 'pair_id'),
  ('questionnaire_responses', 'pair', 'pair_id'),
  ('participants', 'participant', 'id'),
  ('consents', 'participant', 'participant_id'),
  ('mentor_trainings', 'participant', 'participant_id'),
  ('questionnaire_responses', 'participant', 'participant_id'),
  ('participant_sensitive', 'participant', 'participant_id'),
  ('mentor_change_requests', 'participant', 'requested_by'),
  ('memberships', 'participant', 'participant_id'),
  ('participants', 'pair_member', 'id'),
  ('participant_sensitive', 'pair_member', 'participant_id');

-- ---------------------------------------------------------------- scopes and counters
-- The caller's sync scopes, built on private.my_scopes() (the function RLS uses), plus:
--   member:<school>      rows every member of the school reads (school row, programmes, …)
--   global               built-in questionnaire templates (nil-uuid counter)
--   pair_member:<pair_members.id>  a co-member's participant card, keyed by the MEMBERSHIP
--                        row: when someone joins my pair the key is new, so its cursor starts
--                        at 0 and the old participant row (version below my other cursors)
--                        is still delivered.
-- Why per-scope cursors and not one per school: the per-school version orders all writes,
-- but a scope that is newly granted (a mentor added to a pair, a new curator) needs rows
-- whose versions are far below the school cursor the device already holds. A new scope key
-- has no cursor, so it is pulled from 0; existing scopes continue from their own cursor.
create function private.sync_scopes()
returns table (scope_key text, school_id uuid, scope_kind text, scope_id uuid)
language sql
stable
security definer
set search_path = ''
as $$
  select s.scope_kind || ':' || s.scope_id::text, s.school_id, s.scope_kind, s.scope_id
  from private.my_scopes() s
  union all
  select 'member:' || m.id::text, m.id, 'member', m.id
  from private.my_school_ids() as m (id)
  union all
  select 'pair_member:' || pm.id::text, pm.school_id, 'pair_member', pm.participant_id
  from public.pair_members pm
  where pm.deleted_at is null
    and pm.pair_id in (select private.my_pair_ids())
    and pm.participant_id not in (select private.my_participant_ids())
  union all
  select 'global', '00000000-0000-0000-0000-000000000000'::uuid, 'global', null::uuid
  where exists (select 1 from private.my_school_ids())
$$;

-- Counter and retention horizon of the given schools, for the caller's schools only
-- (and the nil-uuid "global" counter). STABLE: inside sync_pull it reads the pull's snapshot.
create function private.sync_school_horizons(p_school_ids uuid[])
returns table (school_id uuid, version bigint, purged_before_version bigint)
language sql
stable
security definer
set search_path = ''
as $$
  select x.id, coalesce(v.version, 0), coalesce(v.purged_before_version, 0)
  from (select distinct u.id from pg_catalog.unnest(p_school_ids) as u (id)) x
  left join private.school_sync_versions v on v.school_id = x.id
  where x.id in (select private.my_school_ids())
     or (x.id = '00000000-0000-0000-0000-000000000000'::uuid and exists (select 1 from private.my_school_ids()))
$$;

-- ---------------------------------------------------------------- mutation log helpers
-- Claims a mutation id for the caller. Returns null when claimed now; otherwise the stored
-- {user_id, result}. A concurrent push of the same id waits on the primary key until the
-- first commits (then sees it) or rolls back (then claims it): never applied twice.
create function private.sync_claim_mutation(
  p_mutation_id uuid, p_device_id uuid, p_seq bigint, p_table text, p_row_id uuid)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_stored jsonb;
begin
  if auth.uid() is null then
    raise exception using errcode = '42501', message = 'not_authenticated';
  end if;
  insert into private.sync_mutations (mutation_id, user_id, device_id, seq, table_name, row_id)
  values (p_mutation_id, auth.uid(), p_device_id, p_seq, p_table, p_row_id)
  on conflict (mutation_id) do nothing;
  if found then
    return null;
  end if;
  select pg_catalog.jsonb_build_object('user_id', m.user_id, 'result', m.result) into v_stored
  from private.sync_mutations m
  where m.mutation_id = p_mutation_id;
  return v_stored;
end;
$$;

create function private.sync_finish_mutation(p_mutation_id uuid, p_result jsonb)
returns void
language sql
volatile
security definer
set search_path = ''
as $$
  update private.sync_mutations m
  set result = p_result
  where m.mutation_id = p_mutation_id and m.user_id = auth.uid()
$$;

-- Stores one lost field (or '*' for a patch to a tombstone) for the caller, in a school the
-- caller belongs to. Definer because nobody may insert conflicts through the API.
create function private.sync_record_conflict(
  p_school_id uuid, p_pair_id uuid, p_table text, p_row_id uuid, p_field text,
  p_base jsonb, p_server jsonb, p_client jsonb, p_mutation_id uuid)
returns uuid
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_id uuid;
begin
  if auth.uid() is null or p_school_id is null or p_school_id not in (select private.my_school_ids()) then
    raise exception using errcode = '42501', message = 'conflict_not_allowed';
  end if;
  insert into public.sync_conflicts
    (school_id, pair_id, table_name, row_id, field, base_value, server_value, client_value, mutation_id, author)
  values (p_school_id, p_pair_id, p_table, p_row_id, p_field, p_base, p_server, p_client, p_mutation_id, auth.uid())
  returning id into v_id;
  return v_id;
end;
$$;

-- Takes the school's version for this transaction (and with it the counter row lock)
-- BEFORE a mutation locks its row. Every push thus locks counter-then-row, while the stamp
-- trigger alone would lock row-then-counter: two pushes touching the same row would
-- deadlock. Only for the caller's schools; a version without rows is harmless.
create function private.sync_lock_school(p_school_id uuid)
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
begin
  if p_school_id in (select private.my_school_ids()) then
    perform private.next_school_version(p_school_id);
  end if;
end;
$$;

create function private.sync_uuid_or_null(p_value jsonb)
returns uuid
language sql
immutable
set search_path = ''
as $$
  select case
    when pg_catalog.jsonb_typeof(p_value) = 'string'
     and (p_value #>> '{}') ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
    then (p_value #>> '{}')::uuid
  end
$$;

-- ---------------------------------------------------------------- one mutation
-- SECURITY INVOKER: RLS and column grants decide. Validation failures are returned as
-- `rejected` with a sync reason code; database errors propagate to sync_push, which turns
-- them into `rejected` with the SQLSTATE (its subtransaction is rolled back).
create function private.sync_apply_mutation(p_mutation_id uuid, p_m jsonb)
returns jsonb
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_table text := p_m ->> 'table';
  v_op text := p_m ->> 'op';
  v_row_id uuid := private.sync_uuid_or_null(p_m -> 'row_id');
  v_fields jsonb := p_m -> 'fields';
  v_base jsonb := p_m -> 'base';
  v_reg private.sync_tables%rowtype;
  v_allowed text[];
  v_key text;
  v_row jsonb;
  v_locked jsonb;
  v_norm_new jsonb;
  v_norm_base jsonb;
  v_apply text[] := '{}'::text[];
  v_conflicts text[] := '{}'::text[];
  v_school_id uuid;
  v_pair_id uuid;
  v_version bigint;
  v_count integer;
  v_is_insert_merge boolean := false;
begin
  select t.* into v_reg from private.sync_tables t where t.table_name = v_table;
  if v_reg.table_name is null then
    return private.sync_rejection(p_mutation_id, 'unknown_table', pg_catalog.format('table %s is not synced', v_table));
  end if;
  if v_row_id is null then
    return private.sync_rejection(p_mutation_id, 'invalid_mutation', 'row_id must be a uuid');
  end if;
  if v_op is null or v_op not in ('insert', 'patch', 'delete') then
    return private.sync_rejection(p_mutation_id, 'invalid_mutation', 'op must be insert, patch or delete');
  end if;
  if v_op <> 'delete' and pg_catalog.jsonb_typeof(v_fields) is distinct from 'object' then
    return private.sync_rejection(p_mutation_id, 'invalid_mutation', 'fields must be an object');
  end if;

  if v_op = 'insert' and cardinality(v_reg.insert_columns) = 0
     or v_op = 'delete' and not v_reg.can_delete then
    return private.sync_rejection(p_mutation_id, 'op_not_allowed', pg_catalog.format('%s on %s is not synced', v_op, v_table));
  end if;

  -- Columns: unknown vs. known but not writable.
  if v_op <> 'delete' then
    v_allowed := case when v_op = 'insert' then v_reg.insert_columns else v_reg.patch_columns end;
    for v_key in select pg_catalog.jsonb_object_keys(v_fields) loop
      if v_op = 'insert' and v_key = 'school_id' then
        continue;
      end if;
      if v_key <> all (v_allowed) then
        if exists (select 1 from pg_catalog.pg_attribute a
                   where a.attrelid = pg_catalog.format('public.%I', v_table)::regclass
                     and a.attname = v_key and a.attnum > 0 and not a.attisdropped) then
          return private.sync_rejection(p_mutation_id, 'readonly_column', pg_catalog.format('%s.%s is not client-writable', v_table, v_key));
        end if;
        return private.sync_rejection(p_mutation_id, 'unknown_column', pg_catalog.format('%s has no column %s', v_table, v_key));
      end if;
    end loop;
  end if;
  if v_op = 'patch' then
    if pg_catalog.jsonb_typeof(v_base) is distinct from 'object'
       or exists (select 1 from pg_catalog.jsonb_object_keys(v_fields) k where not v_base ? k) then
      return private.sync_rejection(p_mutation_id, 'invalid_mutation', 'base must hold the previous value of every field');
    end if;
  end if;

  execute pg_catalog.format('select pg_catalog.to_jsonb(t) from public.%I t where t.id = $1', v_table)
    into v_row using v_row_id;

  -- ---------------------------------------------------------- insert
  if v_op = 'insert' then
    if private.sync_uuid_or_null(v_fields -> 'school_id') is null then
      return private.sync_rejection(p_mutation_id, 'school_id_required', 'insert needs fields.school_id');
    end if;
    if v_row is null then
      perform private.sync_lock_school(private.sync_uuid_or_null(v_fields -> 'school_id'));
      -- Columns not sent keep their defaults; values are typed by the table's row type.
      execute pg_catalog.format(
        'insert into public.%1$I (id, %2$s) select $1, %3$s from pg_catalog.jsonb_populate_record(null::public.%1$I, $2) r',
        v_table,
        (select pg_catalog.string_agg(pg_catalog.quote_ident(k), ', ') from pg_catalog.jsonb_object_keys(v_fields) k),
        (select pg_catalog.string_agg('r.' || pg_catalog.quote_ident(k), ', ') from pg_catalog.jsonb_object_keys(v_fields) k))
        using v_row_id, v_fields;
      execute pg_catalog.format('select t.version from public.%I t where t.id = $1', v_table)
        into v_version using v_row_id;
      return pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
        'mutation_id', p_mutation_id, 'status', 'applied', 'version', v_version,
        'school_id', v_fields ->> 'school_id'));
    end if;
    -- The row exists already (a replay whose log entry was lost): merge as a patch whose
    -- base is "nothing", so only fields still null on the server are filled in.
    if v_row ->> 'school_id' is distinct from v_fields ->> 'school_id' then
      return private.sync_rejection(p_mutation_id, 'school_id_immutable', 'the row exists in another school');
    end if;
    v_fields := v_fields - 'school_id';
    for v_key in select pg_catalog.jsonb_object_keys(v_fields) loop
      if v_key <> all (v_reg.patch_columns) then
        return private.sync_rejection(p_mutation_id, 'readonly_column', pg_catalog.format('%s.%s is not client-writable', v_table, v_key));
      end if;
    end loop;
    v_base := (select coalesce(pg_catalog.jsonb_object_agg(k, 'null'::jsonb), '{}') from pg_catalog.jsonb_object_keys(v_fields) k);
    v_is_insert_merge := true;
  end if;

  -- ---------------------------------------------------------- patch / delete: the row
  if v_row is null then
    return private.sync_rejection(p_mutation_id, '42501', 'row_not_visible');
  end if;
  -- FOR UPDATE applies the UPDATE policies too: a visible but not updatable row is denied
  -- here instead of silently updating 0 rows.
  perform private.sync_lock_school((v_row ->> 'school_id')::uuid);
  execute pg_catalog.format('select pg_catalog.to_jsonb(t) from public.%I t where t.id = $1 for update', v_table)
    into v_locked using v_row_id;
  if v_locked is null then
    return private.sync_rejection(p_mutation_id, '42501', 'row_not_updatable');
  end if;
  v_row := v_locked;
  v_school_id := (v_row ->> 'school_id')::uuid;
  v_pair_id := case when v_table = 'pairs' then v_row_id else (v_row ->> 'pair_id')::uuid end;

  if v_op = 'delete' then
    if v_row ->> 'deleted_at' is null then
      execute pg_catalog.format('update public.%I t set deleted_at = pg_catalog.now() where t.id = $1', v_table)
        using v_row_id;
      get diagnostics v_count = row_count;
      if v_count = 0 then
        return private.sync_rejection(p_mutation_id, '42501', 'row_not_updatable');
      end if;
    end if;
    execute pg_catalog.format('select t.version from public.%I t where t.id = $1', v_table) into v_version using v_row_id;
    return pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
      'mutation_id', p_mutation_id, 'status', 'applied', 'version', v_version, 'school_id', v_school_id));
  end if;

  -- Three-way merge per field, comparing typed values: client JSON is first cast through
  -- the table's row type, so '2026-01-05' vs a date, 36 vs 36.0, arrays, booleans and
  -- timestamps in any offset compare by value.
  execute pg_catalog.format('select pg_catalog.to_jsonb(pg_catalog.jsonb_populate_record(null::public.%I, $1))', v_table)
    into v_norm_new using v_fields;
  execute pg_catalog.format('select pg_catalog.to_jsonb(pg_catalog.jsonb_populate_record(null::public.%I, $1))', v_table)
    into v_norm_base using v_base;

  -- A conflict stores the client's value for a later resolution, so it must be a value
  -- this caller may write: probe the whole patch (guards, column grants, policies) and
  -- roll the probe back. Only done when a conflict is recorded, which is rare.
  if v_row ->> 'deleted_at' is not null
     or exists (select 1 from pg_catalog.jsonb_object_keys(v_fields) k
                where (v_row -> k) is distinct from (v_norm_new -> k)
                  and (v_row -> k) is distinct from (v_norm_base -> k)) then
    begin
      execute pg_catalog.format(
        'update public.%1$I t set %2$s from pg_catalog.jsonb_populate_record(null::public.%1$I, $2) r where t.id = $1',
        v_table,
        (select pg_catalog.string_agg(pg_catalog.format('%1$I = r.%1$I', k), ', ') from pg_catalog.jsonb_object_keys(v_fields) k))
        using v_row_id, v_fields;
      get diagnostics v_count = row_count;
      if v_count = 0 then
        return private.sync_rejection(p_mutation_id, '42501', 'row_not_updatable');
      end if;
      raise exception using errcode = 'SYNPR', message = 'sync_probe_rollback';
    exception when sqlstate 'SYNPR' then
      null;
    end;
  end if;

  -- A patch to a tombstone is kept as one conflict row, never dropped.
  if v_row ->> 'deleted_at' is not null then
    perform private.sync_record_conflict(v_school_id, v_pair_id, v_table, v_row_id, '*', v_base,
      pg_catalog.jsonb_build_object('deleted_at', v_row -> 'deleted_at'), v_fields, p_mutation_id);
    return pg_catalog.jsonb_build_object(
      'mutation_id', p_mutation_id, 'status', 'conflict', 'code', 'row_deleted',
      'conflicts', pg_catalog.jsonb_build_array('*'), 'applied', '[]'::jsonb,
      'version', (v_row ->> 'version')::bigint, 'school_id', v_school_id);
  end if;

  for v_key in select pg_catalog.jsonb_object_keys(v_fields) loop
    if (v_row -> v_key) is not distinct from (v_norm_new -> v_key) then
      continue; -- already so on the server
    elsif (v_row -> v_key) is not distinct from (v_norm_base -> v_key) then
      v_apply := v_apply || v_key;
    else
      -- The first committed value wins; the later client value is kept aside.
      v_conflicts := v_conflicts || v_key;
      perform private.sync_record_conflict(v_school_id, v_pair_id, v_table, v_row_id, v_key,
        v_base -> v_key, v_row -> v_key, v_fields -> v_key, p_mutation_id);
    end if;
  end loop;

  if cardinality(v_apply) > 0 then
    execute pg_catalog.format(
      'update public.%1$I t set %2$s from pg_catalog.jsonb_populate_record(null::public.%1$I, $2) r where t.id = $1',
      v_table,
      (select pg_catalog.string_agg(pg_catalog.format('%1$I = r.%1$I', k), ', ') from pg_catalog.unnest(v_apply) k))
      using v_row_id, v_fields;
    get diagnostics v_count = row_count;
    if v_count = 0 then
      return private.sync_rejection(p_mutation_id, '42501', 'row_not_updatable');
    end if;
  end if;
  execute pg_catalog.format('select t.version from public.%I t where t.id = $1', v_table) into v_version using v_row_id;

  return pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
    'mutation_id', p_mutation_id,
    'status', case when cardinality(v_conflicts) > 0 then 'conflict' else 'applied' end,
    'code', case when cardinality(v_conflicts) > 0 then 'field_conflict' end,
    'conflicts', case when cardinality(v_conflicts) > 0 then pg_catalog.to_jsonb(v_conflicts) end,
    'applied', pg_catalog.to_jsonb(v_apply),
    'merged_insert', case when v_is_insert_merge then true end,
    'version', v_version,
    'school_id', v_school_id));
end;
$$;

create function private.sync_rejection(p_mutation_id uuid, p_code text, p_message text)
returns jsonb
language sql
immutable
set search_path = ''
as $$
  select pg_catalog.jsonb_build_object('mutation_id', p_mutation_id, 'status', 'rejected',
                                       'code', p_code, 'message', p_message)
$$;

-- ---------------------------------------------------------------- push
-- p_mutations: [{ mutation_id, seq, table, row_id, op: insert|patch|delete, fields, base }]
-- Returns { results: [{ mutation_id, status: applied|duplicate|conflict|rejected, code?,
--   constraint?, message?, details?, conflicts?, applied?, version?, original_status? }],
--   scope_versions: { "<school_id>": <counter after this call> } }.
-- `code` is a 5-character SQLSTATE for database refusals (42501 RLS/guard, 23514 check or
-- business rule, 23503 FK, 23502 not null, 23505 unique, 22xxx bad value) and a word for
-- sync refusals (invalid_mutation, unknown_table, unknown_column, readonly_column,
-- op_not_allowed, school_id_required, school_id_immutable, mutation_id_taken) or for
-- conflicts (field_conflict, row_deleted). `rejected` and `conflict` are final: the device
-- keeps the text for the user, it never re-sends the same mutation id expecting another answer.
create function public.sync_push(p_device_id uuid, p_mutations jsonb)
returns jsonb
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_uid uuid := auth.uid();
  v_m jsonb;
  v_mid uuid;
  v_stored jsonb;
  v_result jsonb;
  v_results jsonb := '[]'::jsonb;
  v_schools uuid[] := '{}'::uuid[];
  v_state text;
  v_message text;
  v_constraint text;
  v_detail text;
begin
  if v_uid is null then
    raise exception using errcode = '42501', message = 'not_authenticated';
  end if;
  if p_device_id is null then
    raise exception using errcode = '22023', message = 'device_id_required';
  end if;
  if pg_catalog.jsonb_typeof(p_mutations) is distinct from 'array' then
    raise exception using errcode = '22023', message = 'mutations_not_an_array';
  end if;
  -- Each mutation is a subtransaction; past 64 per transaction PostgreSQL's subxid cache
  -- overflows and snapshots get slower server-wide, so devices should send ~50 per call.
  if pg_catalog.jsonb_array_length(p_mutations) > 500 then
    raise exception using errcode = '54000', message = 'too_many_mutations', hint = 'send at most 500 per call';
  end if;

  for v_m in select e.value from pg_catalog.jsonb_array_elements(p_mutations) with ordinality e order by e.ordinality loop
    v_mid := private.sync_uuid_or_null(v_m -> 'mutation_id');
    if v_mid is null then
      v_results := v_results || pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object(
        'mutation_id', v_m -> 'mutation_id', 'status', 'rejected', 'code', 'invalid_mutation',
        'message', 'mutation_id must be a uuid'));
      continue;
    end if;

    v_stored := private.sync_claim_mutation(
      v_mid, p_device_id,
      case when pg_catalog.jsonb_typeof(v_m -> 'seq') = 'number' then (v_m ->> 'seq')::numeric::bigint end,
      v_m ->> 'table', private.sync_uuid_or_null(v_m -> 'row_id'));
    if v_stored is not null then
      if (v_stored ->> 'user_id')::uuid is distinct from v_uid then
        v_results := v_results || pg_catalog.jsonb_build_array(
          private.sync_rejection(v_mid, 'mutation_id_taken', 'this mutation id belongs to another user'));
      else
        v_results := v_results || pg_catalog.jsonb_build_array(
          coalesce(v_stored -> 'result', '{}'::jsonb)
          || pg_catalog.jsonb_build_object('mutation_id', v_mid, 'status', 'duplicate',
                                           'original_status', v_stored -> 'result' -> 'status'));
      end if;
      continue;
    end if;

    begin
      v_result := private.sync_apply_mutation(v_mid, v_m);
    exception when others then
      get stacked diagnostics v_state = returned_sqlstate, v_message = message_text,
                              v_constraint = constraint_name, v_detail = pg_exception_detail;
      -- Transient: the whole call fails and the device retries it later.
      if v_state like '40%' or v_state like '53%' or v_state = '55P03' then
        raise;
      end if;
      v_result := pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
        'mutation_id', v_mid, 'status', 'rejected', 'code', v_state,
        'constraint', nullif(v_constraint, ''), 'message', v_message, 'details', nullif(v_detail, '')));
    end;

    if v_result ? 'school_id' then
      v_schools := v_schools || (v_result ->> 'school_id')::uuid;
      v_result := v_result - 'school_id';
    end if;
    perform private.sync_finish_mutation(v_mid, v_result);
    v_results := v_results || pg_catalog.jsonb_build_array(v_result);
  end loop;

  return pg_catalog.jsonb_build_object(
    'results', v_results,
    'scope_versions', coalesce(
      (select pg_catalog.jsonb_object_agg(h.school_id::text, h.version)
       from private.sync_school_horizons(v_schools) h),
      '{}'::jsonb));
end;
$$;

-- ---------------------------------------------------------------- pull
-- p_cursors: { "<scope key>": <last version seen> }, scope keys as listed in `scopes`:
--   school:<school_id> | member:<school_id> | pair:<pair_id> | participant:<participant_id>
--   | pair_member:<pair_members.id> | global
-- Returns { changes: [{ table, row }], cursors: { key: version }, has_more, scopes:
--   [{ key, kind, school_id, id }], resync_required, resync_schools: [school_id...] }.
-- Paging: schools one after another (each school has its own counter), rows of a school in
-- version order; the page ends on a version boundary. A version larger than p_limit is
-- returned whole on a page of its own. Keys not among the caller's scopes are ignored.
-- Device contract: store `cursors` as returned (in the same local transaction as the rows);
-- pull again while has_more. When a school leaves `scopes`, or any scope key of a school
-- disappears, drop that school's rows and cursors (pending edits to quarantine) and pull it
-- again: what is still visible comes back. resync_required: drop the rows of
-- resync_schools, keep the returned cursors (they omit those schools) and pull again.
create function public.sync_pull(p_cursors jsonb default '{}'::jsonb, p_limit integer default 1000)
returns jsonb
language plpgsql
stable
security invoker
set search_path = ''
as $$
declare
  v_uid uuid := auth.uid();
  v_limit integer := least(greatest(coalesce(p_limit, 1000), 1), 10000);
  v_cursors jsonb := coalesce(p_cursors, '{}'::jsonb);
  v_scopes jsonb;
  v_school record;
  v_versions_sql text;
  v_rows_sql text;
  v_page jsonb;
  v_changes jsonb := '[]'::jsonb;
  v_count integer := 0;
  v_new_cursors jsonb := '{}'::jsonb;
  v_has_more boolean := false;
  v_resync uuid[] := '{}'::uuid[];
  v_n integer;
  v_fit bigint;
  v_min bigint;
  v_cut bigint;
  v_max bigint;
  v_truncated boolean;
  v_active jsonb;
begin
  if v_uid is null then
    raise exception using errcode = '42501', message = 'not_authenticated';
  end if;
  if pg_catalog.jsonb_typeof(v_cursors) is distinct from 'object' then
    raise exception using errcode = '22023', message = 'cursors_not_an_object';
  end if;

  -- The caller's scopes with their given cursor (absent = 0; a malformed value = -1, which
  -- forces a resync of its school below).
  select coalesce(pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
           'key', s.scope_key, 'kind', s.scope_kind, 'school_id', s.school_id, 'id', s.scope_id,
           'cursor', case
             when not v_cursors ? s.scope_key then 0
             when pg_catalog.jsonb_typeof(v_cursors -> s.scope_key) = 'number'
                  and (v_cursors ->> s.scope_key) ~ '^[0-9]{1,18}$' then (v_cursors ->> s.scope_key)::bigint
             else -1
           end) order by s.school_id, s.scope_key), '[]'::jsonb)
  into v_scopes
  from private.sync_scopes() s;

  -- A cursor ahead of the server (forged or from another database) or behind the retention
  -- horizon cannot be continued from: that school must be pulled again from scratch.
  select coalesce(pg_catalog.array_agg(distinct h.school_id), '{}') into v_resync
  from pg_catalog.jsonb_array_elements(v_scopes) sc
  join private.sync_school_horizons(array(
         select distinct (e ->> 'school_id')::uuid from pg_catalog.jsonb_array_elements(v_scopes) e)) h
    on h.school_id = (sc ->> 'school_id')::uuid
  where (sc ->> 'cursor')::bigint < 0
     or (sc ->> 'cursor')::bigint > h.version
     or ((sc ->> 'cursor')::bigint > 0 and (sc ->> 'cursor')::bigint < h.purged_before_version);
  if cardinality(v_resync) > 0 then
    return pg_catalog.jsonb_build_object(
      'changes', '[]'::jsonb,
      'cursors', coalesce((select pg_catalog.jsonb_object_agg(e ->> 'key', (e ->> 'cursor')::bigint)
                           from pg_catalog.jsonb_array_elements(v_scopes) e
                           where (e ->> 'school_id')::uuid <> all (v_resync)), '{}'::jsonb),
      'has_more', true,
      'scopes', (select coalesce(pg_catalog.jsonb_agg(e - 'cursor'), '[]'::jsonb) from pg_catalog.jsonb_array_elements(v_scopes) e),
      'resync_required', true,
      'resync_schools', pg_catalog.to_jsonb(v_resync));
  end if;

  for v_school in
    select h.school_id, h.version,
           pg_catalog.jsonb_agg(e order by e ->> 'key') as scopes
    from pg_catalog.jsonb_array_elements(v_scopes) e
    join private.sync_school_horizons(array(
           select distinct (x ->> 'school_id')::uuid from pg_catalog.jsonb_array_elements(v_scopes) x)) h
      on h.school_id = (e ->> 'school_id')::uuid
    group by h.school_id, h.version
    order by h.school_id
  loop
    if v_has_more then
      -- Page full: the remaining schools keep their cursors.
      select v_new_cursors || pg_catalog.jsonb_object_agg(e ->> 'key', (e ->> 'cursor')::bigint)
      into v_new_cursors from pg_catalog.jsonb_array_elements(v_school.scopes) e;
      continue;
    end if;
    -- Scopes already at the counter have nothing new: a quiet pull runs no row query.
    select pg_catalog.jsonb_agg(e) into v_active
    from pg_catalog.jsonb_array_elements(v_school.scopes) e
    where (e ->> 'cursor')::bigint < v_school.version;
    if v_active is null then
      select v_new_cursors || pg_catalog.jsonb_object_agg(e ->> 'key', (e ->> 'cursor')::bigint)
      into v_new_cursors from pg_catalog.jsonb_array_elements(v_school.scopes) e;
      continue;
    end if;

    -- One UNION ALL branch per (table, scope kind) rule, each an equi-join usable by the
    -- (school_id, version) / pair_id / participant_id indexes. RLS filters every branch.
    -- Two steps per school, so a page costs O(limit) and not O(rows left):
    --  1. versions only, at most limit+1 rows per branch in version order: enough to find the
    --     highest version that fits whole (a branch cut short holds limit+1 rows, so every
    --     version below its cut-off is complete in this sample).
    --  2. the rows of versions (cursor, cut], deduplicated across scopes, as JSON.
    select pg_catalog.string_agg(pg_catalog.format(
             '(select %4$s as b, r.version from public.%1$I r join sc on sc.kind = %2$L and %3$s and r.version > sc.cursor '
             'order by r.version limit $2 + 1)',
             r.table_name, r.scope_kind,
             case when r.scope_kind = 'global' then 'r.school_id is null'
                  else pg_catalog.format('r.%I = sc.id', r.column_name) end,
             r.branch),
           ' union all ' order by r.branch),
           pg_catalog.string_agg(pg_catalog.format(
             'select %1$L::text as tbl, r.id, r.version, pg_catalog.to_jsonb(r) as row '
             'from public.%1$I r join sc on sc.kind = %2$L and %3$s and r.version > sc.cursor and r.version <= $2',
             r.table_name, r.scope_kind,
             case when r.scope_kind = 'global' then 'r.school_id is null'
                  else pg_catalog.format('r.%I = sc.id', r.column_name) end),
           ' union all ' order by r.branch)
    into v_versions_sql, v_rows_sql
    from (select sr.*, pg_catalog.row_number() over (order by sr.table_name, sr.scope_kind, sr.column_name) as branch
          from private.sync_scope_rules sr
          where sr.scope_kind in (select e ->> 'kind' from pg_catalog.jsonb_array_elements(v_active) e)) r;
    v_versions_sql :=
         'with sc as materialized (select * from pg_catalog.jsonb_to_recordset($1) as x (kind text, id uuid, cursor bigint)), '
      || 'cand as (' || v_versions_sql || '), '
      || 'vers as (select version, pg_catalog.sum(pg_catalog.count(*)) over (order by version) as cum from cand group by version) '
      || 'select pg_catalog.max(version) filter (where cum <= $2), pg_catalog.min(version), pg_catalog.max(version), '
      || '       coalesce((select pg_catalog.max(n) > $2 from (select pg_catalog.count(*) as n from cand group by b) t), false) '
      || 'from vers';
    v_rows_sql :=
         'with sc as materialized (select * from pg_catalog.jsonb_to_recordset($1) as x (kind text, id uuid, cursor bigint)), '
      || 'cand as (' || v_rows_sql || '), '
      || 'dedup as (select distinct on (tbl, id) tbl, id, version, row from cand order by tbl, id, version desc) '
      || 'select coalesce(pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(''table'', tbl, ''row'', row) '
      || '                order by version, tbl, id), ''[]''::jsonb), pg_catalog.count(*)::integer '
      || 'from dedup';

    execute v_versions_sql into v_fit, v_min, v_max, v_truncated
      using v_active, v_limit - v_count;
    -- A version larger than the whole page is returned alone, whole.
    v_cut := coalesce(v_fit, case when v_count = 0 then v_min end);
    if v_cut is not null then
      execute v_rows_sql into v_page, v_n using v_active, v_cut;
      v_changes := v_changes || v_page;
      v_count := v_count + v_n;
    end if;
    if v_cut = v_max and v_truncated then
      -- The sample was cut inside the (oversized) last version: look past it once.
      execute v_versions_sql into v_fit, v_min, v_max, v_truncated
        using (select pg_catalog.jsonb_agg(e || pg_catalog.jsonb_build_object('cursor',
                 greatest((e ->> 'cursor')::bigint, v_cut))) from pg_catalog.jsonb_array_elements(v_active) e), 0;
      v_max := coalesce(v_max, v_cut);
      v_truncated := v_min is not null;
    end if;
    if v_min is null or (v_cut = v_max and not v_truncated) then
      -- Everything of this school up to the counter in this snapshot has been returned; the
      -- counter row is written by the same transactions, so no version <= it is still open.
      select v_new_cursors || pg_catalog.jsonb_object_agg(e ->> 'key',
               greatest((e ->> 'cursor')::bigint, v_school.version))
      into v_new_cursors from pg_catalog.jsonb_array_elements(v_school.scopes) e;
    else
      v_has_more := true;
      select v_new_cursors || pg_catalog.jsonb_object_agg(e ->> 'key',
               greatest((e ->> 'cursor')::bigint, coalesce(v_cut, 0)))
      into v_new_cursors from pg_catalog.jsonb_array_elements(v_school.scopes) e;
    end if;
  end loop;

  return pg_catalog.jsonb_build_object(
    'changes', v_changes,
    'cursors', v_new_cursors,
    'has_more', v_has_more,
    'scopes', (select coalesce(pg_catalog.jsonb_agg(e - 'cursor'), '[]'::jsonb) from pg_catalog.jsonb_array_elements(v_scopes) e),
    'resync_required', false);
end;
$$;

-- ---------------------------------------------------------------- grants
revoke all on function public.sync_push(uuid, jsonb) from public, anon, authenticated;
revoke all on function public.sync_pull(jsonb, integer) from public, anon, authenticated;
grant execute on function public.sync_push(uuid, jsonb) to authenticated;
grant execute on function public.sync_pull(jsonb, integer) to authenticated;

revoke all on function
  private.sync_scopes(), private.sync_school_horizons(uuid[]),
  private.sync_claim_mutation(uuid, uuid, bigint, text, uuid), private.sync_finish_mutation(uuid, jsonb),
  private.sync_record_conflict(uuid, uuid, text, uuid, text, jsonb, jsonb, jsonb, uuid),
  private.sync_uuid_or_null(jsonb), private.sync_apply_mutation(uuid, jsonb),
  private.sync_rejection(uuid, text, text), private.sync_lock_school(uuid)
  from public, anon, authenticated;
grant execute on function
  private.sync_scopes(), private.sync_school_horizons(uuid[]),
  private.sync_claim_mutation(uuid, uuid, bigint, text, uuid), private.sync_finish_mutation(uuid, jsonb),
  private.sync_record_conflict(uuid, uuid, text, uuid, text, jsonb, jsonb, jsonb, uuid),
  private.sync_uuid_or_null(jsonb), private.sync_apply_mutation(uuid, jsonb),
  private.sync_rejection(uuid, text, text), private.sync_lock_school(uuid)
  to authenticated;
