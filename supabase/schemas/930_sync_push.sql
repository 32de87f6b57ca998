-- Owns: public.sync_push (mutations in, one result per mutation out) and its private
-- helpers: one mutation with its validation and three-way merge
-- (private.sync_apply_mutation), the named steps sync_push orchestrates (read batch, claim
-- ids, set-based runs of inserts / patches / deletes, one mutation, record results), the
-- counter lock and the recording of conflicts.
--
-- Invariants kept here:
-- * sync_push is SECURITY INVOKER: every row read or written passes the caller's RLS, and
--   membership comes from the membership tables at call time (private.my_* helpers), never
--   from JWT claims. Only the few SECURITY DEFINER helpers (private.sync_record_conflict,
--   private.sync_lock_school here; the log helpers of 910_sync_mutation_log.sql; the scope
--   helpers of 920_sync_registry.sql) touch private tables, and each of them acts for
--   auth.uid() only. sync_push runs as the caller, so the caller needs EXECUTE on the
--   private helpers it calls (granted next to each function); nothing else in private is
--   executable.
-- * Only a member writes: a caller without an active membership has every mutation refused
--   (42501 'no_membership') and nothing is logged for her.
-- * A failing or malformed mutation is rolled back alone and answered `rejected`; the rest
--   of the batch still applies. Runs of inserts, patches or deletes are tried set-based (one
--   statement, one subtransaction per attempt); whatever such an attempt cannot apply
--   without a question goes down the per-mutation path (one subtransaction per mutation),
--   which gives every answer the protocol knows (conflicts, refusals). Transient failures
--   (serialization, deadlock, lock timeout, resources) fail the whole call instead, so the
--   device retries the batch rather than quarantining good writes.
-- * Every input is bounded: 500 mutations and 2 MB per call, 64 KB of fields (and of base)
--   per mutation, 64 KB per row (private.stamp_synced_row, every path).
-- * An id that exists but is invisible to the caller answers 42501 'row_not_visible' for an
--   insert as for a patch or delete: no existence oracle.
-- * Nothing a user wrote is dropped silently: a lost field, or a patch to a tombstoned row,
--   goes to public.sync_conflicts (900_sync_conflicts.sql).

-- ---------------------------------------------------------------- helpers
-- Stores one lost field (or '*' for a patch to a tombstone) for the caller. Definer because
-- nobody may insert conflicts through the API, so it records only what sync_push found: the
-- mutation must be the caller's, claimed in this call (no result yet) and the conflict is
-- about that mutation's row. School, pair and the server's value are read from the row
-- itself, not taken from the caller.
create function private.sync_record_conflict(
  p_mutation_id uuid, p_field text, p_base jsonb, p_client jsonb)
returns uuid
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_uid uuid := auth.uid();
  v_table text;
  v_row_id uuid;
  v_row jsonb;
  v_id uuid;
  v_school uuid;
begin
  select m.table_name, m.row_id into v_table, v_row_id
  from private.sync_mutations m
  where m.user_id = v_uid and m.mutation_id = p_mutation_id and m.result is null;
  if v_table is null or v_row_id is null
     or not exists (select 1 from private.sync_tables t where t.table_name = v_table) then
    raise exception using errcode = '42501', message = 'conflict_not_allowed';
  end if;
  execute pg_catalog.format('select pg_catalog.to_jsonb(t) from public.%I t where t.id = $1', v_table)
    into v_row using v_row_id;
  -- A school's own row (schools: its requisites) is its school.
  v_school := case when v_table = 'schools' then v_row_id else (v_row ->> 'school_id')::uuid end;
  if v_row is null or v_school is null or v_school not in (select private.my_school_ids())
     or (p_field <> '*' and not v_row ? p_field) then
    raise exception using errcode = '42501', message = 'conflict_not_allowed';
  end if;
  insert into public.sync_conflicts
    (school_id, pair_id, table_name, row_id, field, base_value, server_value, client_value, mutation_id, author)
  values (v_school,
          case when v_table = 'pairs' then v_row_id else (v_row ->> 'pair_id')::uuid end,
          v_table, v_row_id, p_field, p_base,
          case when p_field = '*' then pg_catalog.jsonb_build_object('deleted_at', v_row -> 'deleted_at')
               else v_row -> p_field end,
          p_client, p_mutation_id, v_uid)
  returning id into v_id;
  return v_id;
