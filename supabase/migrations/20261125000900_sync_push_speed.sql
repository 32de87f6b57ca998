-- Owns: the speed of public.sync_push (1,000 queued changes should cost a small multiple of
-- one multi-row INSERT of the same rows). Same contract, same guarantees as migration 0700:
-- * Still SECURITY INVOKER: every row written passes the caller's RLS and column grants.
-- * Idempotency: the mutation ids of a call are claimed in ONE statement (in mutation-id
--   order, so two concurrent pushes of overlapping ids queue on the primary key instead of
--   deadlocking) and their results stored in ONE statement at the end, both in the call's
--   transaction: a mutation id is still applied at most once, for one user.
-- * Isolation: a run of consecutive plain inserts into the same table with the same fields
--   is tried as ONE set-based INSERT in one subtransaction (the fast path). If that INSERT
--   fails for any non-transient reason (one poison row, an existing row, RLS, a trigger),
--   the subtransaction is rolled back and every mutation of the run is applied again one
--   by one, each in its own subtransaction, exactly as before: the poison mutation alone is
--   rejected with its SQLSTATE. Everything else (patches, deletes, inserts that are not
--   plain, repeated ids) always takes the per-mutation path (private.sync_apply_mutation,
--   unchanged).
-- * Version order: the fast path takes the school counters (sorted) before it inserts,
--   like sync_lock_school does per mutation, so pushes still lock counter-then-row.
-- * What the fast path cannot see differently: RLS WITH CHECK subqueries run once per
--   statement instead of once per mutation, which is the same answer because no insert
--   policy reads the table it guards; BEFORE ROW triggers see the earlier rows of the run
--   as they would one by one. Foreign keys are checked at the end of the INSERT, so a
--   table with a foreign key to itself (questionnaire_templates.based_on) never takes the
--   fast path (a forward reference would pass there but fail one by one). The INSERT
--   returns the versions (RETURNING), which needs the new rows to pass the SELECT policy;
--   every current insert policy implies it, and where one would not, the INSERT fails and
--   the run falls back to the per-mutation path.
-- Also here: the meetings guard looks memberships up only when it needs them, and the
-- hot private.my_* helpers are PL/pgSQL (plan cached per session) instead of SQL.

-- ---------------------------------------------------------------- meetings guard
-- Same rules as migration 0400, but each membership lookup runs only when its answer is
-- needed: a mentor logging a meeting (no mentee fields) costs no lookup at all instead of
-- two per row. Checks and their order are unchanged.
create or replace function private.guard_meeting_write()
returns trigger
language plpgsql
set search_path = ''
as $$
declare
  v_mentee_columns constant text[] := array['mentee_confirmed_at', 'mentee_reflection'];
  v_sync_columns constant text[] := array['version', 'updated_at', 'created_at', 'created_by'];
begin
  if current_user <> 'authenticated' then
    return new;
  end if;
  if tg_op = 'UPDATE'
     and (pg_catalog.to_jsonb(new) - v_mentee_columns - v_sync_columns)
         is distinct from (pg_catalog.to_jsonb(old) - v_mentee_columns - v_sync_columns) then
    if not (new.pair_id in (select private.my_mentor_pair_ids())) then
      raise exception using errcode = '42501', message = 'meeting_mentee_fields_only';
    end if;
  end if;
  if new.mentee_confirmed_at is distinct from (case when tg_op = 'UPDATE' then old.mentee_confirmed_at end)
     or new.mentee_reflection is distinct from (case when tg_op = 'UPDATE' then old.mentee_reflection end) then
    if not (new.pair_id in (select private.my_mentee_pair_ids())) then
      raise exception using errcode = '42501', message = 'meeting_confirmation_by_mentee_only';
    end if;
  end if;
  return new;
end;
$$;

-- ---------------------------------------------------------------- mutation log, batched
-- Claims the well-formed mutation ids of one call for the caller, in one statement.
-- Returns one row per distinct id: claimed = true when claimed now; otherwise the stored
-- {user_id, result} (read by a second statement, so an id that a concurrent push committed
-- while this one waited on it is seen). The arrays are the call's mutations in order (null
-- id = malformed, skipped); for a repeated id the first occurrence is logged (as one by one).
create function private.sync_claim_mutations(
  p_device_id uuid, p_ids uuid[], p_seqs bigint[], p_tables text[], p_row_ids uuid[])
