-- Owns: the `private` schema (never exposed through the API), the per-school sync counter
-- (private.school_sync_versions, private.next_school_version), the trigger functions every
-- synced table uses (private.stamp_synced_row, private.stamp_school_row,
-- private.scrub_tombstone) and the consent gate (private.caller_needs_consent,
-- private.require_consent).
--
-- The files of supabase/schemas/ are applied in name order; each table's file holds its
-- whole definition (columns, constraints, indexes, rule triggers, RLS, grants, policies).
-- supabase/build-migration.mjs concatenates them into the migration
-- 20261125000100_schema.sql (never edit that file; edit these and run `npm run db:build`).
--
-- Invariants kept here:
-- * Every write to a synced table is stamped with its school's counter, incremented ONCE
--   per transaction under the counter row's lock. Writers in one school serialize on that
--   row, so commit order equals version order (SYNC.md "Server versioning"). Writes that
--   bypass the sync RPC (dashboard, SQL, backfills) go through the same trigger.
-- * `id` and `school_id` never change: nobody re-keys a row or moves it to another school.
-- * `created_at` / `created_by` are set once; `updated_at` is the server's time.
-- * A client (role `authenticated`) that inserts an id which exists already, in any school,
--   is answered 42501 'row_not_visible', exactly as for a row it cannot see: the unique
--   index would otherwise name the key (23505 "..._pkey"), an existence oracle.
-- * A client cannot un-delete a tombstone, and a tombstone is dated by the server.
-- * No row is larger than 64 KB as JSON, whoever writes it (54000 'row_too_large').
-- Built-in rows that belong to no school (default questionnaire templates) use the nil
-- uuid as their counter key ("global" scope).
--
-- Sync contract of every synced table (everything a device keeps, SYNC.md):
--   id uuid (client-generated), school_id (immutable), pair_id or participant_id when the
--   row is narrower than a school, version (stamped by private.stamp_synced_row),
--   deleted_at (tombstone: clients soft-delete), created_at, updated_at, created_by.
-- Children carry the parent's school_id/pair_id and a composite foreign key to
-- (parent id, pair_id, school_id), so the denormalised scope can never disagree with the
-- parent. Constraint names are part of the API: the client maps them to messages.
--
-- In every table's file, next to the table:
-- * Size: free-text columns have a length CHECK named <table>_<column>_length (names and
--   titles 500 characters, comments and reflections 2,000, meeting texts and private notes
--   10,000), so the table API cannot store a 4 MB meeting.
-- * Tombstones carry no personal data: a BEFORE trigger zy_scrub_tombstone (after the rule
--   triggers, before zz_sync_stamp) erases the listed free-text / personal columns of a row
--   whose deleted_at is set, and erases and tombstones the sync_conflicts rows about it.
--   Every CHECK that would refuse an erased tombstone accepts one (deleted_at is not null).
-- * Every foreign key's columns lead an index (the performance advisor's
--   "unindexed foreign keys"), named <table>_<what>_fk_idx when the key is composite.
--
-- Business rules that need more than a CHECK constraint (they read other rows or who the
-- caller is) are trigger functions in the file of the table they guard. Rule violations
-- raise SQLSTATE 23514 with `constraint` set to a stable name the client translates; "you
-- may not" raises 42501 like RLS does.
-- Role-dependent guards act only when the statement runs as `authenticated` (the API);
-- service_role, migrations and SECURITY DEFINER functions (redeem_invite) are trusted.
-- Rule triggers are named so they run before zy_scrub_tombstone and zz_sync_stamp (BEFORE
-- triggers fire in name order); a rule never refuses a tombstone for its erased text.
-- Every synced table's file ends its triggers with the same three objects: the consent gate
-- aa_consent_required (statement level, first), zz_sync_stamp (named zz_ so it fires after
-- the rule triggers: BEFORE triggers run in name order) and the (school_id, version) index
-- sync_pull reads by.

create schema if not exists private;
revoke all on schema private from public, anon, authenticated;
-- Policies are evaluated as the caller, so the caller needs USAGE here and EXECUTE on the
-- helpers the policies call. The schema is not in the PostgREST exposed schemas.
grant usage on schema private to authenticated;
-- Every function here is revoked from PUBLIC by name, in its file: a per-schema
-- ALTER DEFAULT PRIVILEGES ... REVOKE cannot take back what PostgreSQL grants globally
-- (EXECUTE to PUBLIC), so it would do nothing.

create table private.school_sync_versions (
  school_id uuid primary key,
  version bigint not null default 0
);
revoke all on private.school_sync_versions from public, anon, authenticated;