end;
$$;
revoke all on function private.sync_record_conflict(uuid, text, jsonb, jsonb) from public, anon, authenticated;
grant execute on function private.sync_record_conflict(uuid, text, jsonb, jsonb) to authenticated;

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
revoke all on function private.sync_lock_school(uuid) from public, anon, authenticated;
grant execute on function private.sync_lock_school(uuid) to authenticated;

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
revoke all on function private.sync_uuid_or_null(jsonb) from public, anon, authenticated;
grant execute on function private.sync_uuid_or_null(jsonb) to authenticated;

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
  v_count integer;
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
      return pg_catalog.jsonb_build_object('mutation_id', p_mutation_id, 'status', 'applied');
    end if;
    -- The row exists already (a replay whose log entry was lost): merge as a patch whose
    -- base is "nothing", so only fields still null on the server are filled in.
    if v_row ->> 'school_id' is distinct from v_fields ->> 'school_id' then
      return private.sync_rejection(p_mutation_id, 'school_id_immutable', 'the row exists in another school');
    end if;
    -- Key columns (insert-only) must match the existing row; they are not merged.
    v_fields := v_fields - 'school_id';
    execute pg_catalog.format('select pg_catalog.to_jsonb(pg_catalog.jsonb_populate_record(null::public.%I, $1))', v_table)
      into v_norm_new using v_fields;
    for v_key in select pg_catalog.jsonb_object_keys(v_fields) loop
      if v_key <> all (v_reg.patch_columns) then
        if (v_row -> v_key) is distinct from (v_norm_new -> v_key) then
          return private.sync_rejection(p_mutation_id, 'readonly_column', pg_catalog.format('%s.%s is not client-writable', v_table, v_key));
        end if;
        v_fields := v_fields - v_key;
      end if;
    end loop;
    v_base := (select coalesce(pg_catalog.jsonb_object_agg(k, 'null'::jsonb), '{}') from pg_catalog.jsonb_object_keys(v_fields) k);
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

  if v_op = 'delete' then
    if v_row ->> 'deleted_at' is null then
      execute pg_catalog.format('update public.%I t set deleted_at = pg_catalog.now() where t.id = $1', v_table)
        using v_row_id;
      get diagnostics v_count = row_count;
      if v_count = 0 then
        return private.sync_rejection(p_mutation_id, '42501', 'row_not_updatable');
      end if;
    end if;
    return pg_catalog.jsonb_build_object('mutation_id', p_mutation_id, 'status', 'applied');
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

  -- A patch to a tombstone is kept as one conflict row, never dropped — but without its
  -- values: a deleted row's text must not live on in a conflict (the device that wrote it
  -- keeps the text in its own quarantine).
  if v_row ->> 'deleted_at' is not null then
    perform private.sync_record_conflict(p_mutation_id, '*', null, null);
    return pg_catalog.jsonb_build_object(
      'mutation_id', p_mutation_id, 'status', 'conflict', 'code', 'row_deleted', 'applied', '[]'::jsonb);
  end if;

  for v_key in select pg_catalog.jsonb_object_keys(v_fields) loop
    if (v_row -> v_key) is not distinct from (v_norm_new -> v_key) then
      continue; -- already so on the server
    elsif (v_row -> v_key) is not distinct from (v_norm_base -> v_key) then
      v_apply := v_apply || v_key;
    else
      -- The first committed value wins; the later client value is kept aside.
      v_conflicts := v_conflicts || v_key;
      perform private.sync_record_conflict(p_mutation_id, v_key, v_base -> v_key, v_fields -> v_key);
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

  -- The conflicting fields are named by their public.sync_conflicts rows, not here.
  if cardinality(v_conflicts) > 0 then
    return pg_catalog.jsonb_build_object('mutation_id', p_mutation_id, 'status', 'conflict',
                                         'code', 'field_conflict', 'applied', pg_catalog.to_jsonb(v_apply));
  end if;
  return pg_catalog.jsonb_build_object('mutation_id', p_mutation_id, 'status', 'applied',
                                       'applied', pg_catalog.to_jsonb(v_apply));
end;
$$;
revoke all on function private.sync_apply_mutation(uuid, jsonb) from public, anon, authenticated;
grant execute on function private.sync_apply_mutation(uuid, jsonb) to authenticated;

create function private.sync_rejection(p_mutation_id uuid, p_code text, p_message text)
returns jsonb
language sql
immutable
set search_path = ''
as $$
  select pg_catalog.jsonb_build_object('mutation_id', p_mutation_id, 'status', 'rejected',
                                       'code', p_code, 'message', p_message)
$$;
revoke all on function private.sync_rejection(uuid, text, text) from public, anon, authenticated;
grant execute on function private.sync_rejection(uuid, text, text) to authenticated;

-- ---------------------------------------------------------------- push: the steps
-- sync_push (below) is a short orchestration of these steps, in this order:
--   read batch -> claim ids -> per position: a set-based run (inserts, patches or deletes) or
--   one mutation -> record results.
-- Shared rules of every step:
-- * SECURITY INVOKER (except the log helpers above): RLS, column grants and the guards
--   decide every write, exactly as for one mutation.
-- * Lock order: a school's counter (private.sync_lock_school) before any row of that school,
--   schools in uuid order when a step locks several, so concurrent pushes never deadlock.
-- * Subtransactions: each set-based attempt and each single mutation is one; PostgreSQL's
--   subxid cache holds 64 per transaction, so the set-based paths exist to keep a normal
--   push far below that. Transient failures (40xxx, 53xxx, 55P03) are re-raised by every
--   step: the whole call fails and the device retries, no good write is quarantined.
-- * A set-based attempt is all or nothing: when it fails, nothing of it stays, and its
--   mutations are decided again (patches and deletes: in halves; inserts: one by one), so a
--   poison mutation is always refused alone, with the answer the per-mutation path gives.

-- Step 1, read the batch: one pass over the call's mutations, no writes. Per position:
-- the mutation, its id (null = not a uuid), row id, fields.school_id, seq (null when
-- malformed), table, `bad` (the refusal of a malformed seq or of fields/base over 64 KB:
-- refused alone, never failing the call) and `fast`, the key of the set-based run the
-- mutation may join (null = per-mutation path only):
--   'insert|<table>|<sorted keys>'  plain insert: synced-insert table without a foreign key
--                                    to itself, row_id and fields.school_id uuids, only
--                                    insert columns;
--   'patch|<table>|<sorted keys>'   patch of a table with school_id: non-empty fields of
--                                    patch columns only, a base object holding every key;
--   'delete|<table>|'               delete (tombstone) on a table with school_id.
-- `counts`: mutation id -> occurrences, for ids used more than once in the call (they go
-- one by one, the later ones answered as duplicates).
create function private.sync_read_batch(
  p_mutations jsonb,
  out ms jsonb[], out mids uuid[], out fast text[], out row_ids uuid[], out schools_of uuid[],
  out seqs bigint[], out tables text[], out bad jsonb[], out counts jsonb)
