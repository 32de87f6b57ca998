-- Owns: public.sync_pull (rows and tombstones out, per-scope cursors; the scopes come from
-- private.sync_scopes and the counters from private.sync_school_horizons,
-- 920_sync_registry.sql).
--
-- Invariants kept here:
-- * sync_pull is SECURITY INVOKER: every row read passes the caller's RLS, and membership
--   comes from the membership tables at call time (private.my_* helpers), never from JWT
--   claims.
-- * A pull never splits a version (one writing transaction) across pages, and a cursor
--   only moves past versions that were all visible in the pull's snapshot.

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
revoke all on function public.sync_pull(jsonb, integer) from public, anon, authenticated;
grant execute on function public.sync_pull(jsonb, integer) to authenticated;