-- The version of the current transaction for one school: bumped on the first write of the
-- transaction, then reused from a transaction-local setting keyed by school and txid.
-- A rolled-back savepoint reverts both the counter row and the setting together.
create function private.next_school_version(p_school_id uuid)
returns bigint
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_key text := 'nastavnik.sync_v_' || replace(coalesce(p_school_id, '00000000-0000-0000-0000-000000000000'::uuid)::text, '-', '');
  v_txid text := pg_catalog.pg_current_xact_id()::text;
  v_cached text := pg_catalog.current_setting(v_key, true);
  v_version bigint;
begin
  if v_cached is not null and pg_catalog.split_part(v_cached, ':', 1) = v_txid then
    return pg_catalog.split_part(v_cached, ':', 2)::bigint;
  end if;
  insert into private.school_sync_versions as s (school_id, version)
  values (coalesce(p_school_id, '00000000-0000-0000-0000-000000000000'::uuid), 1)
  on conflict (school_id) do update set version = s.version + 1
  returning s.version into v_version;
  perform pg_catalog.set_config(v_key, v_txid || ':' || v_version::text, true);
  return v_version;
end;
$$;

-- BEFORE INSERT OR UPDATE on every synced table that has a `school_id` column.
-- SECURITY DEFINER so the existence check below sees every row, whatever the caller's RLS.
-- The caller's database role is read from the `role` setting (SET ROLE / PostgREST's
-- set_config), which a SECURITY DEFINER function does not change.
create function private.stamp_synced_row()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_client boolean := pg_catalog.current_setting('role', true) = 'authenticated';
  v_exists boolean;
  v_bytes integer;
begin
  if tg_op = 'UPDATE' then
    if new.id is distinct from old.id then
      raise exception using errcode = '23514', message = 'id_immutable',
        constraint = 'id_immutable',
        detail = pg_catalog.format('%s %s', tg_table_name, old.id);
    end if;
    if new.school_id is distinct from old.school_id then
      raise exception using errcode = '23514', message = 'school_id_immutable',
        constraint = 'school_id_immutable',
        detail = pg_catalog.format('%s %s', tg_table_name, old.id);
    end if;
    if v_client and new.deleted_at is distinct from old.deleted_at then
      if old.deleted_at is not null then
        raise exception using errcode = '42501', message = 'row_deleted',
          detail = pg_catalog.format('%s %s', tg_table_name, old.id);
      end if;
      new.deleted_at := pg_catalog.now();
    end if;
    new.created_at := old.created_at;
    new.created_by := old.created_by;
    new.updated_at := pg_catalog.now();
  else
    if v_client then
      -- Checked before the primary key's unique index, as the definer: an id taken in
      -- another school (or by a row of this school the caller cannot see) is refused like
      -- an invisible row. One index probe per inserted row.
      execute pg_catalog.format('select exists (select 1 from %I.%I t where t.id = $1)',
                                tg_table_schema, tg_table_name)
        into v_exists using new.id;
      if v_exists then
        raise exception using errcode = '42501', message = 'row_not_visible';
      end if;
    end if;
    new.created_by := coalesce(auth.uid(), new.created_by);
    new.updated_at := pg_catalog.now();
  end if;
  -- Size: the JSON of a row is at most 6 times its stored size (escapes such as \u0001), so
  -- a freshly built row under 65536 / 6 bytes needs no JSON. An UPDATE may carry unchanged
  -- values as compressed or TOAST pointers, so it is always measured (updates go one by one).
  if tg_op = 'UPDATE' or pg_catalog.pg_column_size(new) > 10922 then
    v_bytes := pg_catalog.octet_length(pg_catalog.to_jsonb(new)::text);
    if v_bytes > 65536 then
      raise exception using errcode = '54000', message = 'row_too_large',
        detail = pg_catalog.format('%s %s: %s bytes as JSON', tg_table_name, new.id, v_bytes),
        hint = 'a row may hold at most 64 KB (65536 bytes as JSON)';
    end if;
  end if;
  new.version := private.next_school_version(new.school_id);
  return new;
end;
$$;

-- The same for `schools`, whose scope is its own id.
create function private.stamp_school_row()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if tg_op = 'UPDATE' then
    if new.id is distinct from old.id then
      raise exception using errcode = '23514', message = 'school_id_immutable',
        constraint = 'school_id_immutable';
    end if;
    new.created_at := old.created_at;
    new.created_by := old.created_by;
  else
    new.created_by := coalesce(auth.uid(), new.created_by);
  end if;
  new.updated_at := pg_catalog.now();
  new.version := private.next_school_version(new.id);
  return new;
end;
$$;

revoke all on function private.next_school_version(uuid) from public, anon, authenticated;
revoke all on function private.stamp_synced_row() from public, anon, authenticated;
revoke all on function private.stamp_school_row() from public, anon, authenticated;