returns table (mutation_id uuid, claimed boolean, stored jsonb)
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_claimed uuid[];
  v_wanted uuid[];
begin
  if auth.uid() is null then
    raise exception using errcode = '42501', message = 'not_authenticated';
  end if;
  with src as (
    select distinct on (c.id) c.id, c.seq, c.table_name, c.row_id
    from rows from (pg_catalog.unnest(p_ids), pg_catalog.unnest(p_seqs), pg_catalog.unnest(p_tables),
                    pg_catalog.unnest(p_row_ids)) with ordinality as c (id, seq, table_name, row_id, n)
    where c.id is not null
    order by c.id, c.n
  ), ins as (
    insert into private.sync_mutations as m (mutation_id, user_id, device_id, seq, table_name, row_id)
    select s.id, auth.uid(), p_device_id, s.seq, s.table_name, s.row_id
    from src s
    order by s.id
    on conflict on constraint sync_mutations_pkey do nothing
    returning m.mutation_id
  )
  select coalesce(pg_catalog.array_agg(ins.mutation_id), '{}'::uuid[]) into v_claimed from ins;

  return query
    select x.id, true, null::jsonb
    from pg_catalog.unnest(v_claimed) as x (id);
  -- The usual case: every id is new, nothing to look up.
  select pg_catalog.array_agg(distinct c.id) into v_wanted
  from pg_catalog.unnest(p_ids) as c (id)
  where c.id is not null and c.id <> all (v_claimed);
  if v_wanted is not null then
    return query
      select m.mutation_id, false, pg_catalog.jsonb_build_object('user_id', m.user_id, 'result', m.result)
      from private.sync_mutations m
      where m.mutation_id = any (v_wanted);
  end if;
end;
$$;

-- Stores the results of the mutations this call claimed (p_ids[i] answered p_results[i]).
create function private.sync_finish_mutations(p_ids uuid[], p_results jsonb[])
returns void
language sql
volatile
security definer
set search_path = ''
as $$
  update private.sync_mutations m
  set result = x.result
  from rows from (pg_catalog.unnest(p_ids), pg_catalog.unnest(p_results)) as x (mutation_id, result)
  where m.mutation_id = any (p_ids) and m.mutation_id = x.mutation_id and m.user_id = auth.uid()
$$;