language sql
stable
security invoker
set search_path = ''
as $$
  with tbl as (
    select t.*,
           cardinality(t.insert_columns) > 0
             and not exists (select 1 from pg_catalog.pg_constraint c
                             where c.contype = 'f'
                               and c.conrelid = pg_catalog.format('public.%I', t.table_name)::regclass
                               and c.confrelid = c.conrelid) as fast_insert,
           exists (select 1 from pg_catalog.pg_attribute a
                   where a.attrelid = pg_catalog.format('public.%I', t.table_name)::regclass
                     and a.attname = 'school_id' and a.attnum > 0 and not a.attisdropped) as has_school
    from private.sync_tables t
  ), x as materialized (
    select e.m, e.n, u.mid, u.row_id, u.school_id, e.m ->> 'table' as tbl,
           case when v.seq_ok then (e.m ->> 'seq')::bigint end as seq,
           v.bad,
           case when v.bad is not null or u.row_id is null then null
                when e.m ->> 'op' = 'insert' and u.school_id is not null and t.fast_insert and ks.insertable
                  then 'insert|' || t.table_name || '|' || ks.keys
                when e.m ->> 'op' = 'patch' and t.has_school and ks.patchable and ks.based
                  then 'patch|' || t.table_name || '|' || ks.keys
                when e.m ->> 'op' = 'delete' and t.has_school and t.can_delete
                  then 'delete|' || t.table_name || '|'
           end as fast
    from pg_catalog.jsonb_array_elements(p_mutations) with ordinality as e (m, n)
    cross join lateral (
      select case when pg_catalog.jsonb_typeof(e.m -> 'mutation_id') = 'string' then e.m ->> 'mutation_id' end as mid,
             case when pg_catalog.jsonb_typeof(e.m -> 'row_id') = 'string' then e.m ->> 'row_id' end as row_id,
             case when pg_catalog.jsonb_typeof(e.m -> 'fields') = 'object'
                       and pg_catalog.jsonb_typeof(e.m -> 'fields' -> 'school_id') = 'string'
                  then e.m -> 'fields' ->> 'school_id' end as school_id
      offset 0
    ) s
    -- The uuid test of private.sync_uuid_or_null (~* 8-4-4-4-12 hex digits) without a regex
    -- or a function call per field: 36 characters, dashes exactly at 9, 14, 19, 24, the
    -- other 32 hex digits.
    cross join lateral (
      select case when pg_catalog.length(s.mid) = 36 and pg_catalog.translate(s.mid, '0123456789abcdefABCDEF', '') = '----'
                       and pg_catalog.strpos(s.mid, '-') = 9 and pg_catalog.substr(s.mid, 14, 1) = '-'
                       and pg_catalog.substr(s.mid, 19, 1) = '-' and pg_catalog.substr(s.mid, 24, 1) = '-'
                  then s.mid::uuid end as mid,
             case when pg_catalog.length(s.row_id) = 36 and pg_catalog.translate(s.row_id, '0123456789abcdefABCDEF', '') = '----'
                       and pg_catalog.strpos(s.row_id, '-') = 9 and pg_catalog.substr(s.row_id, 14, 1) = '-'
                       and pg_catalog.substr(s.row_id, 19, 1) = '-' and pg_catalog.substr(s.row_id, 24, 1) = '-'
                  then s.row_id::uuid end as row_id,
             case when pg_catalog.length(s.school_id) = 36 and pg_catalog.translate(s.school_id, '0123456789abcdefABCDEF', '') = '----'
                       and pg_catalog.strpos(s.school_id, '-') = 9 and pg_catalog.substr(s.school_id, 14, 1) = '-'
                       and pg_catalog.substr(s.school_id, 19, 1) = '-' and pg_catalog.substr(s.school_id, 24, 1) = '-'
                  then s.school_id::uuid end as school_id
    ) u
    -- seq: absent, null, or a JSON integer 0 .. 10^18-1 (no cast that could fail the call).
    -- fields and base: at most 64 KB each as JSON; JSON text is at most 6 times the stored
    -- jsonb (escapes), so only a mutation over 65536 / 6 bytes is measured.
    cross join lateral (
      select s2.seq_ok,
             case when not s2.seq_absent and not s2.seq_ok
                    then pg_catalog.jsonb_build_object('status', 'rejected', 'code', 'invalid_mutation',
                           'message', 'seq must be an integer from 0 to 999999999999999999')
                  when s2.big > 65536
                    then pg_catalog.jsonb_build_object('status', 'rejected', 'code', 'too_large',
                           'message', pg_catalog.format('fields and base may hold at most 64 KB (65536 bytes) each as JSON; this mutation holds %s bytes', s2.big))
             end as bad
      from (
        select coalesce(pg_catalog.jsonb_typeof(e.m -> 'seq'), 'null') = 'null' as seq_absent,
               pg_catalog.jsonb_typeof(e.m -> 'seq') = 'number'
                 and pg_catalog.length(e.m ->> 'seq') between 1 and 18
                 and pg_catalog.translate(e.m ->> 'seq', '0123456789', '') = '' as seq_ok,
               case when pg_catalog.pg_column_size(e.m) > 10922
                    then greatest(coalesce(pg_catalog.octet_length((e.m -> 'fields')::text), 0),
                                  coalesce(pg_catalog.octet_length((e.m -> 'base')::text), 0)) end as big
      ) s2
    ) v
    left join tbl t on t.table_name = e.m ->> 'table'
    cross join lateral (
      select pg_catalog.string_agg(k, ',' order by k) as keys,
             coalesce(pg_catalog.bool_and(k = 'school_id' or k = any (t.insert_columns)), false) as insertable,
             coalesce(pg_catalog.bool_and(k = any (t.patch_columns)), false) as patchable,
             coalesce(pg_catalog.bool_and(pg_catalog.jsonb_typeof(e.m -> 'base') = 'object' and (e.m -> 'base') ? k), false) as based
      from pg_catalog.jsonb_object_keys(case when pg_catalog.jsonb_typeof(e.m -> 'fields') = 'object'
                                             then e.m -> 'fields' else '{}'::jsonb end) as k
    ) ks
  )
  select coalesce(pg_catalog.array_agg(x.m order by x.n), '{}'),
         coalesce(pg_catalog.array_agg(x.mid order by x.n), '{}'),
         coalesce(pg_catalog.array_agg(x.fast order by x.n), '{}'),
         coalesce(pg_catalog.array_agg(x.row_id order by x.n), '{}'),
         coalesce(pg_catalog.array_agg(x.school_id order by x.n), '{}'),
         coalesce(pg_catalog.array_agg(x.seq order by x.n), '{}'),
         coalesce(pg_catalog.array_agg(x.tbl order by x.n), '{}'),
         coalesce(pg_catalog.array_agg(x.bad order by x.n), '{}'),
         coalesce((select pg_catalog.jsonb_object_agg(d.mid::text, d.uses)
                   from (select y.mid, pg_catalog.count(*) as uses from x y
                         where y.mid is not null group by y.mid having pg_catalog.count(*) > 1) d), '{}'::jsonb)
  from x
