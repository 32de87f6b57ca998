-- Owns: the idempotency log of sync mutations (private.sync_mutations) and the two definer
-- helpers that write it for sync_push: private.sync_claim_mutations (claim the ids of a call)
-- and private.sync_finish_mutations (store their results). Its retention is
-- private.purge_sync_history (950_sync_retention.sql).
--
-- Invariants kept here:
-- * A mutation id is applied at most once per user: the log is keyed by (user_id,
--   mutation_id), and a claim row commits together with its effects (same transaction).
--   Another user's use of the same id neither blocks nor reveals anything.
-- * Only a member writes: a caller without an active membership has every mutation refused
--   (42501 'no_membership') and nothing is logged for her.
-- * Both helpers are SECURITY DEFINER (the log has no grants) and act for auth.uid() only;
--   sync_push runs as the caller, so the caller needs EXECUTE on them (granted below, each
--   next to its function).

-- Not reachable through the API (private schema, no grants): only the definer helpers below.
-- Keyed per user: a mutation id means something only together with who sent it. `result`
-- is the answer the mutation got, without its id ({status, code?, constraint?, message?,
-- applied?}: 930_sync_push.sql), from which a later duplicate is answered.
create table private.sync_mutations (
  user_id uuid not null,
  mutation_id uuid not null,
  device_id uuid not null,
  seq bigint,
  table_name text,
  row_id uuid,
  result jsonb,
  applied_at timestamptz not null default now(),
  constraint sync_mutations_pkey primary key (user_id, mutation_id)
);
-- For the retention job only (rows arrive in time order, so a BRIN index is enough and costs
-- the claims next to nothing).
create index sync_mutations_applied_at_idx on private.sync_mutations using brin (applied_at);
revoke all on private.sync_mutations from public, anon, authenticated;

-- Claims the well-formed mutation ids of one call for the caller, in one statement (in
-- mutation-id order, so two concurrent pushes of overlapping ids queue on the primary key
-- instead of deadlocking). Returns one row per distinct id: claimed = true when claimed now;
-- otherwise the caller's stored result (read by a second statement, so an id that a
-- concurrent push of the same user committed while this one waited is seen). The arrays
-- are the call's mutations in order (null id = malformed, skipped); for a repeated id the
-- first occurrence is logged. Only a member may write into the log.
create function private.sync_claim_mutations(
  p_device_id uuid, p_ids uuid[], p_seqs bigint[], p_tables text[], p_row_ids uuid[])
returns table (mutation_id uuid, claimed boolean, stored jsonb)
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_uid uuid := auth.uid();
  v_claimed uuid[];
  v_wanted uuid[];
begin
  if v_uid is null then
    raise exception using errcode = '42501', message = 'not_authenticated';
  end if;
  if not exists (select 1 from private.my_school_ids()) then
    raise exception using errcode = '42501', message = 'no_membership';
  end if;
  with src as (
    select distinct on (c.id) c.id, c.seq, c.table_name, c.row_id
    from rows from (pg_catalog.unnest(p_ids), pg_catalog.unnest(p_seqs), pg_catalog.unnest(p_tables),
                    pg_catalog.unnest(p_row_ids)) with ordinality as c (id, seq, table_name, row_id, n)
    where c.id is not null
    order by c.id, c.n
  ), ins as (
    insert into private.sync_mutations as m (user_id, mutation_id, device_id, seq, table_name, row_id)
    select v_uid, s.id, p_device_id, s.seq, s.table_name, s.row_id
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
      select m.mutation_id, false, m.result
      from private.sync_mutations m
      where m.user_id = v_uid and m.mutation_id = any (v_wanted);
  end if;
end;
$$;
revoke all on function private.sync_claim_mutations(uuid, uuid[], bigint[], text[], uuid[]) from public, anon, authenticated;
grant execute on function private.sync_claim_mutations(uuid, uuid[], bigint[], text[], uuid[]) to authenticated;

-- Stores the results of the mutations this call claimed (p_ids[i] answered p_results[i]),
-- without the mutation id (the key holds it). Only rows of the caller still without a result (claimed in this transaction: claims and
-- results commit together, so a committed log row always has its result).
create function private.sync_finish_mutations(p_ids uuid[], p_results jsonb[])
returns void
language sql
volatile
security definer
set search_path = ''
as $$
  update private.sync_mutations m
  set result = x.result - 'mutation_id'
  from rows from (pg_catalog.unnest(p_ids), pg_catalog.unnest(p_results)) as x (mutation_id, result)
  where m.user_id = auth.uid() and m.mutation_id = any (p_ids) and m.mutation_id = x.mutation_id
    and m.result is null
$$;
revoke all on function private.sync_finish_mutations(uuid[], jsonb[]) from public, anon, authenticated;
grant execute on function private.sync_finish_mutations(uuid[], jsonb[]) to authenticated;