-- BEFORE INSERT OR UPDATE ... WHEN (new.deleted_at is not null), arguments = the columns to
-- erase: nullable -> null; not null: text -> '', jsonb -> '{}', arrays -> '{}'. Runs on every
-- write of a tombstone (a later write cannot put text back). The conflicts about the row
-- (public.sync_conflicts, created in 900_sync_conflicts.sql; resolved at run time) lose their
-- values and are tombstoned too. Definer: the caller may not write those conflicts.
create function private.scrub_tombstone()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_patch jsonb;
  v_found integer;
begin
  select coalesce(pg_catalog.jsonb_object_agg(a.attname,
           case when not a.attnotnull then 'null'::jsonb
                when a.atttypid = 'pg_catalog.jsonb'::pg_catalog.regtype then '{}'::jsonb
                when t.typcategory = 'A' then '[]'::jsonb
                else '""'::jsonb end), '{}'::jsonb),
         pg_catalog.count(*)::integer
    into v_patch, v_found
  from pg_catalog.pg_attribute a
  join pg_catalog.pg_type t on t.oid = a.atttypid
  where a.attrelid = tg_relid and a.attnum > 0 and not a.attisdropped
    and a.attname::text = any (tg_argv);
  if v_found <> cardinality(tg_argv) then
    raise exception using errcode = '42703',
      message = pg_catalog.format('scrub_tombstone: %s lacks one of %s', tg_table_name, tg_argv);
  end if;
  new := pg_catalog.jsonb_populate_record(new, v_patch);
  if tg_op = 'UPDATE' and pg_catalog.to_regclass('public.sync_conflicts') is not null then
    execute 'update public.sync_conflicts c
             set base_value = null, server_value = null, client_value = null,
                 deleted_at = coalesce(c.deleted_at, pg_catalog.now())
             where c.table_name = $1 and c.row_id = $2
               and (c.deleted_at is null or c.base_value is not null
                    or c.server_value is not null or c.client_value is not null)'
      using tg_table_name::text, new.id;
  end if;
  return new;
end;
$$;
revoke all on function private.scrub_tombstone() from public, anon, authenticated;

-- ---------------------------------------------------------------- date sanity
-- The window every date a person types must fall in (the rules pairs_date_out_of_range and
-- meetings_date_out_of_range): no earlier than 2020-01-01 (the target model exists since
-- the Ministry's directive Р-145 of 25.12.2019) nor than the start of the pair's programme
-- year, no later than a year and a day ahead (a typo like 2062). 'ok', 'tooEarly' or
-- 'tooFarAhead': the same answers as dateSanity in src/domain/formRules.ts
-- (test/db/rules-equal-forms.test.ts compares the two).
create function private.date_sanity(p_date date, p_today date, p_programme_starts_on date)
returns text
language sql
immutable
set search_path = ''
as $$
  select case
    when p_date < greatest('2020-01-01'::date, p_programme_starts_on) then 'tooEarly'
    when p_date > p_today + 366 then 'tooFarAhead'
    else 'ok'
  end
$$;
revoke all on function private.date_sanity(date, date, date) from public, anon, authenticated;

-- ---------------------------------------------------------------- consent gate
-- A minor (participants.is_minor) without a valid consent may hold an account and read,
-- but nothing from her account is stored: every write by `authenticated` to a synced table
-- is refused while one of the caller's active memberships is a minor not covered today.
-- One statement-level trigger per table; the answer is cached for the transaction (and
-- caller), so a push of 1,000 rows looks it up once.
create function private.caller_needs_consent()
returns boolean
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return exists (
    select 1
    from public.memberships m
    join public.participants p on p.id = m.participant_id
    where m.user_id = auth.uid() and m.revoked_at is null and m.deleted_at is null
      and p.is_minor and p.deleted_at is null
      and not coalesce(p.consent_covered_until >= current_date, false));
end;
$$;

create function private.require_consent()
returns trigger
language plpgsql
set search_path = ''
as $$
declare
  v_tag text;
  v_cached text;
begin
  if current_user <> 'authenticated' then
    return null;
  end if;
  v_tag := pg_catalog.pg_current_xact_id()::text || ':' || coalesce(auth.uid()::text, '') || ':';
  v_cached := pg_catalog.current_setting('nastavnik.consent_gate', true);
  if v_cached is null or pg_catalog.left(v_cached, pg_catalog.length(v_tag)) <> v_tag then
    v_cached := v_tag || case when private.caller_needs_consent() then 'refuse' else 'ok' end;
    perform pg_catalog.set_config('nastavnik.consent_gate', v_cached, true);
  end if;
  if v_cached = v_tag || 'refuse' then
    raise exception using errcode = '23514', message = 'consent_required', constraint = 'consent_required',
      detail = tg_table_name;
  end if;
  return null;
end;
$$;

revoke all on function private.caller_needs_consent() from public, anon, authenticated;
revoke all on function private.require_consent() from public, anon, authenticated;
-- Answers for the caller only.
grant execute on function private.caller_needs_consent() to authenticated;