$$;
revoke all on function private.sync_read_batch(jsonb) from public, anon, authenticated;
grant execute on function private.sync_read_batch(jsonb) to authenticated;

-- Step 2, claim ids: the well-formed ids of the call claimed for the caller in one
-- statement (private.sync_claim_mutations, which owns the idempotency rules), as two maps:
-- claimed (id -> true, claimed now) and stored (id -> its stored result, claimed before).
create function private.sync_claim_ids(
  p_device_id uuid, p_mids uuid[], p_seqs bigint[], p_tables text[], p_row_ids uuid[],
  out claimed jsonb, out stored jsonb)
language sql
volatile
security invoker
set search_path = ''
as $$
  select coalesce(pg_catalog.jsonb_object_agg(c.mutation_id::text, true) filter (where c.claimed), '{}'::jsonb),
         coalesce(pg_catalog.jsonb_object_agg(c.mutation_id::text, coalesce(c.stored, '{}'::jsonb)) filter (where not c.claimed), '{}'::jsonb)
  from private.sync_claim_mutations(p_device_id, p_mids, p_seqs, p_tables, p_row_ids) c
$$;
revoke all on function private.sync_claim_ids(uuid, uuid[], bigint[], text[], uuid[]) from public, anon, authenticated;
grant execute on function private.sync_claim_ids(uuid, uuid[], bigint[], text[], uuid[]) to authenticated;

-- Step 3a, apply inserts: a run of plain inserts (same table, same field names, distinct
-- row ids, ids claimed now) as ONE INSERT in one subtransaction. Returns row id -> result
-- ({status: applied}) for every row, or null when the INSERT failed for a non-transient
-- reason or did not insert exactly one row per mutation (nothing of it stays; the caller
-- applies the run one by one).
-- Must hold:
-- * counters before rows: the run's schools (fields.school_id) are locked, sorted, first;
-- * RLS WITH CHECK subqueries run once per statement instead of once per mutation: the same
--   answer, because no insert policy reads the table it guards; BEFORE ROW triggers see the
--   earlier rows of the run as they would one by one;
-- * foreign keys are checked at the end of the INSERT, so a table with a foreign key to
--   itself (questionnaire_templates.based_on) never comes here (a forward reference would
--   pass here but fail one by one: sync_read_batch leaves those tables out);
-- * no RETURNING, as the per-mutation INSERT: nothing of the new rows is read back, so
--   neither path needs them to pass the SELECT policy; the row count is the check.
create function private.sync_apply_inserts(p_table text, p_keys text[], p_rows jsonb[], p_schools uuid[])
returns jsonb
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_school uuid;
  v_count integer;
  v_state text;
begin
  begin
    for v_school in select distinct s from pg_catalog.unnest(p_schools) s order by s loop
      perform private.sync_lock_school(v_school);
    end loop;
    execute pg_catalog.format(
      'insert into public.%1$I (id, %2$s) '
      'select (x.m ->> ''row_id'')::uuid, %3$s '
      'from pg_catalog.unnest($1) with ordinality as x (m, n) '
      'cross join lateral pg_catalog.jsonb_populate_record(null::public.%1$I, x.m -> ''fields'') r '
      'order by x.n',
      p_table,
      (select pg_catalog.string_agg(pg_catalog.quote_ident(k), ', ' order by o) from pg_catalog.unnest(p_keys) with ordinality as u (k, o)),
      (select pg_catalog.string_agg('r.' || pg_catalog.quote_ident(k), ', ' order by o) from pg_catalog.unnest(p_keys) with ordinality as u (k, o)))
      using p_rows;
    get diagnostics v_count = row_count;
    if v_count is distinct from cardinality(p_rows) then
      raise exception using errcode = 'SYNFB', message = 'sync_fast_path_row_count';
    end if;
    return (select pg_catalog.jsonb_object_agg(m ->> 'row_id', '{"status": "applied"}'::jsonb)
            from pg_catalog.unnest(p_rows) m);
  exception when others then
    get stacked diagnostics v_state = returned_sqlstate;
    if v_state like '40%' or v_state like '53%' or v_state = '55P03' then
      raise;
    end if;
    return null;
  end;
