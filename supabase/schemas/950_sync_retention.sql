-- Owns: the retention of sync history (private.purge_sync_history: old tombstones of every
-- synced table and old entries of the mutation log), the only private function service_role
-- may execute. The horizon it raises, private.school_sync_versions.purged_before_version,
-- is defined in 920_sync_registry.sql and read by sync_pull (940_sync_pull.sql).

-- Deletes what sync no longer needs past the horizon p_keep (issue 9, "Logs that do not
-- grow forever"):
-- * tombstones (deleted_at older than the horizon) of every synced table, children before
--   parents: a row that any row still references (a live child, or a younger tombstone)
--   is kept, and is purged by a later run once its children are gone;
-- * entries of the mutation log older than the horizon (a device that re-sends a mutation
--   after that gets it applied again, which the three-way merge and the insert merge make
--   harmless: equal values are no-ops);
-- and raises each affected school's purged_before_version to the highest version it
-- purged, so a device whose cursor is below that (it may never have seen the delete) gets
-- resync_required from sync_pull and pulls the school again, keeping its unsent writes.
-- Callable by service_role and the owner only. On a real server, nightly with pg_cron:
--   select cron.schedule('purge-sync-history', '17 3 * * *',
--                        $c$select private.purge_sync_history('90 days')$c$);
-- Returns { tombstones, mutations, horizons: { school_id: purged_before_version } }.
create function private.purge_sync_history(p_keep interval default '90 days')
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_cutoff timestamptz;
  v_sql text;
  v_gone jsonb;
  v_n bigint;
  v_pass_n bigint;
  v_tombstones bigint := 0;
  v_mutations bigint;
  v_horizons jsonb := '{}'::jsonb;
  v_statements text[];
begin
  if p_keep is null or p_keep < interval '0' then
    raise exception using errcode = '22023', message = 'retention_must_not_be_negative';
  end if;
  v_cutoff := pg_catalog.now() - p_keep;

  -- One DELETE per synced table with tombstones; each skips rows referenced by any foreign
  -- key (from any table, synced or not), so nothing cascades and no FK fails.
  select pg_catalog.array_agg(pg_catalog.format(
           'with gone as (delete from public.%1$I r where r.deleted_at < $1%2$s '
           'returning coalesce(r.%3$I, ''00000000-0000-0000-0000-000000000000''::uuid) as school_id, r.version) '
           'select pg_catalog.jsonb_object_agg(g.school_id::text, g.version), coalesce(pg_catalog.sum(g.n), 0) '
           'from (select school_id, pg_catalog.max(version) as version, pg_catalog.count(*) as n '
           '      from gone group by school_id) g',
           t.table_name,
           coalesce((
             select pg_catalog.string_agg(pg_catalog.format(
                      ' and not exists (select 1 from %s c where %s)', c.conrelid::regclass,
                      (select pg_catalog.string_agg(pg_catalog.format('c.%I = r.%I', ca.attname, pa.attname), ' and ')
                       from unnest(c.conkey, c.confkey) as k (ck, pk)
                       join pg_catalog.pg_attribute ca on ca.attrelid = c.conrelid and ca.attnum = k.ck
                       join pg_catalog.pg_attribute pa on pa.attrelid = c.confrelid and pa.attnum = k.pk)),
                    '' order by c.conname)
             from pg_catalog.pg_constraint c
             where c.contype = 'f' and c.confrelid = pg_catalog.format('public.%I', t.table_name)::regclass), ''),
           case when t.table_name = 'schools' then 'id' else 'school_id' end)
         order by t.table_name)
  into v_statements
  from private.sync_tables t
  where exists (select 1 from pg_catalog.pg_attribute a
                where a.attrelid = pg_catalog.format('public.%I', t.table_name)::regclass
                  and a.attname = 'deleted_at' and not a.attisdropped);

  -- Passes until nothing more goes: a parent whose last children went in this pass goes in
  -- the next one (at most the depth of the foreign-key tree).
  loop
    v_pass_n := 0;
    foreach v_sql in array v_statements loop
      execute v_sql into v_gone, v_n using v_cutoff;
      v_pass_n := v_pass_n + v_n;
      if v_gone is not null then
        select v_horizons || pg_catalog.jsonb_object_agg(g.key,
                 greatest(coalesce((v_horizons ->> g.key)::bigint, 0), (g.value #>> '{}')::bigint))
        into v_horizons
        from pg_catalog.jsonb_each(v_gone) g;
      end if;
    end loop;
    v_tombstones := v_tombstones + v_pass_n;
    exit when v_pass_n = 0;
  end loop;

  update private.school_sync_versions v
  set purged_before_version = greatest(v.purged_before_version, (h.value #>> '{}')::bigint)
  from pg_catalog.jsonb_each(v_horizons) h
  where v.school_id = h.key::uuid;

  delete from private.sync_mutations m where m.applied_at < v_cutoff;
  get diagnostics v_mutations = row_count;

  return pg_catalog.jsonb_build_object(
    'tombstones', v_tombstones, 'mutations', v_mutations,
    'horizons', (select coalesce(pg_catalog.jsonb_object_agg(v.school_id::text, v.purged_before_version), '{}'::jsonb)
                 from private.school_sync_versions v
                 where v.school_id in (select h.key::uuid from pg_catalog.jsonb_each(v_horizons) h)));
end;
$$;
revoke all on function private.purge_sync_history(interval) from public, anon, authenticated;
-- service_role reaches nothing else in private: every other function and table there is
-- revoked from PUBLIC.
grant usage on schema private to service_role;
grant execute on function private.purge_sync_history(interval) to service_role;