-- ---------------------------------------------------------------- push
-- Contract unchanged (see migration 0700).
create or replace function public.sync_push(p_device_id uuid, p_mutations jsonb)
returns jsonb
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_uid uuid := auth.uid();
  v_n integer;
  v_ms jsonb[];
  v_mids uuid[];
  v_fast text[];          -- per position: 'table|sorted keys' when a plain insert, else null
  v_row_ids uuid[];
  v_schools_of uuid[];    -- per position: fields.school_id of a plain insert
  v_seqs bigint[];
  v_tables text[];
  v_claimed jsonb := '{}'::jsonb;     -- mutation id -> true, claimed by this call
  v_stored jsonb := '{}'::jsonb;      -- mutation id -> {user_id, result}, claimed before
  v_seen jsonb := '{}'::jsonb;        -- mutation id -> its result in this call
  v_unique boolean;                   -- no well-formed mutation id occurs twice in this call
  v_counts jsonb := '{}'::jsonb;      -- if not: mutation id -> occurrences (> 1 only)
  v_out jsonb[];
  v_fin_ids uuid[] := '{}'::uuid[];
  v_fin_results jsonb[] := '{}'::jsonb[];
  v_fast_tables text[];
  v_schools uuid[] := '{}'::uuid[];
  v_done boolean[];
  v_slow boolean[];
  v_i integer;
  v_end integer;
  v_group_rows jsonb[];
  v_group_ids uuid[];
  v_table text;
  v_keys text[];
  v_versions jsonb;
  v_count integer;
  v_school uuid;
  v_m jsonb;
  v_mid uuid;
  v_stored_one jsonb;
  v_result jsonb;
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
  -- Per-mutation subtransactions past 64 per transaction overflow PostgreSQL's subxid cache
  -- (snapshots get slower server-wide); the fast path needs one per run of inserts.
  if pg_catalog.jsonb_array_length(p_mutations) > 500 then
    raise exception using errcode = '54000', message = 'too_many_mutations', hint = 'send at most 500 per call';
  end if;

  -- Tables whose inserts may take the fast path: synced inserts, no foreign key to itself.
  select pg_catalog.array_agg(t.table_name) into v_fast_tables
  from private.sync_tables t
  where cardinality(t.insert_columns) > 0
    and not exists (select 1 from pg_catalog.pg_constraint c
                    where c.contype = 'f'
                      and c.conrelid = pg_catalog.format('public.%I', t.table_name)::regclass
                      and c.confrelid = c.conrelid);

  -- One pass over the batch: ids, and which mutations are plain inserts (known table that
  -- syncs inserts, no self-referencing foreign key, row_id and fields.school_id uuids,
  -- only insert columns) keyed by table and field names.
  select coalesce(pg_catalog.array_agg(x.m order by x.n), '{}'),
         coalesce(pg_catalog.array_agg(x.mid order by x.n), '{}'),
         coalesce(pg_catalog.array_agg(x.fast order by x.n), '{}'),
         coalesce(pg_catalog.array_agg(x.row_id order by x.n), '{}'),
         coalesce(pg_catalog.array_agg(x.school_id order by x.n), '{}'),
         coalesce(pg_catalog.array_agg(x.seq order by x.n), '{}'),
         coalesce(pg_catalog.array_agg(x.tbl order by x.n), '{}'),
         pg_catalog.count(distinct x.mid) = pg_catalog.count(x.mid)
  into v_ms, v_mids, v_fast, v_row_ids, v_schools_of, v_seqs, v_tables, v_unique
  from (
    select e.m, e.n, u.mid, u.row_id, u.school_id, e.m ->> 'table' as tbl,
           -- (only for a well-formed id, as before: a malformed mutation is never logged)
           case when u.mid is not null and pg_catalog.jsonb_typeof(e.m -> 'seq') = 'number'
                then (e.m ->> 'seq')::numeric::bigint end as seq,
           case when u.school_id is not null and u.row_id is not null and e.m ->> 'op' = 'insert'
                     and t.table_name = any (v_fast_tables) and ks.all_allowed
                then t.table_name || '|' || ks.keys end as fast
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
    left join private.sync_tables t on t.table_name = e.m ->> 'table'
    cross join lateral (
      select pg_catalog.string_agg(k, ',' order by k) as keys,
             coalesce(pg_catalog.bool_and(k = 'school_id' or k = any (t.insert_columns)), false) as all_allowed
      from pg_catalog.jsonb_object_keys(case when pg_catalog.jsonb_typeof(e.m -> 'fields') = 'object'
                                             then e.m -> 'fields' else '{}'::jsonb end) as k
    ) ks
    offset 0 -- each row computed once (flattened, every use of x.mid re-ran its test)
  ) x;

  if not v_unique then
    select pg_catalog.jsonb_object_agg(d.mid::text, d.uses) into v_counts
    from (select u.mid, pg_catalog.count(*) as uses
          from pg_catalog.unnest(v_mids) as u (mid)
          where u.mid is not null
          group by 1 having pg_catalog.count(*) > 1) d;
  end if;
  v_n := cardinality(v_ms);
  v_out := pg_catalog.array_fill(null::jsonb, array[v_n]);
  v_done := pg_catalog.array_fill(false, array[v_n]);
  v_slow := pg_catalog.array_fill(false, array[v_n]);

  if v_n > 0 then
    select coalesce(pg_catalog.jsonb_object_agg(c.mutation_id::text, true) filter (where c.claimed), '{}'::jsonb),
           coalesce(pg_catalog.jsonb_object_agg(c.mutation_id::text, c.stored) filter (where not c.claimed), '{}'::jsonb)
    into v_claimed, v_stored
    from private.sync_claim_mutations(p_device_id, v_mids, v_seqs, v_tables, v_row_ids) c;
  end if;

  v_i := 1;
  while v_i <= v_n loop
    v_m := v_ms[v_i];
    v_mid := v_mids[v_i];

    if v_done[v_i] then
      v_i := v_i + 1;
      continue;
    end if;

    if v_mid is null then
      v_out[v_i] := pg_catalog.jsonb_build_object(
        'mutation_id', v_m -> 'mutation_id', 'status', 'rejected', 'code', 'invalid_mutation',
        'message', 'mutation_id must be a uuid');
      v_i := v_i + 1;
      continue;
    end if;

    -- Claimed before this call, or an id repeated within it: answered from the log as before.
    v_stored_one := case when v_stored ? v_mid::text then v_stored -> v_mid::text
                         when v_seen ? v_mid::text
                           then pg_catalog.jsonb_build_object('user_id', v_uid, 'result', v_seen -> v_mid::text) end;
    if v_stored_one is not null then
      if (v_stored_one ->> 'user_id')::uuid is distinct from v_uid then
        v_out[v_i] := private.sync_rejection(v_mid, 'mutation_id_taken', 'this mutation id belongs to another user');
      else
        v_out[v_i] := coalesce(v_stored_one -> 'result', '{}'::jsonb)
          || pg_catalog.jsonb_build_object('mutation_id', v_mid, 'status', 'duplicate',
                                           'original_status', v_stored_one -> 'result' -> 'status');
      end if;
      v_i := v_i + 1;
      continue;
    end if;
    if not v_claimed ? v_mid::text then
      -- Cannot happen (every well-formed id is claimed or stored); refuse rather than apply.
      raise exception using errcode = 'XX000', message = 'sync_push_claim_missing';
    end if;

    -- ---------------------------------------------------------- fast path
    -- The run of plain inserts starting here: same table and fields, ids claimed now and
    -- used once in the call, distinct row ids. Two or more: one INSERT for all of them.
    if v_fast[v_i] is not null and not v_slow[v_i] and not v_counts ? v_mid::text then
      v_end := v_i;
      v_group_ids := array[v_row_ids[v_i]];
      while v_end < v_n
            and v_fast[v_end + 1] is not distinct from v_fast[v_i]
            and not v_slow[v_end + 1]
            and v_mids[v_end + 1] is not null
            and v_claimed ? v_mids[v_end + 1]::text
            and not v_counts ? v_mids[v_end + 1]::text
            and v_row_ids[v_end + 1] <> all (v_group_ids) loop
        v_end := v_end + 1;
        v_group_ids := v_group_ids || v_row_ids[v_end];
      end loop;

      if v_end > v_i then
        v_table := pg_catalog.split_part(v_fast[v_i], '|', 1);
        v_keys := pg_catalog.string_to_array(pg_catalog.split_part(v_fast[v_i], '|', 2), ',');
        v_group_rows := v_ms[v_i:v_end];
        begin
          -- Counter before rows, in a fixed order (as sync_lock_school per mutation).
          for v_school in select distinct s from pg_catalog.unnest(v_schools_of[v_i:v_end]) s order by s loop
            perform private.sync_lock_school(v_school);
          end loop;
          execute pg_catalog.format(
            'with ins as (insert into public.%1$I (id, %2$s) '
            'select (x.m ->> ''row_id'')::uuid, %3$s '
            'from pg_catalog.unnest($1) with ordinality as x (m, n) '
            'cross join lateral pg_catalog.jsonb_populate_record(null::public.%1$I, x.m -> ''fields'') r '
            'order by x.n returning id, version) '
            'select pg_catalog.jsonb_object_agg(ins.id::text, ins.version), pg_catalog.count(*)::integer from ins',
            v_table,
            (select pg_catalog.string_agg(pg_catalog.quote_ident(k), ', ' order by o) from pg_catalog.unnest(v_keys) with ordinality as u (k, o)),
            (select pg_catalog.string_agg('r.' || pg_catalog.quote_ident(k), ', ' order by o) from pg_catalog.unnest(v_keys) with ordinality as u (k, o)))
            into v_versions, v_count
            using v_group_rows;
          if v_count is distinct from cardinality(v_group_rows) then
            raise exception using errcode = 'SYNFB', message = 'sync_fast_path_row_count';
          end if;
        exception when others then
          get stacked diagnostics v_state = returned_sqlstate;
          if v_state like '40%' or v_state like '53%' or v_state = '55P03' then
            raise;
          end if;
          v_versions := null;
        end;

        if v_versions is not null then
          for v_j in v_i .. v_end loop
            v_result := pg_catalog.jsonb_build_object(
              'mutation_id', v_mids[v_j], 'status', 'applied',
              'version', (v_versions ->> v_row_ids[v_j]::text)::bigint);
            v_schools := v_schools || v_schools_of[v_j];
            v_out[v_j] := v_result;
            v_done[v_j] := true;
            v_fin_ids := v_fin_ids || v_mids[v_j];
            v_fin_results := v_fin_results || v_result;
          end loop;
          v_i := v_end + 1;
          continue;
        end if;
        -- Set-based attempt failed: this run goes one by one, each in its subtransaction.
        for v_j in v_i .. v_end loop
          v_slow[v_j] := true;
        end loop;
      end if;
    end if;

    -- ---------------------------------------------------------- one mutation
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

  return pg_catalog.jsonb_build_object(
    'results', pg_catalog.to_jsonb(v_out),
    'scope_versions', coalesce(
      (select pg_catalog.jsonb_object_agg(h.school_id::text, h.version)
       from private.sync_school_horizons(v_schools) h),
      '{}'::jsonb));