end;
$$;
revoke all on function private.sync_apply_inserts(text, text[], jsonb[], uuid[]) from public, anon, authenticated;
grant execute on function private.sync_apply_inserts(text, text[], jsonb[], uuid[]) to authenticated;

-- Step 3b, apply patches: ONE attempt at a run of patches (same table, same field names,
-- distinct row ids, ids claimed now) as one UPDATE … FROM in one subtransaction.
-- Only the rows that merge without a question take this path, i.e. where the per-mutation
-- three-way merge would apply every field: the row is visible, lockable FOR UPDATE (which
-- applies the UPDATE policies), not a tombstone, and for every field the server value
-- equals the base and differs from the new value (compared as the per-mutation merge does:
-- the client JSON cast through the table's row type, then as jsonb). The others (invisible,
-- not updatable, deleted, a conflict, a field already so) are left out of the answer: the
-- caller sends them down the per-mutation path, which records their conflicts or refusals.
-- Returns row id -> result ({status, applied}, what the per-mutation path answers) for the
-- rows it updated, or null when the attempt failed for a non-transient reason (a check, a
-- guard, WITH CHECK, a bad value): nothing of it stays.
-- Must hold: counters (the schools of the visible rows, sorted) before rows; the UPDATE
-- sets exactly the fields sent; the UPDATE's row count equals the eligible rows, or the
-- attempt fails (a row filtered by a policy would otherwise be answered without being
-- written).
create function private.sync_apply_patches(p_table text, p_keys text[], p_rows jsonb[])
returns jsonb
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_ids uuid[];
  v_ok uuid[];
  v_school uuid;
  v_count integer;
  v_state text;
  v_applied jsonb;
  v_live text;
