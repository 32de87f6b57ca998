-- Owns: the `private` schema (never exposed through the API), the per-school sync
-- counter and the trigger functions every synced table uses.
--
-- Invariants kept here:
-- * Every write to a synced table is stamped with its school's counter, incremented ONCE
--   per transaction under the counter row's lock. Writers in one school serialize on that
--   row, so commit order equals version order (SYNC.md "Server versioning"). Writes that
--   bypass the sync RPC (dashboard, SQL, backfills) go through the same trigger.
-- * `school_id` never changes: nobody moves a row to another school.
-- * `created_at` / `created_by` are set once; `updated_at` is the server's time.
-- Built-in rows that belong to no school (default questionnaire templates) use the nil
-- uuid as their counter key ("global" scope).

create schema if not exists private;
revoke all on schema private from public, anon, authenticated;
-- Policies are evaluated as the caller, so the caller needs USAGE here and EXECUTE on the
-- helpers the policies call. The schema is not in the PostgREST exposed schemas.
grant usage on schema private to authenticated;
alter default privileges in schema private revoke execute on functions from public;

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
create function private.stamp_synced_row()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if tg_op = 'UPDATE' then
    if new.school_id is distinct from old.school_id then
      raise exception using errcode = '23514', message = 'school_id_immutable',
        constraint = 'school_id_immutable',
        detail = pg_catalog.format('%s %s', tg_table_name, old.id);
    end if;
    new.created_at := old.created_at;
    new.created_by := old.created_by;
    new.updated_at := pg_catalog.now();
  else
    new.created_by := coalesce(auth.uid(), new.created_by);
    new.updated_at := pg_catalog.now();
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