end;
$$;

revoke all on function
  private.sync_claim_mutations(uuid, uuid[], bigint[], text[], uuid[]), private.sync_finish_mutations(uuid[], jsonb[])
  from public, anon, authenticated;
grant execute on function
  private.sync_claim_mutations(uuid, uuid[], bigint[], text[], uuid[]), private.sync_finish_mutations(uuid[], jsonb[])
  to authenticated;

-- ---------------------------------------------------------------- membership helpers
-- The same queries as migration 0300, in PL/pgSQL instead of SQL. On PostgreSQL 15 a
-- non-inlinable SQL function (these are SECURITY DEFINER with a search_path, so never
-- inlined) parses and plans its body on every call; PL/pgSQL keeps the plan for the
-- session. RLS policies call them once per statement (`in (select private.my_x())`), but
-- the per-mutation path of sync_push runs several statements per mutation and the meetings
-- guard runs per row. Still STABLE (the caller's snapshot), still SECURITY DEFINER in the
-- unexposed schema, same answers.
create or replace function private.my_participant_ids()
returns setof uuid
language plpgsql stable security definer
set search_path = ''
as $$
begin
  return query
    select m.participant_id
    from public.memberships m
    where m.user_id = auth.uid()
      and m.revoked_at is null
      and m.deleted_at is null
      and m.participant_id is not null;
end;
$$;

create or replace function private.my_school_ids()
returns setof uuid
language plpgsql stable security definer
set search_path = ''
as $$
begin
  return query
    select distinct m.school_id
    from public.memberships m
    where m.user_id = auth.uid() and m.revoked_at is null and m.deleted_at is null;
end;
$$;

create or replace function private.my_staff_school_ids()
returns setof uuid
language plpgsql stable security definer
set search_path = ''
as $$
begin
  return query
    select distinct m.school_id
    from public.memberships m
    where m.user_id = auth.uid() and m.revoked_at is null and m.deleted_at is null
      and m.role in ('curator', 'school_admin');
end;
$$;

create or replace function private.my_admin_school_ids()
returns setof uuid
language plpgsql stable security definer
set search_path = ''
as $$
begin
  return query
    select m.school_id
    from public.memberships m
    where m.user_id = auth.uid() and m.revoked_at is null and m.deleted_at is null
      and m.role = 'school_admin';
end;
$$;

create or replace function private.my_pair_ids()
returns setof uuid
language plpgsql stable security definer
set search_path = ''
as $$
begin
  return query
    select distinct pm.pair_id
    from public.pair_members pm
    where pm.deleted_at is null
      and pm.participant_id in (select private.my_participant_ids());
end;
$$;

create or replace function private.my_mentor_pair_ids()
returns setof uuid
language plpgsql stable security definer
set search_path = ''
as $$
begin
  return query
    select distinct pm.pair_id
    from public.pair_members pm
    where pm.deleted_at is null and pm.side = 'mentor'
      and pm.participant_id in (select private.my_participant_ids());
end;
$$;

create or replace function private.my_mentee_pair_ids()
returns setof uuid
language plpgsql stable security definer
set search_path = ''
as $$
begin
  return query
    select distinct pm.pair_id
    from public.pair_members pm
    where pm.deleted_at is null and pm.side = 'mentee'
      and pm.participant_id in (select private.my_participant_ids());
end;
$$;

create or replace function private.my_visible_participant_ids()
returns setof uuid
language plpgsql stable security definer
set search_path = ''
as $$
begin
  return query
    select pm.participant_id
    from public.pair_members pm
    where pm.deleted_at is null
      and pm.pair_id in (select private.my_pair_ids())
    union
    select private.my_participant_ids();
end;
$$;

create or replace function private.my_mentee_participant_ids()
returns setof uuid
language plpgsql stable security definer
set search_path = ''
as $$
begin
  return query
    select distinct pm.participant_id
    from public.pair_members pm
    where pm.deleted_at is null and pm.side = 'mentee'
      and pm.pair_id in (select private.my_mentor_pair_ids());
end;
$$;