begin
  select pg_catalog.array_agg((m ->> 'row_id')::uuid) into v_ids from pg_catalog.unnest(p_rows) m;
  -- The per-mutation answer lists the applied fields in the order of the fields object's
  -- keys (jsonb's own order, the same for every mutation of the run: same key set).
  select pg_catalog.jsonb_agg(k) into v_applied from pg_catalog.jsonb_object_keys(p_rows[1] -> 'fields') k;
  v_live := case when exists (select 1 from pg_catalog.pg_attribute a
                              where a.attrelid = pg_catalog.format('public.%I', p_table)::regclass
                                and a.attname = 'deleted_at' and a.attnum > 0 and not a.attisdropped)
                 then 't.deleted_at is null' else 'true' end;
  begin
    for v_school in execute pg_catalog.format(
        'select distinct t.school_id from public.%I t where t.id = any ($1) order by 1', p_table)
        using v_ids loop
      perform private.sync_lock_school(v_school);
    end loop;
    execute pg_catalog.format(
      'select array(select t.id from pg_catalog.unnest($1) as x (m) '
      'join public.%1$I t on t.id = (x.m ->> ''row_id'')::uuid '
      'cross join lateral pg_catalog.jsonb_populate_record(null::public.%1$I, x.m -> ''fields'') n '
      'cross join lateral pg_catalog.jsonb_populate_record(null::public.%1$I, x.m -> ''base'') b '
      'where %2$s and %3$s order by t.id for update of t)',
      p_table, v_live,
      (select pg_catalog.string_agg(pg_catalog.format(
                'pg_catalog.to_jsonb(t.%1$I) is not distinct from pg_catalog.to_jsonb(b.%1$I) '
                'and pg_catalog.to_jsonb(t.%1$I) is distinct from pg_catalog.to_jsonb(n.%1$I)', k), ' and ')
       from pg_catalog.unnest(p_keys) k))
      into v_ok using p_rows;
    if cardinality(v_ok) > 0 then
      execute pg_catalog.format(
        'update public.%1$I t set %2$s '
        'from pg_catalog.unnest($1) as x (m) '
        'cross join lateral pg_catalog.jsonb_populate_record(null::public.%1$I, x.m -> ''fields'') r '
        'where t.id = (x.m ->> ''row_id'')::uuid and t.id = any ($2)',
        p_table,
        (select pg_catalog.string_agg(pg_catalog.format('%1$I = r.%1$I', k), ', ') from pg_catalog.unnest(p_keys) k))
        using p_rows, v_ok;
      get diagnostics v_count = row_count;
      if v_count is distinct from cardinality(v_ok) then
        raise exception using errcode = 'SYNFB', message = 'sync_fast_path_row_count';
      end if;
    end if;
    return coalesce(
      (select pg_catalog.jsonb_object_agg(id::text, pg_catalog.jsonb_build_object('status', 'applied', 'applied', v_applied))
       from pg_catalog.unnest(v_ok) id),
      '{}'::jsonb);
  exception when others then
    get stacked diagnostics v_state = returned_sqlstate;
    if v_state like '40%' or v_state like '53%' or v_state = '55P03' then
      raise;
    end if;
    return null;
  end;
end;
$$;
revoke all on function private.sync_apply_patches(text, text[], jsonb[]) from public, anon, authenticated;
grant execute on function private.sync_apply_patches(text, text[], jsonb[]) to authenticated;

-- Step 3c, apply deletes: ONE attempt at a run of deletes (same table, distinct row ids)
-- as one UPDATE … SET deleted_at in one subtransaction. Takes the rows that are visible,
-- lockable FOR UPDATE and not yet tombstones; the others (invisible, not updatable, already
-- deleted) are left to the per-mutation path, which answers them as it always did.
-- Returns row id -> result ({status: applied}) for the rows it tombstoned, or null when the
-- attempt failed (nothing of it stays). Same locking and counting rules as
-- sync_apply_patches.
create function private.sync_apply_deletes(p_table text, p_rows jsonb[])
returns jsonb
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_ids uuid[];
  v_ok uuid[];
  v_school uuid;
  v_count integer;
  v_state text;
begin
  select pg_catalog.array_agg((m ->> 'row_id')::uuid) into v_ids from pg_catalog.unnest(p_rows) m;
  begin
    for v_school in execute pg_catalog.format(
        'select distinct t.school_id from public.%I t where t.id = any ($1) order by 1', p_table)
        using v_ids loop
      perform private.sync_lock_school(v_school);
    end loop;
    execute pg_catalog.format(
      'select array(select t.id from public.%I t where t.id = any ($1) and t.deleted_at is null '
      'order by t.id for update of t)', p_table)
      into v_ok using v_ids;
    if cardinality(v_ok) > 0 then
      execute pg_catalog.format(
        'update public.%I t set deleted_at = pg_catalog.now() where t.id = any ($1)', p_table)
        using v_ok;
      get diagnostics v_count = row_count;
      if v_count is distinct from cardinality(v_ok) then
        raise exception using errcode = 'SYNFB', message = 'sync_fast_path_row_count';
      end if;
    end if;
    return coalesce(
      (select pg_catalog.jsonb_object_agg(id::text, '{"status": "applied"}'::jsonb) from pg_catalog.unnest(v_ok) id),
      '{}'::jsonb);
  exception when others then
    get stacked diagnostics v_state = returned_sqlstate;
    if v_state like '40%' or v_state like '53%' or v_state = '55P03' then
      raise;
    end if;
    return null;
  end;
end;
$$;
revoke all on function private.sync_apply_deletes(text, jsonb[]) from public, anon, authenticated;
grant execute on function private.sync_apply_deletes(text, jsonb[]) to authenticated;

-- Step 3 for patches and deletes: a run, tried set-based and halved on failure, so that a
-- poison mutation costs a few subtransactions and not one per mutation of its run. Ranges
-- are tried left to right; a failed range is split in two while it holds more than 8
-- mutations and the run has failed fewer than 16 times (a run where everything fails,
-- e.g. a caller whose every write is refused, then costs at most 16 extra attempts).
-- Returns row id -> result for every row applied here; the rest of the run (failed small
-- ranges, rows left out by an attempt) takes the per-mutation path.
create function private.sync_apply_run(p_op text, p_table text, p_keys text[], p_rows jsonb[])
returns jsonb
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_done jsonb := '{}'::jsonb;
  v_los integer[] := array[1];
  v_his integer[] := array[cardinality(p_rows)];
  v_lo integer;
  v_hi integer;
  v_half integer;
  v_failures integer := 0;
  v_part jsonb;
begin
  while cardinality(v_los) > 0 loop
    v_lo := v_los[1];
    v_hi := v_his[1];
    v_los := v_los[2:];
    v_his := v_his[2:];
    v_part := case p_op
      when 'patch' then private.sync_apply_patches(p_table, p_keys, p_rows[v_lo:v_hi])
      when 'delete' then private.sync_apply_deletes(p_table, p_rows[v_lo:v_hi])
    end;
    if v_part is not null then
      v_done := v_done || v_part;
    else
      v_failures := v_failures + 1;
      if v_hi - v_lo + 1 > 8 and v_failures < 16 then
        v_half := (v_lo + v_hi) / 2;
        v_los := array[v_lo, v_half + 1] || v_los;
        v_his := array[v_half, v_hi] || v_his;
      end if;
    end if;
  end loop;
  return v_done;
end;
$$;
revoke all on function private.sync_apply_run(text, text, text[], jsonb[]) from public, anon, authenticated;
grant execute on function private.sync_apply_run(text, text, text[], jsonb[]) to authenticated;

-- Step 3d, one mutation in its own subtransaction (private.sync_apply_mutation owns the
-- validation and the three-way merge): a malformed or oversized mutation (`p_bad`) is
-- refused without touching anything; a database error rolls back this mutation alone and
-- is answered `rejected` with its SQLSTATE, constraint and message. (Not the error's
-- detail: a unique or foreign-key violation's detail quotes key values, possibly of a row
-- the caller may not read.)
create function private.sync_apply_one(p_mutation_id uuid, p_m jsonb, p_bad jsonb)
returns jsonb
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_state text;
  v_message text;
  v_constraint text;
begin
  if p_bad is not null then
    return p_bad || pg_catalog.jsonb_build_object('mutation_id', p_mutation_id);
  end if;
  begin
    return private.sync_apply_mutation(p_mutation_id, p_m);
  exception when others then
    get stacked diagnostics v_state = returned_sqlstate, v_message = message_text,
                            v_constraint = constraint_name;
    if v_state like '40%' or v_state like '53%' or v_state = '55P03' then
      raise;
    end if;
    return pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
      'mutation_id', p_mutation_id, 'status', 'rejected', 'code', v_state,
      'constraint', nullif(v_constraint, ''), 'message', v_message));
  end;
end;
$$;
revoke all on function private.sync_apply_one(uuid, jsonb, jsonb) from public, anon, authenticated;
grant execute on function private.sync_apply_one(uuid, jsonb, jsonb) to authenticated;

-- Step 4, record results: sync_push stores the results of the mutations claimed in this
-- call in one statement (private.sync_finish_mutations, 910_sync_mutation_log.sql: claims
-- and results commit together). A device learns the versions it wrote from sync_pull.

-- ---------------------------------------------------------------- push
-- p_mutations: [{ mutation_id, seq, table, row_id, op: insert|patch|delete, fields, base }]
-- Returns { results: [{ mutation_id, status: applied|duplicate|conflict|rejected, code?,
--   constraint?, message?, applied?, original_status? }] }, no more: every key is read by
--   the device (src/data/syncStore.ts settlePushResults). `applied` (patches, and inserts
--   merged into an existing row) names the fields written; [] = nothing was written. The
--   fields of a conflict are named by its public.sync_conflicts rows; versions come with
--   the rows in sync_pull.
-- `code` is a 5-character SQLSTATE for database refusals (42501 RLS/guard/invisible row or
-- no membership, 23514 check or business rule, 23503 FK, 23502 not null, 23505 unique,
-- 22xxx bad value, 54000 row_too_large) and a word for sync refusals (invalid_mutation:
-- a malformed mutation id, seq, op, row_id, fields or base; too_large: fields or base over
-- 64 KB; unknown_table, unknown_column, readonly_column, op_not_allowed,
-- school_id_required, school_id_immutable) or for conflicts (field_conflict, row_deleted).
-- `rejected` and `conflict` are final: the device keeps the text for the user, it never
-- re-sends the same mutation id expecting another answer.
-- The whole call fails only for a bad call (not signed in, no device id, not an array,
-- over 500 mutations: 54000 too_many_mutations, over 2 MB: 54000 batch_too_large) or a
-- transient error (40xxx, 53xxx, 55P03): then the device retries later, or in smaller calls.
--
-- Speed: 1,000 queued changes cost a small multiple of one multi-row INSERT/UPDATE of the
-- rows. The ids are claimed in ONE statement and the results stored in ONE statement; a
-- run of consecutive mutations with the same set-based key (sync_read_batch: same op, table
-- and field names; ids claimed now and used once in the call; distinct row ids; two or
-- more) is applied by one statement (steps 3a-3c). Within such a run (distinct rows of one
-- table) the rows the set-based statement leaves out are applied after it, one by one;
-- runs and single mutations keep the batch's order.
create function public.sync_push(p_device_id uuid, p_mutations jsonb)
returns jsonb
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  -- The read batch (private.sync_read_batch), per position, and its repeated ids.
  v_ms jsonb[];
  v_mids uuid[];
  v_fast text[];
  v_row_ids uuid[];
  v_schools_of uuid[];
  v_seqs bigint[];
  v_tables text[];
  v_bad jsonb[];
  v_counts jsonb;
  v_claimed jsonb;                    -- mutation id -> true, claimed by this call
  v_stored jsonb;                     -- mutation id -> its stored result, claimed before
  v_n integer;
  v_out jsonb[];                      -- per position: its answer (set when decided)
  v_slow boolean[];                   -- per position: per-mutation path only
  v_seen jsonb := '{}'::jsonb;        -- repeated mutation id -> its result in this call
  v_fin_ids uuid[] := '{}'::uuid[];
  v_fin_results jsonb[] := '{}'::jsonb[];
  v_bytes bigint;
  v_i integer;
  v_end integer;
  v_mid uuid;
  v_op text;
  v_set jsonb;
  v_result jsonb;
begin
  if auth.uid() is null then
    raise exception using errcode = '42501', message = 'not_authenticated';
  end if;
  if p_device_id is null then
    raise exception using errcode = '22023', message = 'device_id_required';
  end if;
  if pg_catalog.jsonb_typeof(p_mutations) is distinct from 'array' then
    raise exception using errcode = '22023', message = 'mutations_not_an_array';
  end if;
  -- Per-mutation subtransactions past 64 per transaction overflow PostgreSQL's subxid cache
  -- (snapshots get slower server-wide); the set-based runs need one per run.
  if pg_catalog.jsonb_array_length(p_mutations) > 500 then
    raise exception using errcode = '54000', message = 'too_many_mutations', hint = 'send at most 500 per call';
  end if;
  -- The body as JSON text, the size PostgREST received (give or take whitespace).
  v_bytes := pg_catalog.octet_length(p_mutations::text);
  if v_bytes > 2097152 then
    raise exception using errcode = '54000', message = 'batch_too_large',
      detail = pg_catalog.format('%s bytes of mutations', v_bytes),
      hint = 'send at most 2 MB (2097152 bytes) of mutations per call, in smaller batches';
  end if;
  -- Nobody without an active membership writes anything, not even into the mutation log:
  -- every mutation is refused (final, the device keeps its text) and nothing is logged.
  if not exists (select 1 from private.my_school_ids()) then
    return pg_catalog.jsonb_build_object(
      'results', coalesce(
        (select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
                  'mutation_id', e.m -> 'mutation_id', 'status', 'rejected', 'code', '42501',
                  'message', 'no_membership') order by e.n)
         from pg_catalog.jsonb_array_elements(p_mutations) with ordinality as e (m, n)),
        '[]'::jsonb));
  end if;
  -- A minor without a valid parental consent stores nothing (the consent_required triggers
  -- would refuse every row anyway): refused whole, before anything is logged.
  if private.caller_needs_consent() then
    return pg_catalog.jsonb_build_object(
      'results', coalesce(
        (select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
                  'mutation_id', e.m -> 'mutation_id', 'status', 'rejected', 'code', '23514',
                  'constraint', 'consent_required', 'message', 'consent_required') order by e.n)
         from pg_catalog.jsonb_array_elements(p_mutations) with ordinality as e (m, n)),
        '[]'::jsonb));
  end if;

  select * into v_ms, v_mids, v_fast, v_row_ids, v_schools_of, v_seqs, v_tables, v_bad, v_counts
  from private.sync_read_batch(p_mutations);
  v_n := cardinality(v_ms);
  if v_n = 0 then
    return pg_catalog.jsonb_build_object('results', '[]'::jsonb);
  end if;
  select * into v_claimed, v_stored from private.sync_claim_ids(p_device_id, v_mids, v_seqs, v_tables, v_row_ids);
  v_out := pg_catalog.array_fill(null::jsonb, array[v_n]);
  v_slow := pg_catalog.array_fill(false, array[v_n]);

  v_i := 1;
  while v_i <= v_n loop
    v_mid := v_mids[v_i];
    if v_out[v_i] is not null then
      v_i := v_i + 1; -- answered by a set-based run
      continue;
    end if;
    if v_mid is null then
      v_out[v_i] := pg_catalog.jsonb_build_object(
        'mutation_id', v_ms[v_i] -> 'mutation_id', 'status', 'rejected', 'code', 'invalid_mutation',
        'message', 'mutation_id must be a uuid');
      v_i := v_i + 1;
      continue;
    end if;
    -- Claimed by this user before this call, or an id repeated within it: answered from the
    -- log. (The log is per user: another user's id of the same value is another mutation.)
    v_result := coalesce(v_stored -> v_mid::text, v_seen -> v_mid::text);
    if v_result is not null then
      v_out[v_i] := v_result || pg_catalog.jsonb_build_object(
        'mutation_id', v_mid, 'status', 'duplicate', 'original_status', v_result -> 'status');
      v_i := v_i + 1;
      continue;
    end if;
    if not v_claimed ? v_mid::text then
      -- Cannot happen (every well-formed id is claimed or stored); refuse rather than apply.
      raise exception using errcode = 'XX000', message = 'sync_push_claim_missing';
    end if;

    -- A set-based run starting here: the same key, ids claimed now and used once, distinct
    -- row ids. What it applies is answered; the rest of the run goes one by one below.
    if v_fast[v_i] is not null and not v_slow[v_i] and not v_counts ? v_mid::text then
      v_end := v_i;
      while v_end < v_n
            and v_fast[v_end + 1] is not distinct from v_fast[v_i]
            and not v_slow[v_end + 1]
            and v_mids[v_end + 1] is not null
            and v_claimed ? v_mids[v_end + 1]::text
            and not v_counts ? v_mids[v_end + 1]::text
            and v_row_ids[v_end + 1] <> all (v_row_ids[v_i:v_end]) loop
        v_end := v_end + 1;
      end loop;
      if v_end > v_i then
        v_op := pg_catalog.split_part(v_fast[v_i], '|', 1);
        v_set := case when v_op = 'insert'
          then private.sync_apply_inserts(pg_catalog.split_part(v_fast[v_i], '|', 2),
                 pg_catalog.string_to_array(pg_catalog.split_part(v_fast[v_i], '|', 3), ','),
                 v_ms[v_i:v_end], v_schools_of[v_i:v_end])
          else private.sync_apply_run(v_op, pg_catalog.split_part(v_fast[v_i], '|', 2),
                 pg_catalog.string_to_array(pg_catalog.split_part(v_fast[v_i], '|', 3), ','),
                 v_ms[v_i:v_end])
        end;
        for v_j in v_i .. v_end loop
          v_result := v_set -> v_row_ids[v_j]::text;
          if v_result is null then
            v_slow[v_j] := true;
          else
            v_result := v_result || pg_catalog.jsonb_build_object('mutation_id', v_mids[v_j]);
            v_out[v_j] := v_result;
            v_fin_ids := v_fin_ids || v_mids[v_j];
            v_fin_results := v_fin_results || v_result;
          end if;
        end loop;
        continue; -- v_i again: answered now, or down the per-mutation path
      end if;
    end if;

    v_result := private.sync_apply_one(v_mid, v_ms[v_i], v_bad[v_i]);
    v_out[v_i] := v_result;
    if v_counts ? v_mid::text then
      v_seen := v_seen || pg_catalog.jsonb_build_object(v_mid::text, v_result);
    end if;
    v_fin_ids := v_fin_ids || v_mid;
    v_fin_results := v_fin_results || v_result;
    v_i := v_i + 1;
  end loop;

  if cardinality(v_fin_ids) > 0 then
    perform private.sync_finish_mutations(v_fin_ids, v_fin_results);
  end if;
  return pg_catalog.jsonb_build_object('results', pg_catalog.to_jsonb(v_out));
end;
$$;
revoke all on function public.sync_push(uuid, jsonb) from public, anon, authenticated;
grant execute on function public.sync_push(uuid, jsonb) to authenticated;
